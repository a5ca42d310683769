"""Case rounds (优秀案例征集) and what the organizer does to a whole round: put the verified cases under review
(a scoring session), select from the session's ranking, announce (公示) and publish into the library."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from app.audit.recorder import mark
from app.authz.permissions import Permission
from app.authz.principal import Principal, authorize
from app.cases import repository
from app.cases.schemas import AnnounceBody, RoundCreate, RoundUpdate, SelectBody, StartReview
from app.cases.workflow import CASE
from app.core import clock
from app.core.enums import CaseStatus, RoundPhase, ScoringPurpose, ScoringStatus, ScoringSubjectType
from app.core.errors import Conflict, InvalidTransition, Unprocessable
from app.kit.etag import check_version
from app.kit.pagination import PageParams, fetch_page, order_by, page_of
from app.models.cases import Case, CaseRound
from app.models.scoring import ScoringSession
from app.orgs import repository as org_repository
from app.scoring import results
from app.scoring import service as scoring_service
from app.tracking import service as tracking

SORTABLE = {"id": CaseRound.id, "year": CaseRound.year, "submit_from": CaseRound.submit_from}
REVIEW_DONE = (ScoringStatus.closed, ScoringStatus.published)


@dataclass(frozen=True)
class RoundFilters:
    year: int | None = None
    org_id: int | None = None


def phase(round_: CaseRound) -> RoundPhase:
    today = clock.today_local()
    if today < round_.submit_from:
        return RoundPhase.upcoming
    return RoundPhase.collecting if today <= round_.submit_until else RoundPhase.closed


def _actions(session: Session, round_: CaseRound, counts: dict[str, int], principal: Principal) -> list[str]:
    if not principal.can(Permission.case_round_manage, round_.org_path):
        return []
    actions = []
    if round_.session_id is None and counts.get(CaseStatus.verified):
        actions.append("start_review")
    if round_.session_id is not None and counts.get(CaseStatus.in_review):
        scoring = session.get(ScoringSession, round_.session_id)
        if scoring is not None and scoring.status in REVIEW_DONE:
            actions.append("select")
    if counts.get(CaseStatus.selected) and round_.announce_from is None:
        actions.append("announce")
    if counts.get(CaseStatus.announced) and round_.announce_until and round_.announce_until <= clock.now():
        actions.append("publish")
    return actions


def present(
    session: Session, principal: Principal, round_: CaseRound, org_name: str, counts: dict[str, int]
) -> dict[str, Any]:
    data = {c.key: getattr(round_, c.key) for c in CaseRound.__table__.columns}
    return data | {
        "org_name": org_name,
        "phase": phase(round_),
        "counts": {s: counts.get(s, 0) for s in CaseStatus},
        "allowed_actions": _actions(session, round_, counts, principal),
    }


def _detail(session: Session, principal: Principal, round_id: int) -> dict[str, Any]:
    round_, org_name = repository.get_round_row(session, principal, round_id)
    counts = repository.round_counts(session, [round_.id]).get(round_.id, {})
    return present(session, principal, round_, org_name, counts)


def list_rounds(session: Session, principal: Principal, params: PageParams, filters: RoundFilters) -> dict[str, Any]:
    stmt = repository.rounds(principal)
    if filters.year is not None:
        stmt = stmt.where(CaseRound.year == filters.year)
    if filters.org_id is not None:
        stmt = stmt.where(CaseRound.org_id == filters.org_id)
    rows, total = fetch_page(session, stmt, params, order_by(params, SORTABLE, "-year", CaseRound.id), rows=True)
    counts = repository.round_counts(session, [r.id for r, _ in rows])
    return page_of([present(session, principal, r, n, counts.get(r.id, {})) for r, n in rows], total, params)


def get_round(session: Session, principal: Principal, round_id: int) -> dict[str, Any]:
    return _detail(session, principal, round_id)


def create(session: Session, principal: Principal, body: RoundCreate) -> dict[str, Any]:
    org = org_repository.get_readable(session, principal, body.org_id)
    authorize(principal, Permission.case_round_manage, org.path)
    round_ = CaseRound(org_id=org.id, **body.model_dump(exclude={"org_id"}))
    session.add(round_)
    session.flush()
    return _detail(session, principal, round_.id)


def _managed(session: Session, principal: Principal, round_id: int, expected_version: int | None) -> CaseRound:
    round_: CaseRound = repository.get_round_row(session, principal, round_id)[0]
    authorize(principal, Permission.case_round_manage, round_.org_path)
    check_version(round_.version, expected_version)
    return round_


def update(
    session: Session, principal: Principal, round_id: int, body: RoundUpdate, expected_version: int | None
) -> dict[str, Any]:
    round_ = _managed(session, principal, round_id, expected_version)
    changes = body.model_dump(exclude_unset=True)
    nulls = [f for f, v in changes.items() if v is None]
    if nulls:
        raise Unprocessable(fields=[{"loc": ["body", f], "message": "不能为空"} for f in nulls])
    for field, value in changes.items():
        setattr(round_, field, value)
    if round_.submit_until < round_.submit_from:
        raise Unprocessable(fields=[{"loc": ["body", "submit_until"], "message": "征集截止日期不能早于开始日期"}])
    session.flush()
    return _detail(session, principal, round_.id)


def _move(session: Session, principal: Principal, cases: list[Case], action: str, note: str = "") -> None:
    for case in cases:
        before = case.status
        transition = CASE.apply(session, principal, case, action)
        tracking.record_transition(session, principal, case, transition, before, note=note)


def start_review(
    session: Session, principal: Principal, round_id: int, body: StartReview, expected_version: int | None
) -> dict[str, Any]:
    round_ = _managed(session, principal, round_id, expected_version)
    authorize(principal, Permission.scoring_manage, round_.org_path)
    if round_.session_id is not None:
        raise InvalidTransition("本次征集的评审已经开始")
    verified = repository.of_round(session, round_.id, [CaseStatus.verified])
    if not verified:
        raise InvalidTransition("没有通过实地核查的案例，不能开始评审")
    scoring_service.check_scorers(session, body.scorer_ids, round_.org_path)
    scoring = scoring_service.new_session(
        session,
        org_id=round_.org_id,
        title=body.title or f"{round_.title} · 案例评审",
        purpose=ScoringPurpose.case_review,
        subject_type=ScoringSubjectType.case,
        rubric=body.rubric,
        subject_ids=[c.id for c in verified],
        scorer_ids=body.scorer_ids,
        normalize=body.normalize,
        classification=body.classification,
        subjects_fixed=True,
    )
    _move(session, principal, verified, "review", f"进入评审：{scoring.title}")
    mark(session, round_, "review_started")
    round_.session_id = scoring.id
    session.flush()
    return _detail(session, principal, round_.id)


def select(
    session: Session, principal: Principal, round_id: int, body: SelectBody, expected_version: int | None
) -> dict[str, Any]:
    """竞争择优: every case under review gets its total and rank; the top N (or those reaching the minimum) are
    selected, the others not."""
    round_ = _managed(session, principal, round_id, expected_version)
    scoring = session.get(ScoringSession, round_.session_id) if round_.session_id else None
    if scoring is None or scoring.status not in REVIEW_DONE:
        raise InvalidTransition("评审评分截止后才能确定入选案例")
    under_review = repository.of_round(session, round_.id, [CaseStatus.in_review])
    if not under_review:
        raise InvalidTransition("没有评审中的案例")
    _, outcome = results.compute(session, scoring)
    by_subject = outcome.by_subject()
    chosen, rest = [], []
    for case in under_review:
        result = by_subject.get(case.id)
        case.score = result.shown_total if result else None
        case.rank = result.rank if result else None
        if case.score is None or case.rank is None:
            rest.append(case)
        elif (body.top_n is not None and case.rank <= body.top_n) or (
            body.min_score is not None and case.score >= body.min_score
        ):
            chosen.append(case)
        else:
            rest.append(case)
    for case in chosen:
        _move(session, principal, [case], "select", f"总分 {case.score}，排名第 {case.rank} 名，入选")
    for case in rest:
        detail = f"总分 {case.score}，排名第 {case.rank} 名" if case.rank else "未获得完整评分"
        _move(session, principal, [case], "not_select", f"{detail}，未入选")
    mark(session, round_, "selected")
    round_.selection = {"top_n": body.top_n} if body.top_n is not None else {"min_score": str(body.min_score)}
    round_.selected_at = clock.now()
    session.flush()
    return _detail(session, principal, round_.id)


def announce(
    session: Session, principal: Principal, round_id: int, body: AnnounceBody, expected_version: int | None
) -> dict[str, Any]:
    """公示: the selected cases are announced publicly for `days` days; objections can be filed meanwhile."""
    round_ = _managed(session, principal, round_id, expected_version)
    if round_.announce_from is not None:
        raise InvalidTransition("本次征集已经公示")
    selected = repository.of_round(session, round_.id, [CaseStatus.selected])
    if not selected:
        raise InvalidTransition("没有入选的案例，不能公示")
    days = body.days or round_.announce_days
    now = clock.now()
    mark(session, round_, "announced")
    round_.announce_from, round_.announce_until = now, now + timedelta(days=days)
    _move(session, principal, selected, "announce", f"公示 {days} 天")
    session.flush()
    return _detail(session, principal, round_.id)


def publish(session: Session, principal: Principal, round_id: int, expected_version: int | None) -> dict[str, Any]:
    """After the window: every announced case without a pending objection goes into the library. Cases still
    awaiting a decision on an objection stay announced; run publish again once they are decided."""
    round_ = _managed(session, principal, round_id, expected_version)
    if round_.announce_until is None:
        raise InvalidTransition("本次征集尚未公示")
    now = clock.now()
    if now < round_.announce_until:
        raise Conflict("公示期未满，不能入库", code="announcement_open")
    announced = repository.of_round(session, round_.id, [CaseStatus.announced])
    pending = repository.pending_objections(session, [c.id for c in announced])
    ready = [c for c in announced if c.id not in pending]
    if not ready:
        raise InvalidTransition("没有可以入库的案例（异议尚未处理完毕）" if announced else "没有公示中的案例")
    mark(session, round_, "published")
    round_.published_at = now
    for case in ready:
        case.published_at = now
    _move(session, principal, ready, "publish", "公示期满无异议，入选优秀案例库")
    session.flush()
    return _detail(session, principal, round_.id)
