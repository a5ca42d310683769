from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from app.authz.permissions import Permission
from app.core.enums import InspectionType, ProblemCategory, ProblemSeverity, ProblemSource, ProblemStatus
from app.excel.workbook import XLSX
from app.kit.caller import Caller, requires
from app.kit.params import IfMatch, Paging
from app.kit.schemas import IdPath, IdQuery, Page
from app.problems import service
from app.problems.schemas import (
    InspectionCreate,
    InspectionFilters,
    InspectionRead,
    InspectionUpdate,
    ProblemCreate,
    ProblemDetail,
    ProblemFilters,
    ProblemRead,
    ProblemSummary,
    ProblemUpdate,
    RectifyBody,
    SubmitBody,
)
from app.tracking.schemas import MonthlyReportCreate, NoteBody, OptionalNoteBody, ReportCreate, TimelineEntry

problems = APIRouter(prefix="/problems", tags=["problems"])
inspections = APIRouter(prefix="/inspections", tags=["inspections"])
exports = APIRouter(prefix="/exports", tags=["exports"])

Reader = Annotated[Caller, requires(Permission.problem_read)]
Issuer = Annotated[Caller, requires(Permission.problem_issue)]
Reporter = Annotated[Caller, requires(Permission.problem_report)]
Verifier = Annotated[Caller, requires(Permission.problem_verify)]


async def problem_filters(
    root_id: Annotated[IdQuery, Query(description="该组织及其下级")] = None,
    status: ProblemStatus | None = None,
    overdue: bool | None = None,
    open: bool | None = None,
    responsible_user_id: IdQuery = None,
    deadline_from: date | None = None,
    deadline_to: date | None = None,
    q: Annotated[str | None, Query(max_length=50)] = None,
    source: ProblemSource | None = None,
    category: ProblemCategory | None = None,
    severity: ProblemSeverity | None = None,
    inspection_id: IdQuery = None,
    reported_this_month: Annotated[bool | None, Query(description="本月是否已更新上报")] = None,
) -> ProblemFilters:
    return ProblemFilters(
        root_id,
        status,
        overdue,
        open,
        responsible_user_id,
        deadline_from,
        deadline_to,
        q,
        source,
        category,
        severity,
        inspection_id,
        reported_this_month,
    )


Filters = Annotated[ProblemFilters, Depends(problem_filters)]


@problems.get("", response_model=Page[ProblemRead], summary="问题整改台账")
async def list_problems(call: Reader, paging: Paging, filters: Filters) -> Response:
    return await call(service.list_problems, paging, filters)


@exports.get(
    "/problems",
    summary="导出问题整改台账（.xlsx，与台账相同的范围和筛选）",
    response_class=Response,
    responses={200: {"content": {XLSX: {}}, "description": "Excel 文件"}},
)
async def export_problems(call: Reader, filters: Filters) -> Response:
    return await call(service.export, filters)


@problems.post("", response_model=ProblemDetail, status_code=201, summary="下发问题（问题单）")
async def create_problem(body: ProblemCreate, call: Issuer) -> Response:
    return await call(service.create, body)


@problems.get("/summary", response_model=ProblemSummary, summary="问题整改汇总（销号率、超期、未月报）")
async def problem_summary(call: Reader, root_id: IdQuery = None) -> Response:
    return await call(service.summary, root_id)


@problems.get("/{problem_id}", response_model=ProblemDetail, summary="问题详情")
async def get_problem(problem_id: IdPath, call: Reader) -> Response:
    return await call(service.get_problem, problem_id)


@problems.patch("/{problem_id}", response_model=ProblemDetail, summary="修改问题或整改措施")
async def update_problem(problem_id: IdPath, body: ProblemUpdate, call: Reader, if_match: IfMatch) -> Response:
    return await call(service.update, problem_id, body, if_match)


@problems.get("/{problem_id}/timeline", response_model=list[TimelineEntry], summary="整改过程（时间线）")
async def problem_timeline(problem_id: IdPath, call: Reader) -> Response:
    return await call(service.timeline, problem_id)


