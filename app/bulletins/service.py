"""问题通报 rules: who writes and publishes, what a bulletin may cite, how it is numbered, who reads it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from fractions import Fraction
from typing import Any

from fastapi.responses import HTMLResponse
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.authz.permissions import Permission
from app.authz.principal import Principal, authorize
from app.bulletins import printing, repository, workflow
from app.bulletins.schemas import BulletinCreate, BulletinFilters, BulletinUpdate, RankingRowIn
from app.core import clock
from app.core.enums import BulletinStatus, OrgStatus
from app.core.errors import Conflict, Unprocessable
from app.kit.etag import check_version
from app.kit.pagination import PageParams, fetch_page, order_by, page_of
from app.models.bulletins import Bulletin
from app.orgs import repository as org_repository

SORTABLE = {
    "id": Bulletin.id,
    "created_at": Bulletin.created_at,
    "published_at": Bulletin.published_at,
    "number": Bulletin.number,
}


def label_of(year: int | None, number: int | None) -> str | None:
    return None if year is None or number is None else f"{year}年第{number}期"


def _present(principal: Principal, bulletin: Bulletin, org_name: str) -> dict[str, Any]:
    data = {c.key: getattr(bulletin, c.key) for c in Bulletin.__table__.columns}
    return data | {
        "org_name": org_name,
        "label": label_of(bulletin.year, bulletin.number),
        "allowed_actions": workflow.allowed_actions(principal, bulletin),
    }


def _problem_entry(problem: Any, org_name: str) -> dict[str, Any]:
    return {
        "id": problem.id,
        "org_id": problem.org_id,
        "org_name": org_name,
        "title": problem.title,
        "description": problem.description,
        "category": problem.category.value,
        "severity": problem.severity.value,
        "status": problem.status,
        "deadline": problem.deadline.isoformat() if problem.deadline else None,
        "overdue": problem.overdue,
    }


def _live_problems(session: Session, bulletin: Bulletin) -> list[dict[str, Any]]:
    rows = repository.problems_in(session, bulletin.problem_ids, [bulletin.org_path], bulletin.org_path)
    by_id = {p.id: _problem_entry(p, name) for p, name in rows}
    return [by_id[i] for i in bulletin.problem_ids if i in by_id]


def _detail(session: Session, principal: Principal, bulletin_id: int) -> dict[str, Any]:
    bulletin, org_name = repository.get_row(session, principal, bulletin_id)
    problems = bulletin.problems_snapshot if bulletin.status == BulletinStatus.published else None
    return _present(principal, bulletin, org_name) | {
        "problems": problems if problems is not None else _live_problems(session, bulletin)
    }


def list_bulletins(
    session: Session, principal: Principal, params: PageParams, filters: BulletinFilters
) -> dict[str, Any]:
    stmt = repository.bulletins(principal)
    if filters.org_id is not None:
        stmt = stmt.where(Bulletin.org_id == filters.org_id)
    if filters.status is not None:
        stmt = stmt.where(Bulletin.status == filters.status)
    if filters.year is not None:
        stmt = stmt.where(Bulletin.year == filters.year)
    if filters.q:
        stmt = stmt.where(Bulletin.title.contains(filters.q, autoescape=True))
    rows, total = fetch_page(session, stmt, params, order_by(params, SORTABLE, "-id", Bulletin.id), rows=True)
    return page_of([_present(principal, b, name) for b, name in rows], total, params)


def get_bulletin(session: Session, principal: Principal, bulletin_id: int) -> dict[str, Any]:
    return _detail(session, principal, bulletin_id)


def print_view(session: Session, principal: Principal, bulletin_id: int) -> HTMLResponse:
    """The printable page (the export, until the .xlsx exports arrive)."""
    return HTMLResponse(
        printing.render(_detail(session, principal, bulletin_id)),
        headers={
            "Cache-Control": "private, no-store",
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": printing.CSP,
        },
    )


# Writing ---------------------------------------------------------------------------------------------------------


def _check_problems(session: Session, principal: Principal, path: str, ids: Sequence[int]) -> None:
    """Only problems the author can read, inside the issuing org's subtree."""
    readable = principal.scope_paths(Permission.problem_read)
    found = {p.id for p, _ in repository.problems_in(session, ids, readable, path)}
    missing = [i for i in ids if i not in found]
    if missing:
        raise Unprocessable(
            "所选问题须为发文单位范围内的问题",
            fields=[
                {
                    "loc": ["body", "problem_ids"],
                    "message": f"不存在或不在发文单位范围内：{', '.join(map(str, missing))}",
                }
            ],
        )


