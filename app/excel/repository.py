"""Resolving the codes and user names people type in spreadsheets, within the importer's scope only (a code
outside it reads exactly like a code that does not exist)."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.authz.permissions import Permission
from app.authz.principal import Principal
from app.authz.scope import within
from app.core.errors import Unprocessable
from app.models.accounts import User
from app.models.orgs import Org


def org_id(session: Session, principal: Principal, code: str | None, field: str) -> int | None:
    if not code:
        return None
    stmt = select(Org.id).where(Org.code == code, within(Org.path, principal.scope_paths(Permission.org_read)))
    found = session.scalar(stmt)
    if found is None:
        raise Unprocessable(fields=[{"loc": [field], "message": f"找不到组织编码 {code}"}])
    return found


def user_id(session: Session, principal: Principal, username: str) -> int:
    stmt = select(User.id).where(
        User.username == username, within(User.org_path, principal.scope_paths(Permission.user_read))
    )
    found = session.scalar(stmt)
    if found is None:
        raise Unprocessable(fields=[{"loc": ["responsible_user_id"], "message": f"找不到用户 {username}"}])
    return found
