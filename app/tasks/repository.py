"""Queries for task lists, tasks and assignments. Lists and tasks live in the issuing org's subtree; assignments in
the target org's, so a village sees its assignments but not the county's list itself."""

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, case, func, select
from sqlalchemy.orm import Session, aliased

from app.authz.permissions import Permission
from app.authz.principal import Principal
from app.authz.scope import within, within_subtree_of
from app.core.enums import OrgStatus, TaskAssignmentStatus
from app.core.errors import NotFound
from app.kit.pagination import AnySelect
from app.models.accounts import User
from app.models.lists import Task, TaskAssignment, TaskList
from app.models.orgs import Org
from app.models.tracking import TrackedItem
from app.orgs import repository as org_repository
from app.tasks.schemas import AssignmentFilters, RollupFilters, TaskFilters, TaskListFilters
from app.tracking import repository as tracking

READ = Permission.task_read
Issuer = aliased(Org)


# Task lists and tasks --------------------------------------------------------------------------------------------


def task_lists(principal: Principal) -> AnySelect:
    return (
        select(TaskList, Org.name.label("org_name"))
        .join(Org, Org.id == TaskList.org_id)
        .where(within(TaskList.org_path, principal.scope_paths(READ)))
    )


def task_list_ledger(principal: Principal, filters: TaskListFilters, root_path: str | None) -> AnySelect:
    stmt = task_lists(principal)
    if root_path is not None:
        stmt = stmt.where(within(TaskList.org_path, [root_path]))
    for field in ("org_id", "period", "status"):
        value = getattr(filters, field)
        if value is not None:
            stmt = stmt.where(getattr(TaskList, field) == value)
    if filters.q:
        stmt = stmt.where(TaskList.title.contains(filters.q, autoescape=True))
    return stmt


def get_task_list_row(session: Session, principal: Principal, list_id: int) -> Any:
    row = session.execute(task_lists(principal).where(TaskList.id == list_id)).one_or_none()
    if row is None:
        raise NotFound()
    return row


def get_task_list(session: Session, principal: Principal, list_id: int) -> TaskList:
    found = session.scalar(
        select(TaskList).where(TaskList.id == list_id, within(TaskList.org_path, principal.scope_paths(READ)))
    )
    if found is None:
        raise NotFound()
    return found


def tasks(principal: Principal) -> AnySelect:
    return (
        select(Task, TaskList, Org.name.label("org_name"))
        .join(TaskList, TaskList.id == Task.task_list_id)
        .join(Org, Org.id == Task.org_id)
        .where(within(Task.org_path, principal.scope_paths(READ)))
    )


def task_ledger(principal: Principal, filters: TaskFilters, root_path: str | None) -> AnySelect:
    stmt = tasks(principal)
    if root_path is not None:
        stmt = stmt.where(within(Task.org_path, [root_path]))
    for column, value in (
        (Task.task_list_id, filters.task_list_id),
        (TaskList.period, filters.period),
        (Task.is_key, filters.is_key),
        (Task.domain, filters.domain),
        (TaskList.status, filters.list_status),
    ):
        if value is not None:
            stmt = stmt.where(column == value)
    if filters.q:
        stmt = stmt.where(Task.title.contains(filters.q, autoescape=True))
    return stmt


def tasks_of_list(session: Session, principal: Principal, list_id: int) -> list[Any]:
    stmt = tasks(principal).where(Task.task_list_id == list_id).order_by(Task.sort_order, Task.id)
    return list(session.execute(stmt).all())


def list_tasks(session: Session, list_id: int) -> list[Task]:
    return list(session.scalars(select(Task).where(Task.task_list_id == list_id).order_by(Task.sort_order, Task.id)))


def get_task_row(session: Session, principal: Principal, task_id: int) -> Any:
    row = session.execute(tasks(principal).where(Task.id == task_id)).one_or_none()
    if row is None:
        raise NotFound()
    return row


def get_task(session: Session, principal: Principal, task_id: int) -> Task:
    found = session.scalar(select(Task).where(Task.id == task_id, within(Task.org_path, principal.scope_paths(READ))))
    if found is None:
        raise NotFound()
    return found


def next_sort_order(session: Session, list_id: int) -> int:
    stmt = select(func.coalesce(func.max(Task.sort_order), -1)).where(Task.task_list_id == list_id)
    return int(session.scalar(stmt) or 0) + 1


