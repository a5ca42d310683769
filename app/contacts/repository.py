from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from app.authz.scope import within
from app.core.enums import Role
from app.core.errors import NotFound
from app.kit.pagination import AnySelect
from app.models.accounts import RoleAssignment, User
from app.models.bulletins import ContactPoint, Visit
from app.models.orgs import Org

_Host = aliased(Org, name="host_org")


def contact_points(scope_paths: Sequence[str]) -> AnySelect:
    return (
        select(ContactPoint, Org.name.label("org_name"), _Host.name.label("host_org_name"), User.full_name)
        .join(Org, Org.id == ContactPoint.org_id)
        .join(_Host, _Host.id == ContactPoint.host_org_id)
        .join(User, User.id == ContactPoint.user_id)
        .where(within(ContactPoint.org_path, scope_paths))
    )


def get_contact_point_row(session: Session, scope_paths: Sequence[str], contact_point_id: int) -> Any:
    row = session.execute(contact_points(scope_paths).where(ContactPoint.id == contact_point_id)).one_or_none()
    if row is None:
        raise NotFound()
    return row


def active_on(day: date) -> ColumnElement[bool]:
    return and_(ContactPoint.started_on <= day, or_(ContactPoint.ended_on.is_(None), ContactPoint.ended_on >= day))


def open_link_exists(session: Session, user_id: int, org_id: int) -> bool:
    stmt = select(ContactPoint.id).where(
        ContactPoint.user_id == user_id, ContactPoint.org_id == org_id, ContactPoint.ended_on.is_(None)
    )
    return session.scalar(stmt) is not None


def secretary_posts(session: Session, user_id: int) -> list[tuple[int, str]]:
    """(org id, org path) of every org where the user holds the secretary role, if the user is active."""
    stmt = (
        select(RoleAssignment.org_id, RoleAssignment.org_path)
        .join(User, User.id == RoleAssignment.user_id)
        .where(RoleAssignment.user_id == user_id, RoleAssignment.role == Role.secretary, User.is_active.is_(True))
    )
    return [(int(i), str(p)) for i, p in session.execute(stmt)]


def visits(scope_paths: Sequence[str]) -> AnySelect:
    return (
        select(Visit, Org.name.label("org_name"), User.full_name)
        .join(Org, Org.id == Visit.org_id)
        .join(User, User.id == Visit.user_id)
        .where(within(Visit.org_path, scope_paths))
    )


def get_visit_row(session: Session, scope_paths: Sequence[str], visit_id: int) -> Any:
    row = session.execute(visits(scope_paths).where(Visit.id == visit_id)).one_or_none()
    if row is None:
        raise NotFound()
    return row


def compliance(
    scope_paths: Sequence[str],
    first_day: date,
    last_day: date,
    utc_from: datetime,
    utc_to: datetime,
    required: int,
) -> tuple[AnySelect, Any, Any]:
    """Every contact point active at some time in the quarter, with its visits in the quarter and the visits
    required of it: `required` when it was active for the whole quarter, none for a partial quarter.
    Returns the statement and the visits / required columns (to filter and sort on)."""
    counted = (
        select(Visit.contact_point_id, func.count().label("n"))
        .where(Visit.visited_at >= utc_from, Visit.visited_at < utc_to)
        .group_by(Visit.contact_point_id)
        .subquery()
    )
    whole_quarter = and_(
        ContactPoint.started_on <= first_day,
        or_(ContactPoint.ended_on.is_(None), ContactPoint.ended_on >= last_day),
    )
    visits_col = func.coalesce(counted.c.n, 0)
    required_col = case((whole_quarter, required), else_=0)
    stmt = (
        contact_points(scope_paths)
        .add_columns(visits_col.label("visits"), required_col.label("required"))
        .outerjoin(counted, counted.c.contact_point_id == ContactPoint.id)
        .where(
            ContactPoint.started_on <= last_day,
            or_(ContactPoint.ended_on.is_(None), ContactPoint.ended_on >= first_day),
        )
    )
    return stmt, visits_col, required_col
