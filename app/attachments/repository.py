from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.tracking import Attachment


def get(session: Session, attachment_id: int) -> Attachment | None:
    return session.get(Attachment, attachment_id)


def unbound_of(session: Session, uploader_id: int, ids: Iterable[int]) -> list[Attachment]:
    stmt = select(Attachment).where(
        Attachment.id.in_(list(ids)), Attachment.uploaded_by_id == uploader_id, Attachment.owner_type.is_(None)
    )
    return list(session.scalars(stmt))


def of_owners(session: Session, owner_type: str, owner_ids: Iterable[int]) -> list[Attachment]:
    ids = list(owner_ids)
    if not ids:
        return []
    stmt = (
        select(Attachment)
        .where(Attachment.owner_type == owner_type, Attachment.owner_id.in_(ids))
        .order_by(Attachment.id)
    )
    return list(session.scalars(stmt))
