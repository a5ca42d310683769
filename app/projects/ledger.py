"""项目台账: the ledger with its filters, the reminder list (提醒清单) and progress rollups per org."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy.orm import Session

from app.authz.principal import Principal
from app.core import clock
from app.core.enums import ProjectGrade, ProjectStatus, ReminderReason
from app.kit.pagination import PageParams, fetch_page, order_by, page_of
from app.models.projects import Project
from app.orgs import repository as org_repository
from app.projects import repository
from app.projects.schemas import ProjectFilters
from app.projects.service import detail, present
from app.tracking import repository as tracking_repository
from app.tracking import service as tracking

SORTABLE = {
    "id": Project.id,
    "deadline": Project.deadline,
    "created_at": Project.created_at,
    "status": Project.status,
    "progress": Project.progress,
    "org_id": Project.org_id,
    "campaign_id": Project.campaign_id,
}
REMINDER_SORTABLE = {
    "id": Project.id,
    "deadline": Project.deadline,
    "progress": Project.progress,
    "org_id": Project.org_id,
}


def _root_path(session: Session, principal: Principal, root_id: int | None) -> str | None:
    return org_repository.get_readable(session, principal, root_id).path if root_id else None


def list_projects(
    session: Session, principal: Principal, params: PageParams, filters: ProjectFilters
) -> dict[str, Any]:
    today = clock.today_local()
    stmt = repository.ledger(principal, filters, today, _root_path(session, principal, filters.root_id))
    rows, total = fetch_page(session, stmt, params, order_by(params, SORTABLE, "-id", Project.id), rows=True)
    ids = [r.Project.id for r in rows]
    reported = tracking_repository.reported_in(session, ids, tracking.current_period())
    late = repository.late_milestones(session, ids, today)
    items = [present(principal, r, r.Project.id in reported, r.Project.is_open and r.Project.id in late) for r in rows]
    return page_of(items, total, params)


def get_project(session: Session, principal: Principal, project_id: int) -> dict[str, Any]:
    return detail(session, principal, project_id)


def reminders(
    session: Session,
    principal: Principal,
    params: PageParams,
    root_id: int | None,
    campaign_id: int | None,
    owner_id: int | None,
    reason: ReminderReason | None,
) -> dict[str, Any]:
    """提醒清单 as of today (Asia/Shanghai): who has not reported this month, who is behind a milestone."""
    today, period = clock.today_local(), tracking.current_period()
    stmt = repository.reminders(
        principal,
        _root_path(session, principal, root_id),
        period,
        today,
        campaign_id=campaign_id,
        owner_id=owner_id,
        reason=reason,
    )
    rows, total = fetch_page(
        session, stmt, params, order_by(params, REMINDER_SORTABLE, "org_id", Project.id), rows=True
    )
    ids = [r.Project.id for r in rows]
    reported = tracking_repository.reported_in(session, ids, period)
    late = repository.late_milestones(session, ids, today)
    items = []
    for row in rows:
        project: Project = row.Project
        reasons = [ReminderReason.no_monthly_report] if project.id not in reported else []
        if project.id in late:
            reasons.append(ReminderReason.behind_milestone)
        items.append(
            {
                "project_id": project.id,
                "campaign_id": project.campaign_id,
                "title": project.title,
                "org_id": project.org_id,
                "org_name": row.org_name,
                "owner_id": project.owner_id,
                "owner_name": row.owner_name,
                "progress": project.progress,
                "progress_period": project.progress_period,
                "deadline": project.deadline,
                "reasons": reasons,
                "late_milestones": late.get(project.id, []),
            }
        )
    return page_of(items, total, params)


def _counts(row: Any) -> dict[str, Any]:
    by_status = {s: int(getattr(row, f"n_{s}") or 0) for s in ProjectStatus}
    average = row.average_progress
    return {
        "total": int(row.total or 0),
        "by_status": by_status,
        "in_progress": by_status[ProjectStatus.in_progress],
        "average_progress": round(float(average), 1) if average is not None else 0.0,
        "missing_monthly_report": int(row.missing or 0),
        "behind_milestone": int(row.behind or 0),
    }


def summary(session: Session, principal: Principal, filters: ProjectFilters) -> dict[str, Any]:
    totals, grades = repository.summary(
        session,
        principal,
        filters,
        clock.today_local(),
        tracking.current_period(),
        _root_path(session, principal, filters.root_id),
    )
    return _counts(totals) | {"by_grade": {g: grades.get(g, 0) for g in ProjectGrade}}


def rollup(session: Session, principal: Principal, params: PageParams, filters: ProjectFilters) -> dict[str, Any]:
    stmt = repository.rollup(
        principal,
        filters,
        clock.today_local(),
        tracking.current_period(),
        _root_path(session, principal, filters.root_id),
    )
    sub = stmt.subquery()
    sortable = cast(Any, {name: sub.c[column] for name, column in repository.ROLLUP_SORTS.items()})
    from_sub = repository.select_all(sub)
    rows, total = fetch_page(
        session, from_sub, params, order_by(params, sortable, "org_id", sortable["org_id"]), rows=True
    )
    items = [_counts(r) | {"org_id": r.org_id, "org_name": r.org_name, "org_level": r.org_level} for r in rows]
    return page_of(items, total, params)
