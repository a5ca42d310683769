"""案例制: case rounds (优秀案例征集), cases, on-site verification, public objections, tags and learning feedback."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base, JsonType, PathString, UTCDateTime
from app.core.enums import CaseChannel, ObjectionStatus
from app.models.base import OrgScoped, Timestamped, Versioned, enum_column
from app.models.scoring import Points
from app.models.tracking import TrackedItem


class CaseRound(OrgScoped, Versioned, Timestamped, Base):
    """One call for cases, run by `org` (the organizing org) for its whole subtree. Its review is a scoring
    session; its announcement window (公示) holds for every case it announces."""

    __tablename__ = "case_rounds"
    __audit__ = "case_round"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    theme: Mapped[str] = mapped_column(Text, nullable=False)
    domains: Mapped[list[str]] = mapped_column(JsonType, nullable=False, default=list)
    channels: Mapped[list[str]] = mapped_column(JsonType, nullable=False, default=list)
    submit_from: Mapped[date] = mapped_column(Date, nullable=False)
    submit_until: Mapped[date] = mapped_column(Date, nullable=False)
    announce_days: Mapped[int] = mapped_column(Integer, nullable=False, default=5)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("scoring_sessions.id"), index=True)
    selection: Mapped[dict[str, Any] | None] = mapped_column(JsonType)
    selected_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    announce_from: Mapped[datetime | None] = mapped_column(UTCDateTime)
    announce_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Case(TrackedItem):
    """A case on the tracked-item spine: its org, its status and its timeline (verification, review, 公示).
    `issuer_org` is the round's org (the side that selects and publishes); `responsible_user` the submitter."""

    __tablename__ = "cases"
    __audit__ = "case"
    __mapper_args__ = {"polymorphic_identity": "case"}

    id: Mapped[int] = mapped_column(ForeignKey("tracked_items.id", ondelete="CASCADE"), primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("case_rounds.id"), nullable=False, index=True)
    domain: Mapped[str] = mapped_column(String(50), nullable=False)
    summary: Mapped[str] = mapped_column(Text, nullable=False)
    body: Mapped[str] = mapped_column(Text, nullable=False)
    channel: Mapped[CaseChannel] = mapped_column(enum_column(CaseChannel), nullable=False)
    tags: Mapped[list[str]] = mapped_column(JsonType, nullable=False, default=list)
    score: Mapped[Decimal | None] = mapped_column(Points)
    rank: Mapped[int | None] = mapped_column(Integer)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class CaseTag(Base):
    """Tags indexed for the library's filter (the list on the case is what users edit)."""

    __tablename__ = "case_tags"

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    tag: Mapped[str] = mapped_column(String(20), primary_key=True, index=True)


class CaseVerification(Base):
    """实地核查: who went, when, what they found, and whether the case passed."""

    __tablename__ = "case_verifications"
    __audit__ = "case_verification"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id"), nullable=False)
    org_path: Mapped[str] = mapped_column(PathString, nullable=False)
    passed: Mapped[bool] = mapped_column(nullable=False)
    visited_on: Mapped[date] = mapped_column(Date, nullable=False)
    inspectors: Mapped[list[str]] = mapped_column(JsonType, nullable=False, default=list)
    findings: Mapped[str] = mapped_column(Text, nullable=False)
    verifier_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)


class CaseObjection(Base):
    """A public objection (异议) filed without login during the announcement window. The client address is the
    rate limiter's state: counting recent rows is what several API processes agree on."""

    __tablename__ = "case_objections"
    __audit__ = "case_objection"
    __audit_redact__ = frozenset({"contact", "client_ip"})

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id"), nullable=False)
    org_path: Mapped[str] = mapped_column(PathString, nullable=False)
    name: Mapped[str | None] = mapped_column(String(50))
    contact: Mapped[str | None] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(Text, nullable=False)
    client_ip: Mapped[str] = mapped_column(String(64), nullable=False)
    status: Mapped[ObjectionStatus] = mapped_column(enum_column(ObjectionStatus), nullable=False)
    resolution: Mapped[str | None] = mapped_column(Text)
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (Index("ix_case_objections_client_ip_created_at", "client_ip", "created_at"),)


class CaseFeedback(OrgScoped, Timestamped, Base):
    """学习研讨反馈: an org studied a library case (三会一课, 主题党日) and records what it took from it."""

    __tablename__ = "case_feedback"
    __audit__ = "case_feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True)
    studied_on: Mapped[date] = mapped_column(Date, nullable=False)
    participants: Mapped[int] = mapped_column(Integer, nullable=False)
    content: Mapped[str] = mapped_column(Text, nullable=False)
    measures: Mapped[str | None] = mapped_column(Text)
