"""The public announcement (公示), readable without login: what was selected, by whom, with which score and
rank, and during which window objections are accepted. Once the review's results are published, each case's
calculation sheet is shown too, with the judges numbered rather than named."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.cases import repository
from app.core import clock
from app.core.enums import ScoringStatus
from app.core.errors import NotFound
from app.kit.pagination import PageParams, fetch_page, order_by, page_of
from app.models.cases import Case, CaseRound
from app.models.scoring import ScoringSession
from app.scoring import results

SORTABLE = {"announce_from": CaseRound.announce_from, "year": CaseRound.year}


def _summary(round_: CaseRound, org_name: str, count: int) -> dict[str, Any]:
    now = clock.now()
    start, end = round_.announce_from, round_.announce_until
    return {
        "round_id": round_.id,
        "year": round_.year,
        "title": round_.title,
        "org_name": org_name,
        "announce_from": start,
        "announce_until": end,
        "in_window": start is not None and end is not None and start <= now < end,
        "case_count": count,
    }


def _entry(case: Case, org_name: str) -> dict[str, Any]:
    return {
        "case_id": case.id,
        "title": case.title,
        "org_name": org_name,
        "domain": case.domain,
        "score": case.score,
        "rank": case.rank,
        "status": case.status,
    }


def list_announcements(session: Session, params: PageParams) -> dict[str, Any]:
    ordering = order_by(params, SORTABLE, "-announce_from", CaseRound.id)
    rows, total = fetch_page(session, repository.announced_rounds(), params, ordering, rows=True)
    entries = repository.announced_cases(session, [r.id for r, _ in rows])
    counts: dict[int, int] = {}
    for case, _ in entries:
        counts[case.round_id] = counts.get(case.round_id, 0) + 1
    return page_of([_summary(r, name, counts.get(r.id, 0)) for r, name in rows], total, params)


def _published_review(session: Session, round_: CaseRound) -> ScoringSession | None:
    scoring = session.get(ScoringSession, round_.session_id) if round_.session_id else None
    return scoring if scoring is not None and scoring.status == ScoringStatus.published else None


def get_announcement(session: Session, round_id: int) -> dict[str, Any]:
    round_, org_name = repository.announced_round(session, round_id)
    entries = [_entry(c, name) for c, name in repository.announced_cases(session, [round_.id])]
    return _summary(round_, org_name, len(entries)) | {
        "theme": round_.theme,
        "results_published": _published_review(session, round_) is not None,
        "entries": entries,
    }


def get_announced_case(session: Session, round_id: int, case_id: int) -> dict[str, Any]:
    round_, round_org = repository.announced_round(session, round_id)
    found = [(c, name) for c, name in repository.announced_cases(session, [round_.id]) if c.id == case_id]
    if not found:
        raise NotFound()
    case, org_name = found[0]
    sheet = None
    scoring = _published_review(session, round_)
    if scoring is not None:
        panel, outcome = results.compute(session, scoring)
        result = outcome.by_subject().get(case.id)
        if result is not None:
            sheet = results.sheet(panel, result, anonymous=True)
    summary = _summary(round_, round_org, 0)
    return _entry(case, org_name) | {
        "round_id": round_.id,
        "summary": case.summary,
        "announce_from": summary["announce_from"],
        "announce_until": summary["announce_until"],
        "in_window": summary["in_window"],
        "sheet": sheet,
    }
