from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Self

from pydantic import Field, model_validator

from app.attachments.schemas import AttachmentRead
from app.core.enums import CaseChannel, CaseStatus, ObjectionStatus, RoundPhase
from app.kit.schemas import IdField, InputModel, OutputModel, UtcDatetime
from app.scoring.schemas import ClassificationIn, CriterionIn, Number, PointsIn, ScorerIds, Sheet
from app.tracking.schemas import AttachmentIds, Note

Title = Annotated[str, Field(min_length=1, max_length=200)]
Domain = Annotated[str, Field(min_length=1, max_length=50)]
Tag = Annotated[str, Field(min_length=1, max_length=20)]
Tags = Annotated[list[Tag], Field(max_length=10)]
Inspectors = Annotated[list[Annotated[str, Field(min_length=1, max_length=50)]], Field(min_length=1, max_length=20)]


def _distinct(values: list[Any] | None, what: str) -> None:
    if values is not None and len(set(values)) != len(values):
        raise ValueError(f"{what}不能重复")


# Rounds -----------------------------------------------------------------------------------------------------


class RoundFields(InputModel):
    @model_validator(mode="after")
    def _check(self) -> Self:
        _distinct(getattr(self, "domains", None), "领域")
        _distinct(getattr(self, "channels", None), "征集渠道")
        start, end = getattr(self, "submit_from", None), getattr(self, "submit_until", None)
        if start is not None and end is not None and end < start:
            raise ValueError("征集截止日期不能早于开始日期")
        return self


class RoundCreate(RoundFields):
    org_id: IdField = Field(description="组织征集的党组织（面向其下级征集）")
    year: Annotated[int, Field(ge=2000, le=2100)]
    title: Title
    theme: Annotated[str, Field(min_length=1, max_length=2000)]
    domains: Annotated[list[Domain], Field(min_length=1, max_length=30)]
    channels: Annotated[list[CaseChannel], Field(min_length=1, max_length=3)]
    submit_from: date
    submit_until: date
    announce_days: Annotated[int, Field(ge=1, le=30)] = 5


class RoundUpdate(RoundFields):
    title: Title | None = None
    theme: Annotated[str, Field(min_length=1, max_length=2000)] | None = None
    domains: Annotated[list[Domain], Field(min_length=1, max_length=30)] | None = None
    channels: Annotated[list[CaseChannel], Field(min_length=1, max_length=3)] | None = None
    submit_from: date | None = None
    submit_until: date | None = None
    announce_days: Annotated[int, Field(ge=1, le=30)] | None = None


class RoundRead(OutputModel):
    id: int
    org_id: int
    org_name: str
    year: int
    title: str
    theme: str
    domains: list[str]
    channels: list[CaseChannel]
    submit_from: date
    submit_until: date
    phase: RoundPhase
    announce_days: int
    session_id: int | None = Field(description="评审所用的评分活动")
    selection: dict[str, Any] | None = Field(description="入选规则：top_n 或 min_score")
    selected_at: UtcDatetime | None
    announce_from: UtcDatetime | None
    announce_until: UtcDatetime | None
    published_at: UtcDatetime | None
    counts: dict[CaseStatus, int]
    allowed_actions: list[str]
    version: int
    created_at: UtcDatetime
    updated_at: UtcDatetime


class StartReview(InputModel):
    """Put every verified case of the round under review, in a new scoring session (opened separately)."""

    title: Title | None = None
    rubric: Annotated[list[CriterionIn], Field(min_length=1, max_length=20)]
    scorer_ids: Annotated[ScorerIds, Field(min_length=1)]
    normalize: bool = False
    classification: ClassificationIn | None = None

    @model_validator(mode="after")
    def _check(self) -> Self:
        _distinct([c.name for c in self.rubric], "评分指标名称")
        _distinct(self.scorer_ids, "评委")
        return self


class SelectBody(InputModel):
    """竞争择优 from the review's ranking: the top N places (ties on the last place included) or a minimum total."""

    top_n: Annotated[int, Field(ge=1, le=1000)] | None = None
    min_score: PointsIn | None = None

    @model_validator(mode="after")
    def _one(self) -> Self:
        if (self.top_n is None) == (self.min_score is None):
            raise ValueError("须给出 top_n 或 min_score 之一")
        return self


class AnnounceBody(InputModel):
    days: Annotated[int, Field(ge=1, le=30)] | None = Field(default=None, description="公示天数，默认为征集设定")


# Cases ------------------------------------------------------------------------------------------------------


class CaseCreate(InputModel):
    round_id: IdField
    org_id: IdField
    title: Title
    domain: Domain
    summary: Annotated[str, Field(min_length=1, max_length=2000)]
    body: Annotated[str, Field(min_length=1, max_length=50_000)]
    channel: CaseChannel
    attachment_ids: AttachmentIds
    tags: Tags = Field(default_factory=list)

    @model_validator(mode="after")
    def _check(self) -> Self:
        _distinct(self.tags, "标签")
        return self


