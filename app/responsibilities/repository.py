"""Queries for responsibility letters and items. A draft letter (and its items) is visible only to those who can
read the issuing org: the target org sees its letter once it has been issued."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from app.authz.permissions import Permission
from app.authz.principal import Principal
from app.authz.scope import within, within_subtree_of
from app.core.enums import OrgLevel, OrgStatus, ResponsibilityItemStatus, ResponsibilityLetterStatus
from app.core.errors import NotFound
from app.kit.pagination import AnySelect
from app.models.accounts import User
from app.models.lists import ResponsibilityItem, ResponsibilityLetter
from app.models.orgs import Org
from app.models.tracking import TrackedItem
from app.orgs import repository as org_repository
from app.responsibilities.schemas import ItemFilters, LetterFilters
from app.tracking import repository as tracking

READ = Permission.responsibility_read
Issuer = aliased(Org)


def _letter_visible(principal: Principal) -> ColumnElement[bool]:
    paths = principal.scope_paths(READ)
    return and_(
        within(ResponsibilityLetter.org_path, paths),
        or_(
            ResponsibilityLetter.status != ResponsibilityLetterStatus.draft,
            within(ResponsibilityLetter.issuer_org_path, paths),
        ),
    )


def _item_visible(principal: Principal) -> ColumnElement[bool]:
    paths = principal.scope_paths(READ)
    return and_(
        tracking.kind_within(ResponsibilityItem, paths),
        or_(
            TrackedItem.status != ResponsibilityItemStatus.draft,
            within(TrackedItem.issuer_org_path, paths),  # type: ignore[arg-type]
        ),
    )


def letters(principal: Principal) -> AnySelect:
    return (
        select(ResponsibilityLetter, Org.name.label("org_name"), Issuer.name.label("issuer_org_name"))
        .join(Org, Org.id == ResponsibilityLetter.org_id)
        .join(Issuer, Issuer.id == ResponsibilityLetter.issuer_org_id)
        .where(_letter_visible(principal))
    )


def letter_ledger(principal: Principal, filters: LetterFilters, root_path: str | None) -> AnySelect:
    stmt = letters(principal)
    if root_path is not None:
        stmt = stmt.where(within(ResponsibilityLetter.org_path, [root_path]))
    for field in ("year", "org_id", "issuer_org_id", "status"):
        value = getattr(filters, field)
        if value is not None:
            stmt = stmt.where(getattr(ResponsibilityLetter, field) == value)
    return stmt


def get_letter_row(session: Session, principal: Principal, letter_id: int) -> Any:
    row = session.execute(letters(principal).where(ResponsibilityLetter.id == letter_id)).one_or_none()
    if row is None:
        raise NotFound()
    return row


def get_letter(session: Session, principal: Principal, letter_id: int) -> ResponsibilityLetter:
    found = session.scalar(
        select(ResponsibilityLetter).where(ResponsibilityLetter.id == letter_id, _letter_visible(principal))
    )
    if found is None:
        raise NotFound()
    return found


def letter_exists(session: Session, issuer_org_id: int, org_id: int, year: int) -> bool:
    stmt = select(ResponsibilityLetter.id).where(
        ResponsibilityLetter.issuer_org_id == issuer_org_id,
        ResponsibilityLetter.org_id == org_id,
        ResponsibilityLetter.year == year,
    )
    return session.scalar(stmt) is not None


def item_counts(session: Session, letter_ids: Iterable[int]) -> dict[int, tuple[int, int]]:
    """(items, completed items) per letter."""
    ids = list(letter_ids)
    if not ids:
        return {}
    completed = func.sum(case((ResponsibilityItem.status == ResponsibilityItemStatus.completed, 1), else_=0))
    rows = session.execute(
        select(ResponsibilityItem.letter_id, func.count(), completed)
        .where(ResponsibilityItem.letter_id.in_(ids))
        .group_by(ResponsibilityItem.letter_id)
    )
    return {int(letter_id): (int(n), int(done or 0)) for letter_id, n, done in rows}


def items(principal: Principal) -> AnySelect:
    return (
        select(ResponsibilityItem, Org.name.label("org_name"), User.full_name.label("responsible_user_name"))
        .join(Org, Org.id == ResponsibilityItem.org_id)
        .outerjoin(User, User.id == ResponsibilityItem.responsible_user_id)
        .where(_item_visible(principal))
    )


def item_ledger(principal: Principal, filters: ItemFilters, today: date, root_path: str | None) -> AnySelect:
    stmt = tracking.ledger(items(principal), filters, today, root_path)
    for field in ("year", "role", "letter_id"):
        value = getattr(filters, field)
        if value is not None:
            stmt = stmt.where(getattr(ResponsibilityItem, field) == value)
    return stmt


def items_of_letter(session: Session, principal: Principal, letter_id: int) -> list[Any]:
    stmt = items(principal).where(ResponsibilityItem.letter_id == letter_id)
    return list(session.execute(stmt.order_by(ResponsibilityItem.sort_order, ResponsibilityItem.id)).all())


def letter_items(session: Session, letter_id: int) -> list[ResponsibilityItem]:
    stmt = (
        select(ResponsibilityItem)
        .where(ResponsibilityItem.letter_id == letter_id)
        .order_by(ResponsibilityItem.sort_order, ResponsibilityItem.id)
    )
    return list(session.scalars(stmt))


def get_item_row(session: Session, principal: Principal, item_id: int) -> Any:
    row = session.execute(items(principal).where(ResponsibilityItem.id == item_id)).one_or_none()
    if row is None:
        raise NotFound()
    return row


def get_item(session: Session, principal: Principal, item_id: int) -> ResponsibilityItem:
    found = session.scalar(select(ResponsibilityItem).where(ResponsibilityItem.id == item_id, _item_visible(principal)))
    if found is None:
        raise NotFound()
    return found


def next_sort_order(session: Session, letter_id: int) -> int:
    stmt = select(func.coalesce(func.max(ResponsibilityItem.sort_order), -1)).where(
        ResponsibilityItem.letter_id == letter_id
    )
    return int(session.scalar(stmt) or 0) + 1


def active_users_in(session: Session, user_ids: Iterable[int], org_path: str) -> set[int]:
    ids = list(user_ids)
    if not ids:
        return set()
    stmt = select(User.id).where(User.id.in_(ids), User.is_active.is_(True), within(User.org_path, [org_path]))
    return set(session.scalars(stmt))


# Completion rollups ----------------------------------------------------------------------------------------------


def _counts(today: date) -> tuple[Any, Any, Any]:
    completed = func.sum(case((TrackedItem.status == ResponsibilityItemStatus.completed, 1), else_=0))
    overdue = func.sum(case((tracking.overdue_clause(today), 1), else_=0))
    return func.count(), completed, overdue


def _issued_items(principal: Principal, year: int, root_path: str | None) -> list[ColumnElement[bool]]:
    """Items that count: issued (not draft), of the year, in the caller's scope and the root's subtree (`None`: the
    per-child join already bounds the rows, leaving the planner one index range per child)."""
    where = [
        ResponsibilityItem.year == year,
        TrackedItem.status != ResponsibilityItemStatus.draft,
        tracking.kind_within(ResponsibilityItem, principal.scope_paths(READ)),
    ]
    if root_path is not None:
        where.append(within(TrackedItem.org_path, [root_path]))
    return where


def completion_total(
    session: Session, principal: Principal, year: int, root_path: str, today: date, *, own_only: bool = False
) -> tuple[int, int, int]:
    where = _issued_items(principal, year, root_path)
    if own_only:
        where.append(TrackedItem.org_path == root_path)
    row = session.execute(select(*_counts(today)).select_from(ResponsibilityItem).where(*where)).one()
    return int(row[0]), int(row[1] or 0), int(row[2] or 0)


def completion_by_child(
    session: Session, principal: Principal, year: int, root: Org, today: date
) -> list[tuple[Org, bool, tuple[int, int, int]]]:
    child = aliased(Org)
    rows = session.execute(
        select(child.id, *_counts(today))
        .select_from(child)
        .join(ResponsibilityItem, within_subtree_of(TrackedItem.org_path, child.path))
        .where(child.parent_id == root.id, *_issued_items(principal, year, None))
        .group_by(child.id)
    )
    counted = {int(row[0]): (int(row[1]), int(row[2] or 0), int(row[3] or 0)) for row in rows}
    children = session.execute(
        org_repository.with_has_children(
            select(Org).where(
                Org.parent_id == root.id, Org.status == OrgStatus.active, within(Org.path, principal.scope_paths(READ))
            )
        ).order_by(Org.sort_order, Org.id)
    ).all()
    return [(org, bool(flag), counted.get(org.id, (0, 0, 0))) for org, flag in children]


def completion_by_level(
    session: Session, principal: Principal, year: int, root_path: str, today: date
) -> dict[OrgLevel, tuple[int, int, int]]:
    rows = session.execute(
        select(Org.level, *_counts(today))
        .select_from(ResponsibilityItem)
        .join(Org, Org.id == TrackedItem.org_id)
        .where(*_issued_items(principal, year, root_path))
        .group_by(Org.level)
    )
    return {OrgLevel(level): (int(n), int(done or 0), int(late or 0)) for level, n, done, late in rows}
