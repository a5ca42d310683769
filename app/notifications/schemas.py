from pydantic import BaseModel

from app.kit.schemas import OutputModel, UtcDatetime


class NotificationRead(OutputModel):
    id: int
    kind: str
    title: str
    body: str
    org_id: int
    object_type: str | None
    object_id: int | None
    created_at: UtcDatetime
    read_at: UtcDatetime | None


class UnreadCount(BaseModel):
    unread: int
