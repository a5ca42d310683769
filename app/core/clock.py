"""The one source of "now", so tests can pin time (overdue rules, quarters, windows) without patching datetime."""

from collections.abc import Callable
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Asia/Shanghai")

_now: Callable[[], datetime] = lambda: datetime.now(UTC)  # noqa: E731


def now() -> datetime:
    """Current instant, timezone-aware UTC."""
    return _now()


def today_local() -> date:
    """Today's date as seen by users in Asia/Shanghai (deadlines are local calendar dates)."""
    return now().astimezone(LOCAL_TZ).date()


def set_clock(fn: Callable[[], datetime] | None) -> None:
    global _now
    _now = fn or (lambda: datetime.now(UTC))
