from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, delete, exists, func, insert, or_, select, text
from sqlalchemy.orm import InstrumentedAttribute, Session

from app.authz.permissions import Permission
from app.authz.principal import Principal
from app.authz.scope import within
from app.core.enums import CaseStatus, ScoringStatus, ScoringSubjectType
from app.core.errors import NotFound
from app.kit.pagination import AnySelect
from app.models.cases import Case, CaseFeedback, CaseObjection, CaseRound, CaseTag, CaseVerification
from app.models.orgs import Org
from app.models.scoring import ScoringScorer, ScoringSession, ScoringSubject
from app.scoring.repository import ancestors_or_self
from app.scoring.subjects import SubjectInfo
from app.tracking.repository import kind_within


def reach(column: InstrumentedAttribute[Any], paths: Sequence[str]) -> ColumnElement[bool]:
    """Rows of an org within the caller's scope or above it: a call for cases (and the library it fills) is
    addressed to the whole subtree of the org that runs it."""
    above = sorted({a for p in paths for a in ancestors_or_self(p)})
    return or_(column.in_(above), within(column, paths))


# Rounds -----------------------------------------------------------------------------------------------------


def rounds(principal: Principal) -> AnySelect:
    return (
        select(CaseRound, Org.name.label("org_name"))
        .join(Org, Org.id == CaseRound.org_id)
        .where(reach(CaseRound.org_path, principal.scope_paths(Permission.case_read)))
    )


def get_round_row(session: Session, principal: Principal, round_id: int) -> Any:
    row = session.execute(rounds(principal).where(CaseRound.id == round_id)).one_or_none()
    if row is None:
        raise NotFound()
    return row


def round_counts(session: Session, round_ids: Iterable[int]) -> dict[int, dict[str, int]]:
    ids = list(round_ids)
    if not ids:
        return {}
    rows = session.execute(
        select(Case.round_id, Case.status, func.count())
        .where(Case.round_id.in_(ids))
        .group_by(Case.round_id, Case.status)
    )
    counts: dict[int, dict[str, int]] = {}
    for round_id, status, n in rows:
        counts.setdefault(int(round_id), {})[status] = int(n)
    return counts


def round_of_session(session: Session, session_id: int) -> CaseRound | None:
    return session.scalar(select(CaseRound).where(CaseRound.session_id == session_id))


# Cases ------------------------------------------------------------------------------------------------------


def _with_names(stmt: AnySelect) -> AnySelect:
    return stmt.join(Org, Org.id == Case.org_id).join(CaseRound, CaseRound.id == Case.round_id)


def cases(principal: Principal) -> AnySelect:
    stmt = select(Case, Org.name.label("org_name"), CaseRound.title.label("round_title"))
    return _with_names(stmt).where(kind_within(Case, principal.scope_paths(Permission.case_read)))


def get_case_row(session: Session, principal: Principal, case_id: int) -> Any:
    row = session.execute(cases(principal).where(Case.id == case_id)).one_or_none()
    if row is None:
        raise NotFound()
    return row


def search(stmt: AnySelect, *, round_id: int | None, status: str | None, domain: str | None, channel: str | None,
           q: str | None, root_path: str | None) -> AnySelect:  # fmt: skip
    if root_path is not None:
        stmt = stmt.where(within(Case.org_path, [root_path]))
    for column, value in ((Case.round_id, round_id), (Case.status, status), (Case.domain, domain)):
        if value is not None:
            stmt = stmt.where(column == value)
    if channel is not None:
        stmt = stmt.where(Case.channel == channel)
    if q:
        stmt = stmt.where(or_(Case.title.contains(q, autoescape=True), Case.summary.contains(q, autoescape=True)))
    return stmt


def of_round(session: Session, round_id: int, statuses: Iterable[str]) -> list[Case]:
    stmt = select(Case).where(Case.round_id == round_id, Case.status.in_(list(statuses))).order_by(Case.id)
    return list(session.scalars(stmt))


