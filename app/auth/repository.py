from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from app.core import clock
from app.models.auth import AuthSession, LoginFailure, RefreshToken
from app.models.orgs import Org


def count_failures(session: Session, username_key: str, since: datetime) -> int:
    stmt = select(func.count()).where(LoginFailure.username == username_key, LoginFailure.occurred_at >= since)
    return int(session.scalar(stmt) or 0)


def add_failure(session: Session, username_key: str, client_ip: str | None) -> None:
    session.add(LoginFailure(username=username_key, occurred_at=clock.now(), client_ip=client_ip))


def purge_failures(session: Session, before: datetime) -> None:
    session.execute(delete(LoginFailure).where(LoginFailure.occurred_at < before))


def claim_refresh_token(session: Session, jti: str, session_id: str) -> bool:
    """Mark the token used, atomically: of two concurrent refreshes with one token, exactly one wins."""
    result = session.execute(
        update(RefreshToken)
        .where(RefreshToken.jti == jti, RefreshToken.session_id == session_id, RefreshToken.used_at.is_(None))
        .values(used_at=clock.now())
    )
    return bool(getattr(result, "rowcount", 0))


def refresh_token_exists(session: Session, jti: str) -> bool:
    return session.get(RefreshToken, jti) is not None


def get_session(session: Session, session_id: str) -> AuthSession | None:
    return session.get(AuthSession, session_id)


def revoke_session(session: Session, session_id: str, reason: str) -> None:
    session.execute(
        update(AuthSession)
        .where(AuthSession.id == session_id, AuthSession.revoked_at.is_(None))
        .values(revoked_at=clock.now(), revoked_reason=reason)
    )


def org_names(session: Session, org_ids: set[int]) -> dict[int, str]:
    if not org_ids:
        return {}
    return dict(session.execute(select(Org.id, Org.name).where(Org.id.in_(org_ids))).all())
