"""The scoped read path. Every read of a scoped table starts from `readable()`: the subtree filter is applied
here, by the data layer, and nowhere else."""

from typing import Any, ClassVar, Generic, TypeVar

from sqlalchemy import Select, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from app.authz.permissions import Permission
from app.authz.principal import Principal
from app.authz.scope import within
from app.core.errors import NotFound

M = TypeVar("M")


class ScopedRepository(Generic[M]):
    model: ClassVar[type[Any]]
    scope_column: ClassVar[InstrumentedAttribute[str]]
    read_permission: ClassVar[Permission]

    @classmethod
    def readable(cls, principal: Principal, permission: Permission | None = None) -> Select[M]:
        paths = principal.scope_paths(permission or cls.read_permission)
        return select(cls.model).where(within(cls.scope_column, paths))

    @classmethod
    def get_readable(cls, session: Session, principal: Principal, obj_id: int, *, for_update: bool = False) -> M:
        """The object, or 404 whether it does not exist or lies outside every scope of the caller."""
        stmt = cls.readable(principal).where(cls.model.id == obj_id)
        if for_update:
            stmt = stmt.with_for_update()
        obj = session.scalar(stmt)
        if obj is None:
            raise NotFound()
        return obj
