"""The in-app inbox: every user sees their own notifications and nobody else's."""

from typing import Any

from sqlalchemy.orm import Session

from app.authz.principal import Principal
from app.core import clock
from app.core.errors import NotFound
from app.kit.pagination import PageParams, fetch_page, order_by, page_of
from app.models.operations import Notification
from app.notifications import repository

SORTABLE = {"id": Notification.id, "created_at": Notification.id}


def list_own(
    session: Session, principal: Principal, params: PageParams, unread: bool | None, kind: str | None
) -> dict[str, Any]:
    stmt = repository.inbox(principal.user_id, unread, kind)
    items, total = fetch_page(session, stmt, params, order_by(params, SORTABLE, "-id", Notification.id))
    return page_of(items, total, params)


def unread_count(session: Session, principal: Principal) -> dict[str, int]:
    return {"unread": repository.unread_count(session, principal.user_id)}


def mark_read(session: Session, principal: Principal, notification_id: int) -> Notification:
    notification = repository.own(session, principal.user_id, notification_id)
    if notification is None:
        raise NotFound()
    notification.read_at = notification.read_at or clock.now()
    session.flush()
    return notification


def mark_all_read(session: Session, principal: Principal) -> dict[str, int]:
    repository.mark_all_read(session, principal.user_id)
    return {"unread": 0}
