from sqlalchemy import Select, func, select, update
from sqlalchemy.orm import Session

from app.core import clock
from app.models.operations import Notification


def inbox(user_id: int, unread: bool | None, kind: str | None) -> Select[Notification]:
    stmt = select(Notification).where(Notification.user_id == user_id)
    if unread is True:
        stmt = stmt.where(Notification.read_at.is_(None))
    elif unread is False:
        stmt = stmt.where(Notification.read_at.is_not(None))
    if kind is not None:
        stmt = stmt.where(Notification.kind == kind)
    return stmt


def unread_count(session: Session, user_id: int) -> int:
    stmt = select(func.count()).where(Notification.user_id == user_id, Notification.read_at.is_(None))
    return int(session.scalar(stmt) or 0)


def own(session: Session, user_id: int, notification_id: int) -> Notification | None:
    stmt = select(Notification).where(Notification.id == notification_id, Notification.user_id == user_id)
    return session.scalar(stmt)


def mark_all_read(session: Session, user_id: int) -> int:
    result = session.execute(
        update(Notification)
        .where(Notification.user_id == user_id, Notification.read_at.is_(None))
        .values(read_at=clock.now())
    )
    return int(getattr(result, "rowcount", 0) or 0)
