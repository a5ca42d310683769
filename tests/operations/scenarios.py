"""Inventory entries for notifications, webhooks and service accounts (see tests/support/inventory.py)."""

from datetime import timedelta
from typing import Any

from app.core import clock
from app.ops.jobs import run_reminders
from tests.problems.helpers import issue
from tests.support.api import Api
from tests.support.inventory import Write, created_id


def _webhook(api: Api, by: str = "ta_admin", org: str = "ta") -> dict[str, Any]:
    response = api.as_(by).post(
        "/webhooks",
        json={
            "name": "数治平台",
            "org_id": api.world.org_id(org),
            "url": "http://127.0.0.1:9/hooks",
            "event_types": ["*"],
        },
    )
    return response.json()  # type: ignore[no-any-return]


def _account(api: Api, by: str = "ta_admin", org: str = "ta") -> dict[str, Any]:
    response = api.as_(by).post("/service-accounts", json={"name": "数治平台", "org_id": api.world.org_id(org)})
    return response.json()  # type: ignore[no-any-return]


WRITES = {
    ("POST", "/api/v1/webhooks"): Write(
        "ta_admin",
        lambda a: a.as_("ta_admin").post(
            "/webhooks",
            json={
                "name": "数治平台",
                "org_id": a.world.org_id("ta"),
                "url": "http://127.0.0.1:9/",
                "event_types": ["*"],
            },
        ),
        "webhook",
        "created",
        created_id,
    ),
    ("PATCH", "/api/v1/webhooks/{webhook_id}"): Write(
        "ta_admin",
        lambda a: a.as_("ta_admin").patch(f"/webhooks/{_webhook(a)['id']}", json={"name": "改名"}),
        "webhook",
        "updated",
        created_id,
    ),
    ("DELETE", "/api/v1/webhooks/{webhook_id}"): Write(
        "ta_admin",
        lambda a, webhook_id: a.as_("ta_admin").delete(f"/webhooks/{webhook_id}"),
        "webhook",
        "deleted",
        lambda a, _: "",
        before=lambda a: str(_webhook(a)["id"]),
    ),
    ("POST", "/api/v1/webhooks/{webhook_id}/rotate-secret"): Write(
        "ta_admin",
        lambda a: a.as_("ta_admin").post(f"/webhooks/{_webhook(a)['id']}/rotate-secret"),
        "webhook",
        "updated",
        created_id,
    ),
    ("POST", "/api/v1/service-accounts"): Write(
        "ta_admin",
        lambda a: a.as_("ta_admin").post(
            "/service-accounts", json={"name": "数治平台", "org_id": a.world.org_id("ta")}
        ),
        "user",
        "created",
        created_id,
    ),
    ("POST", "/api/v1/service-accounts/{account_id}/rotate-secret"): Write(
        "ta_admin",
        lambda a: a.as_("ta_admin").post(f"/service-accounts/{_account(a)['id']}/rotate-secret"),
        "user",
        "secret_rotated",
        created_id,
    ),
    ("POST", "/api/v1/service-accounts/{account_id}/revoke"): Write(
        "ta_admin",
        lambda a: a.as_("ta_admin").post(f"/service-accounts/{_account(a)['id']}/revoke"),
        "user",
        "revoked",
        created_id,
    ),
}

# A user's own inbox state (read / unread) changes no shared object: not audited, no event.
NOT_AUDITED = {
    ("POST", "/api/v1/notifications/{notification_id}/read"),
    ("POST", "/api/v1/notifications/read-all"),
}

LISTS = {
    "/api/v1/notifications": lambda row: row["org_id"],
    "/api/v1/webhooks": lambda row: row["org_id"],
    "/api/v1/service-accounts": lambda row: row["org_id"],
}
DETAILS = {
    "/api/v1/webhooks/{webhook_id}": "/api/v1/webhooks",
    "/api/v1/webhooks/{webhook_id}/deliveries": "/api/v1/webhooks",
    "/api/v1/service-accounts/{account_id}": "/api/v1/service-accounts",
}
GET_EXEMPT = {"/api/v1/notifications/unread-count": "only the caller's own inbox"}


def activity(api: Api) -> None:
    tomorrow = (clock.today_local() + timedelta(days=1)).isoformat()
    for side, village in (("ta", "va1"), ("tb", "vb1")):
        _webhook(api, f"{side}_admin", side)
        _account(api, f"{side}_admin", side)
        issue(api, village, by=f"{side}_organizer", deadline=tomorrow)
    run_reminders()