def task_counts(session: Session, list_ids: Iterable[int]) -> dict[int, tuple[int, int]]:
    """(tasks, key tasks) per list."""
    ids = list(list_ids)
    if not ids:
        return {}
    key = func.sum(case((Task.is_key.is_(True), 1), else_=0))
    rows = session.execute(
        select(Task.task_list_id, func.count(), key).where(Task.task_list_id.in_(ids)).group_by(Task.task_list_id)
    )
    return {int(i): (int(n), int(k or 0)) for i, n, k in rows}


def _completion_columns(today: date) -> tuple[Any, Any, Any]:
    accepted = func.sum(case((TrackedItem.status == TaskAssignmentStatus.accepted, 1), else_=0))
    overdue = func.sum(case((tracking.overdue_clause(today), 1), else_=0))
    return func.count(), accepted, overdue


def completion_by(session: Session, column: Any, ids: Iterable[int], today: date) -> dict[int, tuple[int, int, int]]:
    """(assignments, accepted, overdue) per task or per task list (`column` is TaskAssignment.task_id or
    .task_list_id). Whoever reads a task reads all its assignments: they all lie below the issuing org."""
    wanted = list(ids)
    if not wanted:
        return {}
    rows = session.execute(
        select(column, *_completion_columns(today))
        .select_from(TaskAssignment)
        .where(column.in_(wanted))
        .group_by(column)
    )
    return {int(i): (int(n), int(a or 0), int(o or 0)) for i, n, a, o in rows}


# Fan-out ---------------------------------------------------------------------------------------------------------


def _below(issuer_path: str) -> list[ColumnElement[bool]]:
    return [within(Org.path, [issuer_path]), Org.path != issuer_path]


def orgs_below(session: Session, issuer_path: str, ids: Sequence[int]) -> set[int]:
    """Which of `ids` are orgs strictly below the issuer (any status)."""
    if not ids:
        return set()
    return set(session.scalars(select(Org.id).where(Org.id.in_(list(ids)), *_below(issuer_path))))


def _targets(issuer_path: str, task: Task) -> Select[Any]:
    stmt = select(Org).where(*_below(issuer_path), Org.status == OrgStatus.active)
    if task.target_org_ids:
        return stmt.where(Org.id.in_(list(task.target_org_ids)))
    if task.target_level is not None:
        stmt = stmt.where(Org.level == task.target_level)
    if task.target_domain is not None:
        stmt = stmt.where(Org.domain == task.target_domain)
    return stmt


def fan_out_targets(session: Session, issuer_path: str, task: Task) -> list[Org]:
    """Active orgs the task goes to, each once, in tree order (deterministic)."""
    return list(session.scalars(_targets(issuer_path, task).order_by(Org.path)))


def count_targets(session: Session, issuer_path: str, task: Task) -> int:
    sub = _targets(issuer_path, task).subquery()
    return int(session.scalar(select(func.count()).select_from(sub)) or 0)


def active_users(session: Session, user_ids: Iterable[int | None]) -> set[int]:
    ids = [i for i in user_ids if i is not None]
    if not ids:
        return set()
    return set(session.scalars(select(User.id).where(User.id.in_(ids), User.is_active.is_(True))))


# Assignments -----------------------------------------------------------------------------------------------------


def assignments(principal: Principal) -> AnySelect:
    return (
        select(
            TaskAssignment,
            Task,
            TaskList,
            Org.name.label("org_name"),
            Org.level.label("org_level"),
            Issuer.name.label("issuer_org_name"),
            User.full_name.label("responsible_user_name"),
        )
        .join(Task, Task.id == TaskAssignment.task_id)
        .join(TaskList, TaskList.id == TaskAssignment.task_list_id)
        .join(Org, Org.id == TrackedItem.org_id)
        .join(Issuer, Issuer.id == TrackedItem.issuer_org_id)
        .outerjoin(User, User.id == TrackedItem.responsible_user_id)
        .where(tracking.kind_within(TaskAssignment, principal.scope_paths(READ)))
    )


def assignment_ledger(
    principal: Principal, filters: AssignmentFilters, today: date, root_path: str | None
) -> AnySelect:
    stmt = tracking.ledger(assignments(principal), filters, today, root_path)
    for column, value in (
        (TaskAssignment.task_list_id, filters.task_list_id),
        (TaskAssignment.task_id, filters.task_id),
        (TaskList.period, filters.period),
        (Task.is_key, filters.is_key),
        (Task.domain, filters.domain),
        (Org.level, filters.level),
    ):
        if value is not None:
            stmt = stmt.where(column == value)
    return stmt


