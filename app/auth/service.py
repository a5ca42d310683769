"""Logins, token rotation and password changes.

A refused login or a detected refresh replay must be *committed* (the failure counter, the revoked family) and
still answer 401/429. Services never commit, so they return `Denied(error)`: the router raises it after the
unit of work has committed.
"""

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.orm import Session

from app.accounts import repository as account_repository
from app.accounts.service import present
from app.audit.recorder import Actor, bind_actor, mark, record
from app.auth import repository
from app.auth.schemas import LoginBody, MeAssignment, MeResponse, PasswordChange, TokenResponse
from app.authz.permissions import ROLE_PERMISSIONS, Permission
from app.authz.principal import Principal
from app.core import clock
from app.core.config import get_settings
from app.core.errors import AppError, TooManyRequests, Unauthorized, Unprocessable
from app.core.security import decode_token, encode_token, hash_password, new_token_id, verify_password
from app.models.accounts import User
from app.models.auth import AuthSession, RefreshToken

BAD_CREDENTIALS = "用户名或密码错误"


@dataclass(frozen=True)
class Denied:
    error: AppError


def _throttle_key(username: str) -> str:
    return username.strip().lower()[:64]


def _issue(session: Session, user: User, client_ip: str | None, *, with_refresh: bool = True) -> TokenResponse:
    settings = get_settings()
    now = clock.now()
    auth_session = AuthSession(
        id=new_token_id(),
        user_id=user.id,
        created_at=now,
        expires_at=now + timedelta(days=settings.refresh_token_days),
        client_ip=client_ip,
    )
    session.add(auth_session)
    return _tokens(session, user.id, auth_session, with_refresh=with_refresh)


def _tokens(session: Session, user_id: int, auth_session: AuthSession, *, with_refresh: bool) -> TokenResponse:
    settings = get_settings()
    access_lifetime = timedelta(minutes=settings.access_token_minutes)
    access, _ = encode_token(user_id=user_id, session_id=auth_session.id, token_type="access", lifetime=access_lifetime)
    refresh_token = None
    if with_refresh:
        refresh_token, claims = encode_token(
            user_id=user_id,
            session_id=auth_session.id,
            token_type="refresh",
            lifetime=timedelta(days=settings.refresh_token_days),
        )
        session.add(
            RefreshToken(
                jti=claims.jti,
                session_id=auth_session.id,
                issued_at=claims.issued_at,
                expires_at=claims.expires_at,
            )
        )
    session.flush()
    return TokenResponse(
        access_token=access, refresh_token=refresh_token, expires_in=int(access_lifetime.total_seconds())
    )


def _check_password(
    session: Session, username: str, password: str, client_ip: str | None, *, service: bool
) -> User | Denied:
    settings = get_settings()
    key = _throttle_key(username)
    since = clock.now() - timedelta(hours=1)
    if repository.count_failures(session, key, since) >= settings.login_failure_limit:
        return Denied(
            TooManyRequests("登录失败次数过多，请稍后再试", code="login_throttled", headers={"Retry-After": "3600"})
        )
    user = account_repository.find_by_username(session, username)
    # Verify even for unknown or disabled accounts so that the answer and its timing are the same.
    ok = verify_password(password, user.password_hash if user else None)
    if not ok or user is None or not user.is_active or user.is_service != service:
        repository.add_failure(session, key, client_ip)
        if user is not None:
            record(
                session,
                action="login_failed",
                object_type="user",
                object_id=user.id,
                org_id=user.org_id,
                org_path=user.org_path,
                emit_event=False,
            )
        return Denied(Unauthorized(BAD_CREDENTIALS, code="invalid_credentials"))
    return user


def _audit_self(session: Session, user: User, action: str) -> None:
    """Logins and logouts are the user's own acts: audited with the user as the actor (no event: they change no
    object the governance platform tracks)."""
    current: Actor = session.info.get("actor") or Actor(None)
    bind_actor(session, Actor(user.id, current.client_ip))
    record(
        session,
        action=action,
        object_type="user",
        object_id=user.id,
        org_id=user.org_id,
        org_path=user.org_path,
        emit_event=False,
    )


