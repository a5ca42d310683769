"""Audit scenarios and scope inventory for 书记联系点 and visits (see tests/support/inventory.py)."""

from datetime import UTC, datetime, timedelta

from tests.contacts.helpers import link, visit
from tests.support.api import Api
from tests.support.files import upload
from tests.support.inventory import Write, created_id


def _recently() -> str:
    return (datetime.now(UTC) - timedelta(minutes=1)).isoformat()


WRITES: dict[tuple[str, str], Write] = {
    ("POST", "/api/v1/contact-points"): Write(
        "ta_organizer",
        lambda a: a.as_("ta_organizer").post(
            "/contact-points", json={"user_id": a.world.user_id("ta_secretary"), "org_id": a.world.org_id("va1")}
        ),
        "contact_point",
        "created",
        created_id,
    ),
    ("POST", "/api/v1/contact-points/{contact_point_id}/end"): Write(
        "ta_secretary",
        lambda a: a.as_("ta_secretary").post(f"/contact-points/{link(a)['id']}/end", json={}),
        "contact_point",
        "ended",
        created_id,
    ),
    ("POST", "/api/v1/visits"): Write(
        "ta_secretary",
        lambda a: a.as_("ta_secretary").post(
            "/visits",
            json={
                "contact_point_id": link(a)["id"],
                "visited_at": _recently(),
                "content": "走访座谈",
                "attendees": 8,
                "attachment_ids": [upload(a.as_("ta_secretary"), name="走访照片.jpg")],
            },
        ),
        "visit",
        "created",
        created_id,
    ),
}

LISTS = {
    "/api/v1/contact-points": lambda row: row["org_id"],
    "/api/v1/contact-points/compliance": lambda row: row["org_id"],
    "/api/v1/contact-points/shortfalls": lambda row: row["org_id"],
    "/api/v1/visits": lambda row: row["org_id"],
}
DETAILS = {
    "/api/v1/contact-points/{contact_point_id}": "/api/v1/contact-points",
    "/api/v1/visits/{visit_id}": "/api/v1/visits",
}


def activity(api: Api) -> None:
    for side, village in (("ta", "va1"), ("tb", "vb1")):
        point = link(api, f"{side}_secretary", village)
        visit(api, point, _recently(), by=f"{side}_secretary")