def get_assignment_row(session: Session, principal: Principal, assignment_id: int) -> Any:
    row = session.execute(assignments(principal).where(TaskAssignment.id == assignment_id)).one_or_none()
    if row is None:
        raise NotFound()
    return row


def get_assignment(session: Session, principal: Principal, assignment_id: int) -> TaskAssignment:
    found: TaskAssignment | None = session.scalar(
        tracking.readable(TaskAssignment, principal, READ).where(TaskAssignment.id == assignment_id)
    )
    if found is None:
        raise NotFound()
    return found


# Rollups ---------------------------------------------------------------------------------------------------------

_STATUSES = tuple(TaskAssignmentStatus)


def _rollup_columns(today: date) -> list[Any]:
    by_status = [func.sum(case((TrackedItem.status == s, 1), else_=0)) for s in _STATUSES]
    return [func.count(), *by_status, func.sum(case((tracking.overdue_clause(today), 1), else_=0))]


def _rollup_where(principal: Principal, root_path: str | None, filters: RollupFilters) -> list[ColumnElement[bool]]:
    """`root_path` None: the per-child join already bounds the rows (leaving the planner one range per child)."""
    where = [tracking.kind_within(TaskAssignment, principal.scope_paths(READ))]
    if root_path is not None:
        where.append(within(TrackedItem.org_path, [root_path]))
    for column, value in (
        (TaskAssignment.task_list_id, filters.task_list_id),
        (TaskList.period, filters.period),
        (Task.is_key, filters.is_key),
    ):
        if value is not None:
            where.append(column == value)
    return where


def _joined(stmt: Select[Any]) -> Select[Any]:
    return stmt.join(Task, Task.id == TaskAssignment.task_id).join(TaskList, TaskList.id == TaskAssignment.task_list_id)


def _counts(row: Sequence[Any]) -> dict[str, int]:
    values = [int(v or 0) for v in row]
    return {"total": values[0], **{s.value: values[1 + i] for i, s in enumerate(_STATUSES)}, "overdue": values[-1]}


def rollup_total(session: Session, principal: Principal, root_path: str, filters: RollupFilters, today: date) -> Any:
    stmt = _joined(select(*_rollup_columns(today)).select_from(TaskAssignment))
    return _counts(session.execute(stmt.where(*_rollup_where(principal, root_path, filters))).one())


def rollup_by_child(
    session: Session, principal: Principal, root: Org, filters: RollupFilters, today: date
) -> list[tuple[Org, bool, dict[str, int]]]:
    child = aliased(Org)
    stmt = _joined(
        select(child.id, *_rollup_columns(today))
        .select_from(child)
        .join(TaskAssignment, within_subtree_of(TrackedItem.org_path, child.path))
    )
    rows = session.execute(
        stmt.where(child.parent_id == root.id, *_rollup_where(principal, None, filters)).group_by(child.id)
    )
    counted = {int(r[0]): _counts(r[1:]) for r in rows}
    children = session.execute(
        org_repository.with_has_children(
            select(Org).where(
                Org.parent_id == root.id, Org.status == OrgStatus.active, within(Org.path, principal.scope_paths(READ))
            )
        ).order_by(Org.sort_order, Org.id)
    ).all()
    empty = _counts([0] * (len(_STATUSES) + 2))
    return [(org, bool(flag), counted.get(org.id, empty)) for org, flag in children]


def rollup_grouped(
    session: Session, principal: Principal, root_path: str, filters: RollupFilters, today: date, by: str
) -> list[tuple[Any, str | None, dict[str, int]]]:
    """(key, label or None, counts) grouped by the target org's level, the task's domain or the task list."""
    if by == "level":
        keys: list[Any] = [Org.level]
        stmt = (
            select(*keys, *_rollup_columns(today)).select_from(TaskAssignment).join(Org, Org.id == TrackedItem.org_id)
        )
    elif by == "domain":
        keys = [Task.domain]
        stmt = select(*keys, *_rollup_columns(today)).select_from(TaskAssignment)
    else:
        keys = [TaskList.id, TaskList.title, TaskList.period]
        stmt = select(*keys, *_rollup_columns(today)).select_from(TaskAssignment)
    stmt = _joined(stmt).where(*_rollup_where(principal, root_path, filters)).group_by(*keys)
    result: list[tuple[Any, str | None, dict[str, int]]] = []
    for row in session.execute(stmt):
        if by == "task_list":
            result.append((row[0], f"{row[1]}（{row[2]}）", _counts(row[3:])))
        else:
            result.append((row[0], None, _counts(row[1:])))
    return result
