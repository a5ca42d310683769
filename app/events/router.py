from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from app.authz.permissions import Permission
from app.events import service
from app.events.schemas import EventPage
from app.kit.caller import Caller, requires

router = APIRouter(prefix="/events", tags=["events"])


@router.get("", response_model=EventPage, summary="事件流（按提交顺序，游标分页）")
async def list_events(
    call: Annotated[Caller, requires(Permission.event_read)],
    after: Annotated[int, Query(ge=0, le=2**63 - 1, description="上次返回的 next_after；首次为 0")] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> Response:
    return await call(service.feed, after, limit)
