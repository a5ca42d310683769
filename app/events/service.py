from typing import Any

from sqlalchemy.orm import Session

from app.authz.permissions import Permission
from app.authz.principal import Principal
from app.events import repository


def feed(session: Session, principal: Principal, cursor: int, limit: int) -> dict[str, Any]:
    """Events in commit order after `cursor`, within the caller's subtrees. `next_after` is the cursor to send
    next time; it stays put when nothing new has committed."""
    items = repository.after(session, principal.scope_paths(Permission.event_read), cursor, limit)
    return {"items": items, "next_after": items[-1].id if items else cursor}
