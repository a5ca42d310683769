"""Scoring session workflow: draft → open → closed → published. Organizers of the session's org act; results
become public only by publishing a closed session. The table is the whole rule set."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from app.audit.recorder import mark
from app.core import clock
from app.core.enums import ScoringStatus as S
from app.core.errors import InvalidTransition
from app.models.scoring import ScoringSession


@dataclass(frozen=True)
class Step:
    action: str
    sources: frozenset[S]
    target: S
    event: str
    stamp: str  # the timestamp column the step sets


STEPS = {
    s.action: s
    for s in (
        Step("open", frozenset({S.draft}), S.open, "opened", "opened_at"),
        Step("close", frozenset({S.open}), S.closed, "closed", "closed_at"),
        Step("publish", frozenset({S.closed}), S.published, "published", "published_at"),
    )
}
MESSAGES = {
    "open": "只有草稿状态的评分可以开始",
    "close": "只有评分中的评分可以截止",
    "publish": "评分截止后才能公布结果",
}


def allowed(status: S) -> list[str]:
    return [s.action for s in STEPS.values() if status in s.sources]


def apply(session: Session, scoring: ScoringSession, action: str) -> None:
    step = STEPS[action]
    if scoring.status not in step.sources:
        raise InvalidTransition(MESSAGES[action])
    mark(session, scoring, step.event)
    scoring.status = step.target
    now: datetime = clock.now()
    setattr(scoring, step.stamp, now)
