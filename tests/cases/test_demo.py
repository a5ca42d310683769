"""The demo county's 案例制 and scoring: a round in every state, seven judges, trimming and a conflict of interest,
a published announcement, and an observation tour classified 先进 / 达标 / 后进."""

from sqlalchemy import select

from app.cli import alembic_config
from app.core.db import Database, build_engine
from app.core.enums import CaseStatus, Classification, ScoringStatus
from app.demo import load_demo
from app.models.accounts import User
from app.models.cases import Case, CaseFeedback, CaseObjection, CaseRound
from app.models.scoring import ScoringSession
from app.scoring import results
from tests.support.scratch import scratch_database


def _migrate(url: str) -> None:
    from alembic import command

    engine = build_engine(url)
    try:
        with engine.begin() as conn:
            config = alembic_config()
            config.attributes["connection"] = conn  # type: ignore[attr-defined]
            config.attributes["configure_logging"] = False  # type: ignore[attr-defined]
            command.upgrade(config, "head")  # type: ignore[arg-type]
    finally:
        engine.dispose()


def test_demo_cases_and_scoring_look_like_the_seeds(tmp_path):
    with scratch_database(tmp_path) as url:
        _migrate(url)
        db = Database(url)
        try:
            with db.transaction() as s:
                load_demo(s, "demo-pass-1")
            with db.transaction() as s:
                county = s.scalar(select(CaseRound).where(CaseRound.title == "2026年度柴桑区基层党建优秀案例征集"))
                assert county is not None and len(county.domains) >= 7 and county.published_at is not None
                cases = s.scalars(select(Case).where(Case.round_id == county.id)).all()
                assert len(cases) >= 20
                assert {c.status for c in s.scalars(select(Case))} == set(CaseStatus)
                assert len({c.domain for c in cases}) >= 7
                review = s.get(ScoringSession, county.session_id)
                assert review is not None and review.status == ScoringStatus.published and len(review.scorer_ids) == 7
                panel, outcome = results.compute(s, review)
                counts = [len(r.criteria[0].entries) for r in outcome.subjects]
                assert max(counts) == 7 and min(counts) < 7  # trimmed means, and conflicts of interest
                assert any(e.dropped for r in outcome.subjects for e in r.criteria[0].entries)
                judge06 = s.scalar(select(User).where(User.username == "judge06"))
                assert judge06 is not None
                shahe = [sid for sid, info in panel.subjects.items() if panel.conflict(judge06.id, sid)]
                assert shahe and all("沙河" in panel.scorers[judge06.id][2] for _ in shahe)
                assert {o.status for o in s.scalars(select(CaseObjection))} == {"pending", "upheld", "dismissed"}
                assert s.scalars(select(CaseFeedback)).first() is not None
                tour = s.scalar(select(ScoringSession).where(ScoringSession.title.contains("逐社观摩、整街推进")))
                assert tour is not None and tour.status == ScoringStatus.published
                assert [c["name"] for c in tour.rubric] == ["党建基础", "组织建设", "党员管理", "活动开展", "工作保障"]
                _, ranked = results.compute(s, tour)
                assert {r.classification for r in ranked.subjects} == set(Classification)
                assert ranked.subjects[0].rank == 1
                statuses = set(s.scalars(select(ScoringSession.status)))
                assert statuses == set(ScoringStatus)
        finally:
            db.engine.dispose()
