"""The reminder job with a fixed clock: each rule, the escalation, idempotence, and the inbox."""

from datetime import UTC, date, datetime

from sqlalchemy import select

from app.core.db import get_database
from app.models.operations import Notification
from app.models.orgs import Org
from app.models.records import Event
from app.ops.jobs import run_reminders
from tests.problems.helpers import issue, rectify


def _notes(db, username_id: int) -> list[Notification]:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        return list(
            s.scalars(select(Notification).where(Notification.user_id == username_id).order_by(Notification.id))
        )


def _events(db, type_: str) -> list[Event]:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        return list(s.scalars(select(Event).where(Event.type == type_)))


def test_deadline_soon_goes_to_the_responsible_person_once(api, db, fake_clock):
    fake_clock.set(datetime(2026, 11, 10, 2, tzinfo=UTC))
    problem = issue(api)
    rectify(api, problem, by="va1_worker", deadline="2026-11-12")
    counts = run_reminders()
    assert counts == {"deadline_soon": 1}
    [note] = _notes(db, api.world.user_id("va1_worker"))
    assert note.kind == "deadline_soon" and note.object_type == "problem" and note.object_id == problem["id"]
    assert "2 天后" in note.body and "甲一村党支部" in note.body
    assert run_reminders() == {}  # running twice writes nothing twice
    assert len(_notes(db, api.world.user_id("va1_worker"))) == 1


def test_overdue_is_escalated_one_level_up_and_emitted_once(api, db, fake_clock):
    fake_clock.set(datetime(2026, 11, 10, 2, tzinfo=UTC))
    problem = issue(api)
    rectify(api, problem, deadline="2026-11-12")
    fake_clock.set(datetime(2026, 11, 19, 2, tzinfo=UTC))  # before the 20th: no monthly-report reminders yet
    counts = run_reminders()
    assert counts == {"overdue": 1, "overdue_escalation": 1}
    assert [n.kind for n in _notes(db, api.world.user_id("va1_secretary"))] == ["overdue"]
    escalated = _notes(db, api.world.user_id("ta_secretary"))
    assert [n.kind for n in escalated] == ["overdue_escalation"] and escalated[0].org_id == api.world.org_id("ta")
    assert len(_events(db, "problem.overdue")) == 1
    run_reminders()
    assert len(_events(db, "problem.overdue")) == 1
    assert len(_notes(db, api.world.user_id("ta_secretary"))) == 1


def test_items_without_a_responsible_person_remind_the_orgs_secretary(api, db, fake_clock):
    fake_clock.set(datetime(2026, 11, 10, 2, tzinfo=UTC))
    issue(api, "vb1", by="tb_organizer", deadline="2026-11-11")
    run_reminders()
    assert [n.kind for n in _notes(db, api.world.user_id("vb1_secretary"))] == ["deadline_soon"]


def test_missing_monthly_reports_from_the_20th(api, db, fake_clock):
    fake_clock.set(datetime(2026, 11, 10, 2, tzinfo=UTC))
    reported, silent = issue(api), issue(api, "va2")
    api.as_("va1_secretary").post(f"/problems/{reported['id']}/monthly-reports", json={"content": "进展"})
    assert run_reminders().get("monthly_report_missing") is None  # too early in the month
    fake_clock.set(datetime(2026, 11, 21, 2, tzinfo=UTC))
    assert run_reminders()["monthly_report_missing"] == 1
    [note] = [n for n in _notes(db, api.world.user_id("va2_secretary")) if n.kind == "monthly_report_missing"]
    assert note.object_id == silent["id"] and "2026-11" in note.body
    assert len(_events(db, "problem.monthly_report_missing")) == 1
    fake_clock.set(datetime(2026, 12, 21, 2, tzinfo=UTC))  # a new month is a new reminder
    assert run_reminders()["monthly_report_missing"] == 2


