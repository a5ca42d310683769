"""书记项目 rules: claiming within the campaign's limits, the plan (一项目一方案), approval and acceptance from
above, monthly scheduling (一月一调度) and milestones."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.authz.permissions import Permission
from app.authz.principal import Principal
from app.core import clock
from app.core.enums import CampaignStatus, OrgStatus, ProjectGrade, ProjectStatus, label
from app.core.errors import Conflict, Forbidden, InvalidTransition, Unprocessable
from app.kit.etag import check_version
from app.models.projects import Project, ProjectCampaign
from app.orgs import repository as org_repository
from app.projects import campaigns, repository
from app.projects.schemas import AcceptBody, CompleteBody, ProjectCreate, ProjectMonthlyReport, ProjectUpdate
from app.projects.workflow import PLAN_EDITABLE, PROJECT
from app.tracking import repository as tracking_repository
from app.tracking import service as tracking
from app.tracking.kinds import Kind, register
from app.tracking.schemas import MilestoneIn
from app.tracking.workflow import OWN_ORG, Transition

KIND = register(
    Kind(
        "project",
        Project,
        PROJECT,
        read=Permission.project_read,
        report=Permission.project_report,
        # 一月一调度: projects being carried out report every month (the reminder job nags the rest).
        monthly_statuses=frozenset({ProjectStatus.in_progress}),
        done_statuses=frozenset({ProjectStatus.accepted}),
        label="书记项目",
    )
)


def present(principal: Principal, row: Any, reported: bool, behind: bool) -> dict[str, Any]:
    project: Project = row.Project
    data = {c.key: getattr(project, c.key) for c in Project.__mapper__.column_attrs}
    shared = tracking.present(project, principal)
    if project.is_mandatory:  # 必选 projects are never withdrawn
        shared["allowed_actions"] = [a for a in shared["allowed_actions"] if a != "cancel"]
    return (
        data
        | shared
        | {
            "org_name": row.org_name,
            "org_level": row.org_level,
            "item_title": row.item_title,
            "category": row.category,
            "domain": row.domain,
            "owner_name": row.owner_name,
            "reported_this_month": reported,
            "behind_milestone": behind,
        }
    )


def detail(session: Session, principal: Principal, project_id: int) -> dict[str, Any]:
    row = repository.get_row(session, principal, project_id)
    project: Project = row.Project
    reported = project.id in tracking_repository.reported_in(session, [project.id], tracking.current_period())
    behind = project.is_open and bool(repository.late_milestones(session, [project.id], clock.today_local()))
    return present(principal, row, reported, behind) | {
        "plan": {
            "goals": project.goals,
            "measures": project.measures,
            "team": project.team,
            "milestones": tracking_repository.milestones(session, project.id),
        }
    }


def _own_org(principal: Principal, org_path: str) -> bool:
    return any(a.org_path == org_path and Permission.project_claim in a.permissions for a in principal.assignments)


def _check_milestones(milestones: list[MilestoneIn], deadline: Any) -> None:
    if deadline is None:
        return
    late = [i for i, m in enumerate(milestones) if m.due_on > deadline]
    if late:
        raise Unprocessable(
            "阶段节点不能晚于项目完成时限",
            fields=[{"loc": ["body", "plan", "milestones", i, "due_on"], "message": "晚于完成时限"} for i in late],
        )


def claim(session: Session, principal: Principal, body: ProjectCreate) -> dict[str, Any]:
    """认领: a secretary claims a catalog item for their own org, within the campaign's limit per secretary."""
    campaign, _ = repository.get_campaign_row(session, principal, body.campaign_id)
    org = org_repository.get_readable(session, principal, body.org_id)
    repository.lock_campaign(session, campaign)
    if not _own_org(principal, org.path):
        raise Forbidden("只能为本组织认领项目", code="not_own_org")
    item = repository.get_item(session, campaign.id, body.item_id)
    if item is None:
        raise Unprocessable(fields=[{"loc": ["body", "item_id"], "message": "不是本次活动项目清单中的项目"}])
    if not org.path.startswith(campaign.org_path) or org.path == campaign.org_path:
        raise Unprocessable(fields=[{"loc": ["body", "org_id"], "message": "须为活动组织单位的下级党组织"}])
    if campaign.status != CampaignStatus.open:
        raise Conflict("该活动未开放认领", code="campaign_not_open")
    if org.status != OrgStatus.active:
        raise Conflict("该组织已撤销", code="org_dissolved")
    # A secretary appointed after the campaign opened gets the org's mandatory items with their first claim.
    items = repository.items(session, campaign.id)
    campaigns.preclaim_for(session, campaign, items, org_id=org.id, skip_item_id=item.id)
    session.flush()
    if repository.existing_claim(session, campaign.id, item.id, org.id) is not None:
        raise Conflict("本组织已认领该项目", code="already_claimed")
    _check_limit(session, campaign, principal.user_id, adding=1)
    plan = body.plan
    project = campaigns.new_project(
        campaign,
        item,
        org.id,
        org.path,
        owner_id=principal.user_id,
        mandatory=campaigns.mandatory_for(item, org.level, org.domain),
        title=body.title,
        deadline=body.deadline,
    )
    _check_milestones(plan.milestones, project.deadline)
    project.goals, project.measures, project.team = plan.goals, plan.measures, plan.team
    session.add(project)
    session.flush()
    if plan.milestones:
        tracking.replace_milestones(session, project, plan.milestones)
        session.flush()
    return detail(session, principal, project.id)


