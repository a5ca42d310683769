"""书记联系点 rules: who is linked to what, who records visits, and the quarterly minimum (每季度不少于 N 次)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from app.audit.recorder import mark
from app.authz.permissions import Permission
from app.authz.principal import Principal
from app.authz.scope import within
from app.contacts import repository
from app.contacts.quarters import Quarter
from app.contacts.schemas import ContactPointCreate, ContactPointEnd, ContactPointFilters
from app.core import clock
from app.core.config import get_settings
from app.core.enums import ContactPointStatus, OrgStatus
from app.core.errors import Conflict, Forbidden, InvalidTransition, Unprocessable
from app.kit.etag import check_version
from app.kit.pagination import PageParams, fetch_page, order_by, page_of
from app.models.bulletins import ContactPoint
from app.orgs import repository as org_repository

SORTABLE = {
    "id": ContactPoint.id,
    "started_on": ContactPoint.started_on,
    "org_id": ContactPoint.org_id,
    "user_id": ContactPoint.user_id,
}


def scope(principal: Principal) -> tuple[str, ...]:
    return principal.scope_paths(Permission.contact_point_read)


def may_manage(principal: Principal, contact_point: ContactPoint) -> bool:
    """Organizers and admins over the host org manage anyone's contact points; a secretary manages their own."""
    return principal.can(Permission.contact_point_manage, contact_point.host_org_path) or (
        contact_point.user_id == principal.user_id
        and principal.can(Permission.visit_record, contact_point.host_org_path)
    )


def may_visit(principal: Principal, contact_point: ContactPoint) -> bool:
    """Only the linked person records visits, while still holding visit_record over the host org."""
    return contact_point.user_id == principal.user_id and principal.can(
        Permission.visit_record, contact_point.host_org_path
    )


def status_of(contact_point: ContactPoint) -> ContactPointStatus:
    return ContactPointStatus.active if contact_point.ended_on is None else ContactPointStatus.ended


def present(principal: Principal, row: Any) -> dict[str, Any]:
    cp, org_name, host_org_name, user_name = row[:4]
    actions = []
    if cp.ended_on is None and may_manage(principal, cp):
        actions.append("end")
    if cp.ended_on is None and may_visit(principal, cp):
        actions.append("visit")
    return {c.key: getattr(cp, c.key) for c in ContactPoint.__table__.columns} | {
        "org_name": org_name,
        "host_org_name": host_org_name,
        "user_name": user_name,
        "status": status_of(cp),
        "allowed_actions": actions,
    }


def root_path(session: Session, principal: Principal, root_id: int | None) -> str | None:
    return org_repository.get_readable(session, principal, root_id).path if root_id else None


def list_contact_points(
    session: Session, principal: Principal, params: PageParams, filters: ContactPointFilters
) -> dict[str, Any]:
    stmt = repository.contact_points(scope(principal))
    path = root_path(session, principal, filters.root_id)
    if path is not None:
        stmt = stmt.where(within(ContactPoint.org_path, [path]))
    if filters.user_id is not None:
        stmt = stmt.where(ContactPoint.user_id == filters.user_id)
    if filters.host_org_id is not None:
        stmt = stmt.where(ContactPoint.host_org_id == filters.host_org_id)
    if filters.active is not None:
        stmt = stmt.where(ContactPoint.ended_on.is_(None) if filters.active else ContactPoint.ended_on.is_not(None))
    rows, total = fetch_page(session, stmt, params, order_by(params, SORTABLE, "id", ContactPoint.id), rows=True)
    return page_of([present(principal, r) for r in rows], total, params)


def get_contact_point(session: Session, principal: Principal, contact_point_id: int) -> dict[str, Any]:
    return present(principal, repository.get_contact_point_row(session, scope(principal), contact_point_id))


def _host(session: Session, user_id: int, org_path: str) -> tuple[int, str]:
    """The deepest org above the contact org where the user is secretary."""
    posts = repository.secretary_posts(session, user_id)
    above = [(i, p) for i, p in posts if org_path.startswith(p) and org_path != p]
    if not above:
        raise Unprocessable(
            "联系人须为联系点上级党组织的书记",
            fields=[{"loc": ["body", "user_id"], "message": "不是该组织上级党组织的书记"}],
        )
    return max(above, key=lambda post: len(post[1]))


