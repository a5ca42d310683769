"""Append-only records: the audit trail, the event outbox and idempotent responses."""

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base, BigId, JsonType, PathString, UTCDateTime


class AuditEvent(Base):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    actor_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(64), nullable=False)
    object_type: Mapped[str] = mapped_column(String(64), nullable=False)
    object_id: Mapped[str] = mapped_column(String(64), nullable=False)
    org_id: Mapped[int | None] = mapped_column(Integer)
    org_path: Mapped[str] = mapped_column(PathString, nullable=False)
    changes: Mapped[dict[str, Any]] = mapped_column(JsonType, nullable=False)
    client_ip: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (
        Index("ix_audit_events_org_path_id", "org_path", "id"),
        Index("ix_audit_events_object_type_object_id", "object_type", "object_id"),
        Index("ix_audit_events_actor_id_id", "actor_id", "id"),
    )


class Event(Base):
    """The transactional outbox. Rows are inserted at commit time under a lock, so `id` order is commit order."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    type: Mapped[str] = mapped_column(String(96), nullable=False)
    object_type: Mapped[str] = mapped_column(String(64), nullable=False)
    object_id: Mapped[str] = mapped_column(String(64), nullable=False)
    org_id: Mapped[int | None] = mapped_column(Integer)
    org_path: Mapped[str] = mapped_column(PathString, nullable=False)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    data: Mapped[dict[str, Any]] = mapped_column(JsonType, nullable=False)

    __table_args__ = (Index("ix_events_org_path_id", "org_path", "id"),)


class IdempotencyRecord(Base):
    __tablename__ = "idempotency_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False)
    key: Mapped[str] = mapped_column(String(128), nullable=False)
    fingerprint: Mapped[str] = mapped_column(String(64), nullable=False)
    status_code: Mapped[int] = mapped_column(Integer, nullable=False)
    body: Mapped[Any] = mapped_column(JsonType, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, index=True)

    __table_args__ = (UniqueConstraint("user_id", "key"),)