def get_case(session: Session, case_id: int) -> Case | None:
    return session.get(Case, case_id)


def verifications(session: Session, case_id: int) -> list[CaseVerification]:
    stmt = select(CaseVerification).where(CaseVerification.case_id == case_id).order_by(CaseVerification.id)
    return list(session.scalars(stmt))


def set_tags(session: Session, case_id: int, tags: Sequence[str]) -> None:
    session.execute(delete(CaseTag).where(CaseTag.case_id == case_id))
    if tags:
        session.execute(insert(CaseTag), [{"case_id": case_id, "tag": t} for t in tags])


def scored_by(session: Session, case_id: int, user_id: int) -> list[ScoringSession]:
    """Case-review sessions, past drafting, in which the user scores this case."""
    stmt = (
        select(ScoringSession)
        .join(ScoringScorer, ScoringScorer.session_id == ScoringSession.id)
        .join(ScoringSubject, ScoringSubject.session_id == ScoringSession.id)
        .where(
            ScoringScorer.user_id == user_id,
            ScoringSubject.subject_id == case_id,
            ScoringSession.subject_type == ScoringSubjectType.case,
            ScoringSession.status != ScoringStatus.draft,
        )
    )
    return list(session.scalars(stmt))


# The case as a scoring subject ------------------------------------------------------------------------------


def _subjects(ids: Sequence[int]) -> AnySelect:
    return (
        select(Case.id, Case.title, Case.org_id, Org.name, Org.path)
        .join(Org, Org.id == Case.org_id)
        .where(Case.id.in_(list(ids)))
    )


def describe(session: Session, ids: Sequence[int]) -> dict[int, SubjectInfo]:
    return {int(r[0]): SubjectInfo(int(r[0]), r[1], int(r[2]), r[3], r[4]) for r in session.execute(_subjects(ids))}


def candidates(
    session: Session, principal: Principal, ids: Sequence[int], root: str, statuses: Iterable[str]
) -> dict[int, SubjectInfo]:
    stmt = _subjects(ids).where(
        kind_within(Case, principal.scope_paths(Permission.case_read)),
        within(Case.org_path, [root]),
        Case.status.in_(list(statuses)),
    )
    return {int(r[0]): SubjectInfo(int(r[0]), r[1], int(r[2]), r[3], r[4]) for r in session.execute(stmt)}


def contents(session: Session, ids: Sequence[int]) -> list[Any]:
    stmt = select(Case.id, Case.summary, Case.body, Case.domain).where(Case.id.in_(list(ids)))
    return list(session.execute(stmt))


# Library and feedback ---------------------------------------------------------------------------------------


def library(principal: Principal) -> AnySelect:
    stmt = select(Case, Org.name.label("org_name"), CaseRound.title.label("round_title"), CaseRound.year)
    paths = principal.scope_paths(Permission.case_read)
    return _with_names(stmt).where(
        Case.status == CaseStatus.published, or_(reach(Case.issuer_org_path, paths), within(Case.org_path, paths))
    )


def library_search(
    stmt: AnySelect, q: str | None, domain: str | None, year: int | None, tags: Sequence[str]
) -> AnySelect:
    if q:
        stmt = stmt.where(
            or_(
                Case.title.contains(q, autoescape=True),
                Case.summary.contains(q, autoescape=True),
                Case.body.contains(q, autoescape=True),
            )
        )
    if domain:
        stmt = stmt.where(Case.domain == domain)
    if year is not None:
        stmt = stmt.where(CaseRound.year == year)
    for tag in tags:
        stmt = stmt.where(exists().where(CaseTag.case_id == Case.id, CaseTag.tag == tag))
    return stmt


def get_library_row(session: Session, principal: Principal, case_id: int) -> Any:
    row = session.execute(library(principal).where(Case.id == case_id)).one_or_none()
    if row is None:
        raise NotFound()
    return row


