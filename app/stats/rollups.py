"""Keeping the subtree counters exact.

A session hook turns every flushed change of an Org, a User or a TrackedItem into counter deltas for each
ancestor of the row's org (the org itself included) and applies them with one batched UPSERT, in the same
transaction as the change. Org moves shift whole subtrees and call `move_subtree`. `rebuild` recomputes
everything from the tables (after bulk loads such as the benchmark generator, or to repair).
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from sqlalchemy import delete, event, func, inspect, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, UOWTransaction

from app.models.accounts import User
from app.models.orgs import Org
from app.models.rollups import SubtreeCount, SubtreeOpenDeadline
from app.models.tracking import TrackedItem

ALL = "_all"
CountKey = tuple[int, str, str]  # (org_id, subject, bucket)
DeadlineKey = tuple[int, str, date]  # (org_id, kind, deadline)


def ancestors(path: str) -> list[int]:
    return [int(part) for part in path.strip("/").split("/") if part]


def _facts(obj: Any, state: str) -> tuple[str, str, str, date | None] | None:
    """(path, subject, bucket, open deadline) of a row as it is ("now") or was ("before") in this flush."""

    def value(attr: str) -> Any:
        if state == "now":
            return getattr(obj, attr)
        history = inspect(obj).attrs[attr].history
        return history.deleted[0] if history.deleted else getattr(obj, attr)

    if isinstance(obj, Org):
        # A move is accounted for by move_subtree, for the whole subtree at once: only the status counts here.
        return obj.path, "org", str(value("status")), None
    if isinstance(obj, User):
        return value("org_path"), "user", "active" if value("is_active") else "inactive", None
    if isinstance(obj, TrackedItem):
        deadline = value("deadline") if value("is_open") else None
        return value("org_path"), obj.kind, str(value("status")), deadline
    return None


def _apply(counts: Counter[CountKey], deadlines: Counter[DeadlineKey], facts: Any, sign: int) -> None:
    if facts is None:
        return
    path, subject, bucket, deadline = facts
    for org_id in ancestors(path):
        counts[(org_id, subject, bucket)] += sign
        counts[(org_id, subject, ALL)] += sign
        if deadline is not None:
            deadlines[(org_id, subject, deadline)] += sign


@event.listens_for(Session, "after_flush")
def _track(session: Session, _ctx: UOWTransaction) -> None:
    counts: Counter[CountKey] = Counter()
    deadlines: Counter[DeadlineKey] = Counter()
    for obj in session.new:
        _apply(counts, deadlines, _facts(obj, "now"), +1)
    for obj in session.dirty:
        if isinstance(obj, Org | User | TrackedItem) and session.is_modified(obj, include_collections=False):
            before, now = _facts(obj, "before"), _facts(obj, "now")
            if before != now:
                _apply(counts, deadlines, before, -1)
                _apply(counts, deadlines, now, +1)
    for obj in session.deleted:
        _apply(counts, deadlines, _facts(obj, "before"), -1)
    write(session, counts, deadlines)


def write(session: Session, counts: Counter[CountKey], deadlines: Counter[DeadlineKey]) -> None:
    conn = session.connection()
    make = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
    count_rows = [{"org_id": o, "subject": s, "bucket": b, "count": n} for (o, s, b), n in counts.items() if n]
    if count_rows:
        stmt = make(SubtreeCount)
        conn.execute(
            stmt.on_conflict_do_update(
                index_elements=["org_id", "subject", "bucket"], set_={"count": SubtreeCount.count + stmt.excluded.count}
            ),
            count_rows,
        )
    deadline_rows = [{"org_id": o, "kind": k, "deadline": d, "count": n} for (o, k, d), n in deadlines.items() if n]
    if deadline_rows:
        stmt = make(SubtreeOpenDeadline)
        conn.execute(
            stmt.on_conflict_do_update(
                index_elements=["org_id", "kind", "deadline"],
                set_={"count": SubtreeOpenDeadline.count + stmt.excluded.count},
            ),
            deadline_rows,
        )


def move_subtree(session: Session, org_id: int, old_path: str, new_path: str) -> None:
    """An org moved with its subtree: its totals leave the old ancestors and join the new ones."""
    old_above = set(ancestors(old_path)) - {org_id}
    new_above = set(ancestors(new_path)) - {org_id}
    leaving, joining = old_above - new_above, new_above - old_above
    own = session.execute(
        select(SubtreeCount.subject, SubtreeCount.bucket, SubtreeCount.count).where(SubtreeCount.org_id == org_id)
    ).all()
    own_deadlines = session.execute(
        select(SubtreeOpenDeadline.kind, SubtreeOpenDeadline.deadline, SubtreeOpenDeadline.count).where(
            SubtreeOpenDeadline.org_id == org_id
        )
    ).all()
    counts: Counter[CountKey] = Counter()
    deadlines: Counter[DeadlineKey] = Counter()
    for subject, bucket, n in own:
        for ancestor in leaving:
            counts[(ancestor, subject, bucket)] -= n
        for ancestor in joining:
            counts[(ancestor, subject, bucket)] += n
    for kind, deadline, n in own_deadlines:
        for ancestor in leaving:
            deadlines[(ancestor, kind, deadline)] -= n
        for ancestor in joining:
            deadlines[(ancestor, kind, deadline)] += n
    write(session, counts, deadlines)


def rebuild(session: Session) -> None:
    """Recompute every counter from the tables (bulk loads bypass the session hook)."""
    session.execute(delete(SubtreeCount))
    session.execute(delete(SubtreeOpenDeadline))
    counts: Counter[CountKey] = Counter()
    deadlines: Counter[DeadlineKey] = Counter()
    paths = dict(session.execute(select(Org.id, Org.path)).all())

    def spread(org_id: int, subject: str, bucket: str, n: int, deadline: date | None = None) -> None:
        for ancestor in ancestors(paths[org_id]):
            if deadline is None:
                counts[(ancestor, subject, bucket)] += n
                counts[(ancestor, subject, ALL)] += n
            else:
                deadlines[(ancestor, subject, deadline)] += n

    for org_id, org_status in session.execute(select(Org.id, Org.status)):
        spread(org_id, "org", str(org_status), 1)
    for org_id, active, n in session.execute(
        select(User.org_id, User.is_active, func.count()).group_by(User.org_id, User.is_active)
    ):
        spread(org_id, "user", "active" if active else "inactive", n)
    for org_id, kind, status, n in session.execute(
        select(TrackedItem.org_id, TrackedItem.kind, TrackedItem.status, func.count()).group_by(
            TrackedItem.org_id, TrackedItem.kind, TrackedItem.status
        )
    ):
        spread(org_id, kind, status, n)
    for org_id, kind, deadline, n in session.execute(
        select(TrackedItem.org_id, TrackedItem.kind, TrackedItem.deadline, func.count())
        .where(TrackedItem.is_open.is_(True), TrackedItem.deadline.is_not(None))
        .group_by(TrackedItem.org_id, TrackedItem.kind, TrackedItem.deadline)
    ):
        spread(org_id, kind, "", n, deadline)
    write(session, counts, deadlines)
