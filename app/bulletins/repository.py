from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app.authz.permissions import Permission
from app.authz.principal import Principal
from app.authz.scope import within
from app.core.enums import BulletinStatus, ProblemStatus
from app.core.errors import NotFound
from app.kit.pagination import AnySelect
from app.models.bulletins import Bulletin, BulletinCounter
from app.models.orgs import Org
from app.models.problems import Problem


def _ancestors(paths: Iterable[str]) -> set[str]:
    """Every ancestor-or-self path of the given paths: "/1/5/23/" → "/1/", "/1/5/", "/1/5/23/"."""
    found: set[str] = set()
    for path in paths:
        parts = path.strip("/").split("/")
        found.update("/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts)))
    return found


def visible(principal: Principal) -> ColumnElement[bool]:
    """A published bulletin circulates down its issuing org's subtree (every reader below it sees it) and is seen by
    readers above it; a draft is seen only by the issuing side (bulletin_write over the issuing org)."""
    read_paths = principal.scope_paths(Permission.bulletin_read)
    published = and_(
        Bulletin.status == BulletinStatus.published,
        or_(within(Bulletin.org_path, read_paths), Bulletin.org_path.in_(sorted(_ancestors(read_paths)))),
    )
    draft = and_(
        Bulletin.status == BulletinStatus.draft,
        within(Bulletin.org_path, principal.scope_paths(Permission.bulletin_write)),
    )
    return or_(published, draft)


def bulletins(principal: Principal) -> AnySelect:
    return select(Bulletin, Org.name.label("org_name")).join(Org, Org.id == Bulletin.org_id).where(visible(principal))


def get_row(session: Session, principal: Principal, bulletin_id: int) -> Any:
    row = session.execute(bulletins(principal).where(Bulletin.id == bulletin_id)).one_or_none()
    if row is None:
        raise NotFound()
    return row


def problems_in(session: Session, ids: Sequence[int], scope_paths: Sequence[str], subtree: str) -> list[Any]:
    """The given problems that lie both in the caller's scope and in the issuing org's subtree, with org names."""
    if not ids:
        return []
    stmt = (
        select(Problem, Org.name.label("org_name"))
        .join(Org, Org.id == Problem.org_id)
        .where(Problem.id.in_(list(ids)), within(Problem.org_path, scope_paths), within(Problem.org_path, [subtree]))
    )
    return list(session.execute(stmt).all())


def org_names_in(session: Session, ids: Sequence[int], scope_paths: Sequence[str], subtree: str) -> dict[int, str]:
    if not ids:
        return {}
    stmt = select(Org.id, Org.name).where(
        Org.id.in_(list(ids)), within(Org.path, scope_paths), within(Org.path, [subtree])
    )
    return {int(i): str(n) for i, n in session.execute(stmt)}


def next_number(session: Session, org_id: int, year: int) -> int:
    """Take the next number for (org, year) atomically. The first one of a year starts after the highest number
    already issued, so a lost counter row can never hand out a number twice. Concurrent callers serialize on
    the counter row (PostgreSQL) or on the write lock (SQLite)."""
    highest = (
        select(func.coalesce(func.max(Bulletin.number), 0) + 1)
        .where(Bulletin.org_id == org_id, Bulletin.year == year)
        .scalar_subquery()
    )
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    stmt = (
        insert(BulletinCounter)
        .values(org_id=org_id, year=year, last_number=highest)
        .on_conflict_do_update(
            index_elements=[BulletinCounter.org_id, BulletinCounter.year],
            set_={"last_number": BulletinCounter.last_number + 1},
        )
        .returning(BulletinCounter.last_number)
    )
    return int(session.execute(stmt).scalar_one())


def child_orgs(session: Session, parent_id: int, scope_paths: Sequence[str]) -> list[Org]:
    stmt = (
        select(Org)
        .where(Org.parent_id == parent_id, Org.status == "active", within(Org.path, scope_paths))
        .order_by(Org.sort_order, Org.id)
    )
    return list(session.scalars(stmt))


def problem_counts(
    session: Session,
    subtree: str,
    scope_paths: Sequence[str],
    today: Any,
    created_from: datetime | None,
    created_to: datetime | None,
) -> tuple[int, int, int]:
    """(total, closed, overdue) problems in a subtree, within the caller's problem scope."""
    stmt = select(
        func.count(),
        func.count().filter(Problem.status == ProblemStatus.closed),
        func.count().filter(Problem.is_open.is_(True), Problem.deadline < today),
    )
    stmt = stmt.select_from(Problem).where(within(Problem.org_path, [subtree]), within(Problem.org_path, scope_paths))
    if created_from is not None:
        stmt = stmt.where(Problem.created_at >= created_from)
    if created_to is not None:
        stmt = stmt.where(Problem.created_at < created_to)
    total, closed, overdue = session.execute(stmt).one()
    return int(total), int(closed), int(overdue)