def create_contact_point(session: Session, principal: Principal, body: ContactPointCreate) -> dict[str, Any]:
    org = org_repository.get_readable(session, principal, body.org_id)
    if body.user_id != principal.user_id and not principal.can(Permission.contact_point_manage, org.path):
        raise Forbidden("只能为本人设立联系点，或由组织部门为书记设立")
    host_id, host_path = _host(session, body.user_id, org.path)
    contact_point = ContactPoint(
        user_id=body.user_id,
        org_id=org.id,
        host_org_id=host_id,
        host_org_path=host_path,
        started_on=body.started_on or clock.today_local(),
        note=body.note,
    )
    contact_point.org_path = org.path
    if not may_manage(principal, contact_point):
        raise Forbidden("只能为本人设立联系点，或由组织部门为书记设立")
    if org.status != OrgStatus.active:
        raise Conflict("该组织已撤销", code="org_dissolved")
    if contact_point.started_on > clock.today_local() + timedelta(days=366):
        raise Unprocessable(fields=[{"loc": ["body", "started_on"], "message": "开始日期过远"}])
    if repository.open_link_exists(session, body.user_id, org.id):
        raise Conflict("该书记已联系此党组织", code="contact_point_exists")
    session.add(contact_point)
    session.flush()
    return get_contact_point(session, principal, contact_point.id)


def end_contact_point(
    session: Session, principal: Principal, contact_point_id: int, body: ContactPointEnd, expected_version: int | None
) -> dict[str, Any]:
    contact_point: ContactPoint = repository.get_contact_point_row(session, scope(principal), contact_point_id)[0]
    check_version(contact_point.version, expected_version)
    if not may_manage(principal, contact_point):
        raise Forbidden("只有联系人本人或组织部门可以结束联系")
    if contact_point.ended_on is not None:
        raise InvalidTransition("该联系点已结束")
    ended_on = body.ended_on or clock.today_local()
    if not contact_point.started_on <= ended_on <= clock.today_local():
        raise Unprocessable(fields=[{"loc": ["body", "ended_on"], "message": "须在开始日期与今天之间"}])
    mark(session, contact_point, "ended")
    contact_point.ended_on = ended_on
    session.flush()
    return get_contact_point(session, principal, contact_point.id)


# Compliance: 每季度深入联系点不少于 N 次 --------------------------------------------------------------------------


def parse_quarter(text: str | None) -> Quarter:
    if text is None:
        return Quarter.current()
    quarter = Quarter.parse(text)
    if quarter.first_day > clock.today_local():
        raise Unprocessable(fields=[{"loc": ["query", "quarter"], "message": "不能查询以后的季度"}])
    return quarter


def visits_required() -> int:
    return get_settings().contact_visits_per_quarter


def compliance(
    session: Session,
    principal: Principal,
    params: PageParams,
    quarter_text: str | None,
    root_id: int | None,
    user_id: int | None,
    met: bool | None,
) -> dict[str, Any]:
    quarter = parse_quarter(quarter_text)
    utc_from, utc_to = quarter.utc_bounds
    stmt, visits_col, required_col = repository.compliance(
        scope(principal), quarter.first_day, quarter.last_day, utc_from, utc_to, visits_required()
    )
    path = root_path(session, principal, root_id)
    if path is not None:
        stmt = stmt.where(within(ContactPoint.org_path, [path]))
    if user_id is not None:
        stmt = stmt.where(ContactPoint.user_id == user_id)
    if met is not None:
        stmt = stmt.where((visits_col >= required_col) == met)
    ordering = order_by(params, SORTABLE, "user_id", ContactPoint.id)
    rows, total = fetch_page(session, stmt, params, ordering, rows=True)
    items = []
    for row in rows:
        cp, org_name, host_org_name, user_name, visits, required = row
        items.append(
            {
                "contact_point_id": cp.id,
                "user_id": cp.user_id,
                "user_name": user_name,
                "org_id": cp.org_id,
                "org_name": org_name,
                "host_org_id": cp.host_org_id,
                "host_org_name": host_org_name,
                "quarter": str(quarter),
                "visits": int(visits),
                "required": int(required),
                "met": int(visits) >= int(required),
                "shortfall": max(0, int(required) - int(visits)),
            }
        )
    return page_of(items, total, params)


def shortfalls(
    session: Session,
    principal: Principal,
    params: PageParams,
    quarter_text: str | None,
    root_id: int | None,
    user_id: int | None,
) -> dict[str, Any]:
    return compliance(session, principal, params, quarter_text, root_id, user_id, met=False)
