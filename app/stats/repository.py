from collections.abc import Iterable
from datetime import date

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from app.models.orgs import Org
from app.models.rollups import SubtreeCount, SubtreeOpenDeadline
from app.stats.rollups import ALL, ancestors


def org_of_path(path: str) -> int:
    return ancestors(path)[-1]


def counts(session: Session, org_ids: Iterable[int], subjects: Iterable[str]) -> dict[tuple[int, str, str], int]:
    ids, wanted = list(org_ids), list(subjects)
    if not ids or not wanted:
        return {}
    stmt = select(SubtreeCount.org_id, SubtreeCount.subject, SubtreeCount.bucket, SubtreeCount.count).where(
        SubtreeCount.org_id.in_(ids), SubtreeCount.subject.in_(wanted)
    )
    return {(o, s, b): n for o, s, b, n in session.execute(stmt)}


def overdue(session: Session, org_ids: Iterable[int], kinds: Iterable[str], today: date) -> dict[tuple[int, str], int]:
    ids, wanted = list(org_ids), list(kinds)
    if not ids or not wanted:
        return {}
    stmt = (
        select(SubtreeOpenDeadline.org_id, SubtreeOpenDeadline.kind, func.sum(SubtreeOpenDeadline.count))
        .where(
            SubtreeOpenDeadline.org_id.in_(ids),
            SubtreeOpenDeadline.kind.in_(wanted),
            SubtreeOpenDeadline.deadline < today,
        )
        .group_by(SubtreeOpenDeadline.org_id, SubtreeOpenDeadline.kind)
    )
    return {(o, k): int(n or 0) for o, k, n in session.execute(stmt)}


_counts = SubtreeCount.__table__
_TOTAL = select(func.coalesce(func.sum(_counts.c.count), 0)).where(
    _counts.c.org_id.in_(bindparam("ids", expanding=True)),
    _counts.c.subject == bindparam("subject"),
    _counts.c.bucket == bindparam("bucket"),
)
_ONE_TOTAL = select(_counts.c.count).where(
    _counts.c.org_id == bindparam("id"),
    _counts.c.subject == bindparam("subject"),
    _counts.c.bucket == bindparam("bucket"),
)


def total(session: Session, paths: Iterable[str], subject: str, bucket: str = ALL) -> int:
    """The exact number of `subject` rows in bucket under the given disjoint subtrees, from the counters."""
    ids = [org_of_path(p) for p in paths]
    if not ids:
        return 0
    if len(ids) == 1:  # the usual case; an expanding IN is compiled again on every call
        values: dict[str, object] = {"id": ids[0], "subject": subject, "bucket": bucket}
        return int(session.connection().execute(_ONE_TOTAL, values).scalar() or 0)
    values = {"ids": ids, "subject": subject, "bucket": bucket}
    return int(session.connection().execute(_TOTAL, values).scalar() or 0)


def children(session: Session, org_id: int) -> list[Org]:
    stmt = select(Org).where(Org.parent_id == org_id).order_by(Org.sort_order, Org.id)
    return list(session.scalars(stmt))
