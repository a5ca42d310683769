from typing import Any

from pydantic import BaseModel, Field

from app.kit.schemas import OutputModel, UtcDatetime


class EventRead(OutputModel):
    id: int = Field(description="即游标：下次以 after=该值 继续读取")
    type: str
    object_type: str
    object_id: str
    org_id: int | None
    occurred_at: UtcDatetime
    data: dict[str, Any]


class EventPage(BaseModel):
    items: list[EventRead]
    next_after: int
