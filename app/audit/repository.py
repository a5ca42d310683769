from sqlalchemy import select

from app.audit.schemas import AuditFilters
from app.authz.permissions import Permission
from app.authz.principal import Principal
from app.authz.scope import within
from app.kit.pagination import AnySelect
from app.models.accounts import User
from app.models.orgs import Org
from app.models.records import AuditEvent


def search(principal: Principal, filters: AuditFilters) -> AnySelect:
    stmt = (
        select(AuditEvent, User.full_name.label("actor_name"), Org.name.label("org_name"))
        .outerjoin(User, User.id == AuditEvent.actor_id)
        .outerjoin(Org, Org.id == AuditEvent.org_id)
        .where(within(AuditEvent.org_path, principal.scope_paths(Permission.audit_read)))
    )
    for field in ("object_type", "object_id", "actor_id", "action"):
        value = getattr(filters, field)
        if value is not None:
            stmt = stmt.where(getattr(AuditEvent, field) == value)
    if filters.since is not None:
        stmt = stmt.where(AuditEvent.occurred_at >= filters.since)
    if filters.until is not None:
        stmt = stmt.where(AuditEvent.occurred_at < filters.until)
    return stmt
