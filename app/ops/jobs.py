"""Background jobs, each one unit of work. The scheduler runs them in the leading process; the CLI runs
`run_reminders` once."""

from datetime import timedelta

from app.auth import repository as auth_repository
from app.core import clock
from app.core.db import get_database
from app.kit import idempotency
from app.reminders import job as reminders

# Domains whose reminder rules live with them; importing registers the rule.
import app.contacts.reminders  # noqa: F401  isort: skip


def run_reminders() -> dict[str, int]:
    with get_database().transaction() as session:
        return reminders.run(session)


def purge_expired() -> None:
    with get_database().transaction() as session:
        idempotency.purge_expired(session)
        auth_repository.purge_failures(session, clock.now() - timedelta(days=1))
