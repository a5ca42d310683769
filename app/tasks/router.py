from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from app.authz.permissions import Permission
from app.core.enums import OrgDomain, OrgLevel, TaskAssignmentStatus, TaskListStatus, TaskRollupBy
from app.kit.caller import Caller, requires
from app.kit.params import IfMatch, Paging
from app.kit.schemas import IdPath, IdQuery, Page
from app.tasks import assignments, service
from app.tasks.schemas import (
    AssignmentFilters,
    AssignmentRead,
    AssignmentReport,
    AssignmentUpdate,
    Rollup,
    RollupFilters,
    TaskFilters,
    TaskIn,
    TaskListCreate,
    TaskListDetail,
    TaskListFilters,
    TaskListRead,
    TaskListUpdate,
    TaskRead,
    TaskUpdate,
)
from app.tracking.schemas import NoteBody, OptionalNoteBody, TimelineEntry

task_lists = APIRouter(prefix="/task-lists", tags=["task-lists"])
tasks = APIRouter(prefix="/tasks", tags=["tasks"])
task_assignments = APIRouter(prefix="/task-assignments", tags=["task-assignments"])

Reader = Annotated[Caller, requires(Permission.task_read)]
Issuer = Annotated[Caller, requires(Permission.task_issue)]
Reporter = Annotated[Caller, requires(Permission.task_report)]
Verifier = Annotated[Caller, requires(Permission.task_verify)]
PeriodQuery = Annotated[str | None, Query(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", description="月份，如 2026-11")]


@task_lists.get("", response_model=Page[TaskListRead], summary="任务清单")
async def list_task_lists(
    call: Reader,
    paging: Paging,
    root_id: Annotated[IdQuery, Query(description="下发单位在该组织及其下级")] = None,
    org_id: Annotated[IdQuery, Query(description="下发单位")] = None,
    period: PeriodQuery = None,
    status: TaskListStatus | None = None,
    q: Annotated[str | None, Query(max_length=50)] = None,
) -> Response:
    return await call(service.list_task_lists, paging, TaskListFilters(root_id, org_id, period, status, q))


@task_lists.post("", response_model=TaskListDetail, status_code=201, summary="起草任务清单")
async def create_task_list(body: TaskListCreate, call: Issuer) -> Response:
    return await call(service.create_task_list, body)


@task_lists.get("/{list_id}", response_model=TaskListDetail, summary="任务清单详情（含任务）")
async def get_task_list(list_id: IdPath, call: Reader) -> Response:
    return await call(service.get_task_list, list_id)


@task_lists.patch("/{list_id}", response_model=TaskListDetail, summary="修改任务清单草稿")
async def update_task_list(list_id: IdPath, body: TaskListUpdate, call: Issuer, if_match: IfMatch) -> Response:
    return await call(service.update_task_list, list_id, body, if_match)


@task_lists.delete("/{list_id}", status_code=204, summary="删除任务清单草稿")
async def delete_task_list(list_id: IdPath, call: Issuer, if_match: IfMatch) -> Response:
    return await call(service.delete_task_list, list_id, if_match)


@task_lists.post("/{list_id}/tasks", response_model=TaskRead, status_code=201, summary="任务清单草稿中增加任务")
async def add_task(list_id: IdPath, body: TaskIn, call: Issuer) -> Response:
    return await call(service.add_task, list_id, body)


@task_lists.post("/{list_id}/issue", response_model=TaskListDetail, summary="下发任务清单（逐项分解到下级组织）")
async def issue_task_list(list_id: IdPath, call: Issuer, if_match: IfMatch) -> Response:
    return await call(service.issue, list_id, if_match)


@tasks.get("", response_model=Page[TaskRead], summary="任务台账")
async def list_tasks(
    call: Reader,
    paging: Paging,
    root_id: Annotated[IdQuery, Query(description="下发单位在该组织及其下级")] = None,
    task_list_id: IdQuery = None,
    period: PeriodQuery = None,
    is_key: bool | None = None,
    domain: OrgDomain | None = None,
    list_status: TaskListStatus | None = None,
    q: Annotated[str | None, Query(max_length=50)] = None,
) -> Response:
    filters = TaskFilters(root_id, task_list_id, period, is_key, domain, list_status, q)
    return await call(service.list_tasks, paging, filters)


@tasks.get("/{task_id}", response_model=TaskRead, summary="任务详情")
async def get_task(task_id: IdPath, call: Reader) -> Response:
    return await call(service.get_task, task_id)


@tasks.patch("/{task_id}", response_model=TaskRead, summary="修改任务清单草稿中的任务")
async def update_task(task_id: IdPath, body: TaskUpdate, call: Issuer, if_match: IfMatch) -> Response:
    return await call(service.update_task, task_id, body, if_match)


@tasks.delete("/{task_id}", status_code=204, summary="删除任务清单草稿中的任务")
async def delete_task(task_id: IdPath, call: Issuer, if_match: IfMatch) -> Response:
    return await call(service.delete_task, task_id, if_match)


async def assignment_filters(
    root_id: Annotated[IdQuery, Query(description="承办组织在该组织及其下级")] = None,
    status: TaskAssignmentStatus | None = None,
    overdue: bool | None = None,
    open: bool | None = None,
    responsible_user_id: IdQuery = None,
    deadline_from: date | None = None,
    deadline_to: date | None = None,
    q: Annotated[str | None, Query(max_length=50)] = None,
    task_list_id: IdQuery = None,
    task_id: IdQuery = None,
    period: PeriodQuery = None,
    is_key: bool | None = None,
    domain: Annotated[OrgDomain | None, Query(description="任务的工作领域")] = None,
    level: Annotated[OrgLevel | None, Query(description="承办组织的层级")] = None,
) -> AssignmentFilters:
    return AssignmentFilters(
        root_id,
        status,
        overdue,
        open,
        responsible_user_id,
        deadline_from,
        deadline_to,
        q,
        task_list_id,
        task_id,
        period,
        is_key,
        domain,
        level,
    )


AssignmentFilterDep = Annotated[AssignmentFilters, Depends(assignment_filters)]


@task_assignments.get("", response_model=Page[AssignmentRead], summary="任务落实台账")
async def list_assignments(call: Reader, paging: Paging, filters: AssignmentFilterDep) -> Response:
    return await call(assignments.list_assignments, paging, filters)


@task_assignments.get("/rollup", response_model=Rollup, summary="任务完成率统计（按下级组织、层级、领域、清单）")
async def rollup(
    call: Reader,
    by: TaskRollupBy = TaskRollupBy.children,
    root_id: Annotated[IdQuery, Query(description="默认为本人范围的最上级组织")] = None,
    task_list_id: IdQuery = None,
    period: PeriodQuery = None,
    is_key: bool | None = None,
) -> Response:
    return await call(assignments.rollup, by, root_id, RollupFilters(task_list_id, period, is_key))


@task_assignments.get("/{assignment_id}", response_model=AssignmentRead, summary="任务落实详情")
async def get_assignment(assignment_id: IdPath, call: Reader) -> Response:
    return await call(assignments.get_assignment, assignment_id)


@task_assignments.patch("/{assignment_id}", response_model=AssignmentRead, summary="指定责任人")
async def update_assignment(assignment_id: IdPath, body: AssignmentUpdate, call: Reader, if_match: IfMatch) -> Response:
    return await call(assignments.update, assignment_id, body, if_match)


@task_assignments.get("/{assignment_id}/timeline", response_model=list[TimelineEntry], summary="办理过程（时间线）")
async def assignment_timeline(assignment_id: IdPath, call: Reader) -> Response:
    return await call(assignments.timeline, assignment_id)


@task_assignments.post("/{assignment_id}/start", response_model=AssignmentRead, summary="开始办理")
async def start(assignment_id: IdPath, call: Reporter, if_match: IfMatch) -> Response:
    return await call(assignments.start, assignment_id, if_match)


@task_assignments.post(
    "/{assignment_id}/reports", response_model=AssignmentRead, status_code=201, summary="报送办理进展"
)
async def add_report(assignment_id: IdPath, body: AssignmentReport, call: Reporter) -> Response:
    return await call(assignments.add_report, assignment_id, body)


@task_assignments.post(
    "/{assignment_id}/submit", response_model=AssignmentRead, summary="报送完成情况（重点任务须附佐证材料）"
)
async def submit(assignment_id: IdPath, body: AssignmentReport, call: Reporter, if_match: IfMatch) -> Response:
    return await call(assignments.submit, assignment_id, body, if_match)


@task_assignments.post("/{assignment_id}/accept", response_model=AssignmentRead, summary="验收（上级）")
async def accept(assignment_id: IdPath, body: OptionalNoteBody, call: Verifier, if_match: IfMatch) -> Response:
    return await call(assignments.review, assignment_id, "accept", body.note, if_match)


@task_assignments.post("/{assignment_id}/return", response_model=AssignmentRead, summary="退回（须说明理由）")
async def return_assignment(assignment_id: IdPath, body: NoteBody, call: Verifier, if_match: IfMatch) -> Response:
    return await call(assignments.review, assignment_id, "return", body.note, if_match)
