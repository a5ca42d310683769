"""书记项目: a yearly campaign with its catalog of items, and the projects secretaries claim from it."""

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base, JsonType, UTCDateTime
from app.core.enums import CampaignStatus, OrgDomain, ProjectCategory, ProjectGrade
from app.models.base import OrgScoped, Timestamped, Versioned, enum_column
from app.models.tracking import TrackedItem


class ProjectCampaign(OrgScoped, Versioned, Timestamped, Base):
    """ "2026 年度基层党建书记项目", run by `org` (the organizing side) over its subtree."""

    __tablename__ = "project_campaigns"
    __audit__ = "project_campaign"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, nullable=False)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    status: Mapped[CampaignStatus] = mapped_column(enum_column(CampaignStatus), nullable=False)
    min_claims: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    max_claims: Mapped[int] = mapped_column(Integer, nullable=False, default=3)
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    preclaimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ProjectItem(OrgScoped, Versioned, Timestamped, Base):
    """One entry of a campaign's catalog (项目清单). `mandatory_levels` lists the org levels whose secretaries
    must take it (必选); everyone else may choose it (自选)."""

    __tablename__ = "project_items"
    __audit__ = "project_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("project_campaigns.id", ondelete="CASCADE"), nullable=False, index=True
    )
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    category: Mapped[ProjectCategory] = mapped_column(enum_column(ProjectCategory), nullable=False)
    domain: Mapped[OrgDomain | None] = mapped_column(enum_column(OrgDomain))
    mandatory_levels: Mapped[list[str]] = mapped_column(JsonType, nullable=False, default=list)
    sort_order: Mapped[int] = mapped_column(Integer, nullable=False, default=0)

    __table_args__ = (UniqueConstraint("campaign_id", "title"),)


class Project(TrackedItem):
    """A secretary's project (一项目一方案). The spine holds org, owner as responsible person, deadline, status
    and milestones; monthly scheduling (一月一调度) is the spine's periodic report, and `progress` copies the
    percentage of the latest month reported."""

    __tablename__ = "projects"
    __audit__ = "project"
    __mapper_args__ = {"polymorphic_identity": "project"}

    id: Mapped[int] = mapped_column(ForeignKey("tracked_items.id", ondelete="CASCADE"), primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("project_campaigns.id"), nullable=False, index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("project_items.id"), nullable=False, index=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False, index=True)
    is_mandatory: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    goals: Mapped[str | None] = mapped_column(Text)
    measures: Mapped[str | None] = mapped_column(Text)
    team: Mapped[list[str]] = mapped_column(JsonType, nullable=False, default=list)
    progress: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    progress_period: Mapped[str | None] = mapped_column(String(16))
    grade: Mapped[ProjectGrade | None] = mapped_column(enum_column(ProjectGrade))
    acceptance_comment: Mapped[str | None] = mapped_column(Text)
