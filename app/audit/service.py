from typing import Any

from sqlalchemy.orm import Session

from app.audit import repository
from app.audit.schemas import AuditFilters
from app.authz.principal import Principal
from app.kit.pagination import PageParams, fetch_page, order_by, page_of
from app.models.records import AuditEvent


def list_events(session: Session, principal: Principal, params: PageParams, filters: AuditFilters) -> dict[str, Any]:
    stmt = repository.search(principal, filters)
    ordering = order_by(params, {"id": AuditEvent.id, "occurred_at": AuditEvent.id}, "-id", AuditEvent.id)
    rows, total = fetch_page(session, stmt, params, ordering, rows=True)
    items = [
        {c.key: getattr(e, c.key) for c in AuditEvent.__table__.columns} | {"actor_name": actor, "org_name": org}
        for e, actor, org in rows
    ]
    return page_of(items, total, params)
