from dataclasses import dataclass
from datetime import date
from typing import Annotated, Self

from pydantic import Field, model_validator

from app.core.enums import BulletinStatus, ProblemCategory, ProblemSeverity, ProblemStatus
from app.kit.schemas import IdField, InputModel, OutputModel, UtcDatetime

Title = Annotated[str, Field(min_length=1, max_length=200)]
Summary = Annotated[str, Field(max_length=2000)]
Body = Annotated[str, Field(max_length=20000)]
RankingTitle = Annotated[str, Field(max_length=200)]
ProblemIds = Annotated[list[IdField], Field(max_length=200, description="入选本期通报的问题（发文单位范围内）")]


class RankingRowIn(InputModel):
    org_id: IdField
    rank: Annotated[int, Field(ge=1, le=10000)]
    value: Annotated[float, Field(ge=-1e9, le=1e9, allow_inf_nan=False)] | None = Field(
        default=None, description="指标值，如销号率（%）"
    )
    note: Annotated[str, Field(max_length=200)] | None = None


Rankings = Annotated[list[RankingRowIn], Field(max_length=200)]


class BulletinCreate(InputModel):
    org_id: IdField = Field(description="发文单位")
    title: Title
    summary: Summary | None = None
    body: Body | None = None
    problem_ids: ProblemIds = Field(default_factory=list)
    ranking_title: RankingTitle | None = None
    rankings: Rankings = Field(default_factory=list)

    @model_validator(mode="after")
    def _normalize(self) -> Self:
        self.problem_ids = list(dict.fromkeys(self.problem_ids))
        return self


class BulletinUpdate(InputModel):
    title: Title | None = None
    summary: Summary | None = None
    body: Body | None = None
    problem_ids: ProblemIds | None = None
    ranking_title: RankingTitle | None = None
    rankings: Rankings | None = None

    @model_validator(mode="after")
    def _normalize(self) -> Self:
        if self.problem_ids is not None:
            self.problem_ids = list(dict.fromkeys(self.problem_ids))
        return self


class RankingRow(OutputModel):
    org_id: int
    org_name: str
    rank: int
    value: float | None
    note: str | None


class BulletinProblem(OutputModel):
    """A selected problem: live while the bulletin is a draft, as it stood at publication afterwards."""

    id: int
    org_id: int
    org_name: str
    title: str
    description: str
    category: ProblemCategory
    severity: ProblemSeverity
    status: ProblemStatus
    deadline: date | None
    overdue: bool


class BulletinRead(OutputModel):
    id: int
    org_id: int
    org_name: str
    status: BulletinStatus
    title: str
    summary: str | None
    body: str | None
    problem_ids: list[int]
    ranking_title: str | None
    rankings: list[RankingRow]
    year: int | None = Field(description="发布时确定（发布日所在年度，北京时间）")
    number: int | None = Field(description="发布时确定：本单位本年度第几期")
    label: str | None = Field(description="如 2026年第3期；草稿为空")
    published_at: UtcDatetime | None
    published_by_id: int | None
    allowed_actions: list[str]
    version: int
    created_by_id: int | None
    created_at: UtcDatetime
    updated_at: UtcDatetime


class BulletinDetail(BulletinRead):
    problems: list[BulletinProblem]


@dataclass(frozen=True)
class BulletinFilters:
    org_id: int | None = None
    status: BulletinStatus | None = None
    year: int | None = None
    q: str | None = None


class ProposalDetail(OutputModel):
    org_id: int
    org_name: str
    total: int
    closed: int
    overdue: int
    closure_rate: float | None = Field(description="已销号占比，0–1；没有问题时为空")


class RankingProposal(OutputModel):
    """Send `ranking_title` and `rankings` back unchanged in PATCH /bulletins/{id} to accept the proposal."""

    org_id: int
    ranking_title: str
    rankings: list[RankingRowIn]
    details: list[ProposalDetail]
