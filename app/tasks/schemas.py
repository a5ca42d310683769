from dataclasses import dataclass
from datetime import date
from typing import Annotated, Self

from pydantic import Field, model_validator

from app.core.enums import OrgDomain, OrgLevel, TaskAssignmentStatus, TaskListStatus, TaskRollupBy
from app.kit.schemas import IdField, InputModel, OutputModel, UtcDatetime
from app.tracking.schemas import AttachmentIds, Content, LedgerFilters

Title = Annotated[str, Field(min_length=1, max_length=200)]
Description = Annotated[str, Field(max_length=5000)]
Period = Annotated[str, Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", description="月份，如 2026-11")]
TargetIds = Annotated[list[IdField], Field(max_length=1000, description="明确指定的下级组织")]


class _Targets(InputModel):
    target_org_ids: TargetIds = Field(default_factory=list)
    target_level: OrgLevel | None = Field(default=None, description="本单位下级中该层级的所有组织")
    target_domain: OrgDomain | None = Field(
        default=None, description="本单位下级中该领域的所有组织（可与层级同时指定）"
    )


class TaskIn(_Targets):
    """Targets: either explicit orgs below the issuer (`target_org_ids`), or every org below the issuer of a level
    and/or a domain (`target_level`, `target_domain`; both given means both must match)."""

    title: Title
    description: Description | None = None
    domain: OrgDomain | None = Field(default=None, description="工作领域；不填为全领域")
    is_key: bool = Field(default=False, description="重点任务（报送须附佐证材料）")
    deadline: date

    @model_validator(mode="after")
    def _one_kind_of_target(self) -> Self:
        self.target_org_ids = list(dict.fromkeys(self.target_org_ids))
        explicit = bool(self.target_org_ids)
        by_rule = self.target_level is not None or self.target_domain is not None
        if explicit == by_rule:
            raise ValueError(
                "下发对象须二选一：指定组织（target_org_ids），或按层级/领域（target_level、target_domain）"
            )
        return self


class TaskUpdate(InputModel):
    """Draft lists only. Changing the targets means sending the new kind and clearing the other one."""

    title: Title | None = None
    description: Description | None = None
    domain: OrgDomain | None = None
    is_key: bool | None = None
    deadline: date | None = None
    target_org_ids: TargetIds | None = None
    target_level: OrgLevel | None = None
    target_domain: OrgDomain | None = None


class TaskListCreate(InputModel):
    org_id: IdField = Field(description="下发单位")
    title: Title
    period: Period
    description: Description | None = None
    tasks: Annotated[list[TaskIn], Field(default_factory=list, max_length=100)]


class TaskListUpdate(InputModel):
    title: Title | None = None
    period: Period | None = None
    description: Description | None = None


class AssignmentReport(InputModel):
    content: Content
    attachment_ids: AttachmentIds


class AssignmentUpdate(InputModel):
    responsible_user_id: IdField


class Completion(OutputModel):
    assignment_count: int
    accepted_count: int
    overdue_count: int
    completion_rate: float = Field(description="已验收占比，0–1")


class TaskRead(Completion):
    id: int
    task_list_id: int
    task_list_title: str
    period: str
    list_status: TaskListStatus
    org_id: int
    org_name: str
    title: str
    description: str | None
    domain: OrgDomain | None
    is_key: bool
    deadline: date
    target_org_ids: list[int]
    target_level: OrgLevel | None
    target_domain: OrgDomain | None
    target_count: int | None = Field(description="草稿：按当前组织树将下发到的组织数；已下发为 null")
    sort_order: int
    version: int
    created_at: UtcDatetime
    updated_at: UtcDatetime


class TaskListRead(Completion):
    id: int
    org_id: int
    org_name: str
    title: str
    period: str
    description: str | None
    status: TaskListStatus
    issued_at: UtcDatetime | None
    issued_by_id: int | None
    task_count: int
    key_task_count: int
    allowed_actions: list[str]
    version: int
    created_at: UtcDatetime
    updated_at: UtcDatetime


class TaskListDetail(TaskListRead):
    tasks: list[TaskRead]


class AssignmentRead(OutputModel):
    id: int
    task_id: int
    task_list_id: int
    task_list_title: str
    period: str
    org_id: int
    org_name: str
    org_level: OrgLevel
    issuer_org_id: int | None
    issuer_org_name: str
    title: str
    description: str | None
    domain: OrgDomain | None
    is_key: bool
    deadline: date | None
    responsible_user_id: int | None
    responsible_user_name: str | None
    status: TaskAssignmentStatus
    overdue: bool
    return_count: int = Field(description="被退回次数")
    closed_at: UtcDatetime | None = Field(description="验收时间")
    last_report_at: UtcDatetime | None
    allowed_actions: list[str]
    version: int
    created_at: UtcDatetime
    updated_at: UtcDatetime


class RollupRow(OutputModel):
    key: str = Field(description="组织 id、层级、领域（general 为全领域）或任务清单 id")
    label: str
    org_id: int | None = Field(description="按下级组织统计时，可据此下钻")
    has_children: bool | None
    total: int
    assigned: int
    in_progress: int
    submitted: int
    accepted: int
    overdue: int
    rate: float = Field(description="完成率（已验收/总数），0–1")


class Rollup(OutputModel):
    by: TaskRollupBy
    root_id: int
    root_name: str
    summary: RollupRow
    rows: list[RollupRow]


@dataclass(frozen=True)
class TaskListFilters:
    root_id: int | None = None
    org_id: int | None = None
    period: str | None = None
    status: TaskListStatus | None = None
    q: str | None = None


@dataclass(frozen=True)
class TaskFilters:
    root_id: int | None = None
    task_list_id: int | None = None
    period: str | None = None
    is_key: bool | None = None
    domain: OrgDomain | None = None
    list_status: TaskListStatus | None = None
    q: str | None = None


@dataclass(frozen=True)
class AssignmentFilters(LedgerFilters):
    task_list_id: int | None = None
    task_id: int | None = None
    period: str | None = None
    is_key: bool | None = None
    domain: OrgDomain | None = None
    level: OrgLevel | None = None


@dataclass(frozen=True)
class RollupFilters:
    task_list_id: int | None = None
    period: str | None = None
    is_key: bool | None = None
