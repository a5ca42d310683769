"""Task assignments: one task as one org carries it out. The org starts it and reports completion (key tasks with
evidence); the issuing org or an ancestor accepts it or returns it with a reason. Also the completion rollups
that the SPA's charts drill down through (county → townships → villages)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from app.authz.permissions import Permission
from app.authz.principal import Principal
from app.core import clock
from app.core.enums import OrgDomain, OrgLevel, TaskRollupBy, label
from app.core.errors import Forbidden, InvalidTransition, Unprocessable
from app.kit.etag import check_version
from app.kit.pagination import PageParams, fetch_page, order_by, page_of
from app.models.lists import Task, TaskAssignment
from app.models.orgs import Org
from app.orgs import repository as org_repository
from app.tasks import repository
from app.tasks.schemas import AssignmentFilters, AssignmentReport, AssignmentUpdate, RollupFilters
from app.tasks.workflow import TASK_ASSIGNMENT
from app.tracking import service as tracking
from app.tracking.kinds import Kind, register

KIND = register(
    Kind(
        "task_assignment",
        TaskAssignment,
        TASK_ASSIGNMENT,
        read=Permission.task_read,
        report=Permission.task_report,
        label="任务",
    )
)
SORTABLE = {
    "id": TaskAssignment.id,
    "deadline": TaskAssignment.deadline,
    "status": TaskAssignment.status,
    "org_id": TaskAssignment.org_id,
    "created_at": TaskAssignment.created_at,
}
GENERAL = "general"  # tasks without a domain: 全领域


def _present(principal: Principal, row: Any) -> dict[str, Any]:
    assignment, task, task_list, org_name, org_level, issuer_name, user_name = row
    data = {c.key: getattr(assignment, c.key) for c in TaskAssignment.__mapper__.column_attrs}
    return (
        data
        | tracking.present(assignment, principal)
        | {
            "task_list_title": task_list.title,
            "period": task_list.period,
            "description": task.description,
            "domain": task.domain,
            "is_key": task.is_key,
            "org_name": org_name,
            "org_level": org_level,
            "issuer_org_name": issuer_name,
            "responsible_user_name": user_name,
        }
    )


def _detail(session: Session, principal: Principal, assignment_id: int) -> dict[str, Any]:
    return _present(principal, repository.get_assignment_row(session, principal, assignment_id))


def list_assignments(
    session: Session, principal: Principal, params: PageParams, filters: AssignmentFilters
) -> dict[str, Any]:
    root_path = org_repository.get_readable(session, principal, filters.root_id).path if filters.root_id else None
    stmt = repository.assignment_ledger(principal, filters, clock.today_local(), root_path)
    rows, total = fetch_page(session, stmt, params, order_by(params, SORTABLE, "-id", TaskAssignment.id), rows=True)
    return page_of([_present(principal, row) for row in rows], total, params)


def get_assignment(session: Session, principal: Principal, assignment_id: int) -> dict[str, Any]:
    return _detail(session, principal, assignment_id)


def timeline(session: Session, principal: Principal, assignment_id: int) -> list[dict[str, Any]]:
    return tracking.timeline(session, repository.get_assignment(session, principal, assignment_id))


def update(
    session: Session, principal: Principal, assignment_id: int, body: AssignmentUpdate, expected_version: int | None
) -> dict[str, Any]:
    """The org's secretary (or its 党建办) names who carries the task out."""
    assignment = repository.get_assignment(session, principal, assignment_id)
    check_version(assignment.version, expected_version)
    if not any(
        a.org_path == assignment.org_path and Permission.task_issue in a.permissions for a in principal.assignments
    ):
        raise Forbidden("只有本组织书记或党建办可以指定责任人")
    if not assignment.is_open:
        raise InvalidTransition("已验收的任务不能更换责任人")
    tracking.check_responsible(session, assignment, body.responsible_user_id)
    assignment.responsible_user_id = body.responsible_user_id
    session.flush()
    return _detail(session, principal, assignment.id)


def add_report(session: Session, principal: Principal, assignment_id: int, body: AssignmentReport) -> dict[str, Any]:
    assignment = repository.get_assignment(session, principal, assignment_id)
    tracking.add_report(session, principal, assignment, content=body.content, attachment_ids=body.attachment_ids)
    session.flush()
    return _detail(session, principal, assignment.id)


