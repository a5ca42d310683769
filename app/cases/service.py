"""Cases: submitted by an org into a round, verified on site by someone above it, reviewed by the round's scoring
session, selected, announced (公示) and published into the library (or withdrawn on an upheld objection)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from app.attachments import repository as attachment_repository
from app.attachments import service as attachments
from app.attachments.owners import register_owner
from app.authz.permissions import Permission
from app.authz.principal import Principal, authorize
from app.cases import repository
from app.cases.rounds import phase
from app.cases.schemas import CaseCreate, CaseFilters, CaseUpdate, VerifyBody
from app.cases.workflow import CASE, CASE_ACTIONS
from app.core import clock
from app.core.enums import CaseStatus, OrgStatus, RoundPhase, ScoringSubjectType
from app.core.errors import Conflict, Forbidden, InvalidTransition, NotFound, Unprocessable
from app.kit.etag import check_version
from app.kit.pagination import PageParams, fetch_page, order_by, page_of
from app.models.cases import Case, CaseRound, CaseVerification
from app.orgs import repository as org_repository
from app.scoring import panel as panels
from app.scoring import subjects
from app.scoring.subjects import SubjectInfo, SubjectType
from app.tracking import service as tracking
from app.tracking.kinds import Kind, register
from app.tracking.workflow import ISSUER, OWN_ORG

KIND = register(
    Kind(
        "case",
        Case,
        CASE,
        read=Permission.case_read,
        report=Permission.case_submit,
        label="案例",
        done_statuses=frozenset({CaseStatus.published}),
    )
)
OWNER_TYPE = "case"
SORTABLE = {
    "id": Case.id,
    "created_at": Case.created_at,
    "status": Case.status,
    "score": Case.score,
    "rank": Case.rank,
    "org_id": Case.org_id,
}
# A case can be scored once it has passed on-site verification.
REVIEWABLE = (
    CaseStatus.verified,
    CaseStatus.in_review,
    CaseStatus.selected,
    CaseStatus.not_selected,
    CaseStatus.announced,
    CaseStatus.published,
)


def present(principal: Principal, case: Case, org_name: str, round_title: str) -> dict[str, Any]:
    data = {c.key: getattr(case, c.key) for c in Case.__mapper__.column_attrs}
    actions = [a for a in CASE.allowed_actions(principal, case) if a in CASE_ACTIONS]
    return data | {"org_name": org_name, "round_title": round_title, "allowed_actions": actions}


def _detail(session: Session, principal: Principal, case_id: int) -> dict[str, Any]:
    case, org_name, round_title = repository.get_case_row(session, principal, case_id)
    round_ = session.get(CaseRound, case.round_id)
    assert round_ is not None
    return present(principal, case, org_name, round_title) | {
        "attachments": attachment_repository.of_owners(session, OWNER_TYPE, [case.id]),
        "verifications": repository.verifications(session, case.id),
        "announce_from": round_.announce_from if case.status in repository.ANNOUNCED else None,
        "announce_until": round_.announce_until if case.status in repository.ANNOUNCED else None,
    }


def list_cases(session: Session, principal: Principal, params: PageParams, filters: CaseFilters) -> dict[str, Any]:
    root_path = org_repository.get_readable(session, principal, filters.root_id).path if filters.root_id else None
    stmt = repository.search(
        repository.cases(principal),
        round_id=filters.round_id,
        status=filters.status,
        domain=filters.domain,
        channel=filters.channel,
        q=filters.q,
        root_path=root_path,
    )
    rows, total = fetch_page(session, stmt, params, order_by(params, SORTABLE, "-id", Case.id), rows=True)
    return page_of([present(principal, c, org, title) for c, org, title in rows], total, params)


def get_case(session: Session, principal: Principal, case_id: int) -> dict[str, Any]:
    return _detail(session, principal, case_id)


def _check_in_round(round_: CaseRound, domain: str | None, channel: str | None) -> None:
    errors = []
    if domain is not None and domain not in round_.domains:
        errors.append({"loc": ["body", "domain"], "message": f"可选领域：{'、'.join(round_.domains)}"})
    if channel is not None and channel not in round_.channels:
        errors.append({"loc": ["body", "channel"], "message": "本次征集未开放该渠道"})
    if errors:
        raise Unprocessable("不符合本次征集的要求", fields=errors)


def create(session: Session, principal: Principal, body: CaseCreate) -> dict[str, Any]:
    round_: CaseRound = repository.get_round_row(session, principal, body.round_id)[0]
    org = org_repository.get_readable(session, principal, body.org_id)
    authorize(principal, Permission.case_submit, org.path)
    if not org.path.startswith(round_.org_path) or org.path == round_.org_path:
        raise Unprocessable(
            "该组织不在本次征集范围内", fields=[{"loc": ["body", "org_id"], "message": "须为征集单位的下级组织"}]
        )
    if org.status != OrgStatus.active:
        raise Conflict("该组织已撤销", code="org_dissolved")
    if phase(round_) != RoundPhase.collecting:
        raise Conflict(f"不在征集时间内（{round_.submit_from} 至 {round_.submit_until}）", code="round_not_collecting")
    _check_in_round(round_, body.domain, body.channel)
    case = Case(
        round_id=round_.id,
        org_id=org.id,
        issuer_org_id=round_.org_id,
        issuer_org_path=round_.org_path,
        responsible_user_id=principal.user_id,
        status=CASE.initial,
        is_open=True,
        **body.model_dump(exclude={"round_id", "org_id", "attachment_ids"}),
    )
    case.org_path = org.path
    session.add(case)
    session.flush()
    repository.set_tags(session, case.id, body.tags)
    if body.attachment_ids:
        attachments.bind(
            session, principal, body.attachment_ids, owner_type=OWNER_TYPE, owner_id=case.id, org_id=org.id
        )
    return _detail(session, principal, case.id)


def update(
    session: Session, principal: Principal, case_id: int, body: CaseUpdate, expected_version: int | None
) -> dict[str, Any]:
    case: Case = tracking.get_item(session, principal, KIND, case_id)
    check_version(case.version, expected_version)
    changes = body.model_dump(exclude_unset=True)
    new_files = changes.pop("attachment_ids", [])
    content = ({"title", "domain", "summary", "body"} & changes.keys()) or new_files
    submitting_side = OWN_ORG(Permission.case_submit).allows(principal, case)
    organizer = ISSUER(Permission.case_round_manage).allows(principal, case)
    if content and not submitting_side:
        raise Forbidden("只有报送单位可以修改案例内容")
    if "tags" in changes and not (organizer or (submitting_side and case.status == CaseStatus.submitted)):
        raise Forbidden("案例核查后只有征集单位可以修改标签")
    if content and case.status != CaseStatus.submitted:
        raise InvalidTransition("案例核查后不能再修改内容")
    nulls = [f for f, v in changes.items() if v is None]
    if nulls:
        raise Unprocessable(fields=[{"loc": ["body", f], "message": "不能为空"} for f in nulls])
    round_ = session.get(CaseRound, case.round_id)
    assert round_ is not None
    _check_in_round(round_, changes.get("domain"), None)
    for field, value in changes.items():
        setattr(case, field, value)
    if "tags" in changes:
        repository.set_tags(session, case.id, changes["tags"])
    if new_files:
        attachments.bind(session, principal, new_files, owner_type=OWNER_TYPE, owner_id=case.id, org_id=case.org_id)
    session.flush()
    return _detail(session, principal, case.id)


def verify(
    session: Session, principal: Principal, case_id: int, action: str, body: VerifyBody, expected_version: int | None
) -> dict[str, Any]:
    """实地核查: `verify` when it passed, `reject` when it did not (the findings say why)."""
    case: Case = tracking.get_item(session, principal, KIND, case_id)
    check_version(case.version, expected_version)
    before = case.status
    transition = CASE.apply(session, principal, case, action)
    if body.visited_on > clock.today_local():
        raise Unprocessable(fields=[{"loc": ["body", "visited_on"], "message": "核查日期不能晚于今天"}])
    session.add(
        CaseVerification(
            case_id=case.id,
            org_id=case.org_id,
            passed=action == "verify",
            visited_on=body.visited_on,
            inspectors=body.inspectors,
            findings=body.findings,
            verifier_id=principal.user_id,
        )
    )
    tracking.record_transition(
        session, principal, case, transition, before, note=body.findings, attachment_ids=body.attachment_ids
    )
    session.flush()
    return _detail(session, principal, case.id)


def timeline(session: Session, principal: Principal, case_id: int) -> list[dict[str, Any]]:
    case: Case = tracking.get_item(session, principal, KIND, case_id)
    return tracking.timeline(session, case)


# Who may download a case's attachments --------------------------------------------------------------------


def _read_case_owner(session: Session, principal: Principal, case_id: int) -> object:
    """Readers of the case, readers of the library it is published in, and the scorers assigned to it (unless
    they must recuse themselves from it)."""
    try:
        return repository.get_case_row(session, principal, case_id)
    except NotFound:
        pass
    try:
        return repository.get_library_row(session, principal, case_id)
    except NotFound:
        pass
    for scoring in repository.scored_by(session, case_id, principal.user_id):
        panel = panels.load(session, scoring, scorer_id=principal.user_id, with_scores=False)
        if case_id in panel.subjects and panel.conflict(principal.user_id, case_id) is None:
            return scoring
    raise NotFound()


register_owner(OWNER_TYPE, _read_case_owner)


# The case as a scoring subject ----------------------------------------------------------------------------


def _candidates(session: Session, principal: Principal, ids: Sequence[int], root: str) -> dict[int, SubjectInfo]:
    return repository.candidates(session, principal, ids, root, REVIEWABLE)


def _content(session: Session, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    files: dict[int, list[Any]] = {}
    for f in attachment_repository.of_owners(session, OWNER_TYPE, ids):
        files.setdefault(f.owner_id or 0, []).append(f)
    return {
        int(cid): {"summary": summary, "body": body, "domain": domain, "attachments": files.get(cid, [])}
        for cid, summary, body, domain in repository.contents(session, ids)
    }


subjects.register(
    SubjectType(
        ScoringSubjectType.case,
        repository.describe,
        _candidates,
        _content,
        refusal="案例不存在、不在本单位范围内或尚未通过实地核查",
    )
)
