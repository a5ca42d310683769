"""Users and role assignments: created and changed by admins in their scope."""

from typing import Any

from fastapi.responses import Response
from sqlalchemy.orm import Session

from app.accounts import repository
from app.accounts.repository import AssignmentRepository, UserRepository
from app.accounts.schemas import (
    AssignmentFilters,
    RoleAssignmentCreate,
    UserCreate,
    UserFilters,
    UserRead,
    UserUpdate,
)
from app.audit.recorder import mark
from app.authz.permissions import Permission
from app.authz.principal import Principal, authorize
from app.core import clock
from app.core.enums import OrgStatus, Role
from app.core.errors import Conflict, InvalidTransition, NotFound, Unprocessable
from app.core.security import hash_password
from app.excel.workbook import Column, write_sheet, xlsx_response
from app.kit.etag import check_version
from app.kit.pagination import PageParams, fetch_page, order_by, page_of
from app.models.accounts import RoleAssignment, User
from app.models.orgs import Org
from app.orgs import repository as org_repository
from app.stats import repository as stats_repository
from app.stats.rollups import ALL

USER_SORTABLE = {
    "id": User.id,
    "username": User.username,
    "full_name": User.full_name,
    "created_at": User.created_at,
}
ASSIGNMENT_SORTABLE = {"id": RoleAssignment.id, "role": RoleAssignment.role, "org_id": RoleAssignment.org_id}


def mask_phone(phone: str | None) -> str | None:
    if not phone:
        return phone
    digits = phone.replace(" ", "").replace("-", "")
    if len(digits) <= 7:
        return digits[:2] + "*" * (len(digits) - 2)
    return digits[:3] + "****" + digits[-4:]


def present(user: User, principal: Principal, org_name: str) -> UserRead:
    """Phone numbers are personal data: shown in full only to the user and to admins over the user's org."""
    data = {c.key: getattr(user, c.key) for c in User.__table__.columns} | {"org_name": org_name}
    read = UserRead.model_validate(data)
    if user.id != principal.user_id and not principal.can(Permission.personal_data_read, user.org_path):
        read.phone = mask_phone(read.phone)
    return read


def _target_org(session: Session, principal: Principal, org_id: int) -> Org:
    """An org the caller may write users into: 404 outside scope, 403 without user_write there."""
    org = org_repository.get_readable(session, principal, org_id)
    authorize(principal, Permission.user_write, org.path)
    if org.status != OrgStatus.active:
        raise Conflict("该组织已撤销", code="org_dissolved")
    return org


def list_users(session: Session, principal: Principal, params: PageParams, filters: UserFilters) -> dict[str, Any]:
    root_path = org_repository.get_readable(session, principal, filters.root_id).path if filters.root_id else None
    stmt = repository.with_org_name(repository.search_users(principal, filters, root_path))
    known = None
    if filters.org_id is None and not filters.q:
        paths = [root_path] if root_path else principal.scope_paths(Permission.user_read)
        bucket = ALL if filters.is_active is None else ("active" if filters.is_active else "inactive")
        known = stats_repository.total(session, paths, "user", bucket)
    ordering = order_by(params, USER_SORTABLE, "id", User.id)
    rows, total = fetch_page(session, stmt, params, ordering, rows=True, total=known)
    return page_of([present(u, principal, name) for u, name in rows], total, params)


EXPORT_COLUMNS = [
    Column("用户名", lambda u: u.username, 18),
    Column("姓名", lambda u: u.full_name, 12),
    Column("手机号", lambda u: u.phone, 14),
    Column("所属组织", lambda u: u.org_name, 28),
    Column("状态", lambda u: "在用" if u.is_active else "已停用", 8),
]


def export(session: Session, principal: Principal, filters: UserFilters) -> Response:
    """Phone numbers are masked in the export exactly as in the list."""
    root_path = org_repository.get_readable(session, principal, filters.root_id).path if filters.root_id else None
    stmt = repository.with_org_name(repository.search_users(principal, filters, root_path)).order_by(User.id)
    rows = (present(u, principal, name) for u, name in session.execute(stmt))
    return xlsx_response(write_sheet("用户", EXPORT_COLUMNS, rows), "用户")


def _present(session: Session, user: User, principal: Principal) -> UserRead:
    return present(user, principal, repository.org_name(session, user.org_id))


def get_user(session: Session, principal: Principal, user_id: int) -> UserRead:
    return _present(session, UserRepository.get_readable(session, principal, user_id), principal)


def create_user(session: Session, principal: Principal, body: UserCreate) -> UserRead:
    org = _target_org(session, principal, body.org_id)
    if repository.username_taken(session, body.username):
        raise Conflict("用户名已存在", code="duplicate_username")
    user = User(
        username=body.username,
        password_hash=hash_password(body.password),
        full_name=body.full_name,
        phone=body.phone,
        org_id=org.id,
        is_active=True,
        is_service=False,
        password_changed_at=clock.now(),
    )
    session.add(user)
    session.flush()
    return _present(session, user, principal)


