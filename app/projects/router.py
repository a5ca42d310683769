from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from app.authz.permissions import Permission
from app.core.enums import CampaignStatus, OrgDomain, OrgLevel, ProjectCategory, ProjectStatus, ReminderReason
from app.kit.caller import Caller, requires
from app.kit.params import IfMatch, Paging
from app.kit.schemas import IdPath, IdQuery, Page
from app.projects import campaigns as campaign_service
from app.projects import ledger, service
from app.projects.schemas import (
    AcceptBody,
    CampaignCreate,
    CampaignDetail,
    CampaignRead,
    CampaignUpdate,
    CompleteBody,
    ItemCreate,
    ItemUpdate,
    OrgRollup,
    ProjectCreate,
    ProjectDetail,
    ProjectFilters,
    ProjectMonthlyReport,
    ProjectRead,
    ProjectSummary,
    ProjectUpdate,
    ReminderRead,
)
from app.tracking.schemas import NoteBody, OptionalNoteBody, TimelineEntry

campaigns = APIRouter(prefix="/project-campaigns", tags=["project-campaigns"])
projects = APIRouter(prefix="/projects", tags=["projects"])

Reader = Annotated[Caller, requires(Permission.project_read)]
Manager = Annotated[Caller, requires(Permission.campaign_manage)]
Claimer = Annotated[Caller, requires(Permission.project_claim)]
Reporter = Annotated[Caller, requires(Permission.project_report)]
Reviewer = Annotated[Caller, requires(Permission.project_review)]
RootId = Annotated[IdQuery, Query(description="该组织及其下级")]


# Campaigns -------------------------------------------------------------------------------------------------------


@campaigns.get("", response_model=Page[CampaignRead], summary="书记项目认领活动（含上级组织的活动）")
async def list_campaigns(
    call: Reader,
    paging: Paging,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
    status: CampaignStatus | None = None,
) -> Response:
    return await call(campaign_service.list_campaigns, paging, year, status)


@campaigns.post("", response_model=CampaignDetail, status_code=201, summary="新建认领活动（可附项目清单）")
async def create_campaign(body: CampaignCreate, call: Manager) -> Response:
    return await call(campaign_service.create, body)


@campaigns.get("/{campaign_id}", response_model=CampaignDetail, summary="认领活动详情与项目清单")
async def get_campaign(campaign_id: IdPath, call: Reader) -> Response:
    return await call(campaign_service.get_campaign, campaign_id)


@campaigns.patch("/{campaign_id}", response_model=CampaignDetail, summary="修改认领活动")
async def update_campaign(campaign_id: IdPath, body: CampaignUpdate, call: Manager, if_match: IfMatch) -> Response:
    return await call(campaign_service.update, campaign_id, body, if_match)


@campaigns.post(
    "/{campaign_id}/open", response_model=CampaignDetail, summary="发布活动（为各层级书记自动认领必选项目）"
)
async def open_campaign(campaign_id: IdPath, call: Manager, if_match: IfMatch) -> Response:
    return await call(campaign_service.transition, campaign_id, "open", if_match)


@campaigns.post("/{campaign_id}/close", response_model=CampaignDetail, summary="结束认领与申报")
async def close_campaign(campaign_id: IdPath, call: Manager, if_match: IfMatch) -> Response:
    return await call(campaign_service.transition, campaign_id, "close", if_match)


@campaigns.post("/{campaign_id}/preclaim", response_model=CampaignDetail, summary="补齐必选项目（新任书记、新建组织）")
async def preclaim(campaign_id: IdPath, call: Manager) -> Response:
    return await call(campaign_service.preclaim, campaign_id)


@campaigns.post("/{campaign_id}/items", response_model=CampaignDetail, status_code=201, summary="添加清单项目")
async def add_item(campaign_id: IdPath, body: ItemCreate, call: Manager) -> Response:
    return await call(campaign_service.add_item, campaign_id, body)


@campaigns.patch("/{campaign_id}/items/{item_id}", response_model=CampaignDetail, summary="修改清单项目")
async def update_item(
    campaign_id: IdPath, item_id: IdPath, body: ItemUpdate, call: Manager, if_match: IfMatch
) -> Response:
    return await call(campaign_service.update_item, campaign_id, item_id, body, if_match)


@campaigns.delete("/{campaign_id}/items/{item_id}", status_code=204, summary="删除清单项目（仅草稿活动）")
async def delete_item(campaign_id: IdPath, item_id: IdPath, call: Manager) -> Response:
    return await call(campaign_service.delete_item, campaign_id, item_id)


# Projects --------------------------------------------------------------------------------------------------------


async def project_filters(
    root_id: RootId = None,
    campaign_id: IdQuery = None,
    item_id: IdQuery = None,
    status: ProjectStatus | None = None,
    level: Annotated[OrgLevel | None, Query(description="项目所属党组织的层级")] = None,
    domain: Annotated[OrgDomain | None, Query(description="项目领域")] = None,
    category: ProjectCategory | None = None,
    owner_id: Annotated[IdQuery, Query(description="领办书记")] = None,
    mandatory: bool | None = None,
    overdue: bool | None = None,
    open: bool | None = None,
    deadline_from: date | None = None,
    deadline_to: date | None = None,
    q: Annotated[str | None, Query(max_length=50)] = None,
) -> ProjectFilters:
    return ProjectFilters(
        root_id=root_id,
        status=status,
        overdue=overdue,
        open=open,
        deadline_from=deadline_from,
        deadline_to=deadline_to,
        q=q,
        campaign_id=campaign_id,
        item_id=item_id,
        level=level,
        domain=domain,
        category=category,
        owner_id=owner_id,
        mandatory=mandatory,
    )