def _transition(
    session: Session,
    principal: Principal,
    assignment_id: int,
    action: str,
    expected_version: int | None,
    note: str | None = None,
    attachment_ids: Sequence[int] = (),
) -> dict[str, Any]:
    assignment, transition, before = tracking.act(
        session, principal, KIND, repository.get_assignment(session, principal, assignment_id), action, expected_version
    )
    if action == "submit" and not attachment_ids and _is_key(session, assignment):
        raise Unprocessable(
            "重点任务报送须上传佐证材料",
            code="evidence_required",
            fields=[{"loc": ["body", "attachment_ids"], "message": "至少一个附件"}],
        )
    if action == "return":
        assignment.return_count += 1
    tracking.record_transition(
        session, principal, assignment, transition, before, note=note, attachment_ids=attachment_ids
    )
    session.flush()
    return _detail(session, principal, assignment.id)


def _is_key(session: Session, assignment: TaskAssignment) -> bool:
    task = session.get(Task, assignment.task_id)
    return task is not None and task.is_key


def start(session: Session, principal: Principal, assignment_id: int, expected_version: int | None) -> dict[str, Any]:
    return _transition(session, principal, assignment_id, "start", expected_version)


def submit(
    session: Session, principal: Principal, assignment_id: int, body: AssignmentReport, expected_version: int | None
) -> dict[str, Any]:
    """完成情况报送: a report, and evidence for key tasks (重点任务 are 逐个清零销号: proof is required)."""
    return _transition(session, principal, assignment_id, "submit", expected_version, body.content, body.attachment_ids)


def review(
    session: Session,
    principal: Principal,
    assignment_id: int,
    action: str,
    note: str | None,
    expected_version: int | None,
) -> dict[str, Any]:
    """accept / return: by the issuing org or an ancestor of the target org, never the target org itself."""
    return _transition(session, principal, assignment_id, action, expected_version, note)


# Rollups ---------------------------------------------------------------------------------------------------------


def _row(
    key: str, label_: str, counts: dict[str, int], org: Org | None = None, has_children: bool | None = None
) -> dict[str, Any]:
    total = counts["total"]
    return counts | {
        "key": key,
        "label": label_,
        "org_id": org.id if org is not None else None,
        "has_children": has_children,
        "rate": round(counts["accepted"] / total, 4) if total else 0.0,
    }


def rollup(
    session: Session, principal: Principal, by: TaskRollupBy, root_id: int | None, filters: RollupFilters
) -> dict[str, Any]:
    """Completion (accepted / total) and overdue counts over the root's subtree, one row per direct child org
    (drill-down), per target org level, per task domain or per task list."""
    if root_id is not None:
        root = org_repository.get_readable(session, principal, root_id)
    else:
        roots = org_repository.scope_roots(session, principal)
        if not roots:
            raise Forbidden()
        root = roots[0]
    today = clock.today_local()
    if by == TaskRollupBy.children:
        rows = [
            _row(str(org.id), org.name, counts, org, has_children)
            for org, has_children, counts in repository.rollup_by_child(session, principal, root, filters, today)
        ]
    else:
        grouped = repository.rollup_grouped(session, principal, root.path, filters, today, by.value)
        rows = [_row(*_key_label(by, key, name), counts) for key, name, counts in grouped]
        rows.sort(key=lambda r: _order(by, r["key"]))
    summary = repository.rollup_total(session, principal, root.path, filters, today)
    return {
        "by": by,
        "root_id": root.id,
        "root_name": root.name,
        "summary": _row(str(root.id), root.name, summary, root, None),
        "rows": rows,
    }


def _key_label(by: TaskRollupBy, key: Any, name: str | None) -> tuple[str, str]:
    if by == TaskRollupBy.level:
        return str(key), label(OrgLevel(key))
    if by == TaskRollupBy.domain:
        return (GENERAL, "全领域") if key is None else (str(key), label(OrgDomain(key)))
    return str(key), name or ""


def _order(by: TaskRollupBy, key: str) -> tuple[int, int]:
    if by == TaskRollupBy.level:
        return list(OrgLevel).index(OrgLevel(key)), 0
    if by == TaskRollupBy.domain:
        return (-1 if key == GENERAL else list(OrgDomain).index(OrgDomain(key))), 0
    return 0, -int(key)  # newest list first
