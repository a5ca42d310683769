"""Set-based queries behind the reminder rules, and the idempotent insert of notifications."""

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import and_, exists, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, aliased

from app.models.operations import Notification
from app.models.orgs import Org
from app.models.tracking import ProgressReport, TrackedItem

_parent = aliased(Org)


def items_due_between(session: Session, first: date, last: date) -> Sequence[Any]:
    """Open items whose deadline falls in [first, last], with who answers for them and who is above."""
    stmt = (
        select(
            TrackedItem.id,
            TrackedItem.kind,
            TrackedItem.title,
            TrackedItem.deadline,
            TrackedItem.org_id,
            TrackedItem.org_path,
            TrackedItem.responsible_user_id,
            Org.secretary_id,
            Org.name.label("org_name"),
            _parent.id.label("parent_id"),
            _parent.path.label("parent_path"),
            _parent.secretary_id.label("parent_secretary_id"),
        )
        .join(Org, Org.id == TrackedItem.org_id)
        .outerjoin(_parent, _parent.id == Org.parent_id)
        .where(TrackedItem.is_open.is_(True), TrackedItem.deadline >= first, TrackedItem.deadline <= last)
        .order_by(TrackedItem.id)
    )
    return session.execute(stmt).all()


def items_overdue(session: Session, today: date) -> Sequence[Any]:
    return items_due_between(session, date.min, date.fromordinal(today.toordinal() - 1))


def items_missing_report(session: Session, kind: str, statuses: Iterable[str], period: str) -> Sequence[Any]:
    reported = exists().where(ProgressReport.item_id == TrackedItem.id, ProgressReport.period == period)
    stmt = (
        select(
            TrackedItem.id,
            TrackedItem.kind,
            TrackedItem.title,
            TrackedItem.org_id,
            TrackedItem.org_path,
            TrackedItem.responsible_user_id,
            Org.secretary_id,
            Org.name.label("org_name"),
        )
        .join(Org, Org.id == TrackedItem.org_id)
        .where(TrackedItem.kind == kind, TrackedItem.status.in_(list(statuses)), ~reported)
        .order_by(TrackedItem.id)
    )
    return session.execute(stmt).all()


def terms_ending(session: Session, first: date, last: date) -> Sequence[Any]:
    stmt = (
        select(
            Org.id,
            Org.name,
            Org.path,
            Org.term_end,
            Org.secretary_id,
            _parent.id.label("parent_id"),
            _parent.path.label("parent_path"),
            _parent.secretary_id.label("parent_secretary_id"),
        )
        .outerjoin(_parent, _parent.id == Org.parent_id)
        .where(Org.status == "active", Org.term_end >= first, Org.term_end <= last)
        .order_by(Org.id)
    )
    return session.execute(stmt).all()


def insert_new(session: Session, rows: list[dict[str, Any]]) -> set[tuple[int, str]]:
    """Insert notifications, skipping (user_id, dedup_key) pairs that exist; answers the pairs that were new."""
    if not rows:
        return set()
    dialect = session.get_bind().dialect.name
    make = pg_insert if dialect == "postgresql" else sqlite_insert
    stmt = (
        make(Notification)
        .on_conflict_do_nothing(index_elements=["user_id", "dedup_key"])
        .returning(Notification.user_id, Notification.dedup_key)
    )
    created: set[tuple[int, str]] = set()
    for start in range(0, len(rows), 1000):
        created |= {(r.user_id, r.dedup_key) for r in session.execute(stmt, rows[start : start + 1000])}
    return created


def unread_exists(session: Session, user_id: int) -> bool:
    stmt = select(exists().where(and_(Notification.user_id == user_id, Notification.read_at.is_(None))))
    return bool(session.scalar(stmt))
