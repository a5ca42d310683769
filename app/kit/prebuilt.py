"""Prebuilt statements for the default view of a scoped list.

On a request that runs in about a millisecond, building a SQLAlchemy statement and its cache key costs more
than executing it. A list's default view (one subtree, optional equality filters, one of its sort orders)
has few shapes, so each shape is built once with bound parameters and reused; any other filter combination
goes through the list's ordinary, dynamically built query.

Two plans serve a page in the tiebreak order (newest first). A small subtree seeks its (kind, path) index range
and sorts what it finds. A subtree holding most of the table (a province's whole tree) would sort a million
rows for twenty: there the page walks the primary key backwards and filters, which stops after about
(offset + limit) × table / subtree rows. The maintained counters tell which of the two reads less.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Integer, bindparam
from sqlalchemy.orm import Session

from app.authz.scope import path_upper_bound
from app.kit.pagination import AnySelect, PageParams

# Below this many rows in the subtree the index range is cheap whatever the table holds (callers skip asking
# the counters for the table's size).
DENSE_FLOOR = 1_000


def walks_primary_key(subtree_rows: int, table_rows: int, params: PageParams) -> bool:
    """Whether filtering the primary-key order reads fewer rows than sorting the subtree's range. The estimate
    assumes the subtree's rows are spread over the key order; they may be bunched (an org's rows imported in
    one go), so the walk is only taken when the subtree holds at least half of the table: then even the worst
    bunching reads no more than the range would."""
    return subtree_rows * 2 >= table_rows and (params.offset + params.page_size) * table_rows < subtree_rows**2


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
        """`kind`: (column, value) that every row of this list has, leading the scope index with `path_column`."""
        self.base = base
        self.path_column = path_column
        self.sortable = sortable
        self.tiebreak = tiebreak
        self.equals = equals or {}
        self.kind = kind
        self._cache: dict[tuple[str, bool, frozenset[str], bool], AnySelect] = {}

    def _statement(self, sort: str, descending: bool, names: frozenset[str], dense: bool) -> AnySelect:
        key = (sort, descending, names, dense)
        stmt = self._cache.get(key)
        if stmt is None:
            # `|| ''` hides a column from the planner (both databases), so it cannot pick the subtree's index
            # over the primary-key walk.
            path = self.path_column.concat("") if dense else self.path_column
            stmt = self.base.where(path >= bindparam("lo"), path < bindparam("hi"))
            if self.kind is not None:
                column, value = self.kind
                stmt = stmt.where((column.concat("") if dense else column) == value)
            for name in sorted(names):
                stmt = stmt.where(self.equals[name] == bindparam(name))
            column = self.sortable[sort]
            order = (
                [column.desc().nulls_last(), self.tiebreak.desc()]
                if descending
                else [column.asc().nulls_last(), self.tiebreak.asc()]
            )
            stmt = (
                stmt.order_by(*order)
                .limit(bindparam("limit", type_=Integer))
                .offset(bindparam("offset", type_=Integer))
            )
            self._cache[key] = stmt
        return stmt

    def rows(
        self,
        session: Session,
        path: str,
        params: PageParams,
        default_sort: str,
        *,
        dense: bool = False,
        **equals: Any,
    ) -> list[Any]:
        """One page under `path`; `params.sort` must already be validated against the list's sort fields.
        `dense` (see `walks_primary_key`) applies to the tiebreak order only; other orders sort either way."""
        spec = params.sort or default_sort
        sort = spec.lstrip("-")
        names = frozenset(k for k, v in equals.items() if v is not None)
        dense = dense and self.sortable[sort] is self.tiebreak
        stmt = self._statement(sort, spec.startswith("-"), names, dense)
        values = {"lo": path, "hi": path_upper_bound(path), "limit": params.page_size, "offset": params.offset}
        values |= {k: equals[k] for k in names}
        # Core execution on the session's connection: these statements select plain table columns.
        return list(session.connection().execute(stmt, values).all())
