from dataclasses import dataclass
from datetime import date
from typing import Annotated

from pydantic import Field

from app.core.enums import (
    OrgLevel,
    ResponsibilityItemStatus,
    ResponsibilityLetterStatus,
    ResponsibilityRole,
)
from app.kit.schemas import IdField, InputModel, OutputModel, UtcDatetime
from app.tracking.schemas import AttachmentIds, Content, LedgerFilters

Year = Annotated[int, Field(ge=2000, le=2100, description="责任书年度，如 2026")]
Title = Annotated[str, Field(min_length=1, max_length=200)]
Description = Annotated[str, Field(min_length=1, max_length=2000)]
LetterContent = Annotated[str, Field(max_length=20000)]
Quarter = Annotated[str, Field(pattern=r"^\d{4}-Q[1-4]$", description="季度，如 2026-Q4")]


class ItemIn(InputModel):
    role: ResponsibilityRole
    description: Description
    responsible_user_id: IdField | None = Field(default=None, description="被下达组织的用户；可由对方书记签订前指定")
    deadline: date | None = Field(default=None, description="默认为当年 12 月 31 日")


class LetterCreate(InputModel):
    org_id: IdField = Field(description="被下达的组织（下达单位为其上级）")
    year: Year
    title: Title | None = Field(default=None, description="默认为“<年度>年度党建目标责任书”")
    content: LetterContent | None = None
    items: Annotated[list[ItemIn], Field(default_factory=list, max_length=100)]


class LetterUpdate(InputModel):
    title: Title | None = None
    content: LetterContent | None = None


class ItemUpdate(InputModel):
    """Draft letters: the issuing side edits everything. Issued letters: the target org's secretary assigns the
    responsible person (nothing else changes once issued)."""

    role: ResponsibilityRole | None = None
    description: Description | None = None
    responsible_user_id: IdField | None = None
    deadline: date | None = None


class QuarterlyReportCreate(InputModel):
    """季度报告：one per item and quarter; sending again for the same quarter replaces it."""

    period: Quarter | None = Field(default=None, description="默认为本季度")
    content: Content
    progress: int | None = Field(default=None, ge=0, le=100)
    attachment_ids: AttachmentIds


class CompletionReport(InputModel):
    content: Content
    attachment_ids: AttachmentIds


class ItemRead(OutputModel):
    id: int
    letter_id: int
    year: int
    org_id: int
    org_name: str
    issuer_org_id: int | None
    role: ResponsibilityRole
    title: str
    description: str
    responsible_user_id: int | None
    responsible_user_name: str | None
    deadline: date | None
    status: ResponsibilityItemStatus
    overdue: bool
    closed_at: UtcDatetime | None
    last_report_at: UtcDatetime | None
    reported_this_quarter: bool
    sort_order: int
    allowed_actions: list[str]
    version: int
    created_at: UtcDatetime
    updated_at: UtcDatetime


class LetterRead(OutputModel):
    id: int
    org_id: int
    org_name: str
    issuer_org_id: int
    issuer_org_name: str
    year: int
    title: str
    content: str | None
    status: ResponsibilityLetterStatus
    issued_at: UtcDatetime | None
    issued_by_id: int | None
    signed_at: UtcDatetime | None
    signed_by_id: int | None
    item_count: int
    completed_count: int
    allowed_actions: list[str]
    version: int
    created_at: UtcDatetime
    updated_at: UtcDatetime


class LetterDetail(LetterRead):
    items: list[ItemRead]


@dataclass(frozen=True)
class LetterFilters:
    year: int | None = None
    root_id: int | None = None
    org_id: int | None = None
    issuer_org_id: int | None = None
    status: ResponsibilityLetterStatus | None = None


@dataclass(frozen=True)
class ItemFilters(LedgerFilters):
    year: int | None = None
    role: ResponsibilityRole | None = None
    letter_id: int | None = None


class Completion(OutputModel):
    total: int
    completed: int
    overdue: int
    rate: float = Field(description="已完成占比，0–1")
    statement: str = Field(description="如“已完成 12 项，占总数的 40.0%”")


class OrgCompletion(Completion):
    org_id: int
    org_name: str
    level: OrgLevel
    has_children: bool


class LevelCompletion(Completion):
    level: OrgLevel


class CompletionRollup(OutputModel):
    year: int
    root_id: int
    root_name: str
    summary: Completion = Field(description="整棵子树（含本级）")
    own: Completion = Field(description="本级组织自身的责任事项")
    by_org: list[OrgCompletion] = Field(description="每个直属下级组织（含其下级）")
    by_level: list[LevelCompletion] = Field(description="按被下达组织的层级")
