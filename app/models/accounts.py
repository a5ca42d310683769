from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base, PathString, UTCDateTime
from app.core.enums import Role
from app.models.base import OrgScoped, Timestamped, Versioned, enum_column


class User(OrgScoped, Versioned, Timestamped, Base):
    """A person (or, with is_service, a service account). `org_id` is the home org."""

    __tablename__ = "users"
    __audit__ = "user"
    __audit_redact__ = frozenset({"password_hash"})

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    full_name: Mapped[str] = mapped_column(String(64), nullable=False)
    phone: Mapped[str | None] = mapped_column(String(32))
    is_active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    is_service: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    password_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class RoleAssignment(Base):
    __tablename__ = "role_assignments"
    __audit__ = "role_assignment"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False)
    role: Mapped[Role] = mapped_column(enum_column(Role), nullable=False)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id"), nullable=False, index=True)
    org_path: Mapped[str] = mapped_column(PathString, nullable=False, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    __table_args__ = (
        UniqueConstraint("user_id", "role", "org_id"),
        Index("ix_role_assignments_user_id", "user_id"),
    )
