from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from app.authz.permissions import Permission
from app.contacts import service, visits
from app.contacts.quarters import PATTERN
from app.contacts.schemas import (
    ComplianceRow,
    ContactPointCreate,
    ContactPointEnd,
    ContactPointFilters,
    ContactPointRead,
    VisitCreate,
    VisitFilters,
    VisitRead,
)
from app.kit.caller import Caller, requires
from app.kit.params import IfMatch, Paging
from app.kit.schemas import IdPath, IdQuery, Page

contact_points = APIRouter(prefix="/contact-points", tags=["contact-points"])
visits_router = APIRouter(prefix="/visits", tags=["visits"])

# Setting up and ending a contact point is open to readers at the route: the service lets organizers and admins
# over the host org act for anyone, and a secretary for themself (contact_point_manage or visit_record).
Reader = Annotated[Caller, requires(Permission.contact_point_read)]
Visitor = Annotated[Caller, requires(Permission.visit_record)]
QuarterQuery = Annotated[str | None, Query(pattern=PATTERN, description="如 2026-Q4，默认本季度（北京时间）")]
RootQuery = Annotated[IdQuery, Query(description="该组织及其下级的联系点")]


@contact_points.get("", response_model=Page[ContactPointRead], summary="书记联系点")
async def list_contact_points(
    call: Reader,
    paging: Paging,
    root_id: RootQuery = None,
    user_id: IdQuery = None,
    host_org_id: IdQuery = None,
    active: bool | None = None,
) -> Response:
    return await call(service.list_contact_points, paging, ContactPointFilters(root_id, user_id, host_org_id, active))


@contact_points.post("", response_model=ContactPointRead, status_code=201, summary="设立书记联系点")
async def create_contact_point(body: ContactPointCreate, call: Reader) -> Response:
    return await call(service.create_contact_point, body)


@contact_points.get("/compliance", response_model=Page[ComplianceRow], summary="季度走访达标情况（每季度不少于 N 次）")
async def compliance(
    call: Reader,
    paging: Paging,
    quarter: QuarterQuery = None,
    root_id: RootQuery = None,
    user_id: IdQuery = None,
    met: bool | None = None,
) -> Response:
    return await call(service.compliance, paging, quarter, root_id, user_id, met)


@contact_points.get("/shortfalls", response_model=Page[ComplianceRow], summary="本季度走访次数不足的联系点")
async def shortfalls(
    call: Reader, paging: Paging, quarter: QuarterQuery = None, root_id: RootQuery = None, user_id: IdQuery = None
) -> Response:
    return await call(service.shortfalls, paging, quarter, root_id, user_id)


@contact_points.get("/{contact_point_id}", response_model=ContactPointRead, summary="书记联系点详情")
async def get_contact_point(contact_point_id: IdPath, call: Reader) -> Response:
    return await call(service.get_contact_point, contact_point_id)


@contact_points.post("/{contact_point_id}/end", response_model=ContactPointRead, summary="结束联系")
async def end_contact_point(
    contact_point_id: IdPath, body: ContactPointEnd, call: Reader, if_match: IfMatch
) -> Response:
    return await call(service.end_contact_point, contact_point_id, body, if_match)


@visits_router.get("", response_model=Page[VisitRead], summary="联系点走访记录")
async def list_visits(
    call: Reader,
    paging: Paging,
    contact_point_id: IdQuery = None,
    root_id: RootQuery = None,
    user_id: IdQuery = None,
    quarter: Annotated[str | None, Query(pattern=PATTERN, description="如 2026-Q4")] = None,
) -> Response:
    return await call(visits.list_visits, paging, VisitFilters(contact_point_id, root_id, user_id, quarter))


@visits_router.post("", response_model=VisitRead, status_code=201, summary="记录走访（联系人本人）")
async def record_visit(body: VisitCreate, call: Visitor) -> Response:
    return await call(visits.record_visit, body)


@visits_router.get("/{visit_id}", response_model=VisitRead, summary="走访详情")
async def get_visit(visit_id: IdPath, call: Reader) -> Response:
    return await call(visits.get_visit, visit_id)
