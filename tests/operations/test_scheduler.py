from app.core.config import get_settings
from app.core.db import Database
from app.ops.scheduler import Job, Leadership, Scheduler


def test_only_one_process_leads(db, tmp_path):
    first = Leadership(db, tmp_path)
    other_db = Database(db.url)  # another process's engine and connections
    second = Leadership(other_db, tmp_path)
    try:
        assert first.try_acquire() is True
        assert second.try_acquire() is False
        assert first.try_acquire() is True  # keeps leading
        first.release()
        assert second.try_acquire() is True
        assert first.try_acquire() is False
    finally:
        first.release()
        second.release()
        other_db.engine.dispose()


def test_jobs_run_when_due_and_only_while_leading(db, tmp_path):
    runs: list[str] = []
    leader = Leadership(db, tmp_path)
    follower_db = Database(db.url)
    follower = Leadership(follower_db, tmp_path)
    scheduler = Scheduler(leader, [Job("a", 10, lambda: runs.append("a")), Job("b", 60, lambda: runs.append("b"))])
    idle = Scheduler(follower, [Job("a", 10, lambda: runs.append("follower"))])
    try:
        assert scheduler.run_due(now=100) == ["a", "b"]
        assert idle.run_due(now=100) == []
        assert scheduler.run_due(now=105) == []
        assert scheduler.run_due(now=111) == ["a"]
        assert scheduler.run_due(now=161) == ["a", "b"]
        assert "follower" not in runs
    finally:
        leader.release()
        follower.release()
        follower_db.engine.dispose()


def test_a_failing_job_does_not_stop_the_others(db, tmp_path):
    runs: list[str] = []

    def boom() -> None:
        raise RuntimeError("boom")

    scheduler = Scheduler(Leadership(db, tmp_path), [Job("boom", 1, boom), Job("ok", 1, lambda: runs.append("ok"))])
    try:
        assert scheduler.run_due(now=1) == ["boom", "ok"] and runs == ["ok"]
    finally:
        scheduler.leadership.release()


def test_tests_run_without_the_background_scheduler():
    assert get_settings().scheduler_enabled is False
