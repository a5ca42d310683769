"""Runs the background jobs inside `serve`, in exactly one process.

Every API process starts a scheduler thread, but only the leader runs jobs. On PostgreSQL the leader holds a
session-level advisory lock on a dedicated connection (released by the database if the process dies); on
SQLite, whose processes share one machine, it holds an exclusive lock on a file beside the database.
"""

from __future__ import annotations

import fcntl
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from sqlalchemy import text

from app.core.db import Database

log = logging.getLogger("app.scheduler")
_LEADER_LOCK_KEY = 7_101_003


class Leadership:
    def __init__(self, db: Database, lock_dir: Path) -> None:
        self.db = db
        self.lock_dir = lock_dir
        self._conn: Any = None
        self._file: IO[bytes] | None = None

    @property
    def held(self) -> bool:
        return self._conn is not None or self._file is not None

    def try_acquire(self) -> bool:
        if self.db.is_sqlite:
            return self._try_file()
        if self._conn is not None:
            try:
                self._conn.execute(text("SELECT 1"))
                return True
            except Exception:  # the connection died, and the lock with it
                self._conn = None
        conn = self.db.engine.connect()
        if conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": _LEADER_LOCK_KEY}).scalar():
            conn.commit()
            self._conn = conn
            return True
        conn.close()
        return False

    def _try_file(self) -> bool:
        if self._file is not None:
            return True
        self.lock_dir.mkdir(parents=True, exist_ok=True)
        handle = (self.lock_dir / "scheduler.lock").open("wb")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        self._file = handle
        return True

    def release(self) -> None:
        if self._conn is not None:
            try:
                self._conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _LEADER_LOCK_KEY})
                self._conn.close()
            finally:
                self._conn = None
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None


@dataclass
class Job:
    name: str
    every_seconds: float
    run: Callable[[], object]
    next_at: float = field(default=0.0)


class Scheduler:
    def __init__(self, leadership: Leadership, jobs: list[Job], tick_seconds: float = 1.0) -> None:
        self.leadership = leadership
        self.jobs = jobs
        self.tick = tick_seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="scheduler", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(10)
        self.leadership.release()

    def run_due(self, now: float | None = None) -> list[str]:
        """Run the jobs that are due (when leading); answers their names."""
        if not self.leadership.try_acquire():
            return []
        moment = time.monotonic() if now is None else now
        ran = []
        for job in self.jobs:
            if moment >= job.next_at:
                job.next_at = moment + job.every_seconds
                try:
                    job.run()
                except Exception:  # one failing job must not stop the others, nor the loop
                    log.exception("scheduled job %s failed", job.name)
                ran.append(job.name)
        return ran

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.run_due()
            except Exception:
                log.exception("scheduler tick failed")
            self._stop.wait(self.tick)


def start_default() -> Scheduler:
    from app.core.config import get_settings
    from app.core.db import get_database
    from app.ops import jobs
    from app.webhooks.dispatch import deliver_due

    settings = get_settings()
    scheduler = Scheduler(
        Leadership(get_database(), settings.data_dir),
        [
            Job("webhooks", settings.webhook_interval_seconds, deliver_due),
            Job("reminders", settings.reminder_interval_minutes * 60, jobs.run_reminders),
            Job("purge", 24 * 3600, jobs.purge_expired),
        ],
    )
    scheduler.start()
    return scheduler
