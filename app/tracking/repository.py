"""Queries over the spine, for every kind."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, bindparam, func, select
from sqlalchemy.orm import Session

from app.authz.permissions import Permission
from app.authz.principal import Principal
from app.authz.scope import within
from app.core.errors import NotFound
from app.kit.pagination import AnySelect
from app.models.accounts import User
from app.models.tracking import Milestone, ProgressReport, TrackedItem
from app.tracking.schemas import LedgerFilters


def overdue_clause(today: date) -> ColumnElement[bool]:
    return and_(TrackedItem.is_open.is_(True), TrackedItem.deadline < today)


def kind_within(model: type[TrackedItem], paths: Iterable[str]) -> ColumnElement[bool]:
    """One kind's rows in the given subtrees. Naming the kind lets both databases seek the (kind, org_path)
    index; a subtree range alone walks every kind's rows in it (a province holds a million problems and a few
    thousand projects, and a root-scope project list would read them all)."""
    return and_(TrackedItem.kind == model.__mapper__.polymorphic_identity, within(TrackedItem.org_path, paths))


def readable(model: type[TrackedItem], principal: Principal, permission: Permission) -> AnySelect:
    return select(model).where(kind_within(model, principal.scope_paths(permission)))


def get_readable(
    session: Session, model: type[TrackedItem], principal: Principal, permission: Permission, item_id: int
) -> Any:
    item = session.scalar(readable(model, principal, permission).where(model.id == item_id))
    if item is None:
        raise NotFound()
    return item


def ledger(stmt: AnySelect, filters: LedgerFilters, today: date, root_path: str | None) -> AnySelect:
    if root_path is not None:
        stmt = stmt.where(within(TrackedItem.org_path, [root_path]))
    if filters.status is not None:
        stmt = stmt.where(TrackedItem.status == filters.status)
    if filters.open is not None:
        stmt = stmt.where(TrackedItem.is_open.is_(filters.open))
    if filters.overdue is True:
        stmt = stmt.where(overdue_clause(today))
    elif filters.overdue is False:
        stmt = stmt.where(~overdue_clause(today) | TrackedItem.deadline.is_(None))
    if filters.responsible_user_id is not None:
        stmt = stmt.where(TrackedItem.responsible_user_id == filters.responsible_user_id)
    if filters.deadline_from is not None:
        stmt = stmt.where(TrackedItem.deadline >= filters.deadline_from)
    if filters.deadline_to is not None:
        stmt = stmt.where(TrackedItem.deadline <= filters.deadline_to)
    if filters.q:
        stmt = stmt.where(TrackedItem.title.contains(filters.q, autoescape=True))
    return stmt


_reports = ProgressReport.__table__
_REPORTED = select(_reports.c.item_id).where(
    _reports.c.item_id.in_(bindparam("ids", expanding=True)), _reports.c.period == bindparam("period")
)


def reported_in(session: Session, item_ids: Iterable[int], period: str) -> set[int]:
    """Which of these items have a report for the period (每月 / 每季度 reports)."""
    ids = list(item_ids)
    if not ids:
        return set()
    return set(session.connection().execute(_REPORTED, {"ids": ids, "period": period}).scalars())


def report_for_period(session: Session, item_id: int, period: str) -> ProgressReport | None:
    return session.scalar(
        select(ProgressReport).where(ProgressReport.item_id == item_id, ProgressReport.period == period)
    )


def timeline(session: Session, item_id: int) -> list[ProgressReport]:
    stmt = (
        select(ProgressReport)
        .where(ProgressReport.item_id == item_id)
        .order_by(ProgressReport.created_at, ProgressReport.id)
    )
    return list(session.scalars(stmt))


def milestones(session: Session, item_id: int) -> list[Milestone]:
    stmt = select(Milestone).where(Milestone.item_id == item_id).order_by(Milestone.due_on, Milestone.sort_order)
    return list(session.scalars(stmt))


def count_by_status(session: Session, stmt: AnySelect) -> dict[str, int]:
    sub = stmt.order_by(None).subquery()
    rows = session.execute(select(sub.c.status, func.count()).group_by(sub.c.status))
    return {status: int(n) for status, n in rows}


def active_user_in_subtree(session: Session, user_id: int, org_path: str) -> bool:
    stmt = select(User.id).where(User.id == user_id, User.is_active.is_(True), within(User.org_path, [org_path]))
    return session.scalar(stmt) is not None


def user_names(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return dict(session.execute(select(User.id, User.full_name).where(User.id.in_(ids))).all())