def login(session: Session, body: LoginBody, client_ip: str | None) -> TokenResponse | Denied:
    user = _check_password(session, body.username, body.password, client_ip, service=False)
    if isinstance(user, Denied):
        return user
    _audit_self(session, user, "login")
    return _issue(session, user, client_ip)


def client_credentials(
    session: Session, client_id: str, client_secret: str, client_ip: str | None
) -> TokenResponse | Denied:
    """Service accounts of the digital governance platform: short-lived access tokens, no refresh token."""
    user = _check_password(session, client_id, client_secret, client_ip, service=True)
    if isinstance(user, Denied):
        return user
    _audit_self(session, user, "login")
    return _issue(session, user, client_ip, with_refresh=False)


def refresh(session: Session, refresh_token: str) -> TokenResponse | Denied:
    """Rotate: a refresh token works once. Presenting a used one revokes the whole family (stolen-token replay)."""
    try:
        claims = decode_token(refresh_token, expected_type="refresh")
    except Unauthorized as exc:
        return Denied(exc)
    if not repository.claim_refresh_token(session, claims.jti, claims.session_id):
        if repository.refresh_token_exists(session, claims.jti):
            repository.revoke_session(session, claims.session_id, "refresh_reuse")
            return Denied(Unauthorized("刷新令牌已被使用，为安全起见本次登录已失效", code="refresh_token_reused"))
        return Denied(Unauthorized("刷新令牌无效"))
    auth_session = repository.get_session(session, claims.session_id)
    user = session.get(User, claims.user_id)
    now = clock.now()
    if (
        auth_session is None
        or auth_session.revoked_at is not None
        or auth_session.expires_at <= now
        or user is None
        or not user.is_active
        or auth_session.user_id != user.id
    ):
        return Denied(Unauthorized("登录已失效，请重新登录"))
    auth_session.expires_at = now + timedelta(days=get_settings().refresh_token_days)
    return _tokens(session, user.id, auth_session, with_refresh=True)


def logout(session: Session, refresh_token: str) -> Denied | None:
    try:
        claims = decode_token(refresh_token, expected_type="refresh")
    except Unauthorized as exc:
        return Denied(exc)
    repository.revoke_session(session, claims.session_id, "logout")
    user = session.get(User, claims.user_id)
    if user is not None:
        _audit_self(session, user, "logout")
    return None


def change_password(session: Session, principal: Principal, body: PasswordChange) -> None:
    user = session.get(User, principal.user_id)
    assert user is not None  # the principal was loaded from this row in the same transaction
    if not verify_password(body.current_password, user.password_hash):
        raise Unprocessable(
            "当前密码不正确",
            code="invalid_current_password",
            fields=[{"loc": ["body", "current_password"], "message": "当前密码不正确"}],
        )
    if body.new_password == body.current_password:
        raise Unprocessable(
            "新密码不能与当前密码相同",
            fields=[{"loc": ["body", "new_password"], "message": "与当前密码相同"}],
        )
    mark(session, user, "password_changed")
    user.password_hash = hash_password(body.new_password)
    user.password_changed_at = clock.now()
    account_repository.revoke_sessions(session, user.id, "password_changed")
    session.flush()


def me(session: Session, principal: Principal) -> MeResponse:
    user = session.get(User, principal.user_id)
    assert user is not None
    names = repository.org_names(session, {a.org_id for a in principal.assignments} | {user.org_id})
    assignments = [
        MeAssignment(
            id=a.id,
            role=a.role,
            org_id=a.org_id,
            org_name=names.get(a.org_id, ""),
            org_path=a.org_path,
            permissions=sorted(ROLE_PERMISSIONS[a.role]),
        )
        for a in sorted(principal.assignments, key=lambda a: (a.org_path, a.role))
    ]
    held = {p for a in principal.assignments for p in ROLE_PERMISSIONS[a.role]} | {Permission.account_self}
    return MeResponse(
        user=present(user, principal, names.get(user.org_id, "")),
        org_name=names.get(user.org_id),
        assignments=assignments,
        permissions=sorted(held),
    )