def update_user(
    session: Session, principal: Principal, user_id: int, body: UserUpdate, expected_version: int | None
) -> UserRead:
    user = UserRepository.get_readable(session, principal, user_id)
    authorize(principal, Permission.user_write, user.org_path)
    check_version(user.version, expected_version)
    changes = body.model_dump(exclude_unset=True)
    if changes.get("password"):
        mark(session, user, "password_reset")
    if "full_name" in changes and changes["full_name"] is None:
        raise Unprocessable(fields=[{"loc": ["body", "full_name"], "message": "不能为空"}])
    if changes.get("org_id") is not None and changes["org_id"] != user.org_id:
        user.org_id = _target_org(session, principal, changes["org_id"]).id
    if "full_name" in changes:
        user.full_name = changes["full_name"]
    if "phone" in changes:
        user.phone = changes["phone"]
    if changes.get("password"):
        user.password_hash = hash_password(changes["password"])
        user.password_changed_at = clock.now()
        repository.revoke_sessions(session, user.id, "password_reset")
    session.flush()
    return _present(session, user, principal)


def set_active(
    session: Session, principal: Principal, user_id: int, active: bool, expected_version: int | None
) -> UserRead:
    user = UserRepository.get_readable(session, principal, user_id)
    authorize(principal, Permission.user_write, user.org_path)
    check_version(user.version, expected_version)
    if user.is_active == active:
        raise InvalidTransition("用户已是该状态")
    if user.id == principal.user_id:
        raise Conflict("不能停用自己的账号", code="cannot_deactivate_self")
    mark(session, user, "activated" if active else "deactivated")
    user.is_active = active
    if not active:
        repository.revoke_sessions(session, user.id, "deactivated")
    session.flush()
    return _present(session, user, principal)


def list_assignments(
    session: Session, principal: Principal, params: PageParams, filters: AssignmentFilters
) -> dict[str, Any]:
    stmt = repository.assignment_rows(repository.search_assignments(principal, filters))
    ordering = order_by(params, ASSIGNMENT_SORTABLE, "id", RoleAssignment.id)
    rows, total = fetch_page(session, stmt, params, ordering, rows=True)
    return page_of([_assignment(a, user_name, org_name) for a, user_name, org_name in rows], total, params)


def _assignment(assignment: RoleAssignment, user_full_name: str, org_name: str) -> dict[str, Any]:
    data = {c.key: getattr(assignment, c.key) for c in RoleAssignment.__table__.columns}
    return data | {"user_full_name": user_full_name, "org_name": org_name}


def _assignment_of(session: Session, assignment: RoleAssignment) -> dict[str, Any]:
    return _assignment(
        assignment,
        repository.user_full_name(session, assignment.user_id),
        repository.org_name(session, assignment.org_id),
    )


def get_assignment(session: Session, principal: Principal, assignment_id: int) -> dict[str, Any]:
    return _assignment_of(session, AssignmentRepository.get_readable(session, principal, assignment_id))


def create_assignment(session: Session, principal: Principal, body: RoleAssignmentCreate) -> dict[str, Any]:
    org = org_repository.get_readable(session, principal, body.org_id)
    authorize(principal, Permission.role_assign, org.path)
    try:
        user = UserRepository.get_readable(session, principal, body.user_id)
    except NotFound as exc:
        raise NotFound("用户不存在") from exc
    if org.status != OrgStatus.active:
        raise Conflict("该组织已撤销", code="org_dissolved")
    if not user.is_active:
        raise Conflict("用户已停用", code="user_inactive")
    if (body.role is Role.integration) != user.is_service:
        raise Conflict("接口角色只能授予服务账号，服务账号也只能持有接口角色", code="service_role_mismatch")
    if repository.assignment_exists(session, user.id, body.role, org.id):
        raise Conflict("该用户已在此组织担任该角色", code="duplicate_assignment")
    assignment = RoleAssignment(user_id=user.id, role=body.role, org_id=org.id, created_by_id=principal.user_id)
    session.add(assignment)
    if body.role is Role.secretary:
        org.secretary_id = user.id
    session.flush()
    return _assignment_of(session, assignment)


def delete_assignment(session: Session, principal: Principal, assignment_id: int) -> None:
    assignment = AssignmentRepository.get_readable(session, principal, assignment_id)
    authorize(principal, Permission.role_assign, assignment.org_path)
    if assignment.user_id == principal.user_id and assignment.role is Role.admin:
        raise Conflict("不能撤销自己的管理员角色", code="cannot_remove_own_admin")
    if assignment.role is Role.secretary:
        org = org_repository.get(session, assignment.org_id)
        if org is not None and org.secretary_id == assignment.user_id:
            org.secretary_id = repository.other_secretary(session, org.id, assignment.id)
    session.delete(assignment)
    session.flush()