@problems.post("/{problem_id}/rectify", response_model=ProblemDetail, summary="制定整改措施，开始整改")
async def rectify(problem_id: IdPath, body: RectifyBody, call: Reporter, if_match: IfMatch) -> Response:
    return await call(service.rectify, problem_id, body, if_match)


@problems.post("/{problem_id}/submit", response_model=ProblemDetail, summary="申请销号（须附佐证材料）")
async def submit(problem_id: IdPath, body: SubmitBody, call: Reporter, if_match: IfMatch) -> Response:
    return await call(service.submit, problem_id, body, if_match)


@problems.post("/{problem_id}/close", response_model=ProblemDetail, summary="销号（上级审核通过）")
async def close(problem_id: IdPath, body: OptionalNoteBody, call: Verifier, if_match: IfMatch) -> Response:
    return await call(service.review, problem_id, "close", body.note, if_match)


@problems.post("/{problem_id}/reject", response_model=ProblemDetail, summary="退回整改（须说明理由）")
async def reject(problem_id: IdPath, body: NoteBody, call: Verifier, if_match: IfMatch) -> Response:
    return await call(service.review, problem_id, "reject", body.note, if_match)


@problems.post("/{problem_id}/recheck", response_model=ProblemDetail, summary="回头看：复查通过")
async def recheck(problem_id: IdPath, body: OptionalNoteBody, call: Verifier, if_match: IfMatch) -> Response:
    return await call(service.review, problem_id, "recheck", body.note, if_match)


@problems.post("/{problem_id}/reopen", response_model=ProblemDetail, summary="回头看：问题反弹，重新整改")
async def reopen(problem_id: IdPath, body: NoteBody, call: Verifier, if_match: IfMatch) -> Response:
    return await call(service.review, problem_id, "reopen", body.note, if_match)


@problems.post("/{problem_id}/reports", response_model=ProblemDetail, status_code=201, summary="报送整改进展")
async def add_report(problem_id: IdPath, body: ReportCreate, call: Reporter) -> Response:
    return await call(service.add_report, problem_id, body)


@problems.post(
    "/{problem_id}/monthly-reports",
    response_model=ProblemDetail,
    status_code=201,
    summary="每月更新上报（同月再报则覆盖）",
)
async def add_monthly_report(problem_id: IdPath, body: MonthlyReportCreate, call: Reporter) -> Response:
    return await call(service.add_monthly_report, problem_id, body)


@problems.post("/{problem_id}/milestones/{milestone_id}/complete", response_model=ProblemDetail, summary="完成阶段节点")
async def complete_milestone(problem_id: IdPath, milestone_id: IdPath, call: Reporter) -> Response:
    return await call(service.complete_milestone, problem_id, milestone_id)


@inspections.get("", response_model=Page[InspectionRead], summary="督查、调研、观摩记录")
async def list_inspections(
    call: Reader,
    paging: Paging,
    root_id: Annotated[IdQuery, Query(description="组织单位在该组织及其下级")] = None,
    org_id: IdQuery = None,
    type: InspectionType | None = None,
    held_from: date | None = None,
    held_to: date | None = None,
) -> Response:
    return await call(service.list_inspections, paging, InspectionFilters(root_id, org_id, type, held_from, held_to))


@inspections.post("", response_model=InspectionRead, status_code=201, summary="登记督查、调研、观摩")
async def create_inspection(body: InspectionCreate, call: Issuer) -> Response:
    return await call(service.create_inspection, body)


@inspections.get("/{inspection_id}", response_model=InspectionRead, summary="督查、调研、观摩详情")
async def get_inspection(inspection_id: IdPath, call: Reader) -> Response:
    return await call(service.get_inspection, inspection_id)


@inspections.patch("/{inspection_id}", response_model=InspectionRead, summary="修改督查、调研、观摩记录")
async def update_inspection(inspection_id: IdPath, body: InspectionUpdate, call: Issuer, if_match: IfMatch) -> Response:
    return await call(service.update_inspection, inspection_id, body, if_match)
