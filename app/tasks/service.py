"""任务单: task lists (e.g. 《基层党建月度工作清单》) and their tasks, edited as drafts by the issuing side and fanned
out into one assignment per target org when issued. Assignments are in app/tasks/assignments.py."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from app.audit.recorder import mark
from app.authz.permissions import Permission
from app.authz.principal import Principal, authorize
from app.core import clock
from app.core.enums import OrgStatus, TaskListStatus
from app.core.errors import Conflict, Forbidden, InvalidTransition, Unprocessable
from app.kit.etag import check_version
from app.kit.pagination import PageParams, fetch_page, order_by, page_of
from app.models.lists import Task, TaskAssignment, TaskList
from app.orgs import repository as org_repository
from app.tasks import repository
from app.tasks.schemas import TaskFilters, TaskIn, TaskListCreate, TaskListFilters, TaskListUpdate, TaskUpdate
from app.tasks.workflow import TASK_ASSIGNMENT
from app.tracking.workflow import initial_state

LIST_SORTABLE = {
    "id": TaskList.id,
    "period": TaskList.period,
    "created_at": TaskList.created_at,
    "issued_at": TaskList.issued_at,
}
TASK_SORTABLE = {"id": Task.id, "deadline": Task.deadline, "sort_order": Task.sort_order, "created_at": Task.created_at}


def issuing_side(principal: Principal, task_list: TaskList) -> bool:
    return principal.can(Permission.task_issue, task_list.org_path)


def _completion(counts: tuple[int, int, int]) -> dict[str, Any]:
    total, accepted, overdue = counts
    return {
        "assignment_count": total,
        "accepted_count": accepted,
        "overdue_count": overdue,
        "completion_rate": round(accepted / total, 4) if total else 0.0,
    }


def _present_list(
    principal: Principal, task_list: TaskList, org_name: str, tasks: tuple[int, int], done: tuple[int, int, int]
) -> dict[str, Any]:
    data = {c.key: getattr(task_list, c.key) for c in TaskList.__mapper__.column_attrs}
    draft = task_list.status == TaskListStatus.draft
    actions = ["edit", "delete", "issue"] if draft and issuing_side(principal, task_list) else []
    return (
        data
        | _completion(done)
        | {"org_name": org_name, "task_count": tasks[0], "key_task_count": tasks[1], "allowed_actions": actions}
    )


def _present_tasks(session: Session, rows: Sequence[Any]) -> list[dict[str, Any]]:
    done = repository.completion_by(session, TaskAssignment.task_id, [t.id for t, _, _ in rows], clock.today_local())
    result = []
    for task, task_list, org_name in rows:
        draft = task_list.status == TaskListStatus.draft
        data = {c.key: getattr(task, c.key) for c in Task.__mapper__.column_attrs}
        result.append(
            data
            | _completion(done.get(task.id, (0, 0, 0)))
            | {
                "task_list_title": task_list.title,
                "period": task_list.period,
                "list_status": task_list.status,
                "org_name": org_name,
                "target_count": repository.count_targets(session, task_list.org_path, task) if draft else None,
            }
        )
    return result


def _list_detail(session: Session, principal: Principal, list_id: int) -> dict[str, Any]:
    task_list, org_name = repository.get_task_list_row(session, principal, list_id)
    tasks = repository.task_counts(session, [list_id]).get(list_id, (0, 0))
    done = repository.completion_by(session, TaskAssignment.task_list_id, [list_id], clock.today_local())
    rows = repository.tasks_of_list(session, principal, list_id)
    return _present_list(principal, task_list, org_name, tasks, done.get(list_id, (0, 0, 0))) | {
        "tasks": _present_tasks(session, rows)
    }


def list_task_lists(
    session: Session, principal: Principal, params: PageParams, filters: TaskListFilters
) -> dict[str, Any]:
    root_path = org_repository.get_readable(session, principal, filters.root_id).path if filters.root_id else None
    stmt = repository.task_list_ledger(principal, filters, root_path)
    rows, total = fetch_page(session, stmt, params, order_by(params, LIST_SORTABLE, "-id", TaskList.id), rows=True)
    ids = [t.id for t, _ in rows]
    tasks = repository.task_counts(session, ids)
    done = repository.completion_by(session, TaskAssignment.task_list_id, ids, clock.today_local())
    items = [_present_list(principal, t, name, tasks.get(t.id, (0, 0)), done.get(t.id, (0, 0, 0))) for t, name in rows]
    return page_of(items, total, params)


def get_task_list(session: Session, principal: Principal, list_id: int) -> dict[str, Any]:
    return _list_detail(session, principal, list_id)


def _check_targets(session: Session, issuer_path: str, ids: Sequence[int], loc: list[str | int]) -> None:
    outside = sorted(set(ids) - repository.orgs_below(session, issuer_path, ids))
    if outside:
        raise Unprocessable(
            "下发对象须为本单位的下级组织",
            fields=[{"loc": loc, "message": f"组织 {', '.join(map(str, outside))} 不存在或不是本单位的下级组织"}],
        )


def _new_task(session: Session, task_list: TaskList, body: TaskIn, sort_order: int, loc: list[str | int]) -> Task:
    _check_targets(session, task_list.org_path, body.target_org_ids, [*loc, "target_org_ids"])
    task = Task(task_list_id=task_list.id, org_id=task_list.org_id, sort_order=sort_order, **body.model_dump())
    task.org_path = task_list.org_path
    session.add(task)
    return task


def create_task_list(session: Session, principal: Principal, body: TaskListCreate) -> dict[str, Any]:
    org = org_repository.get_readable(session, principal, body.org_id)
    authorize(principal, Permission.task_issue, org.path)
    if org.status != OrgStatus.active:
        raise Conflict("该组织已撤销", code="org_dissolved")
    task_list = TaskList(
        org_id=org.id,
        title=body.title,
        period=body.period,
        description=body.description,
        status=TaskListStatus.draft,
    )
    task_list.org_path = org.path
    session.add(task_list)
    session.flush()
    for index, task in enumerate(body.tasks):
        _new_task(session, task_list, task, index, ["body", "tasks", index])
    session.flush()
    return _list_detail(session, principal, task_list.id)


def _draft(session: Session, principal: Principal, task_list: TaskList, expected_version: int | None) -> TaskList:
    check_version(task_list.version, expected_version)
    if not issuing_side(principal, task_list):
        raise Forbidden("只有下发单位可以修改任务清单")
    if task_list.status != TaskListStatus.draft:
        raise InvalidTransition("任务清单已下发，不能再修改")
    return task_list


def update_task_list(
    session: Session, principal: Principal, list_id: int, body: TaskListUpdate, expected_version: int | None
) -> dict[str, Any]:
    task_list = _draft(session, principal, repository.get_task_list(session, principal, list_id), expected_version)
    changes = body.model_dump(exclude_unset=True)
    nulls = [f for f in ("title", "period") if f in changes and changes[f] is None]
    if nulls:
        raise Unprocessable(fields=[{"loc": ["body", f], "message": "不能为空"} for f in nulls])
    for field, value in changes.items():
        setattr(task_list, field, value)
    session.flush()
    return _list_detail(session, principal, task_list.id)


def delete_task_list(session: Session, principal: Principal, list_id: int, expected_version: int | None) -> None:
    task_list = _draft(session, principal, repository.get_task_list(session, principal, list_id), expected_version)
    for task in repository.list_tasks(session, task_list.id):
        session.delete(task)
    session.flush()
    session.delete(task_list)
    session.flush()


def add_task(session: Session, principal: Principal, list_id: int, body: TaskIn) -> dict[str, Any]:
    task_list = _draft(session, principal, repository.get_task_list(session, principal, list_id), None)
    task = _new_task(session, task_list, body, repository.next_sort_order(session, task_list.id), ["body"])
    session.flush()
    return get_task(session, principal, task.id)


def issue(session: Session, principal: Principal, list_id: int, expected_version: int | None) -> dict[str, Any]:
    """下发: one assignment per task and target org. Targets are resolved now, against today's tree: active orgs
    only (dissolved ones are skipped), each once; a task that reaches no org stops the whole list."""
    task_list = _draft(session, principal, repository.get_task_list(session, principal, list_id), expected_version)
    tasks = repository.list_tasks(session, task_list.id)
    if not tasks:
        raise Conflict("任务清单中还没有任务", code="empty_list")
    fan_out = [(task, repository.fan_out_targets(session, task_list.org_path, task)) for task in tasks]
    empty = [task for task, targets in fan_out if not targets]
    if empty:
        raise Conflict(
            f"任务「{empty[0].title}」没有符合条件的下级组织",
            code="no_targets",
            fields=[{"loc": ["tasks", t.id], "message": "没有符合条件的下级组织"} for t in empty],
        )
    secretaries = repository.active_users(session, {org.secretary_id for _, targets in fan_out for org in targets})
    for task, targets in fan_out:
        for org in targets:
            assignment = TaskAssignment(
                task_id=task.id,
                task_list_id=task_list.id,
                org_id=org.id,
                issuer_org_id=task_list.org_id,
                issuer_org_path=task_list.org_path,
                title=task.title,
                deadline=task.deadline,
                responsible_user_id=org.secretary_id if org.secretary_id in secretaries else None,
                **initial_state(TASK_ASSIGNMENT),
            )
            assignment.org_path = org.path
            session.add(assignment)
    mark(session, task_list, "issued")
    task_list.status = TaskListStatus.issued
    task_list.issued_at, task_list.issued_by_id = clock.now(), principal.user_id
    session.flush()
    return _list_detail(session, principal, task_list.id)


# Tasks -----------------------------------------------------------------------------------------------------------


def list_tasks(session: Session, principal: Principal, params: PageParams, filters: TaskFilters) -> dict[str, Any]:
    root_path = org_repository.get_readable(session, principal, filters.root_id).path if filters.root_id else None
    stmt = repository.task_ledger(principal, filters, root_path)
    rows, total = fetch_page(session, stmt, params, order_by(params, TASK_SORTABLE, "-id", Task.id), rows=True)
    return page_of(_present_tasks(session, rows), total, params)


def get_task(session: Session, principal: Principal, task_id: int) -> dict[str, Any]:
    return _present_tasks(session, [repository.get_task_row(session, principal, task_id)])[0]


def _task_in_draft(session: Session, principal: Principal, task_id: int, expected_version: int | None) -> Task:
    task = repository.get_task(session, principal, task_id)
    check_version(task.version, expected_version)
    task_list = session.get(TaskList, task.task_list_id)
    assert task_list is not None
    _draft(session, principal, task_list, None)
    return task


def update_task(
    session: Session, principal: Principal, task_id: int, body: TaskUpdate, expected_version: int | None
) -> dict[str, Any]:
    task = _task_in_draft(session, principal, task_id, expected_version)
    changes = body.model_dump(exclude_unset=True)
    nulls = [f for f in ("title", "is_key", "deadline", "target_org_ids") if f in changes and changes[f] is None]
    if nulls:
        raise Unprocessable(fields=[{"loc": ["body", f], "message": "不能为空"} for f in nulls])
    if "target_org_ids" in changes:
        changes["target_org_ids"] = list(dict.fromkeys(changes["target_org_ids"]))
        _check_targets(session, task.org_path, changes["target_org_ids"], ["body", "target_org_ids"])
    for field, value in changes.items():
        setattr(task, field, value)
    if bool(task.target_org_ids) == (task.target_level is not None or task.target_domain is not None):
        raise Unprocessable(
            "下发对象须二选一：指定组织，或按层级/领域",
            fields=[{"loc": ["body", "target_org_ids"], "message": "与 target_level / target_domain 二选一"}],
        )
    session.flush()
    return get_task(session, principal, task.id)


def delete_task(session: Session, principal: Principal, task_id: int, expected_version: int | None) -> None:
    session.delete(_task_in_draft(session, principal, task_id, expected_version))
    session.flush()
