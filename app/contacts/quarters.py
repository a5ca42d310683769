"""Quarters as users count them: calendar quarters in Asia/Shanghai. A visit at 00:30 on 1 October local time
belongs to Q4 although it is still 30 September in UTC."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from app.core import clock

PATTERN = r"^20\d{2}-Q[1-4]$"
_RE = re.compile(PATTERN)


@dataclass(frozen=True)
class Quarter:
    year: int
    q: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        if not _RE.match(text):
            raise ValueError(f"not a quarter: {text!r}")
        return cls(int(text[:4]), int(text[-1]))

    @classmethod
    def of_date(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def of_instant(cls, when: datetime) -> Quarter:
        return cls.of_date(when.astimezone(clock.LOCAL_TZ).date())

    @classmethod
    def current(cls) -> Quarter:
        return cls.of_date(clock.today_local())

    def __str__(self) -> str:
        return f"{self.year}-Q{self.q}"

    @property
    def first_day(self) -> date:
        return date(self.year, 3 * self.q - 2, 1)

    @property
    def last_day(self) -> date:
        following = date(self.year + 1, 1, 1) if self.q == 4 else date(self.year, 3 * self.q + 1, 1)
        return following - timedelta(days=1)

    @property
    def utc_bounds(self) -> tuple[datetime, datetime]:
        """[start, end) as aware instants: local midnight of the first day and of the day after the last."""
        start = datetime(self.year, self.first_day.month, 1, tzinfo=clock.LOCAL_TZ)
        after = self.last_day + timedelta(days=1)
        end = datetime(after.year, after.month, after.day, tzinfo=clock.LOCAL_TZ)
        return start, end
