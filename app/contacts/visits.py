"""走访: recorded by the contact point's linked person, with evidence photos that follow the visit's scope."""

from __future__ import annotations

from datetime import UTC, timedelta
from typing import Any

from sqlalchemy.orm import Session

from app.attachments import repository as attachment_repository
from app.attachments import service as attachments
from app.attachments.owners import register_owner
from app.authz.principal import Principal
from app.authz.scope import within
from app.contacts import repository
from app.contacts.quarters import Quarter
from app.contacts.schemas import VisitCreate, VisitFilters
from app.contacts.service import may_visit, root_path, scope
from app.core import clock
from app.core.errors import Forbidden, Unprocessable
from app.kit.pagination import PageParams, fetch_page, order_by, page_of
from app.models.bulletins import ContactPoint, Visit

OWNER_TYPE = "visit"
SORTABLE = {"id": Visit.id, "visited_at": Visit.visited_at}
# A phone's clock may run a little ahead of the server's.
CLOCK_SKEW = timedelta(minutes=10)


def _present(row: Any, files: list[Any]) -> dict[str, Any]:
    visit, org_name, user_name = row
    local = visit.visited_at.astimezone(clock.LOCAL_TZ)
    return {c.key: getattr(visit, c.key) for c in Visit.__table__.columns} | {
        "org_name": org_name,
        "user_name": user_name,
        "visited_on": local.date(),
        "quarter": str(Quarter.of_instant(visit.visited_at)),
        "attachments": files,
    }


def _with_files(session: Session, rows: list[Any]) -> list[dict[str, Any]]:
    files = attachment_repository.of_owners(session, OWNER_TYPE, [r[0].id for r in rows])
    by_owner: dict[int, list[Any]] = {}
    for f in files:
        by_owner.setdefault(f.owner_id or 0, []).append(f)
    return [_present(r, by_owner.get(r[0].id, [])) for r in rows]


def list_visits(session: Session, principal: Principal, params: PageParams, filters: VisitFilters) -> dict[str, Any]:
    stmt = repository.visits(scope(principal))
    path = root_path(session, principal, filters.root_id)
    if path is not None:
        stmt = stmt.where(within(Visit.org_path, [path]))
    if filters.contact_point_id is not None:
        stmt = stmt.where(Visit.contact_point_id == filters.contact_point_id)
    if filters.user_id is not None:
        stmt = stmt.where(Visit.user_id == filters.user_id)
    if filters.quarter is not None:
        utc_from, utc_to = Quarter.parse(filters.quarter).utc_bounds
        stmt = stmt.where(Visit.visited_at >= utc_from, Visit.visited_at < utc_to)
    rows, total = fetch_page(session, stmt, params, order_by(params, SORTABLE, "-visited_at", Visit.id), rows=True)
    return page_of(_with_files(session, rows), total, params)


def get_visit(session: Session, principal: Principal, visit_id: int) -> dict[str, Any]:
    row = repository.get_visit_row(session, scope(principal), visit_id)
    return _with_files(session, [row])[0]


def record_visit(session: Session, principal: Principal, body: VisitCreate) -> dict[str, Any]:
    contact_point: ContactPoint = repository.get_contact_point_row(session, scope(principal), body.contact_point_id)[0]
    if not may_visit(principal, contact_point):
        raise Forbidden("只有联系人本人可以记录走访")
    local = body.visited_at if body.visited_at.tzinfo else body.visited_at.replace(tzinfo=clock.LOCAL_TZ)
    visited_at = local.astimezone(UTC)
    visited_on = visited_at.astimezone(clock.LOCAL_TZ).date()
    if visited_at > clock.now() + CLOCK_SKEW:
        raise Unprocessable(fields=[{"loc": ["body", "visited_at"], "message": "走访时间不能晚于现在"}])
    last = contact_point.ended_on or visited_on
    if not contact_point.started_on <= visited_on <= last:
        raise Unprocessable(
            "走访日期须在联系期内", fields=[{"loc": ["body", "visited_at"], "message": "不在该联系点的联系期内"}]
        )
    visit = Visit(
        contact_point_id=contact_point.id,
        org_id=contact_point.org_id,
        user_id=principal.user_id,
        visited_at=visited_at,
        content=body.content,
        attendees=body.attendees,
        problems_found=body.problems_found,
    )
    visit.org_path = contact_point.org_path
    session.add(visit)
    session.flush()
    if body.attachment_ids:
        attachments.bind(
            session, principal, body.attachment_ids, owner_type=OWNER_TYPE, owner_id=visit.id, org_id=visit.org_id
        )
    session.flush()
    return get_visit(session, principal, visit.id)


def _read_visit_owner(session: Session, principal: Principal, visit_id: int) -> object:
    """Evidence of a visit is readable exactly by those who can read the visit."""
    return repository.get_visit_row(session, scope(principal), visit_id)


register_owner(OWNER_TYPE, _read_visit_owner)