def test_terms_ending_within_60_days(api, db, fake_clock):
    fake_clock.set(datetime(2026, 11, 23, 2, tzinfo=UTC))
    with db.transaction() as s:
        s.get(Org, api.world.org_id("va1")).term_end = date(2027, 1, 15)
        s.get(Org, api.world.org_id("va2")).term_end = date(2027, 6, 1)
    counts = run_reminders()
    assert counts == {"term_ending": 1, "term_ending_below": 1}
    assert [n.kind for n in _notes(db, api.world.user_id("va1_secretary"))] == ["term_ending"]
    assert [n.kind for n in _notes(db, api.world.user_id("ta_secretary"))] == ["term_ending_below"]
    [event] = _events(db, "org.term_ending")
    assert event.object_id == str(api.world.org_id("va1")) and event.data["term_end"] == "2027-01-15"


def test_inbox_is_private_and_marks_read(api, db, fake_clock):
    fake_clock.set(datetime(2026, 11, 10, 2, tzinfo=UTC))
    problem = issue(api)
    rectify(api, problem, deadline="2026-11-11")
    fake_clock.set(datetime(2026, 11, 12, 2, tzinfo=UTC))
    run_reminders()
    secretary = api.as_("va1_secretary")
    assert secretary.get("/notifications/unread-count").json() == {"unread": 1}
    inbox = secretary.get("/notifications").json()
    assert inbox["total"] == 1 and inbox["items"][0]["kind"] == "overdue"
    note_id = inbox["items"][0]["id"]
    assert api.as_("va1_worker").post(f"/notifications/{note_id}/read").status_code == 404
    assert api.as_("ta_secretary").get("/notifications").json()["total"] == 1  # their escalation only
    read = secretary.post(f"/notifications/{note_id}/read")
    assert read.status_code == 200 and read.json()["read_at"]
    assert secretary.get("/notifications", params={"unread": True}).json()["total"] == 0
    assert api.as_("ta_secretary").post("/notifications/read-all").json() == {"unread": 0}
    assert api.as_("ta_secretary").get("/notifications/unread-count").json() == {"unread": 0}


def test_remind_command_runs_once(tmp_path):
    import os
    import subprocess
    import sys

    from tests.support.scratch import scratch_database

    with scratch_database(tmp_path) as url:
        env = {**os.environ, "DATABASE_URL": url, "DATA_DIR": str(tmp_path), "ENVIRONMENT": "development"}
        subprocess.run([sys.executable, "-m", "app", "migrate"], env=env, check=True, capture_output=True)
        result = subprocess.run([sys.executable, "-m", "app", "remind"], env=env, capture_output=True, text=True)
    assert result.returncode == 0 and "提醒任务完成" in result.stdout


def test_jobs_use_the_application_database(db):
    assert get_database() is db


def test_contact_point_shortfalls_in_the_quarters_last_month(api, db, fake_clock):
    from tests.contacts.helpers import link, visit

    fake_clock.set(datetime(2026, 9, 20, 2, tzinfo=UTC))
    point = link(api)  # ta_secretary → va1, from September: Q4 is a whole quarter
    fake_clock.set(datetime(2026, 11, 10, 2, tzinfo=UTC))
    visit(api, point, "2026-11-03")
    assert run_reminders().get("contact_point_shortfall") is None  # not the quarter's last month yet
    fake_clock.set(datetime(2026, 12, 2, 2, tzinfo=UTC))
    assert run_reminders()["contact_point_shortfall"] == 1
    [note] = [n for n in _notes(db, api.world.user_id("ta_secretary")) if n.kind == "contact_point_shortfall"]
    assert "甲一村党支部" in note.title and "还需走访 1 次" in note.body
    assert len(_events(db, "contact_point.shortfall")) == 1
    assert run_reminders().get("contact_point_shortfall") is None  # once per quarter
    visit(api, point, "2026-12-01")
    fake_clock.set(datetime(2026, 12, 20, 2, tzinfo=UTC))
    assert run_reminders().get("contact_point_shortfall") is None
