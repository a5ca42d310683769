from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import Select, delete, exists, func, insert, select
from sqlalchemy.orm import Session, aliased

from app.authz.permissions import Permission
from app.authz.principal import Principal
from app.authz.scope import within
from app.core.errors import NotFound
from app.kit.pagination import AnySelect
from app.models.accounts import User
from app.models.orgs import Org
from app.models.problems import Inspection, Problem, inspection_orgs
from app.models.tracking import ProgressReport, TrackedItem
from app.problems.schemas import InspectionFilters, ProblemFilters
from app.tracking import repository as tracking

# A ledger row: what ProblemRead shows, plus what the workflow rules need (paths, is_open). Plain table
# columns (Core, not ORM entities): the ledger is the hottest read path.
_items, _problems, _orgs = TrackedItem.__table__, Problem.__table__, Org.__table__
_users, _issuers = User.__table__.alias("responsible"), Org.__table__.alias("issuer")
LEDGER_BASE: AnySelect = select(
    _items.c.id,
    _items.c.org_id,
    _orgs.c.name.label("org_name"),
    _items.c.org_path,
    _items.c.issuer_org_id,
    _items.c.issuer_org_path,
    _problems.c.source,
    _problems.c.inspection_id,
    _items.c.title,
    _problems.c.description,
    _problems.c.category,
    _problems.c.severity,
    _problems.c.measures,
    _items.c.responsible_user_id,
    _users.c.full_name.label("responsible_user_name"),
    _issuers.c.name.label("issuer_org_name"),
    _items.c.deadline,
    _items.c.status,
    _items.c.is_open,
    _items.c.closed_at,
    _items.c.last_report_at,
    _problems.c.recheck_count,
    _items.c.version,
    _items.c.created_at,
    _items.c.updated_at,
).select_from(
    _items.join(_problems, _problems.c.id == _items.c.id)
    .join(_orgs, _orgs.c.id == _items.c.org_id)
    .outerjoin(_users, _users.c.id == _items.c.responsible_user_id)
    .outerjoin(_issuers, _issuers.c.id == _items.c.issuer_org_id)
)
# The columns the default view filters and sorts on.
LEDGER_COLUMNS: dict[str, Any] = {
    "path": _items.c.org_path,
    "kind": _items.c.kind,
    "id": _items.c.id,
    "deadline": _items.c.deadline,
    "created_at": _items.c.created_at,
    "status": _items.c.status,
    "severity": _problems.c.severity,
    "org_id": _items.c.org_id,
}


_responsible, _issuer = aliased(User), aliased(Org)


def problems(principal: Principal) -> AnySelect:
    """Problems as entities, with the names a reader may not be able to look up (detail pages)."""
    return (
        select(
            Problem,
            Org.name.label("org_name"),
            _responsible.full_name.label("responsible_user_name"),
            _issuer.name.label("issuer_org_name"),
        )
        .join(Org, Org.id == Problem.org_id)
        .outerjoin(_responsible, _responsible.id == Problem.responsible_user_id)
        .outerjoin(_issuer, _issuer.id == Problem.issuer_org_id)
        .where(tracking.kind_within(Problem, principal.scope_paths(Permission.problem_read)))
    )


def ledger(principal: Principal, filters: ProblemFilters, today: date, root_path: str | None, period: str) -> AnySelect:
    """Ledger rows for any filter combination (the default view has prebuilt statements in the service)."""
    stmt: AnySelect = LEDGER_BASE.where(tracking.kind_within(Problem, principal.scope_paths(Permission.problem_read)))
    stmt = tracking.ledger(stmt, filters, today, root_path)
    for field in ("source", "category", "severity", "inspection_id"):
        value = getattr(filters, field)
        if value is not None:
            stmt = stmt.where(getattr(Problem, field) == value)
    if filters.reported_this_month is not None:
        reported = exists().where(ProgressReport.item_id == _items.c.id, ProgressReport.period == period)
        stmt = stmt.where(reported if filters.reported_this_month else ~reported)
    return stmt


def get_row(session: Session, principal: Principal, problem_id: int) -> Any:
    row = session.execute(problems(principal).where(Problem.id == problem_id)).one_or_none()
    if row is None:
        raise NotFound()
    return row


def summary(session: Session, principal: Principal, root_path: str | None, today: date, period: str) -> dict[str, Any]:
    base = select(Problem.id, Problem.status, Problem.is_open, Problem.deadline).where(
        tracking.kind_within(Problem, principal.scope_paths(Permission.problem_read))
    )
    if root_path is not None:
        base = base.where(within(Problem.org_path, [root_path]))
    sub = base.subquery()
    by_status = {s: int(n) for s, n in session.execute(select(sub.c.status, func.count()).group_by(sub.c.status))}
    overdue = session.scalar(
        select(func.count()).select_from(sub).where(sub.c.is_open.is_(True), sub.c.deadline < today)
    )
    reported = select(ProgressReport.item_id).where(ProgressReport.period == period)
    missing = session.scalar(
        select(func.count()).select_from(sub).where(sub.c.is_open.is_(True), sub.c.id.not_in(reported))
    )
    return {"by_status": by_status, "overdue": int(overdue or 0), "missing_monthly_report": int(missing or 0)}


def inspections(principal: Principal) -> Select[Inspection]:
    return select(Inspection).where(within(Inspection.org_path, principal.scope_paths(Permission.problem_read)))


def search_inspections(principal: Principal, filters: InspectionFilters, root_path: str | None) -> Select[Inspection]:
    stmt = inspections(principal)
    if root_path is not None:
        stmt = stmt.where(within(Inspection.org_path, [root_path]))
    if filters.org_id is not None:
        stmt = stmt.where(Inspection.org_id == filters.org_id)
    if filters.type is not None:
        stmt = stmt.where(Inspection.type == filters.type)
    if filters.held_from is not None:
        stmt = stmt.where(Inspection.held_on >= filters.held_from)
    if filters.held_to is not None:
        stmt = stmt.where(Inspection.held_on <= filters.held_to)
    return stmt


def org_names(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return dict(session.execute(select(Org.id, Org.name).where(Org.id.in_(ids))).all())


def get_inspection(session: Session, principal: Principal, inspection_id: int) -> Inspection:
    found = session.scalar(inspections(principal).where(Inspection.id == inspection_id))
    if found is None:
        raise NotFound()
    return found


def visited_paths(session: Session, inspection_id: int) -> list[str]:
    stmt = (
        select(Org.path)
        .join(inspection_orgs, inspection_orgs.c.org_id == Org.id)
        .where(inspection_orgs.c.inspection_id == inspection_id)
    )
    return list(session.scalars(stmt))


def set_visited(session: Session, inspection_id: int, org_ids: list[int]) -> None:
    session.execute(delete(inspection_orgs).where(inspection_orgs.c.inspection_id == inspection_id))
    session.execute(insert(inspection_orgs), [{"inspection_id": inspection_id, "org_id": o} for o in org_ids])


def problem_counts(session: Session, inspection_ids: Iterable[int]) -> dict[int, int]:
    ids = list(inspection_ids)
    if not ids:
        return {}
    rows = session.execute(
        select(Problem.inspection_id, func.count())
        .where(Problem.inspection_id.in_(ids))
        .group_by(Problem.inspection_id)
    )
    return {int(i): int(n) for i, n in rows if i is not None}
