from sqlalchemy import select
from sqlalchemy.orm import Session

from app.authz.scope import within
from app.models.records import Event


def after(session: Session, scope_paths: tuple[str, ...], cursor: int, limit: int) -> list[Event]:
    stmt = select(Event).where(Event.id > cursor, within(Event.org_path, scope_paths)).order_by(Event.id).limit(limit)
    return list(session.scalars(stmt))
