"""Prebuilt statements for the default view of a scoped list.

On a request that runs in about a millisecond, building a SQLAlchemy statement and its cache key costs more
than executing it. A list's default view (one subtree, optional equality filters, one of its sort orders)
has few shapes, so each shape is built once with bound parameters and reused; any other filter combination
goes through the list's ordinary, dynamically built query.

Two plans, chosen by the statement's shape rather than left to estimates (a prepared statement's generic plan
and correlated data fool both databases' planners):
- a subtree seeks its (kind, path, …) index range and sorts what it finds; in key order it sorts the index
  entries only and joins the page's rows afterwards. The order keeps `NULLS LAST` on every column, the key
  included, which no primary-key index provides, so neither database is tempted to walk the key and filter —
  a trap when the subtree's rows are bunched far from the newest keys.
- the whole tree (the caller's path is the only root's) has no range to seek and a million rows to sort: there
  the newest-first page walks the primary key with no scope predicate at all, which stops after one page.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Integer, bindparam, select
from sqlalchemy.orm import Session

from app.authz.scope import path_upper_bound
from app.kit.pagination import AnySelect, PageParams


class PrebuiltPage:
    def __init__(
        self,
        base: AnySelect,
        path_column: Any,
        sortable: Mapping[str, Any],
        tiebreak: Any,
        equals: Mapping[str, Any] | None = None,
        kind: tuple[Any, str] | None = None,
    ) -> None:
        """`base` must hold only the list's own rows (its joins restrict them to the kind); `kind` is the
        (column, value) that leads the scope index together with `path_column`."""
        self.base = base
        self.path_column = path_column
        self.sortable = sortable
        self.tiebreak = tiebreak
        self.equals = equals or {}
        self.kind = kind
        self._cache: dict[tuple[str, bool, frozenset[str], bool], AnySelect] = {}

    def _statement(self, sort: str, descending: bool, names: frozenset[str], whole_tree: bool) -> AnySelect:
        key = (sort, descending, names, whole_tree)
        stmt = self._cache.get(key)
        if stmt is None:
            column = self.sortable[sort]
            if whole_tree:
                stmt = self._page(self.base, names, [self.tiebreak.desc() if descending else self.tiebreak.asc()])
            else:
                order = (
                    [column.desc().nulls_last(), self.tiebreak.desc().nulls_last()]
                    if descending
                    else [column.asc().nulls_last(), self.tiebreak.asc().nulls_last()]
                )
                if column is self.tiebreak:
                    # Deferred join: the page's keys come from the scope index alone (it covers kind, path, the
                    # equality filters and the key), and only those twenty rows are joined and read.
                    keys = self._page(self._scoped(select(self.tiebreak)), names, order).scalar_subquery()
                    stmt = self.base.where(self.tiebreak.in_(keys)).order_by(*order)
                else:
                    stmt = self._page(self._scoped(self.base), names, order)
            self._cache[key] = stmt
        return stmt

    def _scoped(self, stmt: AnySelect) -> AnySelect:
        stmt = stmt.where(self.path_column >= bindparam("lo"), self.path_column < bindparam("hi"))
        return stmt if self.kind is None else stmt.where(self.kind[0] == self.kind[1])

    def _page(self, stmt: AnySelect, names: frozenset[str], order: list[Any]) -> AnySelect:
        for name in sorted(names):
            stmt = stmt.where(self.equals[name] == bindparam(name))
        return stmt.order_by(*order).limit(bindparam("limit", type_=Integer)).offset(bindparam("offset", type_=Integer))

    def rows(
        self,
        session: Session,
        path: str,
        params: PageParams,
        default_sort: str,
        *,
        whole_tree: bool = False,
        **equals: Any,
    ) -> list[Any]:
        """One page under `path`; `params.sort` must already be validated against the list's sort fields.
        `whole_tree`: `path` is the only root's, so every row is under it (see `orgs.repository.covers_whole_tree`);
        it changes the plan of the key order only, other orders sort either way."""
        spec = params.sort or default_sort
        sort = spec.lstrip("-")
        names = frozenset(k for k, v in equals.items() if v is not None)
        whole_tree = whole_tree and self.sortable[sort] is self.tiebreak
        stmt = self._statement(sort, spec.startswith("-"), names, whole_tree)
        values: dict[str, Any] = {"limit": params.page_size, "offset": params.offset}
        if not whole_tree:
            values |= {"lo": path, "hi": path_upper_bound(path)}
        values |= {k: equals[k] for k in names}
        # Core execution on the session's connection: these statements select plain table columns.
        return list(session.connection().execute(stmt, values).all())
