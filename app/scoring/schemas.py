from decimal import Decimal
from typing import Annotated, Self

from pydantic import Field, PlainSerializer, model_validator

from app.attachments.schemas import AttachmentRead
from app.core.enums import (
    Classification,
    ClassificationMode,
    ConflictKind,
    ScoringPurpose,
    ScoringStatus,
    ScoringSubjectType,
)
from app.kit.schemas import IdField, InputModel, OutputModel, UtcDatetime

# Points travel as JSON numbers; inside they are Decimals with 2 decimals (app/scoring/aggregate.py).
Number = Annotated[Decimal, PlainSerializer(float, return_type=float, when_used="json")]
PointsIn = Annotated[Decimal, Field(ge=0, le=1000, max_digits=6, decimal_places=2)]
MaxPointsIn = Annotated[Decimal, Field(gt=0, le=1000, max_digits=6, decimal_places=2)]
WeightIn = Annotated[Decimal, Field(gt=0, le=100, max_digits=5, decimal_places=2)]
ShareIn = Annotated[Decimal, Field(ge=0, le=1, max_digits=3, decimal_places=2)]
CriterionName = Annotated[str, Field(min_length=1, max_length=50)]
Title = Annotated[str, Field(min_length=1, max_length=200)]
SubjectIds = Annotated[list[IdField], Field(max_length=500)]
ScorerIds = Annotated[list[IdField], Field(max_length=50)]


class CriterionIn(InputModel):
    name: CriterionName
    max_points: MaxPointsIn
    weight: WeightIn = Decimal(1)


class CriterionRead(OutputModel):
    name: str
    max_points: Number
    weight: Number


class ClassificationIn(InputModel):
    """By shares of the ranking (top_share 先进, bottom_share 后进) or by thresholds on the total."""

    mode: ClassificationMode
    top_share: ShareIn | None = None
    bottom_share: ShareIn | None = None
    advanced_min: PointsIn | None = None
    lagging_below: PointsIn | None = None

    @model_validator(mode="after")
    def _complete(self) -> Self:
        if self.mode == ClassificationMode.shares:
            if self.top_share is None or self.bottom_share is None:
                raise ValueError("按比例分类须给出 top_share 和 bottom_share")
            if self.top_share + self.bottom_share > 1:
                raise ValueError("先进与后进的比例之和不能超过 1")
        else:
            if self.advanced_min is None or self.lagging_below is None:
                raise ValueError("按分数线分类须给出 advanced_min 和 lagging_below")
            if self.lagging_below > self.advanced_min:
                raise ValueError("后进分数线不能高于先进分数线")
        return self


class ClassificationRead(OutputModel):
    mode: ClassificationMode
    top_share: Number | None = None
    bottom_share: Number | None = None
    advanced_min: Number | None = None
    lagging_below: Number | None = None


class SessionFields(InputModel):
    @model_validator(mode="after")
    def _distinct(self) -> Self:
        rubric = getattr(self, "rubric", None) or []
        if len({c.name for c in rubric}) != len(rubric):
            raise ValueError("评分指标名称不能重复")
        for field in ("subject_ids", "scorer_ids"):
            values = getattr(self, field, None) or []
            if len(set(values)) != len(values):
                raise ValueError(f"{field} 不能重复")
        return self


class SessionCreate(SessionFields):
    org_id: IdField = Field(description="组织评分的党组织（评分在其范围内进行）")
    title: Title
    purpose: ScoringPurpose = ScoringPurpose.other
    rubric: Annotated[list[CriterionIn], Field(max_length=20)] = Field(
        default_factory=list, description="逐社观摩未给出时默认为五个方面各 20 分"
    )
    subject_type: ScoringSubjectType
    subject_ids: SubjectIds = Field(default_factory=list)
    scorer_ids: ScorerIds = Field(default_factory=list)
    normalize: bool = Field(default=False, description="按评委做标准分（z-score）换算")
    classification: ClassificationIn | None = None


class SessionUpdate(SessionFields):
    title: Title | None = None
    purpose: ScoringPurpose | None = None
    rubric: Annotated[list[CriterionIn], Field(max_length=20)] | None = None
    subject_ids: SubjectIds | None = None
    scorer_ids: ScorerIds | None = None
    normalize: bool | None = None
    classification: ClassificationIn | None = None


