"""?page=&page_size=&sort= for every collection."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Query
from sqlalchemy import Select, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from app.core.errors import Unprocessable

MAX_PAGE_SIZE = 100

# A select of any row shape (SQLAlchemy 2.1's Select is variadic over the row's columns).
AnySelect = Select[*tuple[Any, ...]]


@dataclass(frozen=True)
class PageParams:
    page: int = 1
    page_size: int = 20
    sort: str | None = None

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


async def page_params(
    page: Annotated[int, Query(ge=1, le=100_000, description="页码，从 1 开始")] = 1,
    page_size: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="每页条数，最多 100")] = 20,
    sort: Annotated[
        str | None, Query(max_length=64, pattern=r"^-?[a-z_]+$", description="排序字段，前加 - 为倒序")
    ] = None,
) -> PageParams:
    return PageParams(page=page, page_size=page_size, sort=sort)


def order_by(
    params: PageParams,
    allowed: Mapping[str, InstrumentedAttribute[Any]],
    default: str,
    tiebreak: InstrumentedAttribute[Any],
) -> list[Any]:
    """Translate `sort` into ORDER BY, refusing fields the endpoint does not offer (422, not silently ignored)."""
    spec = params.sort or default
    name = spec.lstrip("-")
    if name not in allowed:
        raise Unprocessable(
            "不支持的排序字段",
            fields=[{"loc": ["query", "sort"], "message": f"可选：{', '.join(sorted(allowed))}"}],
        )
    column = allowed[name]
    descending = spec.startswith("-")
    # Rows without a value (no deadline yet) come last either way, on SQLite and PostgreSQL alike.
    first = column.desc().nulls_last() if descending else column.asc().nulls_last()
    return [first, tiebreak.desc() if descending else tiebreak.asc()]


def fetch_page(
    session: Session,
    stmt: AnySelect,
    params: PageParams,
    ordering: list[Any],
    *,
    rows: bool = False,
    total: int | None = None,
) -> tuple[list[Any], int]:
    """One page and the exact total. `rows=True` returns whole rows (for statements with extra columns).
    Callers that know the total from the maintained counters pass it and skip the COUNT."""
    if total is None:
        total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    paged = stmt.order_by(*ordering).limit(params.page_size).offset(params.offset)
    result = session.execute(paged).all() if rows else session.scalars(paged).all()
    return list(result), total


def page_of(items: list[Any], total: int, params: PageParams) -> dict[str, Any]:
    return {"items": items, "total": total, "page": params.page, "page_size": params.page_size}
