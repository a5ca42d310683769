"""Demo scoring beyond the case rounds: observation tours (逐社观摩, 整街推进, seed 001) scored on the five aspects
and classified 先进 / 达标 / 后进, and a 述职评议 being prepared; plus the helpers the case demo scores with."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from random import Random
from typing import Any

from sqlalchemy.orm import Session

from app.core.enums import ClassificationMode, ScoringPurpose, ScoringStatus, ScoringSubjectType
from app.demo.orgs import DemoTree
from app.models.accounts import User
from app.models.scoring import Score, ScoringSession
from app.scoring import panel as panels
from app.scoring import service as scoring_service
from app.scoring.schemas import ClassificationIn, CriterionIn


def new_session(session: Session, status: ScoringStatus, when: datetime, **fields: Any) -> ScoringSession:
    """A session as if it had been run up to `status`, opened at `when`."""
    scoring = scoring_service.new_session(session, **fields)
    scoring.status = status
    scoring.opened_at = when if status != ScoringStatus.draft else None
    scoring.closed_at = when + timedelta(days=7) if status in (ScoringStatus.closed, ScoringStatus.published) else None
    scoring.published_at = when + timedelta(days=8) if status == ScoringStatus.published else None
    return scoring


def give_scores(
    session: Session,
    rng: Random,
    scoring: ScoringSession,
    quality: dict[int, float],
    judges: list[User],
    share: float = 1.0,
) -> None:
    """Each judge scores what they may (conflicts of interest skipped), with their own leniency; with `share`
    below 1 some are still missing (a session half-way)."""
    panel = panels.load(session, scoring, with_scores=False)
    for judge in judges:
        bias = rng.uniform(-0.06, 0.06)
        for subject_id, q in quality.items():
            if panel.conflict(judge.id, subject_id) is not None or rng.random() > share:
                continue
            for criterion in panel.rubric:
                ratio = min(1.0, max(0.3, q + bias + rng.uniform(-0.05, 0.05)))
                points = (criterion.max_points * Decimal(str(round(ratio, 2)))).quantize(Decimal("0.5"))
                session.add(
                    Score(
                        session_id=scoring.id,
                        scorer_id=judge.id,
                        subject_id=subject_id,
                        criterion=criterion.name,
                        points=points,
                        org_id=scoring.org_id,
                    )
                )
    session.flush()


def tours(session: Session, rng: Random, tree: DemoTree, judges: list[User]) -> None:
    """逐社观摩, 整街推进: on-site scoring of each community on five aspects, ranked and classified."""
    slugs = {slug: t for t, slug in tree.townships}
    # 9 and 10 communities: a quarter 先进, the last 15% 后进 (at least one of each)
    shares = ClassificationIn(mode=ClassificationMode.shares, top_share=Decimal("0.25"), bottom_share=Decimal("0.15"))
    for slug, title, status, scorers in (
        ("shahe", "沙河街道2026年“逐社观摩、整街推进”现场观摩", ScoringStatus.published, judges[:5] + judges[6:]),
        ("chengmen", "城门街道2026年逐社观摩", ScoringStatus.closed, judges[:3]),
    ):
        township = slugs[slug]
        communities = tree.villages[township.id]
        scoring = new_session(
            session,
            status,
            datetime(2026, 9, 20, 1, tzinfo=UTC),
            org_id=township.id,
            title=title,
            purpose=ScoringPurpose.observation,
            subject_type=ScoringSubjectType.org,
            rubric=scoring_service.OBSERVATION_RUBRIC,
            subject_ids=[c.id for c in communities],
            scorer_ids=[j.id for j in scorers],
            normalize=False,
            classification=shares,
        )
        give_scores(session, rng, scoring, {c.id: rng.uniform(0.62, 0.95) for c in communities}, scorers)
    new_session(
        session,
        ScoringStatus.draft,
        datetime(2026, 12, 1, 1, tzinfo=UTC),
        org_id=tree.root.id,
        title="2026年度乡镇（街道）党（工）委书记抓基层党建工作述职评议",
        purpose=ScoringPurpose.report_evaluation,
        subject_type=ScoringSubjectType.org,
        rubric=[
            CriterionIn(name=n, max_points=Decimal(m))
            for n, m in (("领导点评", 40), ("党员互评", 30), ("群众评议", 30))
        ],
        subject_ids=[t.id for t, _ in tree.townships],
        scorer_ids=[j.id for j in judges],
        normalize=True,
        classification=ClassificationIn(
            mode=ClassificationMode.thresholds, advanced_min=Decimal(90), lagging_below=Decimal(70)
        ),
    )
