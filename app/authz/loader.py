"""Turn verified token claims into a Principal, checking on every request that the login is still alive
(logout, refresh replay, password change and deactivation revoke the session, and its access tokens with it)."""

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from app.authz.principal import Assignment, Principal
from app.core import clock
from app.core.enums import Role
from app.core.errors import Unauthorized
from app.core.security import TokenClaims
from app.models.accounts import RoleAssignment, User
from app.models.auth import AuthSession

# Built once, one round trip, plain Core: every authenticated request runs it.
_users, _sessions, _assignments = User.__table__, AuthSession.__table__, RoleAssignment.__table__
_PRINCIPAL_STMT = (
    select(
        _users.c.username,
        _users.c.org_id,
        _users.c.is_active,
        _users.c.is_service,
        _sessions.c.revoked_at,
        _sessions.c.expires_at,
        _assignments.c.id.label("assignment_id"),
        _assignments.c.role,
        _assignments.c.org_id.label("assignment_org_id"),
        _assignments.c.org_path,
    )
    .select_from(
        _users.join(_sessions, _sessions.c.user_id == _users.c.id).outerjoin(
            _assignments, _assignments.c.user_id == _users.c.id
        )
    )
    .where(_sessions.c.id == bindparam("sid"), _users.c.id == bindparam("uid"))
)


def load_principal(session: Session, claims: TokenClaims) -> Principal:
    rows = session.connection().execute(_PRINCIPAL_STMT, {"sid": claims.session_id, "uid": claims.user_id}).all()
    row = rows[0] if rows else None
    if row is None or row.revoked_at is not None or not row.is_active or row.expires_at <= clock.now():
        raise Unauthorized("登录已失效，请重新登录")
    assignments = tuple(
        Assignment(id=r.assignment_id, role=Role(r.role), org_id=r.assignment_org_id, org_path=r.org_path)
        for r in rows
        if r.assignment_id is not None
    )
    return Principal(
        user_id=claims.user_id,
        username=row.username,
        home_org_id=row.org_id,
        session_id=claims.session_id,
        assignments=assignments,
        is_service=row.is_service,
    )
