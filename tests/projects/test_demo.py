"""The demo campaign (app/demo/projects.py), loaded into a scratch database and read through the ledger code."""

from collections import Counter
from datetime import UTC, datetime

from alembic import command
from sqlalchemy import select

from app.authz.principal import Assignment, Principal
from app.cli import alembic_config
from app.core.db import Database
from app.core.enums import OrgDomain, OrgLevel, ProjectGrade, ProjectStatus, Role
from app.demo import load_demo
from app.kit.pagination import PageParams
from app.models.accounts import User
from app.models.orgs import Org
from app.models.projects import Project, ProjectCampaign
from app.models.tracking import ProgressReport
from app.projects import ledger
from app.projects.schemas import ProjectFilters
from tests.support.scratch import scratch_database


def _migrate(db: Database) -> None:
    config = alembic_config()
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn  # type: ignore[attr-defined]
        config.attributes["configure_logging"] = False  # type: ignore[attr-defined]
        command.upgrade(config, "head")  # type: ignore[arg-type]


def test_demo_campaign_like_fenyi(tmp_path, fake_clock):
    fake_clock.set(datetime(2026, 11, 23, 4, tzinfo=UTC))
    with scratch_database(tmp_path) as url:
        db = Database(url)
        try:
            _migrate(db)
            with db.transaction() as s:
                output = load_demo(s, "demo-pass-777")
            assert "书记项目：2026 年度基层党建书记项目" in output and "48 个项目" in output
            with db.transaction() as s:
                _check(s)
        finally:
            db.engine.dispose()


def _check(s) -> None:  # type: ignore[no-untyped-def]
    campaign = s.scalars(select(ProjectCampaign)).one()
    assert campaign.status == "open" and (campaign.min_claims, campaign.max_claims) == (1, 3)
    projects = list(s.scalars(select(Project)))
    assert len(projects) == 48
    assert {p.status for p in projects} == set(ProjectStatus)
    assert {p.grade for p in projects if p.status == ProjectStatus.accepted} == set(ProjectGrade)
    assert all(not p.is_mandatory for p in projects if p.status == ProjectStatus.cancelled)
    per_owner = Counter(p.owner_id for p in projects if p.status != ProjectStatus.cancelled)
    assert set(per_owner.values()) <= {1, 2, 3}
    owners = {u.id: u.username for u in s.scalars(select(User).where(User.id.in_(per_owner)))}
    assert {name.split("_")[0] for name in owners.values()} >= {"shahe", "gangkou", "jg01", "jg05"}
    assert "qu_shuji" not in owners.values()  # the county runs the campaign; claims come from below
    orgs = {o.id: o for o in s.scalars(select(Org).where(Org.id.in_({p.org_id for p in projects})))}
    mandatory = {(orgs[p.org_id].level, orgs[p.org_id].domain, p.title) for p in projects if p.is_mandatory}
    assert (OrgLevel.township, OrgDomain.rural, "党建+村级集体经济") in mandatory
    assert (OrgLevel.township, OrgDomain.urban_community, "基层党建“三化”建设") in mandatory
    assert (OrgLevel.township, OrgDomain.urban_community, "党建+村级集体经济") not in mandatory
    periods = set(
        s.scalars(
            select(ProgressReport.period)
            .join(Project, Project.id == ProgressReport.item_id)
            .where(ProgressReport.kind == "monthly")
        )
    )
    assert periods == {f"2026-{m:02d}" for m in range(3, 12)}

    root = s.scalar(select(Org).where(Org.parent_id.is_(None)))
    organizer = Principal(1, "organizer", root.id, "x", (Assignment(1, Role.organizer, root.id, root.path),))
    reminders = ledger.reminders(s, organizer, PageParams(page_size=100), None, campaign.id, None, None)
    reasons = Counter(r for row in reminders["items"] for r in row["reasons"])
    assert reasons["no_monthly_report"] >= 3 and reasons["behind_milestone"] >= 3
    assert all(row["owner_name"] for row in reminders["items"])
    rollup = ledger.rollup(s, organizer, PageParams(page_size=100), ProjectFilters(campaign_id=campaign.id))
    assert rollup["total"] == 18  # 13 townships and streets, 5 county-level 党(工)委
    summary = ledger.summary(s, organizer, ProjectFilters())
    assert summary["total"] == 48 and summary["in_progress"] == 28 and 40 < summary["average_progress"] < 100
