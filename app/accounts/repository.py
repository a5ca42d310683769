from sqlalchemy import Select, or_, select, update
from sqlalchemy.orm import Session

from app.accounts.schemas import AssignmentFilters, UserFilters
from app.authz.permissions import Permission
from app.authz.principal import Principal
from app.authz.scope import within
from app.core import clock
from app.core.enums import Role
from app.kit.pagination import AnySelect
from app.kit.repository import ScopedRepository
from app.models.accounts import RoleAssignment, User
from app.models.auth import AuthSession
from app.models.orgs import Org


class UserRepository(ScopedRepository[User]):
    model = User
    scope_column = User.org_path
    read_permission = Permission.user_read


class AssignmentRepository(ScopedRepository[RoleAssignment]):
    model = RoleAssignment
    scope_column = RoleAssignment.org_path
    read_permission = Permission.user_read


def with_org_name(stmt: Select[User]) -> AnySelect:
    return stmt.add_columns(Org.name.label("org_name")).join(Org, Org.id == User.org_id)


def search_users(principal: Principal, filters: UserFilters, root_path: str | None) -> Select[User]:
    stmt = UserRepository.readable(principal)
    if root_path is not None:
        stmt = stmt.where(within(User.org_path, [root_path]))
    if filters.org_id is not None:
        stmt = stmt.where(User.org_id == filters.org_id)
    if filters.is_active is not None:
        stmt = stmt.where(User.is_active == filters.is_active)
    if filters.q:
        stmt = stmt.where(
            or_(
                User.username.contains(filters.q, autoescape=True),
                User.full_name.contains(filters.q, autoescape=True),
            )
        )
    return stmt


def assignment_rows(stmt: Select[RoleAssignment]) -> AnySelect:
    """Assignments with the names a list shows beside the ids."""
    return (
        stmt.add_columns(User.full_name.label("user_full_name"), Org.name.label("org_name"))
        .join(User, User.id == RoleAssignment.user_id)
        .join(Org, Org.id == RoleAssignment.org_id)
    )


def org_name(session: Session, org_id: int) -> str:
    return session.scalar(select(Org.name).where(Org.id == org_id)) or ""


def user_full_name(session: Session, user_id: int) -> str:
    return session.scalar(select(User.full_name).where(User.id == user_id)) or ""


def search_assignments(principal: Principal, filters: AssignmentFilters) -> Select[RoleAssignment]:
    stmt = AssignmentRepository.readable(principal)
    if filters.user_id is not None:
        stmt = stmt.where(RoleAssignment.user_id == filters.user_id)
    if filters.org_id is not None:
        stmt = stmt.where(RoleAssignment.org_id == filters.org_id)
    if filters.role is not None:
        stmt = stmt.where(RoleAssignment.role == filters.role)
    return stmt


def username_taken(session: Session, username: str) -> bool:
    return session.scalar(select(User.id).where(User.username == username)) is not None


def find_by_username(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == username))


def assignment_exists(session: Session, user_id: int, role: Role, org_id: int) -> bool:
    stmt = select(RoleAssignment.id).where(
        RoleAssignment.user_id == user_id, RoleAssignment.role == role, RoleAssignment.org_id == org_id
    )
    return session.scalar(stmt) is not None


def other_secretary(session: Session, org_id: int, except_assignment_id: int) -> int | None:
    stmt = (
        select(RoleAssignment.user_id)
        .where(RoleAssignment.org_id == org_id, RoleAssignment.role == Role.secretary)
        .where(RoleAssignment.id != except_assignment_id)
        .order_by(RoleAssignment.id.desc())
    )
    return session.scalar(stmt)


def assignments_of(session: Session, user_id: int) -> list[RoleAssignment]:
    return list(session.scalars(select(RoleAssignment).where(RoleAssignment.user_id == user_id)))


def revoke_sessions(session: Session, user_id: int, reason: str) -> None:
    session.execute(
        update(AuthSession)
        .where(AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None))
        .values(revoked_at=clock.now(), revoked_reason=reason)
    )
