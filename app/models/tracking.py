"""The tracked-item spine shared by responsibility items, task assignments, problems and projects.

Every kind is a subtype of `TrackedItem` (joined-table inheritance): org, issuer, responsible person, deadline,
status and the `is_open` flag live in one table, so overdue rules, reminders, ledgers and statistics query one
indexed table whatever the kind. `overdue` is never stored: it is `is_open AND deadline < today`.
"""

from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.core import clock
from app.core.db import Base, JsonType, PathString, UTCDateTime
from app.models.base import OrgScoped, Timestamped


class TrackedItem(OrgScoped, Timestamped, Base):
    __tablename__ = "tracked_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), nullable=False)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    issuer_org_id: Mapped[int | None] = mapped_column(ForeignKey("orgs.id"))
    issuer_org_path: Mapped[str | None] = mapped_column(PathString)
    responsible_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    deadline: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(32), nullable=False)
    is_open: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_report_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"polymorphic_on": "kind", "version_id_col": version}
    __table_args__ = (
        Index("ix_tracked_items_kind_org_path_status_id", "kind", "org_path", "status", "id"),
        Index("ix_tracked_items_kind_is_open_deadline", "kind", "is_open", "deadline"),
        Index("ix_tracked_items_responsible_user_id", "responsible_user_id"),
    )

    @property
    def overdue(self) -> bool:
        return bool(self.is_open and self.deadline is not None and self.deadline < clock.today_local())


class Milestone(Base):
    """Dated steps of a long-term problem or a project plan; "behind a milestone" feeds the reminder list."""

    __tablename__ = "milestones"
    __audit__ = "milestone"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("tracked_items.id", ondelete="CASCADE"), nullable=False, index=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id"), nullable=False)
    org_path: Mapped[str] = mapped_column(PathString, nullable=False)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    due_on: Mapped[date] = mapped_column(Date, nullable=False)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sort_order: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)


class ProgressReport(Base):
    """One entry of an item's timeline: what was done, with evidence. Periodic reports (monthly for problems and
    projects, quarterly for responsibility items) carry `period`, and there is at most one per item and period."""

    __tablename__ = "progress_reports"
    __audit__ = "progress_report"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("tracked_items.id", ondelete="CASCADE"), nullable=False)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id"), nullable=False)
    org_path: Mapped[str] = mapped_column(PathString, nullable=False, index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False)
    kind: Mapped[str] = mapped_column(String(32), nullable=False)  # progress / monthly / quarterly / submission
    period: Mapped[str | None] = mapped_column(String(16))
    content: Mapped[str] = mapped_column(Text, nullable=False)
    progress: Mapped[int | None] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JsonType, nullable=False, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (
        UniqueConstraint("item_id", "period"),
        Index("ix_progress_reports_item_id_created_at", "item_id", "created_at"),
    )


class Attachment(Base):
    """Evidence photos and documents. Uploaded unbound (only the uploader sees it), then bound to the object it
    documents; from then on it is readable exactly by those who can read that object."""

    __tablename__ = "attachments"
    __audit__ = "attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id"), nullable=False)
    org_path: Mapped[str] = mapped_column(PathString, nullable=False, index=True)
    owner_type: Mapped[str | None] = mapped_column(String(32))
    owner_id: Mapped[int | None] = mapped_column(Integer)
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False)
    filename: Mapped[str] = mapped_column(String(255), nullable=False)
    content_type: Mapped[str] = mapped_column(String(100), nullable=False)
    size: Mapped[int] = mapped_column(Integer, nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    storage_key: Mapped[str] = mapped_column(String(255), nullable=False, unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)

    __table_args__ = (Index("ix_attachments_owner_type_owner_id", "owner_type", "owner_id"),)
