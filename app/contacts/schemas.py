from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated

from pydantic import AfterValidator, Field

from app.attachments.schemas import AttachmentRead
from app.core.enums import ContactPointStatus
from app.kit.schemas import IdField, InputModel, OutputModel, UtcDatetime
from app.tracking.schemas import AttachmentIds


def _plausible_day(value: date) -> date:
    if not 2000 <= value.year <= 2100:
        raise ValueError("日期不在合理范围内")
    return value


class ContactPointCreate(InputModel):
    user_id: IdField = Field(description="联系人：上级党组织书记（可为本人）")
    org_id: IdField = Field(description="联系点：联系人所任书记的党组织的下级党组织")
    started_on: Annotated[date, AfterValidator(_plausible_day)] | None = Field(default=None, description="默认今天")
    note: Annotated[str, Field(max_length=500)] | None = None


class ContactPointEnd(InputModel):
    ended_on: Annotated[date, AfterValidator(_plausible_day)] | None = Field(default=None, description="默认今天")


class ContactPointRead(OutputModel):
    id: int
    user_id: int
    user_name: str
    org_id: int
    org_name: str
    host_org_id: int
    host_org_name: str
    started_on: date
    ended_on: date | None
    status: ContactPointStatus
    note: str | None
    allowed_actions: list[str] = Field(description="end 结束联系 / visit 记录走访")
    version: int
    created_at: UtcDatetime
    updated_at: UtcDatetime


@dataclass(frozen=True)
class ContactPointFilters:
    root_id: int | None = None
    user_id: int | None = None
    host_org_id: int | None = None
    active: bool | None = None


def _plausible(value: datetime) -> datetime:
    if not 2000 <= value.year <= 2100:
        raise ValueError("走访时间不在合理范围内")
    return value


VisitedAt = Annotated[datetime, AfterValidator(_plausible), Field(description="走访时间；不带时区时按北京时间理解")]


class VisitCreate(InputModel):
    contact_point_id: IdField
    visited_at: VisitedAt
    content: Annotated[str, Field(min_length=1, max_length=5000, description="面对面听取的意见建议")]
    attendees: Annotated[int, Field(ge=0, le=10000, description="参加座谈的党员群众人数")]
    problems_found: Annotated[str, Field(max_length=5000)] | None = None
    attachment_ids: AttachmentIds


class VisitRead(OutputModel):
    id: int
    contact_point_id: int
    org_id: int
    org_name: str
    user_id: int
    user_name: str
    visited_at: UtcDatetime
    visited_on: date = Field(description="走访日期（北京时间）")
    quarter: str = Field(description="所属季度（北京时间），如 2026-Q4")
    content: str
    attendees: int
    problems_found: str | None
    attachments: list[AttachmentRead]
    created_at: UtcDatetime


@dataclass(frozen=True)
class VisitFilters:
    contact_point_id: int | None = None
    root_id: int | None = None
    user_id: int | None = None
    quarter: str | None = None


class ComplianceRow(OutputModel):
    contact_point_id: int
    user_id: int
    user_name: str
    org_id: int
    org_name: str
    host_org_id: int
    host_org_name: str
    quarter: str
    visits: int = Field(description="本季度走访次数")
    required: int = Field(description="本季度应走访次数（整季度在联系期内才有要求）")
    met: bool
    shortfall: int = Field(description="尚差几次")
