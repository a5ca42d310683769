"""Who owns an attachment decides who may download it. Each owner type registers a reader that loads the owner
through its scoped repository (raising NotFound when the caller cannot read it)."""

from collections.abc import Callable

from sqlalchemy.orm import Session

from app.authz.principal import Principal
from app.core.errors import NotFound

OwnerReader = Callable[[Session, Principal, int], object]
_READERS: dict[str, OwnerReader] = {}


def register_owner(owner_type: str, reader: OwnerReader) -> None:
    _READERS[owner_type] = reader


def ensure_owner_readable(session: Session, principal: Principal, owner_type: str, owner_id: int) -> None:
    reader = _READERS.get(owner_type)
    if reader is None:
        raise NotFound()
    reader(session, principal, owner_id)