def feedback_counts(session: Session, case_ids: Iterable[int]) -> dict[int, int]:
    ids = list(case_ids)
    if not ids:
        return {}
    rows = session.execute(
        select(CaseFeedback.case_id, func.count()).where(CaseFeedback.case_id.in_(ids)).group_by(CaseFeedback.case_id)
    )
    return {int(i): int(n) for i, n in rows}


def feedback(principal: Principal) -> AnySelect:
    return (
        select(CaseFeedback, Org.name.label("org_name"), Case.title.label("case_title"))
        .join(Org, Org.id == CaseFeedback.org_id)
        .join(Case, Case.id == CaseFeedback.case_id)
        .where(within(CaseFeedback.org_path, principal.scope_paths(Permission.case_read)))
    )


def feedback_under(stmt: AnySelect, root_path: str) -> AnySelect:
    return stmt.where(within(CaseFeedback.org_path, [root_path]))


def get_feedback_row(session: Session, feedback_id: int) -> Any:
    stmt = (
        select(CaseFeedback, Org.name.label("org_name"), Case.title.label("case_title"))
        .join(Org, Org.id == CaseFeedback.org_id)
        .join(Case, Case.id == CaseFeedback.case_id)
        .where(CaseFeedback.id == feedback_id)
    )
    return session.execute(stmt).one()


# Objections -------------------------------------------------------------------------------------------------


def objections(session: Session, case_id: int) -> list[CaseObjection]:
    stmt = select(CaseObjection).where(CaseObjection.case_id == case_id).order_by(CaseObjection.id)
    return list(session.scalars(stmt))


def get_objection(session: Session, case_id: int, objection_id: int) -> CaseObjection:
    found = session.scalar(
        select(CaseObjection).where(CaseObjection.id == objection_id, CaseObjection.case_id == case_id)
    )
    if found is None:
        raise NotFound()
    return found


def pending_objections(session: Session, case_ids: Iterable[int]) -> set[int]:
    ids = list(case_ids)
    if not ids:
        return set()
    stmt = select(CaseObjection.case_id).where(CaseObjection.case_id.in_(ids), CaseObjection.status == "pending")
    return set(session.scalars(stmt))


def lock_client(session: Session, client_ip: str) -> None:
    """Serialize one address's objections so that concurrent requests from several API processes count each
    other (SQLite write transactions are serialized already)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"), {"key": f"objection:{client_ip}"}
        )


def recent_objections(session: Session, client_ip: str, since: datetime, case_id: int | None = None) -> list[datetime]:
    """When this address filed objections within the hour before now (after `since`), oldest first."""
    stmt = select(CaseObjection.created_at).where(
        CaseObjection.client_ip == client_ip, CaseObjection.created_at > since
    )
    if case_id is not None:
        stmt = stmt.where(CaseObjection.case_id == case_id)
    return list(session.scalars(stmt.order_by(CaseObjection.created_at)))


# Public announcement ----------------------------------------------------------------------------------------

ANNOUNCED = (CaseStatus.announced, CaseStatus.published, CaseStatus.withdrawn)


def announced_rounds() -> AnySelect:
    return (
        select(CaseRound, Org.name.label("org_name"))
        .join(Org, Org.id == CaseRound.org_id)
        .where(CaseRound.announce_from.is_not(None))
    )


def announced_round(session: Session, round_id: int) -> Any:
    row = session.execute(announced_rounds().where(CaseRound.id == round_id)).one_or_none()
    if row is None:
        raise NotFound()
    return row


def announced_cases(session: Session, round_ids: Sequence[int]) -> list[Any]:
    stmt = (
        select(Case, Org.name.label("org_name"))
        .join(Org, Org.id == Case.org_id)
        .where(Case.round_id.in_(list(round_ids)), Case.status.in_(ANNOUNCED))
        .order_by(Case.rank.is_(None), Case.rank, Case.id)
    )
    return list(session.execute(stmt))
