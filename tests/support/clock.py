from datetime import UTC, datetime, timedelta

from app.core import clock


class FakeClock:
    """Pins app.core.clock. Starts at the real current second (so rows made before the pin are not in its
    future); tests about dates call `set()`."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime.now(UTC).replace(microsecond=0)
        clock.set_clock(lambda: self.now)

    def set(self, when: datetime) -> None:
        self.now = when if when.tzinfo else when.replace(tzinfo=UTC)

    def advance(self, **delta: float) -> None:
        self.now = self.now + timedelta(**delta)
