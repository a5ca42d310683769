"""Maintained subtree counters, kept exact in the same transaction as every write (app/stats/rollups.py).

County- and province-wide totals and statistics read one row here instead of counting hundreds of thousands
of rows per request.
"""

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base


class SubtreeCount(Base):
    """How many `subject` rows (orgs, users, or a tracked kind) in bucket `bucket` (a status, or "_all") lie in
    the subtree of `org_id`, the org itself included."""

    __tablename__ = "subtree_counts"

    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"), primary_key=True)
    subject: Mapped[str] = mapped_column(String(32), primary_key=True)
    bucket: Mapped[str] = mapped_column(String(32), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class SubtreeOpenDeadline(Base):
    """Open tracked items of `kind` due on `deadline` in the subtree of `org_id`: overdue counts are a sum over
    past dates, exact at any moment without a daily job."""

    __tablename__ = "subtree_open_deadlines"

    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    deadline: Mapped[date] = mapped_column(Date, primary_key=True)
    count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
