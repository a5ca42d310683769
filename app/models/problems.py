"""问题单: problems and the inspections (督查/调研/观摩) whose findings they are."""

from datetime import date

from sqlalchemy import Column, Date, ForeignKey, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base, JsonType
from app.core.enums import InspectionType, ProblemCategory, ProblemSeverity, ProblemSource
from app.models.base import OrgScoped, Timestamped, Versioned, enum_column
from app.models.tracking import TrackedItem


class Problem(TrackedItem):
    __tablename__ = "problems"
    __audit__ = "problem"
    __mapper_args__ = {"polymorphic_identity": "problem"}

    id: Mapped[int] = mapped_column(ForeignKey("tracked_items.id", ondelete="CASCADE"), primary_key=True)
    source: Mapped[ProblemSource] = mapped_column(enum_column(ProblemSource), nullable=False)
    inspection_id: Mapped[int | None] = mapped_column(ForeignKey("inspections.id"), index=True)
    description: Mapped[str] = mapped_column(Text, nullable=False)
    category: Mapped[ProblemCategory] = mapped_column(enum_column(ProblemCategory), nullable=False)
    severity: Mapped[ProblemSeverity] = mapped_column(enum_column(ProblemSeverity), nullable=False)
    measures: Mapped[str | None] = mapped_column(Text)
    recheck_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


inspection_orgs = Table(
    "inspection_orgs",
    Base.metadata,
    Column("inspection_id", ForeignKey("inspections.id", ondelete="CASCADE"), primary_key=True),
    Column("org_id", ForeignKey("orgs.id"), primary_key=True, index=True),
)


class Inspection(OrgScoped, Versioned, Timestamped, Base):
    """A 督查/调研/观摩 run by `org` (the organizing org); the orgs it visited are in inspection_orgs."""

    __tablename__ = "inspections"
    __audit__ = "inspection"

    id: Mapped[int] = mapped_column(primary_key=True)
    type: Mapped[InspectionType] = mapped_column(enum_column(InspectionType), nullable=False)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    held_on: Mapped[date] = mapped_column(Date, nullable=False)
    inspectors: Mapped[list[str]] = mapped_column(JsonType, nullable=False, default=list)
    # Kept on the row for the audit trail and display; inspection_orgs indexes the same list for queries.
    visited_org_ids: Mapped[list[int]] = mapped_column(JsonType, nullable=False, default=list)
    summary: Mapped[str | None] = mapped_column(Text)
