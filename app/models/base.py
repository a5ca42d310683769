"""Mixins shared by the tables. Server-owned columns (version, timestamps, actors, org_path) are filled by the
session hooks in app/audit/recorder.py, never by request bodies."""

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Enum, ForeignKey, Integer
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from app.core.db import PathString, UTCDateTime


class Versioned:
    """Optimistic locking: every UPDATE checks and bumps `version` (ETag / If-Match build on it)."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class Timestamped:
    """Who and when, on the row itself. The actor ids carry no foreign key (users are never deleted, and the
    audit trail is the authoritative record), which also keeps the orgs <-> users cycle to one key."""

    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    created_by_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    updated_by_id: Mapped[int | None] = mapped_column(Integer, nullable=True)


class OrgScoped:
    """A row that belongs to one org. `org_path` copies the org's materialized path so that subtree queries on
    large tables are a range scan on this table's own index, without a join."""

    @declared_attr
    def org_id(cls) -> Mapped[int]:
        return mapped_column(ForeignKey("orgs.id"), nullable=False, index=True)

    org_path: Mapped[str] = mapped_column(PathString, nullable=False, index=True)


def enum_column(enum_cls: type[StrEnum]) -> Enum:
    """Enums are stored as their snake_case values in VARCHAR (no native types: adding a value stays cheap)."""
    return Enum(enum_cls, native_enum=False, length=32, values_callable=lambda e: [m.value for m in e])
