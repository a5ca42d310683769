"""Public objections (异议) during the announcement window, and the organizer's decision on each.

Anyone may object without logging in, rate-limited per client address: at most 5 objections an hour on one case
and 20 an hour overall. The limiter counts the objections themselves, so every API process sees the same state.
An upheld objection withdraws the case; a dismissed one lets it be published."""

from __future__ import annotations

import math
from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from app.accounts.service import mask_phone
from app.audit.recorder import mark
from app.authz.permissions import Permission
from app.authz.principal import Principal, authorize
from app.cases import repository
from app.cases.schemas import ObjectionIn, ResolveBody
from app.cases.service import KIND
from app.cases.workflow import CASE
from app.core import clock
from app.core.enums import CaseStatus, ObjectionStatus
from app.core.errors import Conflict, InvalidTransition, NotFound, TooManyRequests
from app.kit.etag import check_version
from app.kit.pagination import PageParams, page_of
from app.models.cases import Case, CaseObjection, CaseRound
from app.tracking import service as tracking

PER_CASE_PER_HOUR = 5
PER_ADDRESS_PER_HOUR = 20
WINDOW = timedelta(hours=1)


def _throttle(session: Session, client_ip: str, case_id: int) -> None:
    now = clock.now()
    since = now - WINDOW
    for limit, times in (
        (PER_CASE_PER_HOUR, repository.recent_objections(session, client_ip, since, case_id)),
        (PER_ADDRESS_PER_HOUR, repository.recent_objections(session, client_ip, since)),
    ):
        if len(times) >= limit:
            retry = max(1, math.ceil((times[len(times) - limit] + WINDOW - now).total_seconds()))
            raise TooManyRequests(
                f"提交过于频繁，请 {math.ceil(retry / 60)} 分钟后再试", headers={"Retry-After": str(retry)}
            )


def file(session: Session, round_id: int, case_id: int, body: ObjectionIn, client_ip: str | None) -> dict[str, Any]:
    case = repository.get_case(session, case_id)
    round_ = session.get(CaseRound, round_id)
    if case is None or round_ is None or case.round_id != round_id or case.status not in repository.ANNOUNCED:
        raise NotFound()
    now = clock.now()
    start, end = round_.announce_from, round_.announce_until
    if case.status != CaseStatus.announced or start is None or end is None or not start <= now < end:
        raise Conflict("公示期已结束，不再受理异议", code="announcement_closed")
    address = client_ip or "unknown"
    repository.lock_client(session, address)
    _throttle(session, address, case.id)
    objection = CaseObjection(
        case_id=case.id,
        org_id=case.org_id,
        name=body.name,
        contact=body.contact,
        reason=body.reason,
        client_ip=address,
        status=ObjectionStatus.pending,
    )
    session.add(objection)
    session.flush()
    return {
        "id": objection.id,
        "case_id": case.id,
        "status": objection.status,
        "created_at": objection.created_at,
        "message": "异议已受理，征集单位将在核实后处理",
    }


def _managed_case(session: Session, principal: Principal, case_id: int) -> Case:
    case: Case = tracking.get_item(session, principal, KIND, case_id)
    assert case.issuer_org_path is not None
    authorize(principal, Permission.case_round_manage, case.issuer_org_path)
    return case


def _present(principal: Principal, objection: CaseObjection) -> dict[str, Any]:
    data = {c.key: getattr(objection, c.key) for c in CaseObjection.__table__.columns}
    if not principal.can(Permission.personal_data_read, objection.org_path):
        data["contact"] = _mask(objection.contact)
    return data


def _mask(contact: str | None) -> str | None:
    if not contact:
        return contact
    if "@" in contact:
        user, _, domain = contact.partition("@")
        return f"{user[:1]}***@{domain}"
    return mask_phone(contact)


def list_objections(session: Session, principal: Principal, case_id: int, params: PageParams) -> dict[str, Any]:
    """Only the round's organizers read objections: the objector's identity stays away from the case's org."""
    case = _managed_case(session, principal, case_id)
    rows = repository.objections(session, case.id)
    page = rows[params.offset : params.offset + params.page_size]
    return page_of([_present(principal, o) for o in page], len(rows), params)


def resolve(
    session: Session,
    principal: Principal,
    case_id: int,
    objection_id: int,
    decision: str,
    body: ResolveBody,
    expected_version: int | None,
) -> dict[str, Any]:
    case = _managed_case(session, principal, case_id)
    objection = repository.get_objection(session, case.id, objection_id)
    check_version(objection.version, expected_version)
    if objection.status != ObjectionStatus.pending:
        raise InvalidTransition("该异议已处理")
    mark(session, objection, decision)
    objection.status = ObjectionStatus(decision)
    objection.resolution, objection.resolved_by_id, objection.resolved_at = body.note, principal.user_id, clock.now()
    if decision == ObjectionStatus.upheld and case.status != CaseStatus.withdrawn:  # one upheld objection suffices
        before = case.status
        transition = CASE.apply(session, principal, case, "withdraw")
        tracking.record_transition(session, principal, case, transition, before, note=f"异议成立：{body.note}")
    session.flush()
    return _present(principal, objection)
