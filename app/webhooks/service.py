"""Managing webhook subscriptions (admins, over their subtree)."""

from typing import Any

from sqlalchemy.orm import Session

from app.authz.permissions import Permission
from app.authz.principal import Principal, authorize
from app.core.errors import Unprocessable
from app.kit.etag import check_version
from app.kit.pagination import PageParams, fetch_page, order_by, page_of
from app.kit.repository import ScopedRepository
from app.models.operations import WebhookDelivery, WebhookSubscription
from app.orgs import repository as org_repository
from app.webhooks import crypto, repository
from app.webhooks.schemas import WebhookCreate, WebhookUpdate


class WebhookRepository(ScopedRepository[WebhookSubscription]):
    model = WebhookSubscription
    scope_column = WebhookSubscription.org_path
    read_permission = Permission.webhook_manage


def _present(subscription: WebhookSubscription, secret: str | None = None) -> dict[str, Any]:
    data = {c.key: getattr(subscription, c.key) for c in WebhookSubscription.__table__.columns}
    return data | ({"secret": secret} if secret else {})


def list_webhooks(session: Session, principal: Principal, params: PageParams) -> dict[str, Any]:
    stmt = WebhookRepository.readable(principal)
    items, total = fetch_page(
        session, stmt, params, order_by(params, {"id": WebhookSubscription.id}, "id", WebhookSubscription.id)
    )
    return page_of([_present(s) for s in items], total, params)


def get_webhook(session: Session, principal: Principal, webhook_id: int) -> dict[str, Any]:
    return _present(WebhookRepository.get_readable(session, principal, webhook_id))


def create(session: Session, principal: Principal, body: WebhookCreate) -> dict[str, Any]:
    org = org_repository.get_readable(session, principal, body.org_id)
    authorize(principal, Permission.webhook_manage, org.path)
    secret = crypto.new_secret()
    subscription = WebhookSubscription(
        org_id=org.id,
        name=body.name,
        url=str(body.url),
        event_types=list(dict.fromkeys(body.event_types)),
        secret_encrypted=crypto.encrypt(secret),
        is_active=True,
        failure_count=0,
        cursor=0 if body.from_beginning else repository.last_event_id(session),
    )
    session.add(subscription)
    session.flush()
    return _present(subscription, secret)


def update(
    session: Session, principal: Principal, webhook_id: int, body: WebhookUpdate, expected_version: int | None
) -> dict[str, Any]:
    subscription = WebhookRepository.get_readable(session, principal, webhook_id)
    check_version(subscription.version, expected_version)
    changes = body.model_dump(exclude_unset=True)
    nulls = [f for f, v in changes.items() if v is None]
    if nulls:
        raise Unprocessable(fields=[{"loc": ["body", f], "message": "不能为空"} for f in nulls])
    if "url" in changes:
        changes["url"] = str(changes["url"])
    if changes.get("is_active"):
        # Re-enabling retries at once instead of waiting out a long backoff.
        subscription.next_attempt_at = None
        subscription.failure_count = 0
    for field, value in changes.items():
        setattr(subscription, field, value)
    session.flush()
    return _present(subscription)


def rotate_secret(session: Session, principal: Principal, webhook_id: int) -> dict[str, Any]:
    subscription = WebhookRepository.get_readable(session, principal, webhook_id)
    secret = crypto.new_secret()
    subscription.secret_encrypted = crypto.encrypt(secret)
    session.flush()
    return _present(subscription, secret)


def delete(session: Session, principal: Principal, webhook_id: int) -> None:
    session.delete(WebhookRepository.get_readable(session, principal, webhook_id))
    session.flush()


def deliveries(session: Session, principal: Principal, webhook_id: int, params: PageParams) -> dict[str, Any]:
    WebhookRepository.get_readable(session, principal, webhook_id)
    stmt = repository.deliveries(webhook_id)
    items, total = fetch_page(
        session, stmt, params, order_by(params, {"id": WebhookDelivery.id}, "-id", WebhookDelivery.id)
    )
    return page_of(items, total, params)
