"""Creating people and role assignments outside the API (CLI and demo data)."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import clock
from app.core.enums import Role
from app.core.security import hash_password
from app.models.accounts import RoleAssignment, User
from app.models.orgs import Org
from app.orgs import service as org_service


def add_user(
    session: Session,
    *,
    username: str,
    full_name: str,
    org: Org,
    password_hash: str,
    phone: str | None = None,
    roles: tuple[tuple[Role, Org], ...] = (),
    is_service: bool = False,
) -> User:
    user = User(
        username=username,
        password_hash=password_hash,
        full_name=full_name,
        phone=phone,
        org_id=org.id,
        is_active=True,
        is_service=is_service,
        password_changed_at=clock.now(),
    )
    session.add(user)
    session.flush()
    for role, at in roles:
        session.add(RoleAssignment(user_id=user.id, role=role, org_id=at.id))
        if role is Role.secretary:
            at.secretary_id = user.id
    return user


def create_admin(session: Session, username: str, password: str, *, org_name: str) -> str:
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise RuntimeError(f"用户 {username} 已存在")
    root = session.scalar(select(Org).where(Org.parent_id.is_(None)).order_by(Org.id))
    created_root = root is None
    if root is None:
        root = org_service.create_root(session, name=org_name)
    add_user(
        session,
        username=username,
        full_name="系统管理员",
        org=root,
        password_hash=hash_password(password),
        roles=((Role.admin, root),),
    )
    where = f"新建根组织「{root.name}」" if created_root else f"根组织「{root.name}」"
    return f"已创建管理员 {username}（{where}）"
