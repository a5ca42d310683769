from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import delete, func, insert, or_, select, text
from sqlalchemy.orm import Session

from app.authz.permissions import ROLE_PERMISSIONS, Permission
from app.authz.principal import Principal
from app.authz.scope import within
from app.core.enums import OrgStatus, ScoringStatus
from app.core.errors import NotFound
from app.kit.pagination import AnySelect
from app.models.accounts import RoleAssignment, User
from app.models.orgs import Org
from app.models.scoring import Score, ScoringConflict, ScoringScorer, ScoringSession, ScoringSubject
from app.models.tracking import TrackedItem
from app.scoring.subjects import SubjectInfo

SCORER_ROLES = [role for role, perms in ROLE_PERMISSIONS.items() if Permission.score_submit in perms]


def ancestors_or_self(path: str) -> list[str]:
    """ "/1/5/23/" -> ["/1/", "/1/5/", "/1/5/23/"]."""
    parts = path.strip("/").split("/")
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


# Sessions --------------------------------------------------------------------------------------------------


def sessions(principal: Principal) -> AnySelect:
    return (
        select(ScoringSession, Org.name.label("org_name"))
        .join(Org, Org.id == ScoringSession.org_id)
        .where(within(ScoringSession.org_path, principal.scope_paths(Permission.scoring_read)))
    )


def in_subtree(stmt: AnySelect, root_path: str) -> AnySelect:
    return stmt.where(within(ScoringSession.org_path, [root_path]))


def get_row(session: Session, principal: Principal, session_id: int) -> Any:
    row = session.execute(sessions(principal).where(ScoringSession.id == session_id)).one_or_none()
    if row is None:
        raise NotFound()
    return row


def assigned(user_id: int) -> AnySelect:
    """Sessions the user scores in, once they are open (a draft is still being prepared)."""
    return (
        select(ScoringSession, Org.name.label("org_name"))
        .join(Org, Org.id == ScoringSession.org_id)
        .join(ScoringScorer, ScoringScorer.session_id == ScoringSession.id)
        .where(ScoringScorer.user_id == user_id, ScoringSession.status != ScoringStatus.draft)
    )


def get_assigned(session: Session, user_id: int, session_id: int) -> Any:
    row = session.execute(assigned(user_id).where(ScoringSession.id == session_id)).one_or_none()
    if row is None:
        raise NotFound()
    return row


def is_scorer(session: Session, session_id: int, user_id: int) -> bool:
    stmt = select(ScoringScorer.user_id).where(ScoringScorer.session_id == session_id, ScoringScorer.user_id == user_id)
    return session.scalar(stmt) is not None


def set_members(session: Session, session_id: int, subject_ids: Sequence[int], scorer_ids: Sequence[int]) -> None:
    session.execute(delete(ScoringSubject).where(ScoringSubject.session_id == session_id))
    session.execute(delete(ScoringScorer).where(ScoringScorer.session_id == session_id))
    if subject_ids:
        session.execute(insert(ScoringSubject), [{"session_id": session_id, "subject_id": s} for s in subject_ids])
    if scorer_ids:
        session.execute(insert(ScoringScorer), [{"session_id": session_id, "user_id": u} for u in scorer_ids])


def score_counts(session: Session, session_ids: Iterable[int]) -> dict[int, int]:
    ids = list(session_ids)
    if not ids:
        return {}
    rows = session.execute(
        select(Score.session_id, func.count()).where(Score.session_id.in_(ids)).group_by(Score.session_id)
    )
    return {int(i): int(n) for i, n in rows}


# Scorers ---------------------------------------------------------------------------------------------------


def eligible_scorers(session: Session, user_ids: Sequence[int], org_path: str) -> set[int]:
    """Active users holding a scoring role at the session's org, above it or below it (a county panel of judges
    serves the county's and the townships' sessions)."""
    if not user_ids:
        return set()
    stmt = (
        select(RoleAssignment.user_id)
        .join(User, User.id == RoleAssignment.user_id)
        .where(
            RoleAssignment.user_id.in_(list(user_ids)),
            RoleAssignment.role.in_(SCORER_ROLES),
            User.is_active.is_(True),
            or_(RoleAssignment.org_path.in_(ancestors_or_self(org_path)), within(RoleAssignment.org_path, [org_path])),
        )
    )
    return set(session.scalars(stmt))


