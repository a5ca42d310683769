from dataclasses import dataclass
from datetime import date
from typing import Annotated, Self

from pydantic import Field, model_validator

from app.core.enums import (
    CampaignStatus,
    OrgDomain,
    OrgLevel,
    ProjectCategory,
    ProjectGrade,
    ProjectStatus,
    ReminderReason,
)
from app.kit.schemas import IdField, InputModel, OutputModel, UtcDatetime
from app.tracking.schemas import AttachmentIds, Content, LedgerFilters, MilestoneIn, MilestoneRead

Title = Annotated[str, Field(min_length=1, max_length=200)]
LongText = Annotated[str, Field(min_length=1, max_length=5000)]
Comment = Annotated[str, Field(min_length=1, max_length=2000)]
Year = Annotated[int, Field(ge=2000, le=2100)]
ClaimCount = Annotated[int, Field(ge=0, le=20)]
Milestones = Annotated[list[MilestoneIn], Field(max_length=24)]
TeamMember = Annotated[str, Field(min_length=1, max_length=50)]
Team = Annotated[list[TeamMember], Field(max_length=30, description="项目团队（一支队伍），如“张三（组长）”")]
Levels = Annotated[
    list[OrgLevel],
    Field(max_length=len(OrgLevel), description="这些层级的党组织书记必选（项目限定领域时，仅该领域的党组织）"),
]


# Campaigns and their catalog -------------------------------------------------------------------------------------


class ItemCreate(InputModel):
    title: Title
    description: LongText | None = None
    category: ProjectCategory = ProjectCategory.regular
    domain: OrgDomain | None = Field(default=None, description="空表示各领域通用")
    mandatory_levels: Levels = Field(default_factory=list)
    sort_order: Annotated[int, Field(ge=0, le=10_000)] = 0

    @model_validator(mode="after")
    def _unique_levels(self) -> Self:
        self.mandatory_levels = list(dict.fromkeys(self.mandatory_levels))
        return self


class ItemUpdate(InputModel):
    title: Title | None = None
    description: LongText | None = None
    category: ProjectCategory | None = None
    domain: OrgDomain | None = None
    mandatory_levels: Levels | None = None
    sort_order: Annotated[int, Field(ge=0, le=10_000)] | None = None


class CampaignCreate(InputModel):
    org_id: IdField = Field(description="组织开展项目认领的党组织（其下级书记认领）")
    year: Year
    title: Title
    description: LongText | None = None
    min_claims: ClaimCount = 1
    max_claims: Annotated[int, Field(ge=1, le=20)] = 3
    items: Annotated[list[ItemCreate], Field(max_length=200)] = Field(default_factory=list)


class CampaignUpdate(InputModel):
    year: Year | None = None
    title: Title | None = None
    description: LongText | None = None
    min_claims: ClaimCount | None = None
    max_claims: Annotated[int, Field(ge=1, le=20)] | None = None


class ItemRead(OutputModel):
    id: int
    campaign_id: int
    title: str
    description: str | None
    category: ProjectCategory
    domain: OrgDomain | None
    mandatory_levels: list[OrgLevel]
    sort_order: int
    project_count: int = Field(description="认领数（不含已撤销）")
    version: int


class CampaignRead(OutputModel):
    id: int
    org_id: int
    org_name: str
    year: int
    title: str
    description: str | None
    status: CampaignStatus
    min_claims: int
    max_claims: int
    opened_at: UtcDatetime | None
    closed_at: UtcDatetime | None
    preclaimed_at: UtcDatetime | None
    version: int
    created_at: UtcDatetime
    updated_at: UtcDatetime


class CampaignDetail(CampaignRead):
    items: list[ItemRead]
    project_count: int = Field(description="认领项目数（不含已撤销）")
    my_claim_count: int = Field(description="本人在本次活动中已认领的项目数（不含已撤销）")
    allowed_actions: list[str]


# Projects --------------------------------------------------------------------------------------------------------


