from dataclasses import dataclass
from datetime import date
from typing import Annotated, Self

from pydantic import Field, model_validator

from app.core.enums import OrgDomain, OrgKind, OrgLevel, OrgStatus
from app.kit.schemas import IdField, InputModel, OutputModel, UtcDatetime

Name = Annotated[str, Field(min_length=1, max_length=100)]
ShortName = Annotated[str, Field(min_length=1, max_length=50)]
Code = Annotated[str, Field(min_length=1, max_length=50, pattern=r"^[A-Za-z0-9_.-]+$")]
SortOrder = Annotated[int, Field(ge=0, le=1_000_000)]


class _TermCheck(InputModel):
    term_start: date | None = None
    term_end: date | None = None

    @model_validator(mode="after")
    def _term_order(self) -> Self:
        if self.term_start and self.term_end and self.term_end < self.term_start:
            raise ValueError("任期结束日期不能早于开始日期")
        return self


class OrgCreate(_TermCheck):
    name: Name
    short_name: ShortName | None = None
    parent_id: IdField
    kind: OrgKind
    level: OrgLevel
    domain: OrgDomain
    code: Code | None = None
    sort_order: SortOrder = 0


class OrgUpdate(_TermCheck):
    """Partial update. A new `parent_id` moves the org with its whole subtree."""

    name: Name | None = None
    short_name: ShortName | None = None
    parent_id: IdField | None = None
    kind: OrgKind | None = None
    level: OrgLevel | None = None
    domain: OrgDomain | None = None
    code: Code | None = None
    sort_order: SortOrder | None = None


class OrgRead(OutputModel):
    id: int
    parent_id: int | None
    path: str
    depth: int
    name: str
    short_name: str | None
    kind: OrgKind
    level: OrgLevel
    domain: OrgDomain
    code: str | None
    secretary_id: int | None
    term_start: date | None
    term_end: date | None
    status: OrgStatus
    sort_order: int
    version: int
    created_at: UtcDatetime
    updated_at: UtcDatetime


class OrgChild(OrgRead):
    has_children: bool


class OrgTreeNode(OutputModel):
    id: int
    parent_id: int | None
    path: str
    name: str
    short_name: str | None
    kind: OrgKind
    level: OrgLevel
    domain: OrgDomain
    status: OrgStatus
    depth: int
    has_children: bool
    children: list["OrgTreeNode"] = Field(default_factory=list)


@dataclass(frozen=True)
class OrgFilters:
    root_id: int | None = None
    parent_id: int | None = None
    level: OrgLevel | None = None
    domain: OrgDomain | None = None
    kind: OrgKind | None = None
    status: OrgStatus | None = None
    q: str | None = None
