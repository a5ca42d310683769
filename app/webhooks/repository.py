from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select, update
from sqlalchemy.orm import Session

from app.authz.scope import within
from app.models.operations import WebhookDelivery, WebhookSubscription
from app.models.records import Event


def last_event_id(session: Session) -> int:
    return int(session.scalar(select(func.coalesce(func.max(Event.id), 0))) or 0)


def _type_filter(patterns: list[str]) -> ColumnElement[bool]:
    if "*" in patterns:
        return Event.id.is_not(None)
    clauses = [
        Event.type.startswith(p[:-1], autoescape=True) if p.endswith(".*") else Event.type == p for p in patterns
    ]
    return or_(*clauses)


def next_event(session: Session, subscription: WebhookSubscription) -> Event | None:
    stmt: Select[Event] = (
        select(Event)
        .where(
            Event.id > subscription.cursor,
            within(Event.org_path, [subscription.org_path]),
            _type_filter(subscription.event_types),
        )
        .order_by(Event.id)
        .limit(1)
    )
    return session.scalar(stmt)


def due_ids(session: Session, now: datetime) -> list[int]:
    stmt = (
        select(WebhookSubscription.id)
        .where(
            WebhookSubscription.is_active.is_(True),
            or_(WebhookSubscription.next_attempt_at.is_(None), WebhookSubscription.next_attempt_at <= now),
        )
        .order_by(WebhookSubscription.id)
    )
    return list(session.scalars(stmt))


def set_delivery_state(session: Session, subscription_id: int, **values: Any) -> None:
    """Delivery bookkeeping is server state, not an edit: it must not bump the version clients send If-Match
    with, so it is a plain UPDATE."""
    session.execute(update(WebhookSubscription).where(WebhookSubscription.id == subscription_id).values(**values))


def log_delivery(session: Session, **values: Any) -> None:
    session.add(WebhookDelivery(**values))


def deliveries(subscription_id: int) -> Select[WebhookDelivery]:
    return select(WebhookDelivery).where(WebhookDelivery.subscription_id == subscription_id)