class CaseUpdate(InputModel):
    """The submitting side edits the case until it is verified; the round's organizer edits the tags."""

    title: Title | None = None
    domain: Domain | None = None
    summary: Annotated[str, Field(min_length=1, max_length=2000)] | None = None
    body: Annotated[str, Field(min_length=1, max_length=50_000)] | None = None
    tags: Tags | None = None
    attachment_ids: AttachmentIds = Field(description="追加的附件")

    @model_validator(mode="after")
    def _check(self) -> Self:
        _distinct(self.tags, "标签")
        return self


class VerifyBody(InputModel):
    """实地核查 record."""

    visited_on: date
    inspectors: Inspectors
    findings: Annotated[str, Field(min_length=1, max_length=5000)]
    attachment_ids: AttachmentIds


class VerificationRead(OutputModel):
    id: int
    passed: bool
    visited_on: date
    inspectors: list[str]
    findings: str
    verifier_id: int
    created_at: UtcDatetime


class CaseRow(OutputModel):
    id: int
    round_id: int
    round_title: str
    org_id: int
    org_name: str
    title: str
    domain: str
    summary: str
    channel: CaseChannel
    tags: list[str]
    status: CaseStatus
    score: Number | None = Field(description="评审总分（入选评定后）")
    rank: int | None
    responsible_user_id: int | None = Field(description="报送人")
    published_at: UtcDatetime | None
    allowed_actions: list[str]
    version: int
    created_at: UtcDatetime
    updated_at: UtcDatetime


class CaseDetail(CaseRow):
    body: str
    attachments: list[AttachmentRead]
    verifications: list[VerificationRead]
    announce_from: UtcDatetime | None
    announce_until: UtcDatetime | None


@dataclass(frozen=True)
class CaseFilters:
    root_id: int | None = None
    round_id: int | None = None
    status: CaseStatus | None = None
    domain: str | None = None
    channel: CaseChannel | None = None
    q: str | None = None


# Objections -------------------------------------------------------------------------------------------------

CONTACT_PATTERN = r"^([0-9+() -]{5,20}|[^@\s]{1,64}@[^@\s]{1,64}\.[^@\s]{1,20})$"


class ObjectionIn(InputModel):
    """A public objection: name and contact are optional, the reason is required."""

    name: Annotated[str, Field(min_length=1, max_length=50)] | None = None
    contact: Annotated[str, Field(max_length=100, pattern=CONTACT_PATTERN, description="电话或电子邮箱")] | None = None
    reason: Annotated[str, Field(min_length=5, max_length=2000)]


class ObjectionReceipt(OutputModel):
    id: int
    case_id: int
    status: ObjectionStatus
    created_at: UtcDatetime
    message: str


class ObjectionRead(OutputModel):
    id: int
    case_id: int
    name: str | None
    contact: str | None = Field(description="联系方式（非管理员脱敏）")
    reason: str
    status: ObjectionStatus
    resolution: str | None
    resolved_by_id: int | None
    resolved_at: UtcDatetime | None
    created_at: UtcDatetime
    version: int


class ResolveBody(InputModel):
    note: Note


# Library and learning feedback ------------------------------------------------------------------------------


class LibraryRow(OutputModel):
    id: int
    round_id: int
    round_title: str
    year: int
    org_id: int
    org_name: str
    title: str
    domain: str
    summary: str
    tags: list[str]
    score: Number | None
    rank: int | None
    published_at: UtcDatetime | None
    feedback_count: int


class LibraryDetail(LibraryRow):
    body: str
    attachments: list[AttachmentRead]


@dataclass(frozen=True)
class LibraryFilters:
    q: str | None = None
    domain: str | None = None
    year: int | None = None
    tags: tuple[str, ...] = ()


class FeedbackCreate(InputModel):
    case_id: IdField
    org_id: IdField = Field(description="开展学习研讨的党组织")
    studied_on: date
    participants: Annotated[int, Field(ge=1, le=10_000)]
    content: Annotated[str, Field(min_length=1, max_length=5000)]
    measures: Annotated[str, Field(min_length=1, max_length=5000)] | None = None


class FeedbackRead(OutputModel):
    id: int
    case_id: int
    case_title: str
    org_id: int
    org_name: str
    studied_on: date
    participants: int
    content: str
    measures: str | None
    created_by_id: int | None
    created_at: UtcDatetime


# Public announcement (公示) --------------------------------------------------------------------------------


class AnnouncementSummary(OutputModel):
    round_id: int
    year: int
    title: str
    org_name: str
    announce_from: UtcDatetime
    announce_until: UtcDatetime
    in_window: bool = Field(description="是否在公示期内（可提出异议）")
    case_count: int


class AnnouncementEntry(OutputModel):
    case_id: int
    title: str
    org_name: str
    domain: str
    score: Number | None
    rank: int | None
    status: CaseStatus


class Announcement(AnnouncementSummary):
    theme: str
    results_published: bool = Field(description="评分结果已公布（可查看计分表）")
    entries: list[AnnouncementEntry]


class AnnouncedCase(AnnouncementEntry):
    round_id: int
    summary: str
    announce_from: UtcDatetime
    announce_until: UtcDatetime
    in_window: bool
    sheet: Sheet | None = Field(description="计分表（评分结果公布后提供，评委以编号代替）")