def scorer_homes(session: Session, user_ids: Iterable[int]) -> dict[int, tuple[str, str, str]]:
    """user id -> (full name, home org path, home org name)."""
    ids = list(user_ids)
    if not ids:
        return {}
    rows = session.execute(
        select(User.id, User.full_name, Org.path, Org.name).join(Org, Org.id == User.org_id).where(User.id.in_(ids))
    )
    return {int(i): (name, path, org) for i, name, path, org in rows}


# Scores and declared conflicts -----------------------------------------------------------------------------


def scores(
    session: Session, session_id: int, *, scorer_id: int | None = None, subject_ids: Sequence[int] | None = None
) -> list[Score]:
    stmt = select(Score).where(Score.session_id == session_id)
    if scorer_id is not None:
        stmt = stmt.where(Score.scorer_id == scorer_id)
    if subject_ids is not None:
        stmt = stmt.where(Score.subject_id.in_(list(subject_ids)))
    return list(session.scalars(stmt.order_by(Score.subject_id, Score.scorer_id, Score.id)))


def find_score(session: Session, session_id: int, scorer_id: int, subject_id: int, criterion: str) -> Score | None:
    stmt = select(Score).where(
        Score.session_id == session_id,
        Score.scorer_id == scorer_id,
        Score.subject_id == subject_id,
        Score.criterion == criterion,
    )
    return session.scalar(stmt)


def lock_scorer(session: Session, session_id: int, scorer_id: int) -> None:
    """Serialize one scorer's submissions to one session, so that concurrent upserts of the same cell find each
    other's row. SQLite write transactions are already serialized (BEGIN IMMEDIATE)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"),
            {"key": f"score:{session_id}:{scorer_id}"},
        )


def declared_conflicts(session: Session, session_id: int, scorer_id: int | None = None) -> list[ScoringConflict]:
    stmt = select(ScoringConflict).where(ScoringConflict.session_id == session_id)
    if scorer_id is not None:
        stmt = stmt.where(ScoringConflict.scorer_id == scorer_id)
    return list(session.scalars(stmt.order_by(ScoringConflict.id)))


# Built-in subject types: orgs and projects -----------------------------------------------------------------


def describe_orgs(session: Session, ids: Sequence[int]) -> dict[int, SubjectInfo]:
    rows = session.execute(select(Org.id, Org.name, Org.path).where(Org.id.in_(list(ids))))
    return {int(i): SubjectInfo(int(i), name, int(i), name, path) for i, name, path in rows}


def candidate_orgs(session: Session, principal: Principal, ids: Sequence[int], root: str) -> dict[int, SubjectInfo]:
    stmt = select(Org.id, Org.name, Org.path).where(
        Org.id.in_(list(ids)),
        Org.status == OrgStatus.active,
        within(Org.path, principal.scope_paths(Permission.org_read)),
        within(Org.path, [root]),
    )
    return {int(i): SubjectInfo(int(i), name, int(i), name, path) for i, name, path in session.execute(stmt)}


def _projects(ids: Sequence[int]) -> AnySelect:
    # Columns, not entities: the project model belongs to another domain and need not be loaded to be scored.
    return (
        select(TrackedItem.id, TrackedItem.title, TrackedItem.org_id, Org.name, Org.path)
        .join(Org, Org.id == TrackedItem.org_id)
        .where(TrackedItem.kind == "project", TrackedItem.id.in_(list(ids)))
    )


def describe_projects(session: Session, ids: Sequence[int]) -> dict[int, SubjectInfo]:
    return {int(r[0]): SubjectInfo(int(r[0]), r[1], int(r[2]), r[3], r[4]) for r in session.execute(_projects(ids))}


def candidate_projects(session: Session, principal: Principal, ids: Sequence[int], root: str) -> dict[int, SubjectInfo]:
    stmt = _projects(ids).where(
        within(TrackedItem.org_path, principal.scope_paths(Permission.project_read)),
        within(TrackedItem.org_path, [root]),
    )
    return {int(r[0]): SubjectInfo(int(r[0]), r[1], int(r[2]), r[3], r[4]) for r in session.execute(stmt)}
