"""Idempotency-Key on POST: per user, for `IDEMPOTENCY_HOURS`. The stored response is written in the same
transaction as the change it describes, so a retry sees either both or neither."""

import hashlib
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from app.core import clock
from app.core.config import get_settings
from app.core.errors import Unprocessable
from app.models.records import IdempotencyRecord


@dataclass(frozen=True)
class StoredResponse:
    status_code: int
    body: Any


def fingerprint(method: str, path: str, query: str, body: bytes) -> str:
    digest = hashlib.sha256()
    for part in (method.encode(), path.encode(), query.encode(), body):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def lookup(session: Session, user_id: int, key: str, print_: str) -> StoredResponse | None:
    row = session.execute(
        select(IdempotencyRecord).where(IdempotencyRecord.user_id == user_id, IdempotencyRecord.key == key)
    ).scalar_one_or_none()
    if row is None:
        return None
    if row.created_at < clock.now() - timedelta(hours=get_settings().idempotency_hours):
        session.execute(delete(IdempotencyRecord).where(IdempotencyRecord.id == row.id))
        return None
    if row.fingerprint != print_:
        raise Unprocessable(
            "该 Idempotency-Key 已用于另一个请求",
            code="idempotency_key_reused",
            fields=[{"loc": ["header", "Idempotency-Key"], "message": "请为不同的请求使用不同的键"}],
        )
    return StoredResponse(row.status_code, row.body)


def store(session: Session, user_id: int, key: str, print_: str, status_code: int, body: Any) -> None:
    session.execute(
        insert(IdempotencyRecord).values(
            user_id=user_id,
            key=key,
            fingerprint=print_,
            status_code=status_code,
            body=body,
            created_at=clock.now(),
        )
    )


def purge_expired(session: Session) -> int:
    cutoff = clock.now() - timedelta(hours=get_settings().idempotency_hours)
    result = session.execute(delete(IdempotencyRecord).where(IdempotencyRecord.created_at < cutoff))
    return int(getattr(result, "rowcount", 0) or 0)
