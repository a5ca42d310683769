from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from app.audit import service
from app.audit.schemas import AuditEventRead, AuditFilters
from app.authz.permissions import Permission
from app.kit.caller import Caller, requires
from app.kit.pagination import PageParams, page_params
from app.kit.schemas import IdQuery, Page

router = APIRouter(prefix="/audit-events", tags=["audit-events"])


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


@router.get("", response_model=Page[AuditEventRead], summary="操作审计记录（最新在前，只读）")
async def list_audit_events(
    call: Annotated[Caller, requires(Permission.audit_read)],
    paging: Annotated[PageParams, Depends(page_params)],
    object_type: Annotated[str | None, Query(max_length=64)] = None,
    object_id: Annotated[str | None, Query(max_length=64)] = None,
    actor_id: IdQuery = None,
    action: Annotated[str | None, Query(max_length=64)] = None,
    since: Annotated[datetime | None, Query(description="起始时间（含），ISO 8601")] = None,
    until: Annotated[datetime | None, Query(description="结束时间（不含），ISO 8601")] = None,
) -> Response:
    filters = AuditFilters(object_type, object_id, actor_id, action, _utc(since), _utc(until))
    return await call(service.list_events, paging, filters)
