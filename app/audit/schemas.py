from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.kit.schemas import OutputModel, UtcDatetime


class AuditEventRead(OutputModel):
    id: int
    occurred_at: UtcDatetime
    actor_id: int | None
    actor_name: str | None
    action: str
    object_type: str
    object_id: str
    org_id: int | None
    org_name: str | None
    changes: dict[str, Any]
    client_ip: str | None


@dataclass(frozen=True)
class AuditFilters:
    object_type: str | None = None
    object_id: str | None = None
    actor_id: int | None = None
    action: str | None = None
    since: datetime | None = None
    until: datetime | None = None
