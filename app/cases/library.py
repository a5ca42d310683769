"""The case library (优秀案例库): published cases, searchable by text, domain, year and tags, readable in the whole
subtree of the org that ran their round; and the learning feedback (学习研讨反馈) orgs record against them."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.attachments import repository as attachment_repository
from app.authz.permissions import Permission
from app.authz.principal import Principal, authorize
from app.cases import repository
from app.cases.schemas import FeedbackCreate, LibraryFilters
from app.cases.service import OWNER_TYPE
from app.core import clock
from app.core.errors import Unprocessable
from app.kit.pagination import PageParams, fetch_page, order_by, page_of
from app.models.cases import Case, CaseFeedback
from app.orgs import repository as org_repository

SORTABLE = {"published_at": Case.published_at, "score": Case.score, "id": Case.id}
FEEDBACK_SORTABLE = {"id": CaseFeedback.id, "studied_on": CaseFeedback.studied_on}


def _row(case: Case, org_name: str, round_title: str, year: int, feedback: int) -> dict[str, Any]:
    data = {c.key: getattr(case, c.key) for c in Case.__mapper__.column_attrs}
    return data | {"org_name": org_name, "round_title": round_title, "year": year, "feedback_count": feedback}


def list_library(session: Session, principal: Principal, params: PageParams, filters: LibraryFilters) -> dict[str, Any]:
    stmt = repository.library_search(
        repository.library(principal), filters.q, filters.domain, filters.year, filters.tags
    )
    rows, total = fetch_page(session, stmt, params, order_by(params, SORTABLE, "-published_at", Case.id), rows=True)
    counts = repository.feedback_counts(session, [r[0].id for r in rows])
    return page_of([_row(c, org, title, year, counts.get(c.id, 0)) for c, org, title, year in rows], total, params)


def get_library_case(session: Session, principal: Principal, case_id: int) -> dict[str, Any]:
    case, org_name, round_title, year = repository.get_library_row(session, principal, case_id)
    count = repository.feedback_counts(session, [case.id]).get(case.id, 0)
    return _row(case, org_name, round_title, year, count) | {
        "attachments": attachment_repository.of_owners(session, OWNER_TYPE, [case.id])
    }


def _feedback(row: Any) -> dict[str, Any]:
    feedback, org_name, case_title = row
    data = {c.key: getattr(feedback, c.key) for c in CaseFeedback.__table__.columns}
    return data | {"org_name": org_name, "case_title": case_title}


def list_feedback(
    session: Session, principal: Principal, params: PageParams, case_id: int | None, root_id: int | None
) -> dict[str, Any]:
    stmt = repository.feedback(principal)
    if case_id is not None:
        stmt = stmt.where(CaseFeedback.case_id == case_id)
    if root_id is not None:
        root = org_repository.get_readable(session, principal, root_id)
        stmt = repository.feedback_under(stmt, root.path)
    ordering = order_by(params, FEEDBACK_SORTABLE, "-id", CaseFeedback.id)
    rows, total = fetch_page(session, stmt, params, ordering, rows=True)
    return page_of([_feedback(r) for r in rows], total, params)


def create_feedback(session: Session, principal: Principal, body: FeedbackCreate) -> dict[str, Any]:
    """An org records that it studied a library case (依托“三会一课”的案例学习研讨)."""
    case = repository.get_library_row(session, principal, body.case_id)[0]
    org = org_repository.get_readable(session, principal, body.org_id)
    authorize(principal, Permission.case_feedback, org.path)
    if body.studied_on > clock.today_local():
        raise Unprocessable(fields=[{"loc": ["body", "studied_on"], "message": "学习日期不能晚于今天"}])
    feedback = CaseFeedback(case_id=case.id, org_id=org.id, **body.model_dump(exclude={"case_id", "org_id"}))
    session.add(feedback)
    session.flush()
    return _feedback(repository.get_feedback_row(session, feedback.id))