def _check_limit(session: Session, campaign: ProjectCampaign, owner_id: int, *, adding: int = 0) -> None:
    count = repository.claim_count(session, campaign.id, owner_id)
    if count + adding > campaign.max_claims:
        raise Conflict(
            f"每位书记在本次活动中最多认领 {campaign.max_claims} 个项目（已认领 {count} 个）",
            code="claim_limit_exceeded",
        )
    if adding == 0 and count < campaign.min_claims:
        raise Conflict(
            f"每位书记在本次活动中至少认领 {campaign.min_claims} 个项目（已认领 {count} 个），请先认领后再申报",
            code="claims_below_minimum",
        )


def update(
    session: Session, principal: Principal, project_id: int, body: ProjectUpdate, expected_version: int | None
) -> dict[str, Any]:
    project: Project = tracking.get_item(session, principal, KIND, project_id)
    check_version(project.version, expected_version)
    rule = OWN_ORG(Permission.project_claim)
    if not rule.allows(principal, project):
        raise Forbidden(rule.refusal)
    if project.status not in PLAN_EDITABLE:
        raise InvalidTransition("已申报的项目不能修改方案（退回后可修改）")
    changes = body.model_dump(exclude_unset=True)
    nulls = [f for f in ("title", "plan") if f in changes and changes[f] is None]
    if nulls:
        raise Unprocessable(fields=[{"loc": ["body", f], "message": "不能为空"} for f in nulls])
    if "title" in changes:
        project.title = changes["title"]
    if "deadline" in changes:
        project.deadline = changes["deadline"]
    plan = changes.get("plan") or {}
    if "goals" in plan:
        project.goals = plan["goals"]
    if "measures" in plan:
        project.measures = plan["measures"]
    if "team" in plan:
        project.team = plan["team"]
    milestones = (
        body.plan.milestones
        if body.plan is not None and "milestones" in plan
        else [MilestoneIn(title=m.title, due_on=m.due_on) for m in tracking_repository.milestones(session, project.id)]
    )
    _check_milestones(milestones, project.deadline)
    if "milestones" in plan:
        tracking.replace_milestones(session, project, milestones)
    session.flush()
    return detail(session, principal, project.id)


def _transition(
    session: Session, principal: Principal, project_id: int, action: str, expected_version: int | None
) -> tuple[Project, Transition, str]:
    return tracking.act(
        session, principal, KIND, tracking.get_item(session, principal, KIND, project_id), action, expected_version
    )


def _campaign_open(session: Session, project: Project) -> ProjectCampaign:
    campaign = session.get(ProjectCampaign, project.campaign_id)
    assert campaign is not None
    repository.lock_campaign(session, campaign)
    if campaign.status != CampaignStatus.open:
        raise Conflict("该活动已结束或未开放，不能申报", code="campaign_not_open")
    return campaign


def _plan_gaps(session: Session, project: Project) -> list[dict[str, Any]]:
    gaps = [
        {"loc": ["plan", field], "message": message}
        for field, message in (("goals", "请填写项目目标"), ("measures", "请填写工作措施"), ("team", "请明确项目团队"))
        if not getattr(project, field)
    ]
    if not tracking_repository.milestones(session, project.id):
        gaps.append({"loc": ["plan", "milestones"], "message": "至少一个阶段节点"})
    if project.deadline is None:
        gaps.append({"loc": ["deadline"], "message": "请填写完成时限"})
    return gaps


