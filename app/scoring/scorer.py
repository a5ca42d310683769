"""The scorer's side: my sessions and progress, my queue (with the reason for each conflict of interest), my
scores (one or many per request, replaced until the session closes), and declaring a conflict.

A scorer sees only their own scores; sessions they do not score in do not exist for them (404)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from app.authz.principal import Principal
from app.core import clock
from app.core.enums import ScoringStatus
from app.core.errors import Conflict, Forbidden, InvalidTransition, Unprocessable
from app.kit.pagination import PageParams, fetch_page, order_by, page_of
from app.models.scoring import Score, ScoringConflict, ScoringSession
from app.scoring import panel as panels
from app.scoring import repository, subjects
from app.scoring.schemas import ConflictIn, ScoreIn

ASSIGNED_SORTABLE = {"id": ScoringSession.id, "opened_at": ScoringSession.opened_at}


def assigned_sessions(session: Session, principal: Principal, params: PageParams) -> dict[str, Any]:
    stmt = repository.assigned(principal.user_id)
    ordering = order_by(params, ASSIGNED_SORTABLE, "-id", ScoringSession.id)
    rows, total = fetch_page(session, stmt, params, ordering, rows=True)
    items = []
    for scoring, org_name in rows:
        panel = panels.load(session, scoring, scorer_id=principal.user_id)
        data = {c.key: getattr(scoring, c.key) for c in ScoringSession.__table__.columns}
        items.append(data | {"org_name": org_name} | panel.progress(principal.user_id))
    return page_of(items, total, params)


def queue(session: Session, principal: Principal, scoring_id: int, params: PageParams) -> dict[str, Any]:
    """My subjects in the session's order, with my scores and what I read to score them."""
    if params.sort not in (None, "subject_id"):
        raise Unprocessable("不支持的排序字段", fields=[{"loc": ["query", "sort"], "message": "可选：subject_id"}])
    scoring: ScoringSession = repository.get_assigned(session, principal.user_id, scoring_id)[0]
    panel = panels.load(session, scoring, scorer_id=principal.user_id)
    ids = list(panel.subjects)
    page_ids = ids[params.offset : params.offset + params.page_size]
    kind = subjects.get(scoring.subject_type)
    readable = [sid for sid in page_ids if panel.conflict(principal.user_id, sid) is None]
    content = kind.content(session, readable) if kind.content and readable else {}
    mine: dict[int, list[Score]] = {}
    for s in panel.scores:
        mine.setdefault(s.subject_id, []).append(s)
    names = {c.name for c in panel.rubric}
    items = []
    for sid in page_ids:
        info = panel.subjects[sid]
        conflict = panel.conflict(principal.user_id, sid)
        own = mine.get(sid, [])
        items.append(
            {
                "subject_id": sid,
                "label": info.label,
                "org_id": info.org_id,
                "org_name": info.org_name,
                "conflict": conflict.kind if conflict else None,
                "conflict_reason": conflict.reason if conflict else None,
                "scores": own,
                "complete": conflict is None and bool(names) and {s.criterion for s in own} >= names,
                "content": content.get(sid),
            }
        )
    return page_of(items, len(ids), params)


def _open_for_scoring(session: Session, principal: Principal, scoring_id: int) -> ScoringSession:
    scoring: ScoringSession = repository.get_assigned(session, principal.user_id, scoring_id)[0]
    if scoring.status != ScoringStatus.open:
        raise InvalidTransition("评分未开始或已截止，不能再提交或修改评分")
    return scoring


def submit(session: Session, principal: Principal, scoring_id: int, body: ScoreIn | list[ScoreIn]) -> list[Score]:
    scoring = _open_for_scoring(session, principal, scoring_id)
    items: Sequence[ScoreIn] = body if isinstance(body, list) else [body]
    prefix: list[list[Any]] = [["body", str(i)] for i in range(len(items))] if isinstance(body, list) else [["body"]]
    panel = panels.load(session, scoring, scorer_id=principal.user_id, with_scores=False)
    rubric = {c.name: c for c in panel.rubric}
    errors: list[dict[str, Any]] = []
    seen: set[tuple[int, str]] = set()
    for loc, item in zip(prefix, items, strict=True):
        if item.subject_id not in panel.subjects:
            errors.append({"loc": [*loc, "subject_id"], "message": "不是本次评分的对象"})
        criterion = rubric.get(item.criterion)
        if criterion is None:
            errors.append({"loc": [*loc, "criterion"], "message": f"不是本次评分的指标（{'、'.join(rubric)}）"})
        elif item.points > criterion.max_points:
            errors.append({"loc": [*loc, "points"], "message": f"不能超过该指标的满分 {criterion.max_points}"})
        if (item.subject_id, item.criterion) in seen:
            errors.append({"loc": [*loc], "message": "同一对象的同一指标重复提交"})
        seen.add((item.subject_id, item.criterion))
    if errors:
        raise Unprocessable(fields=errors)
    for loc, item in zip(prefix, items, strict=True):
        conflict = panel.conflict(principal.user_id, item.subject_id)
        if conflict is not None:
            raise Forbidden(
                conflict.reason,
                code="conflict_of_interest",
                fields=[{"loc": [*loc, "subject_id"], "message": conflict.reason}],
            )
    repository.lock_scorer(session, scoring.id, principal.user_id)
    saved = []
    for item in items:
        score = repository.find_score(session, scoring.id, principal.user_id, item.subject_id, item.criterion)
        if score is None:
            score = Score(
                session_id=scoring.id,
                scorer_id=principal.user_id,
                subject_id=item.subject_id,
                criterion=item.criterion,
                points=item.points,
                comment=item.comment,
                org_id=scoring.org_id,
            )
            session.add(score)
        elif score.points != item.points or score.comment != item.comment:
            score.points, score.comment, score.updated_at = item.points, item.comment, clock.now()
        saved.append(score)
    session.flush()
    return saved


def declare_conflict(session: Session, principal: Principal, scoring_id: int, body: ConflictIn) -> ScoringConflict:
    """回避申报: from now on the scorer cannot score the subject, and scores already given on it are withdrawn."""
    scoring = _open_for_scoring(session, principal, scoring_id)
    if body.subject_id not in scoring.subject_ids:
        raise Unprocessable(fields=[{"loc": ["body", "subject_id"], "message": "不是本次评分的对象"}])
    if any(
        c.subject_id == body.subject_id for c in repository.declared_conflicts(session, scoring.id, principal.user_id)
    ):
        raise Conflict("已对该对象申报回避", code="conflict_declared")
    conflict = ScoringConflict(
        session_id=scoring.id,
        scorer_id=principal.user_id,
        subject_id=body.subject_id,
        reason=body.reason,
        org_id=scoring.org_id,
    )
    session.add(conflict)
    for score in repository.scores(session, scoring.id, scorer_id=principal.user_id, subject_ids=[body.subject_id]):
        session.delete(score)
    session.flush()
    return conflict
