"""Prebuilt statements for the default view of a scoped list.

On a request that runs in about a millisecond, building a SQLAlchemy statement and its cache key costs more
than executing it. A list's default view (one subtree, optional equality filters, one of its sort orders)
has few shapes, so each shape is built once with bound parameters and reused; any other filter combination
goes through the list's ordinary, dynamically built query.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Integer, bindparam
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
    ) -> None:
        self.base = base
        self.path_column = path_column
        self.sortable = sortable
        self.tiebreak = tiebreak
        self.equals = equals or {}
        self._cache: dict[tuple[str, bool, frozenset[str]], AnySelect] = {}

    def _statement(self, sort: str, descending: bool, names: frozenset[str]) -> AnySelect:
        key = (sort, descending, names)
        stmt = self._cache.get(key)
        if stmt is None:
            stmt = self.base.where(self.path_column >= bindparam("lo"), self.path_column < bindparam("hi"))
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

    def rows(self, session: Session, path: str, params: PageParams, default_sort: str, **equals: Any) -> list[Any]:
        """One page under `path`; `params.sort` must already be validated against the list's sort fields."""
        spec = params.sort or default_sort
        names = frozenset(k for k, v in equals.items() if v is not None)
        stmt = self._statement(spec.lstrip("-"), spec.startswith("-"), names)
        values = {"lo": path, "hi": path_upper_bound(path), "limit": params.page_size, "offset": params.offset}
        values |= {k: equals[k] for k in names}
        # Core execution on the session's connection: these statements select plain table columns.
        return list(session.connection().execute(stmt, values).all())
