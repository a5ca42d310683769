"""责任单 and 任务单: responsibility letters with their items, task lists with their tasks and assignments.

Responsibility items and task assignments are tracked kinds (rows of `tracked_items` too), so they share the
overdue rules, ledgers, reminders and the timeline with problems and projects.
"""

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base, JsonType, PathString, UTCDateTime
from app.core.enums import (
    OrgDomain,
    OrgLevel,
    ResponsibilityLetterStatus,
    ResponsibilityRole,
    TaskListStatus,
)
from app.models.base import OrgScoped, Timestamped, Versioned, enum_column
from app.models.tracking import TrackedItem


class ResponsibilityLetter(OrgScoped, Versioned, Timestamped, Base):
    """党建目标责任书: issued each year by an org (`issuer_org`) to one org directly below it (`org`).

    The letter lives in the target org's subtree (`org_path`), which the issuer's scope always covers."""

    __tablename__ = "responsibility_letters"
    __audit__ = "responsibility_letter"

    id: Mapped[int] = mapped_column(primary_key=True)
    issuer_org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id"), nullable=False)
    issuer_org_path: Mapped[str] = mapped_column(PathString, nullable=False)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    content: Mapped[str | None] = mapped_column(Text)
    status: Mapped[ResponsibilityLetterStatus] = mapped_column(enum_column(ResponsibilityLetterStatus), nullable=False)
    issued_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    issued_by_id: Mapped[int | None] = mapped_column(Integer)
    signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    signed_by_id: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (
        UniqueConstraint("issuer_org_id", "org_id", "year"),
        Index("ix_responsibility_letters_org_path_year", "org_path", "year"),
    )


class ResponsibilityItem(TrackedItem):
    """One responsibility of a letter, by role: the secretary's (第一责任人), a deputy's or a member's (一岗双责)."""

    __tablename__ = "responsibility_items"
    __audit__ = "responsibility_item"
    __mapper_args__ = {"polymorphic_identity": "responsibility_item"}

    id: Mapped[int] = mapped_column(ForeignKey("tracked_items.id", ondelete="CASCADE"), primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("responsibility_letters.id"), nullable=False, index=True)
    year: Mapped[int] = mapped_column(Integer, nullable=False, index=True)
    role: Mapped[ResponsibilityRole] = mapped_column(enum_column(ResponsibilityRole), nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False)
    sort_order: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class TaskList(OrgScoped, Versioned, Timestamped, Base):
    """A task list (e.g. 《基层党建月度工作清单》 for a month) issued by `org` to orgs below it."""

    __tablename__ = "task_lists"
    __audit__ = "task_list"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    period: Mapped[str] = mapped_column(String(7), nullable=False, index=True)
    description: Mapped[str | None] = mapped_column(Text)
    status: Mapped[TaskListStatus] = mapped_column(enum_column(TaskListStatus), nullable=False)
    issued_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    issued_by_id: Mapped[int | None] = mapped_column(Integer)


class Task(OrgScoped, Versioned, Timestamped, Base):
    """One task of a list, with who it goes to: explicit orgs, or every org of a level and/or domain below the
    issuer. `org` is the issuing org (the list's)."""

    __tablename__ = "tasks"
    __audit__ = "task"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_list_id: Mapped[int] = mapped_column(ForeignKey("task_lists.id"), nullable=False, index=True)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    domain: Mapped[OrgDomain | None] = mapped_column(enum_column(OrgDomain))
    is_key: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    deadline: Mapped[date] = mapped_column(Date, nullable=False)
    target_org_ids: Mapped[list[int]] = mapped_column(JsonType, nullable=False, default=list)
    target_level: Mapped[OrgLevel | None] = mapped_column(enum_column(OrgLevel))
    target_domain: Mapped[OrgDomain | None] = mapped_column(enum_column(OrgDomain))
    sort_order: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class TaskAssignment(TrackedItem):
    """A task as one target org has to carry it out (the fan-out of a task at issue time)."""

    __tablename__ = "task_assignments"
    __audit__ = "task_assignment"
    __mapper_args__ = {"polymorphic_identity": "task_assignment"}

    id: Mapped[int] = mapped_column(ForeignKey("tracked_items.id", ondelete="CASCADE"), primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id"), nullable=False, index=True)
    task_list_id: Mapped[int] = mapped_column(ForeignKey("task_lists.id"), nullable=False, index=True)
    return_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