def submit(session: Session, principal: Principal, project_id: int, expected_version: int | None) -> dict[str, Any]:
    """申报: the plan must be complete, and the secretary's claims within the campaign's limits."""
    project, transition, before = _transition(session, principal, project_id, "submit", expected_version)
    campaign = _campaign_open(session, project)
    gaps = _plan_gaps(session, project)
    if gaps:
        raise Unprocessable("项目方案不完整，请补充后再申报", code="plan_incomplete", fields=gaps)
    _check_limit(session, campaign, project.owner_id)
    tracking.record_transition(session, principal, project, transition, before)
    session.flush()
    return detail(session, principal, project.id)


def act(
    session: Session,
    principal: Principal,
    project_id: int,
    action: str,
    note: str | None,
    expected_version: int | None,
) -> dict[str, Any]:
    """approve / return / start / cancel, with an optional (for return: required) note."""
    project, transition, before = _transition(session, principal, project_id, action, expected_version)
    if action == "cancel" and project.is_mandatory:
        raise Conflict("必选项目不能撤销", code="mandatory_project")
    tracking.record_transition(session, principal, project, transition, before, note=note)
    session.flush()
    return detail(session, principal, project.id)


def complete(
    session: Session, principal: Principal, project_id: int, body: CompleteBody, expected_version: int | None
) -> dict[str, Any]:
    """申请验收: a summary of what was achieved, with evidence."""
    project, transition, before = _transition(session, principal, project_id, "complete", expected_version)
    tracking.record_transition(
        session, principal, project, transition, before, note=body.content, attachment_ids=body.attachment_ids
    )
    session.flush()
    return detail(session, principal, project.id)


def accept(
    session: Session, principal: Principal, project_id: int, body: AcceptBody, expected_version: int | None
) -> dict[str, Any]:
    """评估验收 by the organizing side above, with a grade (优秀/良好/合格/不合格) and a comment."""
    project, transition, before = _transition(session, principal, project_id, "accept", expected_version)
    project.grade, project.acceptance_comment = body.grade, body.comment
    note = f"【{label(ProjectGrade(body.grade))}】{body.comment}"
    tracking.record_transition(session, principal, project, transition, before, note=note)
    session.flush()
    return detail(session, principal, project.id)


def add_monthly_report(
    session: Session, principal: Principal, project_id: int, body: ProjectMonthlyReport
) -> dict[str, Any]:
    """一月一调度: one report per project and month; a second one for the same month replaces the first."""
    project: Project = tracking.get_item(session, principal, KIND, project_id)
    rule = OWN_ORG(Permission.project_report)
    if not rule.allows(principal, project):
        raise Forbidden(rule.refusal)
    if project.status != PROJECT.transition("start").target:
        raise InvalidTransition("项目实施中才能报送月度调度")
    current = tracking.current_period()
    period = body.period or current
    if period > current:
        raise Unprocessable(fields=[{"loc": ["body", "period"], "message": "不能为以后的月份上报"}])
    tracking.add_periodic_report(
        session,
        principal,
        project,
        period=period,
        entry_kind="monthly",
        content=body.content,
        attachment_ids=body.attachment_ids,
        progress=body.progress,
        data={"difficulties": body.difficulties} if body.difficulties else None,
    )
    if project.progress_period is None or period >= project.progress_period:
        project.progress, project.progress_period = body.progress, period
    session.flush()
    return detail(session, principal, project.id)


def complete_milestone(session: Session, principal: Principal, project_id: int, milestone_id: int) -> dict[str, Any]:
    project: Project = tracking.get_item(session, principal, KIND, project_id)
    rule = OWN_ORG(Permission.project_report)
    if not rule.allows(principal, project):
        raise Forbidden(rule.refusal)
    if project.status != PROJECT.transition("start").target:
        raise InvalidTransition("项目实施中才能完成阶段节点")
    tracking.complete_milestone(session, project, milestone_id)
    session.flush()
    return detail(session, principal, project.id)


def timeline(session: Session, principal: Principal, project_id: int) -> list[dict[str, Any]]:
    project: Project = tracking.get_item(session, principal, KIND, project_id)
    return tracking.timeline(session, project)
