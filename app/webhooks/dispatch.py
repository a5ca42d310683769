"""Delivering outbox events to webhook subscriptions.

Per subscription, events go out one at a time in id (= commit) order. The cursor advances only after a 2xx,
in its own transaction, so a receiver that is down receives nothing until it is back and then receives every
event once, in order. A failure stops that subscription until its backoff (5 s, 10 s, 20 s … at most 1 h) has
passed; the HTTP call is made outside any database transaction.
"""

from __future__ import annotations

import json
import time
from datetime import timedelta

import httpx

from app.audit.recorder import jsonable
from app.core import clock
from app.core.db import get_database
from app.models.operations import WebhookSubscription
from app.webhooks import crypto, repository

MAX_BACKOFF_SECONDS = 3600
TIMEOUT_SECONDS = 10.0


def backoff(failures: int) -> timedelta:
    return timedelta(seconds=min(5 * 2 ** max(failures - 1, 0), MAX_BACKOFF_SECONDS))


def _payload(event: object) -> bytes:
    fields = ("id", "type", "object_type", "object_id", "org_id", "occurred_at", "data")
    body = {f: jsonable(getattr(event, f)) for f in fields}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()


def deliver_subscription(client: httpx.Client, subscription_id: int, max_events: int = 100) -> int:
    """Deliver what is pending for one subscription; answers how many events were delivered."""
    db = get_database()
    delivered = 0
    for _ in range(max_events):
        with db.transaction() as session:
            subscription = session.get(WebhookSubscription, subscription_id)
            if subscription is None or not subscription.is_active:
                return delivered
            event = repository.next_event(session, subscription)
            if event is None:
                return delivered
            url, secret, attempt = (
                subscription.url,
                crypto.decrypt(subscription.secret_encrypted),
                subscription.failure_count + 1,
            )
            event_id, event_type, body = event.id, event.type, _payload(event)
        started = time.monotonic()
        status, error = None, None
        try:
            response = client.post(
                url,
                content=body,
                headers={
                    "Content-Type": "application/json",
                    "User-Agent": "dangjian-webhooks/1",
                    "X-Event-Id": str(event_id),
                    "X-Event-Type": event_type,
                    "X-Signature-256": crypto.signature(secret, body),
                },
                timeout=TIMEOUT_SECONDS,
            )
            status = response.status_code
            if not 200 <= status < 300:
                error = f"HTTP {status}"
        except httpx.HTTPError as exc:
            error = f"{type(exc).__name__}: {exc}"[:500]
        elapsed = int((time.monotonic() - started) * 1000)
        with db.transaction() as session:
            repository.log_delivery(
                session,
                subscription_id=subscription_id,
                event_id=event_id,
                attempt=attempt,
                status_code=status,
                error=error,
                duration_ms=elapsed,
                created_at=clock.now(),
            )
            if error is None:
                repository.set_delivery_state(
                    session, subscription_id, cursor=event_id, failure_count=0, next_attempt_at=None, last_error=None
                )
            else:
                repository.set_delivery_state(
                    session,
                    subscription_id,
                    failure_count=attempt,
                    next_attempt_at=clock.now() + backoff(attempt),
                    last_error=error,
                )
        if error is not None:
            return delivered
        delivered += 1
    return delivered


def deliver_due(client: httpx.Client | None = None) -> int:
    with get_database().transaction(write=False) as session:
        due = repository.due_ids(session, clock.now())
    own = client is None
    http = client or httpx.Client()
    try:
        return sum(deliver_subscription(http, subscription_id) for subscription_id in due)
    finally:
        if own:
            http.close()
