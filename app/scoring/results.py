"""Results for organizers (ranking, classes, per-scorer progress and spreads, missing scores) and calculation
sheets (计分表). A scorer of the session sees neither while it is open: no judge sees another's scores before
the session closes."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.authz.principal import Principal
from app.core.enums import ScoringStatus
from app.core.errors import Forbidden, Unprocessable
from app.kit.pagination import PageParams, page_of
from app.models.scoring import ScoringSession
from app.scoring import repository
from app.scoring.aggregate import Outcome, SubjectResult, shown
from app.scoring.panel import Panel, load, rule_of


def _readable(session: Session, principal: Principal, scoring_id: int) -> ScoringSession:
    scoring: ScoringSession = repository.get_row(session, principal, scoring_id)[0]
    if scoring.status == ScoringStatus.open and repository.is_scorer(session, scoring.id, principal.user_id):
        raise Forbidden("评分截止前，评委不能查看他人的评分", code="scores_hidden")
    return scoring


def _maybe(value: Any) -> Any:
    return None if value is None else shown(value)


def results(session: Session, principal: Principal, scoring_id: int) -> dict[str, Any]:
    scoring = _readable(session, principal, scoring_id)
    panel = load(session, scoring)
    outcome = panel.outcome()
    spreads = {s.scorer_id: s for s in outcome.spreads}
    names = [c.name for c in panel.rubric]
    rows = [_row(panel, r) for r in outcome.subjects]
    scorers, missing = [], []
    for uid, (name, _, _) in panel.scorers.items():
        spread = spreads.get(uid)
        scorers.append(
            {
                "scorer_id": uid,
                "name": name,
                **panel.progress(uid),
                "mean": _maybe(spread.mean) if spread else None,
                "stdev": _maybe(spread.stdev) if spread else None,
                "low": _maybe(spread.low) if spread else None,
                "high": _maybe(spread.high) if spread else None,
            }
        )
        given: dict[int, set[str]] = {}
        for s in panel.scores:
            if s.scorer_id == uid:
                given.setdefault(s.subject_id, set()).add(s.criterion)
        for sid in panel.subjects:
            if panel.conflict(uid, sid) is None:
                lacking = [n for n in names if n not in given.get(sid, set())]
                if lacking:
                    missing.append({"scorer_id": uid, "subject_id": sid, "criteria": lacking})
    return {
        "session_id": scoring.id,
        "status": scoring.status,
        "rule": rule_of(scoring),
        "rows": rows,
        "scorers": scorers,
        "missing": missing,
    }


def _row(panel: Panel, result: SubjectResult) -> dict[str, Any]:
    info = panel.subjects[result.subject_id]
    return {
        "subject_id": result.subject_id,
        "label": info.label,
        "org_id": info.org_id,
        "org_name": info.org_name,
        "total": result.shown_total,
        "rank": result.rank,
        "classification": result.classification,
        "means": [{"criterion": c.criterion.name, "mean": _maybe(c.mean)} for c in result.criteria],
        "score_count": result.score_count,
    }


def sheet(panel: Panel, result: SubjectResult, *, anonymous: bool = False) -> dict[str, Any]:
    """One subject's calculation: every score, which were dropped, each criterion's mean and weight, the total.
    Anonymous sheets (the public announcement) name scorers 评委1, 评委2 … in the session's order."""
    order = {uid: i for i, uid in enumerate(panel.scoring.scorer_ids, start=1)}
    info = panel.subjects[result.subject_id]
    criteria = []
    for c in result.criteria:
        entries = [
            {
                "scorer_id": None if anonymous else e.scorer_id,
                "scorer": f"评委{order.get(e.scorer_id, 0)}" if anonymous else panel.scorers.get(e.scorer_id, ("",))[0],
                "points": e.points,
                "used": shown(e.used),
                "dropped": e.dropped,
            }
            for e in c.entries
        ]
        criteria.append(
            {
                "name": c.criterion.name,
                "max_points": c.criterion.max_points,
                "weight": c.criterion.weight,
                "entries": entries,
                "mean": _maybe(c.mean),
                "weighted": _maybe(c.weighted),
            }
        )
    return {
        "subject_id": result.subject_id,
        "label": info.label,
        "org_name": info.org_name,
        "criteria": criteria,
        "total": result.shown_total,
        "rank": result.rank,
        "classification": result.classification,
        "rule": rule_of(panel.scoring),
    }


def sheets(
    session: Session, principal: Principal, scoring_id: int, params: PageParams, subject_id: int | None
) -> dict[str, Any]:
    if params.sort not in (None, "rank"):
        raise Unprocessable("不支持的排序字段", fields=[{"loc": ["query", "sort"], "message": "可选：rank"}])
    scoring = _readable(session, principal, scoring_id)
    panel = load(session, scoring)
    outcome = panel.outcome()
    chosen = [r for r in outcome.subjects if subject_id is None or r.subject_id == subject_id]
    page = chosen[params.offset : params.offset + params.page_size]
    return page_of([sheet(panel, r) for r in page], len(chosen), params)


def compute(session: Session, scoring: ScoringSession) -> tuple[Panel, Outcome]:
    """For other domains (case selection, the public announcement): the session's panel and outcome."""
    panel = load(session, scoring)
    return panel, panel.outcome()
