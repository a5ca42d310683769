"""The scoring engine: sessions with a rubric, their subjects and scorers, scores and declared conflicts.

One engine for case review, observation tours (逐社观摩), project evaluations and 述职评议: a session scores
subjects of one type (cases, orgs or projects), whatever table they live in."""

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from app.core.db import Base, JsonType, PathString, UTCDateTime
from app.core.enums import ScoringPurpose, ScoringStatus, ScoringSubjectType
from app.models.base import OrgScoped, Timestamped, Versioned, enum_column


class Points(TypeDecorator[Decimal]):
    """Points and totals with 2 decimals, stored exactly as integer hundredths: SQLite has no decimal type and
    floats would turn 8.35 into 8.3499999."""

    impl = Integer
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Any) -> int | None:
        if value is None:
            return None
        return int((Decimal(value) * 100).to_integral_value(rounding=ROUND_HALF_UP))

    def process_result_value(self, value: int | None, dialect: Any) -> Decimal | None:
        return None if value is None else Decimal(value).scaleb(-2)


class ScoringSession(OrgScoped, Versioned, Timestamped, Base):
    """`org` is the organizing org: the session is read and run within its subtree. The rubric is kept on the
    row as [{name, max_points, weight}] (decimal strings, exact); subjects and scorers are indexed in their own
    tables and mirrored here for the audit trail, as inspections do with visited orgs."""

    __tablename__ = "scoring_sessions"
    __audit__ = "scoring_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    purpose: Mapped[ScoringPurpose] = mapped_column(enum_column(ScoringPurpose), nullable=False)
    subject_type: Mapped[ScoringSubjectType] = mapped_column(enum_column(ScoringSubjectType), nullable=False)
    rubric: Mapped[list[dict[str, str]]] = mapped_column(JsonType, nullable=False, default=list)
    subject_ids: Mapped[list[int]] = mapped_column(JsonType, nullable=False, default=list)
    scorer_ids: Mapped[list[int]] = mapped_column(JsonType, nullable=False, default=list)
    normalize: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    classification: Mapped[dict[str, str] | None] = mapped_column(JsonType)
    # Subjects decided elsewhere (a case round puts its verified cases under review): not editable here.
    subjects_fixed: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    status: Mapped[ScoringStatus] = mapped_column(enum_column(ScoringStatus), nullable=False)
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ScoringSubject(Base):
    __tablename__ = "scoring_subjects"

    session_id: Mapped[int] = mapped_column(ForeignKey("scoring_sessions.id", ondelete="CASCADE"), primary_key=True)
    subject_id: Mapped[int] = mapped_column(Integer, primary_key=True)


class ScoringScorer(Base):
    __tablename__ = "scoring_scorers"

    session_id: Mapped[int] = mapped_column(ForeignKey("scoring_sessions.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True, index=True)


class Score(Base):
    """One scorer's points on one criterion of one subject. At most one per (session, scorer, subject,
    criterion): a new submission replaces the old one until the session closes."""

    __tablename__ = "scores"
    __audit__ = "score"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("scoring_sessions.id", ondelete="CASCADE"), nullable=False)
    scorer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False)
    subject_id: Mapped[int] = mapped_column(Integer, nullable=False)
    criterion: Mapped[str] = mapped_column(String(50), nullable=False)
    points: Mapped[Decimal] = mapped_column(Points, nullable=False)
    comment: Mapped[str | None] = mapped_column(Text)
    # The session's org: the audit trail and the event feed place scores where the session is run.
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id"), nullable=False)
    org_path: Mapped[str] = mapped_column(PathString, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (
        UniqueConstraint("session_id", "scorer_id", "subject_id", "criterion"),
        Index("ix_scores_session_id_subject_id", "session_id", "subject_id"),
    )


class ScoringConflict(Base):
    """A conflict of interest declared by the scorer (回避申报). Conflicts from the org tree are never stored:
    they are derived from the scorer's home org and the subject's org whenever they matter."""

    __tablename__ = "scoring_conflicts"
    __audit__ = "scoring_conflict"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("scoring_sessions.id", ondelete="CASCADE"), nullable=False)
    scorer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False)
    subject_id: Mapped[int] = mapped_column(Integer, nullable=False)
    reason: Mapped[str] = mapped_column(Text, nullable=False)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id"), nullable=False)
    org_path: Mapped[str] = mapped_column(PathString, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)

    __table_args__ = (UniqueConstraint("session_id", "scorer_id", "subject_id"),)
