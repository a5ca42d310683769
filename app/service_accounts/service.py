"""Service accounts of the digital governance platform: users with `is_service`, one read-only `integration`
assignment on a subtree, authenticated with `grant_type=client_credentials`. The secret is shown once and
stored as an argon2 hash, like a password."""

import secrets
from typing import Any

from sqlalchemy.orm import Session

from app.accounts import repository as account_repository
from app.audit.recorder import mark
from app.authz.permissions import Permission
from app.authz.principal import Principal, authorize
from app.core import clock
from app.core.enums import OrgStatus, Role
from app.core.errors import Conflict, InvalidTransition, NotFound
from app.core.security import hash_password
from app.kit.pagination import PageParams, fetch_page, order_by, page_of
from app.kit.repository import ScopedRepository
from app.models.accounts import RoleAssignment, User
from app.orgs import repository as org_repository
from app.service_accounts.schemas import ServiceAccountCreate


class ServiceAccountRepository(ScopedRepository[User]):
    model = User
    scope_column = User.org_path
    read_permission = Permission.service_account_manage


def _present(user: User, secret: str | None = None) -> dict[str, Any]:
    data = {
        "id": user.id,
        "client_id": user.username,
        "name": user.full_name,
        "org_id": user.org_id,
        "is_active": user.is_active,
        "created_at": user.created_at,
    }
    return data | ({"client_secret": secret} if secret else {})


def _get(session: Session, principal: Principal, account_id: int) -> User:
    user = ServiceAccountRepository.get_readable(session, principal, account_id)
    if not user.is_service:
        raise NotFound()
    return user


def list_accounts(session: Session, principal: Principal, params: PageParams) -> dict[str, Any]:
    stmt = ServiceAccountRepository.readable(principal).where(User.is_service.is_(True))
    items, total = fetch_page(session, stmt, params, order_by(params, {"id": User.id}, "id", User.id))
    return page_of([_present(u) for u in items], total, params)


def get_account(session: Session, principal: Principal, account_id: int) -> dict[str, Any]:
    return _present(_get(session, principal, account_id))


def create(session: Session, principal: Principal, body: ServiceAccountCreate) -> dict[str, Any]:
    org = org_repository.get_readable(session, principal, body.org_id)
    authorize(principal, Permission.service_account_manage, org.path)
    if org.status != OrgStatus.active:
        raise Conflict("该组织已撤销", code="org_dissolved")
    client_id = "svc_" + secrets.token_hex(8)
    while account_repository.username_taken(session, client_id):  # pragma: no cover (64 random bits)
        client_id = "svc_" + secrets.token_hex(8)
    secret = secrets.token_urlsafe(32)
    user = User(
        username=client_id,
        password_hash=hash_password(secret),
        full_name=body.name,
        org_id=org.id,
        is_active=True,
        is_service=True,
        password_changed_at=clock.now(),
    )
    session.add(user)
    session.flush()
    session.add(RoleAssignment(user_id=user.id, role=Role.integration, org_id=org.id, created_by_id=principal.user_id))
    session.flush()
    return _present(user, secret)


def rotate_secret(session: Session, principal: Principal, account_id: int) -> dict[str, Any]:
    user = _get(session, principal, account_id)
    if not user.is_active:
        raise InvalidTransition("接口账号已停用")
    secret = secrets.token_urlsafe(32)
    mark(session, user, "secret_rotated")
    user.password_hash = hash_password(secret)
    user.password_changed_at = clock.now()
    account_repository.revoke_sessions(session, user.id, "secret_rotated")
    session.flush()
    return _present(user, secret)


def revoke(session: Session, principal: Principal, account_id: int) -> dict[str, Any]:
    user = _get(session, principal, account_id)
    if not user.is_active:
        raise InvalidTransition("接口账号已停用")
    mark(session, user, "revoked")
    user.is_active = False
    account_repository.revoke_sessions(session, user.id, "revoked")
    session.flush()
    return _present(user)
