"""问题通报 (bulletins, numbered per issuing org and year) and 书记联系点 (contact points and their visits)."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base, JsonType, PathString, UTCDateTime
from app.core.enums import BulletinStatus
from app.models.base import OrgScoped, Timestamped, Versioned, enum_column


class Bulletin(OrgScoped, Versioned, Timestamped, Base):
    """A 问题通报 issued by `org`. A draft is the issuing side's working copy; publishing assigns the year and the
    number ("2026年第3期") and freezes the text, the selected problems and the rankings as they were then."""

    __tablename__ = "bulletins"
    __audit__ = "bulletin"

    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[BulletinStatus] = mapped_column(enum_column(BulletinStatus), nullable=False)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    summary: Mapped[str | None] = mapped_column(Text)
    body: Mapped[str | None] = mapped_column(Text)
    problem_ids: Mapped[list[int]] = mapped_column(JsonType, nullable=False, default=list)
    ranking_title: Mapped[str | None] = mapped_column(String(200))
    # [{org_id, org_name, rank, value, note}], in display order.
    rankings: Mapped[list[dict[str, Any]]] = mapped_column(JsonType, nullable=False, default=list)
    # Filled at publication: the selected problems as they stood then (org, category, status, deadline).
    problems_snapshot: Mapped[list[dict[str, Any]] | None] = mapped_column(JsonType)
    year: Mapped[int | None] = mapped_column(Integer)
    number: Mapped[int | None] = mapped_column(Integer)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    published_by_id: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (
        # The last line of defence for numbering: two publications can never share a number.
        UniqueConstraint("org_id", "year", "number"),
        CheckConstraint("(status = 'draft') = (number IS NULL)", name="number_iff_published"),
    )


class BulletinCounter(Base):
    """The last number issued per org and year. Incremented atomically at publication, never decremented, so a
    number once issued is never issued again, whatever happens to the bulletin that carried it."""

    __tablename__ = "bulletin_counters"

    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer, nullable=False)


class ContactPoint(OrgScoped, Versioned, Timestamped, Base):
    """书记联系点: `user` (a secretary of `host_org`) is linked to `org`, an org strictly below the host org.
    The row is scoped by the contact org, so the village sees who its contact person is."""

    __tablename__ = "contact_points"
    __audit__ = "contact_point"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False, index=True)
    host_org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id"), nullable=False)
    host_org_path: Mapped[str] = mapped_column(PathString, nullable=False)
    started_on: Mapped[date] = mapped_column(Date, nullable=False)
    ended_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(String(500))


class Visit(OrgScoped, Timestamped, Base):
    """One 走访 of a contact point by its linked person: 面对面听取意见建议, with evidence photos."""

    __tablename__ = "visits"
    __audit__ = "visit"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_point_id: Mapped[int] = mapped_column(ForeignKey("contact_points.id"), nullable=False)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False)
    visited_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    content: Mapped[str] = mapped_column(Text, nullable=False)
    attendees: Mapped[int] = mapped_column(Integer, nullable=False)
    problems_found: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_visits_contact_point_id_visited_at", "contact_point_id", "visited_at"),)
