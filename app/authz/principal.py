"""Who is calling, and on which subtrees each permission holds."""

from dataclasses import dataclass, field
from functools import cached_property

from app.authz.permissions import ROLE_PERMISSIONS, Permission
from app.authz.scope import minimal_cover
from app.core.enums import Role
from app.core.errors import Forbidden


@dataclass(frozen=True)
class Assignment:
    id: int
    role: Role
    org_id: int
    org_path: str

    @property
    def permissions(self) -> frozenset[Permission]:
        return ROLE_PERMISSIONS[self.role]


@dataclass(frozen=True)
class Principal:
    user_id: int
    username: str
    home_org_id: int | None
    session_id: str
    assignments: tuple[Assignment, ...] = field(default=())
    is_service: bool = False

    @cached_property
    def _paths_by_permission(self) -> dict[Permission, tuple[str, ...]]:
        by_perm: dict[Permission, list[str]] = {}
        for a in self.assignments:
            for perm in ROLE_PERMISSIONS[a.role]:
                by_perm.setdefault(perm, []).append(a.org_path)
        return {perm: minimal_cover(paths) for perm, paths in by_perm.items()}

    def scope_paths(self, permission: Permission) -> tuple[str, ...]:
        """The disjoint subtrees on which `permission` holds; empty when it holds nowhere."""
        return self._paths_by_permission.get(permission, ())

    def holds(self, permission: Permission) -> bool:
        return permission is Permission.account_self or bool(self.scope_paths(permission))

    def can(self, permission: Permission, org_path: str) -> bool:
        return any(org_path.startswith(p) for p in self.scope_paths(permission))

    def can_above(self, permission: Permission, org_path: str) -> bool:
        """Held on a strict ancestor of the org: verification is always done by someone above the org."""
        return any(org_path.startswith(p) and org_path != p for p in self.scope_paths(permission))

    def roles(self) -> set[Role]:
        return {a.role for a in self.assignments}


def authorize(principal: Principal, permission: Permission, org_path: str) -> None:
    """403 for an object the caller may already see (call only after a scoped fetch succeeded)."""
    if not principal.can(permission, org_path):
        raise Forbidden()


def authorize_above(principal: Principal, permission: Permission, org_path: str) -> None:
    if not principal.can_above(permission, org_path):
        raise Forbidden("须由上级党组织审核", code="verifier_not_above")
