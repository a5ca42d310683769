from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from app.authz.permissions import Permission
from app.kit.caller import Caller, requires
from app.kit.pagination import PageParams, page_params
from app.kit.schemas import IdPath, Page
from app.notifications import service
from app.notifications.schemas import NotificationRead, UnreadCount

router = APIRouter(prefix="/notifications", tags=["notifications"])
Inbox = Annotated[Caller, requires(Permission.notification_read)]


@router.get("", response_model=Page[NotificationRead], summary="我的消息提醒")
async def list_notifications(
    call: Inbox,
    paging: Annotated[PageParams, Depends(page_params)],
    unread: bool | None = None,
    kind: Annotated[str | None, Query(max_length=40, pattern=r"^[a-z_]+$")] = None,
) -> Response:
    return await call(service.list_own, paging, unread, kind)


@router.get("/unread-count", response_model=UnreadCount, summary="未读消息数")
async def unread_count(call: Inbox) -> Response:
    return await call(service.unread_count)


@router.post("/{notification_id}/read", response_model=NotificationRead, summary="标记为已读")
async def mark_read(notification_id: IdPath, call: Inbox) -> Response:
    return await call(service.mark_read, notification_id)


@router.post("/read-all", response_model=UnreadCount, summary="全部标记为已读")
async def mark_all_read(call: Inbox) -> Response:
    return await call(service.mark_all_read)