def _rankings(session: Session, principal: Principal, path: str, rows: Sequence[RankingRowIn]) -> list[dict[str, Any]]:
    seen: set[int] = set()
    for index, row in enumerate(rows):
        if row.org_id in seen:
            duplicate = {"loc": ["body", "rankings", str(index), "org_id"], "message": "同一组织重复排名"}
            raise Unprocessable(fields=[duplicate])
        seen.add(row.org_id)
    names = repository.org_names_in(session, [r.org_id for r in rows], principal.scope_paths(Permission.org_read), path)
    bad = [
        {"loc": ["body", "rankings", str(i), "org_id"], "message": "不存在或不在发文单位范围内"}
        for i, r in enumerate(rows)
        if r.org_id not in names
    ]
    if bad:
        raise Unprocessable("排名中的组织须在发文单位范围内", fields=bad)
    return [r.model_dump() | {"org_name": names[r.org_id]} for r in rows]


def create(session: Session, principal: Principal, body: BulletinCreate) -> dict[str, Any]:
    org = org_repository.get_readable(session, principal, body.org_id)
    authorize(principal, Permission.bulletin_write, org.path)
    if org.status != OrgStatus.active:
        raise Conflict("该组织已撤销", code="org_dissolved")
    _check_problems(session, principal, org.path, body.problem_ids)
    bulletin = Bulletin(
        org_id=org.id,
        status=BulletinStatus.draft,
        title=body.title,
        summary=body.summary,
        body=body.body,
        problem_ids=body.problem_ids,
        ranking_title=body.ranking_title,
        rankings=_rankings(session, principal, org.path, body.rankings),
    )
    bulletin.org_path = org.path
    session.add(bulletin)
    session.flush()
    return _detail(session, principal, bulletin.id)


def _writable(
    session: Session, principal: Principal, bulletin_id: int, action: str, expected_version: int | None
) -> Bulletin:
    bulletin: Bulletin = repository.get_row(session, principal, bulletin_id)[0]
    check_version(bulletin.version, expected_version)
    workflow.check(principal, bulletin, action)
    return bulletin


def update(
    session: Session, principal: Principal, bulletin_id: int, body: BulletinUpdate, expected_version: int | None
) -> dict[str, Any]:
    bulletin = _writable(session, principal, bulletin_id, "update", expected_version)
    changes = body.model_dump(exclude_unset=True)
    nulls = [f for f in ("title", "problem_ids", "rankings") if f in changes and changes[f] is None]
    if nulls:
        raise Unprocessable(fields=[{"loc": ["body", f], "message": "不能为空"} for f in nulls])
    if "problem_ids" in changes:
        _check_problems(session, principal, bulletin.org_path, changes["problem_ids"])
    if "rankings" in changes:
        changes["rankings"] = _rankings(session, principal, bulletin.org_path, body.rankings or [])
    for field, value in changes.items():
        setattr(bulletin, field, value)
    session.flush()
    return _detail(session, principal, bulletin.id)


def delete(session: Session, principal: Principal, bulletin_id: int, expected_version: int | None) -> None:
    """Only drafts: they carry no number, so deleting one never leaves a gap in the numbering."""
    bulletin = _writable(session, principal, bulletin_id, "delete", expected_version)
    session.delete(bulletin)
    session.flush()


