from dataclasses import dataclass
from datetime import date
from typing import Annotated, Self

from pydantic import Field, model_validator

from app.core.enums import InspectionType, ProblemCategory, ProblemSeverity, ProblemSource, ProblemStatus
from app.kit.schemas import IdField, InputModel, OutputModel, UtcDatetime
from app.tracking.schemas import AttachmentIds, Content, LedgerFilters, MilestoneIn, MilestoneRead

Description = Annotated[str, Field(min_length=1, max_length=2000)]
Measures = Annotated[str, Field(min_length=1, max_length=5000)]
Milestones = Annotated[list[MilestoneIn], Field(max_length=24)]


class ProblemCreate(InputModel):
    org_id: IdField
    source: ProblemSource
    inspection_id: IdField | None = None
    description: Description
    category: ProblemCategory
    severity: ProblemSeverity = ProblemSeverity.general
    measures: Measures | None = None
    responsible_user_id: IdField | None = None
    deadline: date | None = None


class ProblemUpdate(InputModel):
    """The issuing side edits what the problem is; the problem's org edits how it is being fixed."""

    description: Description | None = None
    category: ProblemCategory | None = None
    severity: ProblemSeverity | None = None
    measures: Measures | None = None
    responsible_user_id: IdField | None = None
    deadline: date | None = None
    milestones: Milestones | None = None


class RectifyBody(InputModel):
    measures: Measures
    responsible_user_id: IdField
    deadline: date
    milestones: Milestones = Field(default_factory=list, description="长期整治的问题至少一个阶段节点")


class SubmitBody(InputModel):
    content: Content
    attachment_ids: AttachmentIds


class ProblemRead(OutputModel):
    id: int
    org_id: int
    org_name: str
    issuer_org_id: int | None
    source: ProblemSource
    inspection_id: int | None
    title: str
    description: str
    category: ProblemCategory
    severity: ProblemSeverity
    measures: str | None
    responsible_user_id: int | None
    responsible_user_name: str | None
    issuer_org_name: str | None
    deadline: date | None
    status: ProblemStatus
    overdue: bool
    closed_at: UtcDatetime | None
    last_report_at: UtcDatetime | None
    reported_this_month: bool
    recheck_count: int
    allowed_actions: list[str] = Field(description="可执行的流程操作")
    capabilities: list[str] = Field(
        description="流程以外可做的事：report 报送进展、monthly_report 月报、complete_milestone 完成节点、"
        "edit_rectification 修改整改措施、edit_problem 修改问题内容"
    )
    version: int
    created_at: UtcDatetime
    updated_at: UtcDatetime


class ProblemDetail(ProblemRead):
    milestones: list[MilestoneRead]


class ProblemSummary(OutputModel):
    total: int
    open: int
    overdue: int
    closed: int
    closure_rate: float = Field(description="已销号占比，0–1")
    by_status: dict[ProblemStatus, int]
    missing_monthly_report: int = Field(description="本月尚未更新上报的未销号问题")


@dataclass(frozen=True)
class ProblemFilters(LedgerFilters):
    source: ProblemSource | None = None
    category: ProblemCategory | None = None
    severity: ProblemSeverity | None = None
    inspection_id: int | None = None
    reported_this_month: bool | None = None


class InspectionCreate(InputModel):
    org_id: IdField = Field(description="组织开展督查/调研/观摩的党组织")
    type: InspectionType
    title: Annotated[str, Field(min_length=1, max_length=200)]
    held_on: date
    inspectors: Annotated[list[Annotated[str, Field(min_length=1, max_length=50)]], Field(min_length=1, max_length=30)]
    visited_org_ids: Annotated[list[IdField], Field(min_length=1, max_length=500)]
    summary: Annotated[str, Field(max_length=5000)] | None = None

    @model_validator(mode="after")
    def _unique_orgs(self) -> Self:
        self.visited_org_ids = list(dict.fromkeys(self.visited_org_ids))
        return self


class InspectionUpdate(InputModel):
    title: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    held_on: date | None = None
    inspectors: (
        Annotated[list[Annotated[str, Field(min_length=1, max_length=50)]], Field(min_length=1, max_length=30)] | None
    ) = None
    visited_org_ids: Annotated[list[IdField], Field(min_length=1, max_length=500)] | None = None
    summary: Annotated[str, Field(max_length=5000)] | None = None


@dataclass(frozen=True)
class InspectionFilters:
    root_id: int | None = None
    org_id: int | None = None
    type: InspectionType | None = None
    held_from: date | None = None
    held_to: date | None = None


class OrgRef(OutputModel):
    id: int
    name: str


class InspectionRead(OutputModel):
    id: int
    org_id: int
    org_name: str
    type: InspectionType
    title: str
    held_on: date
    inspectors: list[str]
    summary: str | None
    visited_org_ids: list[int]
    visited_orgs: list[OrgRef]
    problem_count: int
    version: int
    created_at: UtcDatetime
    updated_at: UtcDatetime
