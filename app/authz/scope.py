"""Subtree filters over materialized paths: the one place where data scope becomes SQL.

A scope path "/1/5/" covers every row whose path starts with it. As SQL that is the range
`path >= '/1/5/' AND path < '/1/50'` ('0' is the character after '/'), which both SQLite and PostgreSQL
(with the C collation on path columns) answer with an index range scan, also from prepared statements.
"""

from collections.abc import Iterable

from sqlalchemy import ColumnElement, and_, false, func, or_
from sqlalchemy.orm import InstrumentedAttribute


def path_upper_bound(path: str) -> str:
    if not path.endswith("/"):
        raise ValueError(f"not a materialized path: {path!r}")
    return path[:-1] + "0"


def minimal_cover(paths: Iterable[str]) -> tuple[str, ...]:
    """Drop paths already covered by an ancestor path, so the SQL has one range per disjoint subtree."""
    kept: list[str] = []
    for path in sorted(set(paths)):
        if not kept or not path.startswith(kept[-1]):
            kept.append(path)
    return tuple(kept)


def within(column: InstrumentedAttribute[str], paths: Iterable[str]) -> ColumnElement[bool]:
    ranges = [and_(column >= p, column < path_upper_bound(p)) for p in minimal_cover(paths)]
    if not ranges:
        return false()
    return ranges[0] if len(ranges) == 1 else or_(*ranges)


def within_subtree_of(
    column: InstrumentedAttribute[str], root_path: InstrumentedAttribute[str] | ColumnElement[str]
) -> ColumnElement[bool]:
    """Like `within`, but the subtree root is an SQL expression (a joined org's path): rollups per child org
    join each child to the rows of its subtree with this range, still an index range scan per child."""
    upper = func.substr(root_path, 1, func.length(root_path) - 1).concat("0")
    return and_(column >= root_path, column < upper)
