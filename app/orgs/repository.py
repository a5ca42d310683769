from typing import Any, cast

from sqlalchemy import ColumnElement, Select, String, Table, exists, func, literal, select, text, update
from sqlalchemy.orm import Session, aliased

from app.authz.permissions import Permission
from app.authz.principal import Principal
from app.authz.scope import path_upper_bound, within
from app.core.db import Base
from app.kit.repository import ScopedRepository
from app.models.orgs import Org
from app.orgs.schemas import OrgFilters


class OrgRepository(ScopedRepository[Org]):
    model = Org
    scope_column = Org.path
    read_permission = Permission.org_read


_ROOT_PATHS = select(Org.__table__.c.path).where(Org.__table__.c.parent_id.is_(None)).limit(2)


def covers_whole_tree(session: Session, path: str) -> bool:
    """Whether `path` is the only root's: then every org, and every row scoped to one, lies under it."""
    if path.count("/") != 2:  # "/7/" is a root's path; anything deeper is not
        return False
    return list(session.connection().execute(_ROOT_PATHS).scalars()) == [path]


def readable(principal: Principal) -> Select[Org]:
    return OrgRepository.readable(principal)


def get_readable(session: Session, principal: Principal, org_id: int) -> Org:
    return OrgRepository.get_readable(session, principal, org_id)


def search(
    principal: Principal, filters: OrgFilters, root_path: str | None, *, whole_tree: bool = False
) -> Select[Org]:
    """`whole_tree`: the one subtree asked for (`root_path`, else the caller's only scope) is the only root's
    (`covers_whole_tree`), so every org is readable and under it. The statement then has no path predicate, and a
    page in the default order reads twenty entries of the (sort_order, id) index instead of sorting 48k orgs."""
    if whole_tree:
        stmt = select(Org)
    else:
        stmt = readable(principal)
        if root_path is not None:
            stmt = stmt.where(within(Org.path, [root_path]))
    for field in ("parent_id", "level", "domain", "kind", "status"):
        value = getattr(filters, field)
        if value is not None:
            stmt = stmt.where(getattr(Org, field) == value)
    if filters.q:
        stmt = stmt.where(Org.name.contains(filters.q, autoescape=True))
    return stmt


def get(session: Session, org_id: int) -> Org | None:
    return session.get(Org, org_id)


def code_taken(session: Session, code: str, *, except_id: int | None = None) -> bool:
    stmt = select(Org.id).where(Org.code == code)
    if except_id is not None:
        stmt = stmt.where(Org.id != except_id)
    return session.scalar(stmt) is not None


# Built once: constructing the aliased EXISTS costs more than running it (about 1.5 ms per request).
_child = aliased(Org)
_HAS_CHILDREN = exists().where(_child.parent_id == Org.id).correlate(Org).label("has_children")


def with_has_children(stmt: Select[Org]) -> Select[Any]:
    return stmt.add_columns(_HAS_CHILDREN)


def children_of(principal: Principal, parent_id: int) -> Select[Any]:
    return with_has_children(readable(principal).where(Org.parent_id == parent_id))


def subtree(principal: Principal, root_path: str, max_depth: int) -> Select[Any]:
    return with_has_children(readable(principal).where(within(Org.path, [root_path]), Org.depth <= max_depth)).order_by(
        Org.depth, Org.sort_order, Org.id
    )


def scope_roots(session: Session, principal: Principal) -> list[Org]:
    paths = principal.scope_paths(Permission.org_read)
    if not paths:
        return []
    return list(session.scalars(select(Org).where(Org.path.in_(paths)).order_by(Org.sort_order, Org.id)))


def active_child_exists(session: Session, org_id: int) -> bool:
    return session.scalar(select(exists().where(Org.parent_id == org_id, Org.status == "active"))) or False


def next_id(session: Session) -> int:
    """Allocate the id before INSERT, because the path contains it and we want a single INSERT per org."""
    if session.get_bind().dialect.name == "postgresql":
        return int(session.scalar(text("SELECT nextval(pg_get_serial_sequence('orgs', 'id'))")) or 0)
    # SQLite write transactions hold the database write lock (BEGIN IMMEDIATE), so max+1 cannot race.
    return int(session.scalar(select(func.coalesce(func.max(Org.id), 0))) or 0) + 1


def rebase_subtree(session: Session, old_path: str, new_path: str, depth_delta: int, *, exclude_id: int) -> None:
    """Rewrite the path prefix of every descendant, and of every path copy (`org_path`, `*_org_path`) in every
    table, in set-based UPDATEs."""
    upper = path_upper_bound(old_path)
    cut = len(old_path) + 1
    orgs = cast(Table, Org.__table__)
    session.execute(
        update(orgs)
        .where(orgs.c.path >= old_path, orgs.c.path < upper, orgs.c.id != exclude_id)
        .values(path=_rebased(orgs.c.path, new_path, cut), depth=orgs.c.depth + depth_delta)
    )
    for table in Base.metadata.sorted_tables:
        for column in table.c:
            if column.name == "org_path" or column.name.endswith("_org_path"):
                session.execute(
                    update(table)
                    .where(column >= old_path, column < upper)
                    .values({column.name: _rebased(column, new_path, cut)})
                )


def _rebased(column: ColumnElement[str], new_prefix: str, cut: int) -> ColumnElement[str]:
    return literal(new_prefix, String).concat(func.substr(column, cut, type_=String))
