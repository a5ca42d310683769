"""Scoring sessions, the organizer's side: prepare (rubric, subjects, scorers), open, close, publish.

Any kind of scoring runs here; what differs is the subject type (app/scoring/subjects.py) and the purpose."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from app.authz.permissions import Permission
from app.authz.principal import Principal, authorize
from app.core.enums import ClassificationMode, ScoringPurpose, ScoringStatus, ScoringSubjectType
from app.core.errors import Conflict, InvalidTransition, Unprocessable
from app.kit.etag import check_version
from app.kit.pagination import PageParams, fetch_page, order_by, page_of
from app.models.scoring import ScoringSession
from app.orgs import repository as org_repository
from app.scoring import repository, subjects, workflow
from app.scoring.schemas import ClassificationIn, CriterionIn, SessionCreate, SessionUpdate
from app.scoring.subjects import SubjectType

SORTABLE = {"id": ScoringSession.id, "created_at": ScoringSession.created_at, "status": ScoringSession.status}
# 逐社观摩: the five aspects the seeds score communities on (党建基础 · 组织建设 · 党员管理 · 活动开展 · 工作保障).
OBSERVATION_RUBRIC = [
    CriterionIn(name=name, max_points=Decimal(20))
    for name in ("党建基础", "组织建设", "党员管理", "活动开展", "工作保障")
]
OBSERVATION_CLASSES = ClassificationIn(
    mode=ClassificationMode.shares, top_share=Decimal("0.2"), bottom_share=Decimal("0.1")
)

subjects.register(SubjectType(ScoringSubjectType.org, repository.describe_orgs, repository.candidate_orgs))
subjects.register(
    SubjectType(
        ScoringSubjectType.project,
        repository.describe_projects,
        repository.candidate_projects,
        refusal="书记项目不存在或不在本单位范围内",
    )
)


@dataclass(frozen=True)
class SessionFilters:
    root_id: int | None = None
    status: ScoringStatus | None = None
    purpose: ScoringPurpose | None = None
    subject_type: ScoringSubjectType | None = None


def _rubric_json(rubric: Sequence[CriterionIn]) -> list[dict[str, str]]:
    return [{"name": c.name, "max_points": str(c.max_points), "weight": str(c.weight)} for c in rubric]


def _classification_json(value: ClassificationIn | None) -> dict[str, str] | None:
    if value is None:
        return None
    return {k: str(v) for k, v in value.model_dump(exclude_none=True).items()}


def present(scoring: ScoringSession, org_name: str, principal: Principal, score_count: int) -> dict[str, Any]:
    data = {c.key: getattr(scoring, c.key) for c in ScoringSession.__table__.columns}
    manage = principal.can(Permission.scoring_manage, scoring.org_path)
    return data | {
        "org_name": org_name,
        "score_count": score_count,
        "allowed_actions": workflow.allowed(scoring.status) if manage else [],
    }


def _detail(session: Session, principal: Principal, scoring_id: int) -> dict[str, Any]:
    scoring, org_name = repository.get_row(session, principal, scoring_id)
    return present(scoring, org_name, principal, repository.score_counts(session, [scoring.id]).get(scoring.id, 0))


def list_sessions(
    session: Session, principal: Principal, params: PageParams, filters: SessionFilters
) -> dict[str, Any]:
    stmt = repository.sessions(principal)
    if filters.root_id is not None:
        root = org_repository.get_readable(session, principal, filters.root_id)
        stmt = repository.in_subtree(stmt, root.path)
    for field in ("status", "purpose", "subject_type"):
        value = getattr(filters, field)
        if value is not None:
            stmt = stmt.where(getattr(ScoringSession, field) == value)
    rows, total = fetch_page(session, stmt, params, order_by(params, SORTABLE, "-id", ScoringSession.id), rows=True)
    counts = repository.score_counts(session, [s.id for s, _ in rows])
    return page_of([present(s, name, principal, counts.get(s.id, 0)) for s, name in rows], total, params)


def get_session(session: Session, principal: Principal, scoring_id: int) -> dict[str, Any]:
    return _detail(session, principal, scoring_id)


def check_subjects(
    session: Session, principal: Principal, subject_type: ScoringSubjectType, ids: Sequence[int], root_path: str
) -> None:
    if not ids:
        return
    kind = subjects.get(subject_type)
    found = kind.candidates(session, principal, ids, root_path)
    missing = [i for i in ids if i not in found]
    if missing:
        raise Unprocessable(
            kind.refusal,
            fields=[{"loc": ["body", "subject_ids"], "message": f"无效的评分对象：{', '.join(map(str, missing))}"}],
        )


def check_scorers(session: Session, ids: Sequence[int], root_path: str) -> None:
    eligible = repository.eligible_scorers(session, ids, root_path)
    missing = [i for i in ids if i not in eligible]
    if missing:
        raise Unprocessable(
            "评委须为本级、上级或下级党组织聘任的在职评审专家",
            fields=[{"loc": ["body", "scorer_ids"], "message": f"不是评审专家：{', '.join(map(str, missing))}"}],
        )


def create(session: Session, principal: Principal, body: SessionCreate) -> dict[str, Any]:
    org = org_repository.get_readable(session, principal, body.org_id)
    authorize(principal, Permission.scoring_manage, org.path)
    rubric = body.rubric or (OBSERVATION_RUBRIC if body.purpose == ScoringPurpose.observation else [])
    classification = body.classification
    if classification is None and body.purpose == ScoringPurpose.observation:
        classification = OBSERVATION_CLASSES
    check_subjects(session, principal, body.subject_type, body.subject_ids, org.path)
    check_scorers(session, body.scorer_ids, org.path)
    scoring = new_session(
        session,
        org_id=org.id,
        title=body.title,
        purpose=body.purpose,
        subject_type=body.subject_type,
        rubric=rubric,
        subject_ids=body.subject_ids,
        scorer_ids=body.scorer_ids,
        normalize=body.normalize,
        classification=classification,
    )
    return _detail(session, principal, scoring.id)


def new_session(
    session: Session,
    *,
    org_id: int,
    title: str,
    purpose: ScoringPurpose,
    subject_type: ScoringSubjectType,
    rubric: Sequence[CriterionIn],
    subject_ids: Sequence[int],
    scorer_ids: Sequence[int],
    normalize: bool,
    classification: ClassificationIn | None,
    subjects_fixed: bool = False,
) -> ScoringSession:
    """A draft session; callers have checked the subjects and scorers (case rounds create theirs here too)."""
    scoring = ScoringSession(
        org_id=org_id,
        title=title,
        purpose=purpose,
        subject_type=subject_type,
        rubric=_rubric_json(rubric),
        subject_ids=list(subject_ids),
        scorer_ids=list(scorer_ids),
        normalize=normalize,
        classification=_classification_json(classification),
        subjects_fixed=subjects_fixed,
        status=ScoringStatus.draft,
    )
    session.add(scoring)
    session.flush()
    repository.set_members(session, scoring.id, scoring.subject_ids, scoring.scorer_ids)
    return scoring


def _managed(session: Session, principal: Principal, scoring_id: int, expected_version: int | None) -> ScoringSession:
    scoring: ScoringSession = repository.get_row(session, principal, scoring_id)[0]
    authorize(principal, Permission.scoring_manage, scoring.org_path)
    check_version(scoring.version, expected_version)
    return scoring


def update(
    session: Session, principal: Principal, scoring_id: int, body: SessionUpdate, expected_version: int | None
) -> dict[str, Any]:
    scoring = _managed(session, principal, scoring_id, expected_version)
    if scoring.status != ScoringStatus.draft:
        raise InvalidTransition("评分开始后不能再修改评分方案")
    changes = body.model_dump(exclude_unset=True)
    nulls = [f for f, v in changes.items() if v is None and f != "classification"]
    if nulls:
        raise Unprocessable(fields=[{"loc": ["body", f], "message": "不能为空"} for f in nulls])
    if "subject_ids" in changes:
        if scoring.subjects_fixed:
            raise Conflict("评分对象由案例征集确定，不能在此修改", code="subjects_fixed")
        check_subjects(session, principal, scoring.subject_type, changes["subject_ids"], scoring.org_path)
        scoring.subject_ids = list(changes["subject_ids"])
    if "scorer_ids" in changes:
        check_scorers(session, changes["scorer_ids"], scoring.org_path)
        scoring.scorer_ids = list(changes["scorer_ids"])
    if "rubric" in changes:
        scoring.rubric = _rubric_json(body.rubric or [])
    if "classification" in changes:
        scoring.classification = _classification_json(body.classification)
    for field in ("title", "purpose", "normalize"):
        if field in changes:
            setattr(scoring, field, changes[field])
    if {"subject_ids", "scorer_ids"} & changes.keys():
        repository.set_members(session, scoring.id, scoring.subject_ids, scoring.scorer_ids)
    session.flush()
    return _detail(session, principal, scoring.id)


def transition(
    session: Session, principal: Principal, scoring_id: int, action: str, expected_version: int | None
) -> dict[str, Any]:
    scoring = _managed(session, principal, scoring_id, expected_version)
    if action == "open" and scoring.status == ScoringStatus.draft:
        missing = [
            label
            for label, ok in (
                ("评分指标", scoring.rubric),
                ("评分对象", scoring.subject_ids),
                ("评委", scoring.scorer_ids),
            )
            if not ok
        ]
        if missing:
            raise Conflict(f"评分方案不完整：缺少{'、'.join(missing)}", code="session_incomplete")
    workflow.apply(session, scoring, action)
    session.flush()
    return _detail(session, principal, scoring.id)