Filters = Annotated[ProjectFilters, Depends(project_filters)]


@projects.get("", response_model=Page[ProjectRead], summary="项目台账")
async def list_projects(call: Reader, paging: Paging, filters: Filters) -> Response:
    return await call(ledger.list_projects, paging, filters)


@projects.post("", response_model=ProjectDetail, status_code=201, summary="认领项目（自选），可同时填写方案")
async def claim(body: ProjectCreate, call: Claimer) -> Response:
    return await call(service.claim, body)


@projects.get("/summary", response_model=ProjectSummary, summary="项目汇总（状态、进度、提醒、验收等次）")
async def summary(call: Reader, filters: Filters) -> Response:
    return await call(ledger.summary, filters)


@projects.get("/rollup", response_model=Page[OrgRollup], summary="各党组织项目进度汇总")
async def rollup(call: Reader, paging: Paging, filters: Filters) -> Response:
    return await call(ledger.rollup, paging, filters)


@projects.get("/reminders", response_model=Page[ReminderRead], summary="提醒清单（本月未调度、滞后于节点）")
async def reminders(
    call: Reader,
    paging: Paging,
    root_id: RootId = None,
    campaign_id: IdQuery = None,
    owner_id: IdQuery = None,
    reason: ReminderReason | None = None,
) -> Response:
    return await call(ledger.reminders, paging, root_id, campaign_id, owner_id, reason)


@projects.get("/{project_id}", response_model=ProjectDetail, summary="项目详情与方案")
async def get_project(project_id: IdPath, call: Reader) -> Response:
    return await call(ledger.get_project, project_id)


@projects.patch("/{project_id}", response_model=ProjectDetail, summary="修改项目方案（草稿或退回时）")
async def update_project(project_id: IdPath, body: ProjectUpdate, call: Claimer, if_match: IfMatch) -> Response:
    return await call(service.update, project_id, body, if_match)


@projects.get("/{project_id}/timeline", response_model=list[TimelineEntry], summary="项目过程（时间线）")
async def project_timeline(project_id: IdPath, call: Reader) -> Response:
    return await call(service.timeline, project_id)


@projects.post("/{project_id}/submit", response_model=ProjectDetail, summary="申报（方案须完整）")
async def submit(project_id: IdPath, call: Claimer, if_match: IfMatch) -> Response:
    return await call(service.submit, project_id, if_match)


@projects.post("/{project_id}/approve", response_model=ProjectDetail, summary="审核通过（上级组织部门）")
async def approve(project_id: IdPath, body: OptionalNoteBody, call: Reviewer, if_match: IfMatch) -> Response:
    return await call(service.act, project_id, "approve", body.note, if_match)


@projects.post("/{project_id}/return", response_model=ProjectDetail, summary="退回修改（须说明理由）")
async def return_project(project_id: IdPath, body: NoteBody, call: Reviewer, if_match: IfMatch) -> Response:
    return await call(service.act, project_id, "return", body.note, if_match)


@projects.post("/{project_id}/start", response_model=ProjectDetail, summary="开始实施")
async def start(project_id: IdPath, body: OptionalNoteBody, call: Claimer, if_match: IfMatch) -> Response:
    return await call(service.act, project_id, "start", body.note, if_match)


@projects.post("/{project_id}/cancel", response_model=ProjectDetail, summary="撤销（审核通过前，自选项目）")
async def cancel(project_id: IdPath, body: OptionalNoteBody, call: Claimer, if_match: IfMatch) -> Response:
    return await call(service.act, project_id, "cancel", body.note, if_match)


@projects.post("/{project_id}/complete", response_model=ProjectDetail, summary="申请验收")
async def complete(project_id: IdPath, body: CompleteBody, call: Claimer, if_match: IfMatch) -> Response:
    return await call(service.complete, project_id, body, if_match)


@projects.post("/{project_id}/accept", response_model=ProjectDetail, summary="评估验收（评定等次）")
async def accept(project_id: IdPath, body: AcceptBody, call: Reviewer, if_match: IfMatch) -> Response:
    return await call(service.accept, project_id, body, if_match)


@projects.post(
    "/{project_id}/monthly-reports",
    response_model=ProjectDetail,
    status_code=201,
    summary="月度调度（一月一调度，同月再报则覆盖）",
)
async def add_monthly_report(project_id: IdPath, body: ProjectMonthlyReport, call: Reporter) -> Response:
    return await call(service.add_monthly_report, project_id, body)


@projects.post("/{project_id}/milestones/{milestone_id}/complete", response_model=ProjectDetail, summary="完成阶段节点")
async def complete_milestone(project_id: IdPath, milestone_id: IdPath, call: Reporter) -> Response:
    return await call(service.complete_milestone, project_id, milestone_id)
