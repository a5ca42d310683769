"""Fields every tracked kind shares in the API: the timeline, milestones, reports and ledger filters."""

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from pydantic import Field

from app.attachments.schemas import AttachmentRead
from app.kit.schemas import IdField, InputModel, OutputModel, UtcDatetime

Content = Annotated[str, Field(min_length=1, max_length=5000)]
Note = Annotated[str, Field(min_length=1, max_length=2000)]
AttachmentIds = Annotated[list[IdField], Field(default_factory=list, max_length=20)]


class ReportCreate(InputModel):
    content: Content
    attachment_ids: AttachmentIds


class MonthlyReportCreate(ReportCreate):
    """每月更新上报：one per item and month; sending again for the same month replaces it."""

    period: str | None = Field(default=None, pattern=r"^\d{4}-(0[1-9]|1[0-2])$", description="默认为本月，如 2026-11")
    progress: int | None = Field(default=None, ge=0, le=100)


class NoteBody(InputModel):
    note: Note


class OptionalNoteBody(InputModel):
    note: Note | None = None


class MilestoneIn(InputModel):
    title: Annotated[str, Field(min_length=1, max_length=200)]
    due_on: date


class MilestoneRead(OutputModel):
    id: int
    title: str
    due_on: date
    completed_at: UtcDatetime | None


class TimelineEntry(OutputModel):
    id: int
    kind: str = Field(description="progress 进展 / monthly 月报 / quarterly 季报 / transition 状态变更")
    period: str | None
    content: str
    progress: int | None
    data: dict[str, Any]
    author_id: int
    author_name: str
    created_at: UtcDatetime
    updated_at: UtcDatetime | None
    attachments: list[AttachmentRead]


@dataclass(frozen=True)
class LedgerFilters:
    """Filters every ledger (台账) accepts."""

    def only(self, *names: str) -> bool:
        """True when no filter other than `names` is set: the maintained counters can answer the total."""
        return all(value is None for key, value in vars(self).items() if key not in names)

    root_id: int | None = None
    status: str | None = None
    overdue: bool | None = None
    open: bool | None = None
    responsible_user_id: int | None = None
    deadline_from: date | None = None
    deadline_to: date | None = None
    q: str | None = None