class SessionRead(OutputModel):
    id: int
    org_id: int
    org_name: str
    title: str
    purpose: ScoringPurpose
    subject_type: ScoringSubjectType
    rubric: list[CriterionRead]
    subject_ids: list[int]
    scorer_ids: list[int]
    normalize: bool
    classification: ClassificationRead | None
    subjects_fixed: bool = Field(description="评分对象由案例征集确定，不能在此修改")
    status: ScoringStatus
    opened_at: UtcDatetime | None
    closed_at: UtcDatetime | None
    published_at: UtcDatetime | None
    score_count: int
    allowed_actions: list[str]
    version: int
    created_at: UtcDatetime
    updated_at: UtcDatetime


class AssignedSession(OutputModel):
    """A session as its scorer sees it, with the scorer's own progress."""

    id: int
    org_id: int
    org_name: str
    title: str
    purpose: ScoringPurpose
    subject_type: ScoringSubjectType
    rubric: list[CriterionRead]
    status: ScoringStatus
    opened_at: UtcDatetime | None
    closed_at: UtcDatetime | None
    assigned: int = Field(description="须评分的对象数（不含回避）")
    scored: int = Field(description="已评完全部指标的对象数")
    conflicts: int = Field(description="须回避的对象数")


class SubjectContent(OutputModel):
    summary: str | None = None
    body: str | None = None
    domain: str | None = None
    attachments: list[AttachmentRead] = Field(default_factory=list)


class MyScore(OutputModel):
    criterion: str
    points: Number
    comment: str | None
    updated_at: UtcDatetime | None


class QueueEntry(OutputModel):
    subject_id: int
    label: str
    org_id: int
    org_name: str
    conflict: ConflictKind | None
    conflict_reason: str | None = Field(description="须回避的原因")
    scores: list[MyScore]
    complete: bool
    content: SubjectContent | None = Field(description="评分材料（须回避的对象不提供）")


class ScoreIn(InputModel):
    subject_id: IdField
    criterion: CriterionName
    points: PointsIn
    comment: Annotated[str, Field(max_length=500)] | None = None


ScoresIn = ScoreIn | Annotated[list[ScoreIn], Field(min_length=1, max_length=200)]


class ScoreRead(OutputModel):
    id: int
    session_id: int
    scorer_id: int
    subject_id: int
    criterion: str
    points: Number
    comment: str | None
    created_at: UtcDatetime
    updated_at: UtcDatetime | None


class ConflictIn(InputModel):
    subject_id: IdField
    reason: Annotated[str, Field(min_length=2, max_length=500)]


class ConflictRead(OutputModel):
    id: int
    session_id: int
    scorer_id: int
    subject_id: int
    reason: str
    created_at: UtcDatetime


class CriterionMean(OutputModel):
    criterion: str
    mean: Number | None


class ResultRow(OutputModel):
    subject_id: int
    label: str
    org_id: int
    org_name: str
    total: Number | None
    rank: int | None
    classification: Classification | None
    means: list[CriterionMean]
    score_count: int


class ScorerProgress(OutputModel):
    scorer_id: int
    name: str
    assigned: int
    scored: int
    conflicts: int
    missing: int = Field(description="尚缺的评分项（对象 × 指标）")
    mean: Number | None = Field(description="该评委对已评完对象的加权合计的平均值")
    stdev: Number | None
    low: Number | None
    high: Number | None


class MissingScore(OutputModel):
    scorer_id: int
    subject_id: int
    criteria: list[str]


class Results(OutputModel):
    session_id: int
    status: ScoringStatus
    rule: str
    rows: list[ResultRow]
    scorers: list[ScorerProgress]
    missing: list[MissingScore]


class SheetEntry(OutputModel):
    scorer_id: int | None = Field(description="公示中不公开评委身份")
    scorer: str
    points: Number
    used: Number = Field(description="参与计算的分值（标准分换算后）")
    dropped: str | None = Field(description="high 去掉的最高分 / low 去掉的最低分")


class SheetCriterion(OutputModel):
    name: str
    max_points: Number
    weight: Number
    entries: list[SheetEntry]
    mean: Number | None
    weighted: Number | None


class Sheet(OutputModel):
    """计分表: who gave what, what was dropped, how the total came out."""

    subject_id: int
    label: str
    org_name: str
    criteria: list[SheetCriterion]
    total: Number | None
    rank: int | None
    classification: Classification | None
    rule: str
