"""The operator commands, run as an operator would: `python -m app ...` in a fresh environment."""

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from app.core import clock
from app.core.db import Database
from app.core.enums import (
    BulletinStatus,
    InspectionType,
    OrgLevel,
    ProblemSource,
    ProblemStatus,
    ResponsibilityItemStatus,
    ResponsibilityLetterStatus,
    Role,
    TaskAssignmentStatus,
    TaskListStatus,
)
from app.models.accounts import RoleAssignment, User
from app.models.bulletins import Bulletin, ContactPoint, Visit
from app.models.lists import ResponsibilityItem, ResponsibilityLetter, TaskAssignment, TaskList
from app.models.orgs import Org
from app.models.problems import Inspection, Problem
from app.models.tracking import ProgressReport, TrackedItem
from tests.support.scratch import scratch_database

ROOT = Path(__file__).resolve().parent.parent


def _cli(url: str, tmp_path: Path, *args: str, stdin: str = "", **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "ADMIN_PASSWORD"}}
    environment |= {"DATABASE_URL": url, "DATA_DIR": str(tmp_path), "ENVIRONMENT": "development"} | env
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=ROOT,
        env=environment,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_migrate_create_admin_and_demo(tmp_path):
    with scratch_database(tmp_path) as url:
        refused = _cli(url, tmp_path, "serve", "--port", "1")
        assert refused.returncode == 2 and "python -m app migrate" in refused.stderr
        assert _cli(url, tmp_path, "migrate").returncode == 0
        created = _cli(
            url,
            tmp_path,
            "create-admin",
            "root_admin",
            "--org-name",
            "中共测试县委员会",
            ADMIN_PASSWORD="strong-pass-123",
        )
        assert created.returncode == 0, created.stderr
        assert "中共测试县委员会" in created.stdout
        again = _cli(url, tmp_path, "create-admin", "second", stdin="another-pass-456\n")
        assert again.returncode == 0, again.stderr
        weak = _cli(url, tmp_path, "create-admin", "third", ADMIN_PASSWORD="weak")
        assert weak.returncode == 2
        db = Database(url)
        try:
            with db.transaction() as s:
                roots = s.scalars(select(Org).where(Org.parent_id.is_(None))).all()
                assert [r.name for r in roots] == ["中共测试县委员会"]
                admins = s.scalars(
                    select(User.username)
                    .join(RoleAssignment, RoleAssignment.user_id == User.id)
                    .where(RoleAssignment.role == Role.admin, RoleAssignment.org_id == roots[0].id)
                )
                assert set(admins) == {"root_admin", "second"}
        finally:
            db.engine.dispose()
        refused_demo = _cli(url, tmp_path, "demo")
        assert refused_demo.returncode == 2 and "空数据库" in refused_demo.stderr


def test_demo_loads_a_county_like_the_seeds(tmp_path):
    with scratch_database(tmp_path) as url:
        assert _cli(url, tmp_path, "migrate").returncode == 0
        demo = _cli(url, tmp_path, "demo", DEMO_PASSWORD="demo-pass-777")
        assert demo.returncode == 0, demo.stderr
        assert "demo-pass-777" in demo.stdout and "admin" in demo.stdout
        db = Database(url)
        try:
            with db.transaction() as s:

                def count(*where):  # type: ignore[no-untyped-def]
                    return s.scalar(select(func.count()).select_from(Org).where(*where))

                assert count(Org.level == OrgLevel.township) >= 10
                assert count(Org.level == OrgLevel.village) >= 100
                assert count(Org.depth >= 3) > 0  # grid branches and groups below villages
                roles = set(s.scalars(select(RoleAssignment.role).distinct()))
                assert roles == set(Role)
                admin_root = s.scalar(
                    select(Org.name)
                    .join(RoleAssignment, RoleAssignment.org_id == Org.id)
                    .join(User, User.id == RoleAssignment.user_id)
                    .where(User.username == "admin")
                )
                assert admin_root == "中共九江市柴桑区委员会"
                _assert_problems_and_bulletins(s)
                # 责任单 and 任务单: every state of every workflow, some of it overdue
                for model, states in (
                    (ResponsibilityLetter, set(ResponsibilityLetterStatus)),
                    (ResponsibilityItem, set(ResponsibilityItemStatus)),
                    (TaskList, set(TaskListStatus)),
                    (TaskAssignment, set(TaskAssignmentStatus)),
                ):
                    assert set(s.scalars(select(model.status).distinct())) == states, model
                late = (
                    select(func.count())
                    .select_from(TrackedItem)
                    .where(TrackedItem.is_open.is_(True), TrackedItem.deadline < date(2026, 11, 1))
                )
                assert s.scalar(late.where(TrackedItem.kind == "responsibility_item")) > 0
                assert s.scalar(late.where(TrackedItem.kind == "task_assignment")) > 0
                assert s.scalar(select(func.count()).where(TaskAssignment.return_count > 0)) > 0
        finally:
            db.engine.dispose()


def _assert_problems_and_bulletins(s) -> None:  # type: ignore[no-untyped-def]
    """问题单, 问题通报 and 书记联系点 like the seeds, in every state, consistent with today's date."""
    statuses = dict(s.execute(select(Problem.status, func.count()).group_by(Problem.status)).all())
    assert set(statuses) == set(ProblemStatus) and 120 <= sum(statuses.values()) <= 200
    assert set(s.scalars(select(Problem.source).distinct())) == set(ProblemSource)
    today = clock.today_local()
    assert s.scalar(select(func.count()).select_from(Problem).where(Problem.is_open, Problem.deadline < today)) > 0
    action = ProgressReport.data["action"].as_string()
    actions = set(s.scalars(select(action).where(ProgressReport.kind == "transition")))
    assert {"reject", "recheck", "reopen"} <= actions
    types = dict(s.execute(select(Inspection.type, func.count()).group_by(Inspection.type)).all())
    assert types[InspectionType.inspection] == 6 and types[InspectionType.research] >= 8
    published = s.scalars(select(Bulletin).where(Bulletin.status == BulletinStatus.published)).all()
    for year in {b.year for b in published}:  # numbered 第1期 … per year, without gaps
        numbers = sorted(b.number for b in published if b.year == year)
        assert numbers == list(range(1, len(numbers) + 1))
    assert len(published) == 12 and all(b.published_at <= clock.now() and b.problems_snapshot for b in published)
    assert s.scalar(select(func.count()).select_from(Bulletin).where(Bulletin.status == BulletinStatus.draft)) == 2
    assert s.scalar(select(func.count()).select_from(ContactPoint)) >= 30
    assert s.scalar(select(func.max(Visit.visited_at))) <= clock.now()


def test_production_refuses_the_default_secret(tmp_path):
    result = _cli("sqlite:///x.db", tmp_path, "migrate", ENVIRONMENT="production", SECRET_KEY="")
    assert result.returncode == 2 and "SECRET_KEY" in result.stderr