def publish(session: Session, principal: Principal, bulletin_id: int, expected_version: int | None) -> dict[str, Any]:
    bulletin = _writable(session, principal, bulletin_id, "publish", expected_version)
    if not bulletin.problem_ids and not bulletin.rankings:
        raise Unprocessable(
            "通报须至少包含一个问题或一行排名",
            code="bulletin_empty",
            fields=[{"loc": ["body"], "message": "请选择问题或填写排名"}],
        )
    # Problems may have moved out of the issuing org's subtree since they were chosen.
    live = _live_problems(session, bulletin)
    if len(live) != len(bulletin.problem_ids):
        gone = sorted(set(bulletin.problem_ids) - {p["id"] for p in live})
        raise Unprocessable(
            "部分问题已不在发文单位范围内，请重新选择",
            fields=[{"loc": ["body", "problem_ids"], "message": f"不在发文单位范围内：{', '.join(map(str, gone))}"}],
        )
    names = repository.org_names_in(session, [r["org_id"] for r in bulletin.rankings], ["/"], bulletin.org_path)
    bulletin.rankings = [r | {"org_name": names.get(r["org_id"], r["org_name"])} for r in bulletin.rankings]
    bulletin.problems_snapshot = live
    bulletin.year = clock.today_local().year
    bulletin.number = repository.next_number(session, bulletin.org_id, bulletin.year)
    bulletin.published_at = clock.now()
    bulletin.published_by_id = principal.user_id
    workflow.apply(session, principal, bulletin, "publish")
    try:
        session.flush()
    except IntegrityError as exc:
        raise Conflict("期号已被占用，请重试", code="bulletin_number_taken") from exc
    return _detail(session, principal, bulletin.id)


# 排名通报: a proposal from the problems ledger ----------------------------------------------------------------------


def _year_bounds(year: int | None) -> tuple[datetime | None, datetime | None]:
    if year is None:
        return None, None
    return datetime(year, 1, 1, tzinfo=clock.LOCAL_TZ), datetime(year + 1, 1, 1, tzinfo=clock.LOCAL_TZ)


@dataclass(frozen=True)
class _Tally:
    org_id: int
    org_name: str
    total: int
    closed: int
    overdue: int

    @property
    def rate(self) -> Fraction:
        return Fraction(self.closed, self.total)

    def detail(self) -> dict[str, Any]:
        rate = round(self.closed / self.total, 4) if self.total else None
        return asdict(self) | {"closure_rate": rate}


def propose_rankings(session: Session, principal: Principal, org_id: int, year: int | None) -> dict[str, Any]:
    """Rank the issuing org's direct children by problem closure rate (销号率) over their subtrees. Children with no
    problems are listed in `details` but not ranked. Equal rates share a rank (1, 2, 2, 4); among them, fewer
    overdue problems come first."""
    org = org_repository.get_readable(session, principal, org_id)
    authorize(principal, Permission.bulletin_write, org.path)
    created_from, created_to = _year_bounds(year)
    today = clock.today_local()
    tallies = [
        _Tally(
            child.id,
            child.name,
            *repository.problem_counts(
                session, child.path, principal.scope_paths(Permission.problem_read), today, created_from, created_to
            ),
        )
        for child in repository.child_orgs(session, org.id, principal.scope_paths(Permission.org_read))
    ]
    ranked = sorted((t for t in tallies if t.total), key=lambda t: (-t.rate, t.overdue, -t.total))
    rankings: list[dict[str, Any]] = []
    for index, t in enumerate(ranked):
        tied = index > 0 and ranked[index - 1].rate == t.rate
        note = f"问题{t.total}条，已销号{t.closed}条" + (f"，超期{t.overdue}条" if t.overdue else "")
        rank = rankings[-1]["rank"] if tied else index + 1
        rankings.append({"org_id": t.org_id, "rank": rank, "value": round(100 * t.closed / t.total, 1), "note": note})
    prefix = f"{year}年度" if year else ""
    return {
        "org_id": org.id,
        "ranking_title": f"{prefix}下属党组织问题整改销号率排名（%）",
        "rankings": rankings,
        "details": [t.detail() for t in tallies],
    }