class PlanIn(InputModel):
    """一项目一方案: goals, measures, dated milestones and the team."""

    goals: LongText | None = None
    measures: LongText | None = None
    milestones: Milestones = Field(default_factory=list)
    team: Team = Field(default_factory=list)


class ProjectCreate(InputModel):
    """认领（自选）. The plan may be written now or later; it must be complete to submit (申报)."""

    campaign_id: IdField
    item_id: IdField
    org_id: IdField
    title: Title | None = Field(default=None, description="默认为项目清单中的名称")
    plan: PlanIn = Field(default_factory=PlanIn)
    deadline: date | None = None


class ProjectUpdate(InputModel):
    title: Title | None = None
    plan: PlanIn | None = Field(default=None, description="整体替换方案")
    deadline: date | None = None


class CompleteBody(InputModel):
    content: Content = Field(description="完成情况总结")
    attachment_ids: AttachmentIds


class AcceptBody(InputModel):
    grade: ProjectGrade
    comment: Comment = Field(description="评估验收意见")


class ProjectMonthlyReport(InputModel):
    """一月一调度: one per project and month; sending again for the same month replaces it."""

    period: str | None = Field(default=None, pattern=r"^\d{4}-(0[1-9]|1[0-2])$", description="默认为本月，如 2026-11")
    progress: Annotated[int, Field(ge=0, le=100, description="总体进度（%）")]
    content: Content = Field(description="本月完成工作")
    difficulties: Comment | None = Field(default=None, description="存在的困难和问题")
    attachment_ids: AttachmentIds


class PlanRead(OutputModel):
    goals: str | None
    measures: str | None
    milestones: list[MilestoneRead]
    team: list[str]


class ProjectRead(OutputModel):
    id: int
    campaign_id: int
    item_id: int
    item_title: str
    category: ProjectCategory
    domain: OrgDomain | None
    is_mandatory: bool = Field(description="必选项目（按层级自动认领）")
    org_id: int
    org_name: str
    org_level: OrgLevel
    issuer_org_id: int | None
    owner_id: int
    owner_name: str
    title: str
    deadline: date | None
    status: ProjectStatus
    overdue: bool
    progress: int = Field(description="最近一次月度调度的进度（%）")
    progress_period: str | None
    reported_this_month: bool
    behind_milestone: bool = Field(description="有已过期未完成的阶段节点")
    grade: ProjectGrade | None
    acceptance_comment: str | None
    closed_at: UtcDatetime | None
    last_report_at: UtcDatetime | None
    allowed_actions: list[str]
    version: int
    created_at: UtcDatetime
    updated_at: UtcDatetime


class ProjectDetail(ProjectRead):
    plan: PlanRead


@dataclass(frozen=True)
class ProjectFilters(LedgerFilters):
    campaign_id: int | None = None
    item_id: int | None = None
    level: OrgLevel | None = None
    domain: OrgDomain | None = None
    category: ProjectCategory | None = None
    owner_id: int | None = None
    mandatory: bool | None = None


class ReminderRead(OutputModel):
    """One line of the reminder list (提醒清单)."""

    project_id: int
    campaign_id: int
    title: str
    org_id: int
    org_name: str
    owner_id: int
    owner_name: str
    progress: int
    progress_period: str | None
    deadline: date | None
    reasons: list[ReminderReason]
    late_milestones: list[MilestoneRead]


class StatusCounts(OutputModel):
    total: int
    by_status: dict[ProjectStatus, int]
    average_progress: float = Field(description="实施中与已完成项目的平均进度（%）")
    in_progress: int
    missing_monthly_report: int = Field(description="实施中但本月尚未调度")
    behind_milestone: int = Field(description="实施中且有已过期未完成的阶段节点")


class OrgRollup(StatusCounts):
    org_id: int
    org_name: str
    org_level: OrgLevel


class ProjectSummary(StatusCounts):
    by_grade: dict[ProjectGrade, int]
