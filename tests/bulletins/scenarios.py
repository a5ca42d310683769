"""Audit scenarios and scope inventory for 问题通报 (see tests/support/inventory.py)."""

from tests.bulletins.helpers import draft, published
from tests.support.api import Api
from tests.support.inventory import Write, created_id

DOOMED = "待删除的草稿"


def _publishable(api: Api) -> int:
    return int(draft(api, "ta", "ta_organizer", rankings=[{"org_id": api.world.org_id("va1"), "rank": 1}])["id"])


WRITES: dict[tuple[str, str], Write] = {
    ("POST", "/api/v1/bulletins"): Write(
        "ta_organizer",
        lambda a: a.as_("ta_organizer").post("/bulletins", json={"org_id": a.world.org_id("ta"), "title": "通报"}),
        "bulletin",
        "created",
        created_id,
    ),
    ("PATCH", "/api/v1/bulletins/{bulletin_id}"): Write(
        "ta_organizer",
        lambda a: a.as_("ta_organizer").patch(
            f"/bulletins/{draft(a, 'ta', 'ta_organizer')['id']}", json={"body": "正文"}
        ),
        "bulletin",
        "updated",
        created_id,
    ),
    ("DELETE", "/api/v1/bulletins/{bulletin_id}"): Write(
        "ta_organizer",
        lambda a, bulletin_id: a.as_("ta_organizer").delete(f"/bulletins/{bulletin_id}"),
        "bulletin",
        "deleted",
        lambda a, _: "",
        before=lambda a: str(draft(a, "ta", "ta_organizer", title=DOOMED)["id"]),
    ),
    ("POST", "/api/v1/bulletins/{bulletin_id}/publish"): Write(
        "ta_organizer",
        lambda a: a.as_("ta_organizer").post(f"/bulletins/{_publishable(a)}/publish"),
        "bulletin",
        "published",
        created_id,
    ),
}

LISTS = {"/api/v1/bulletins": lambda row: row["org_id"]}
DETAILS = {
    "/api/v1/bulletins/{bulletin_id}": "/api/v1/bulletins",
    "/api/v1/bulletins/{bulletin_id}/print": "/api/v1/bulletins",
}
GET_EXEMPT = {
    "/api/v1/bulletins/ranking-proposal": "aggregate over an org's children; scope tested in tests/bulletins "
    "(test_ranking_proposal_scope)",
}


def activity(api: Api) -> None:
    # Issued by the villages: a published bulletin circulates down its issuer's subtree, so the matrix (which
    # allows each side only its own orgs) stays exact; circulation from above is tested in tests/bulletins.
    for side, village in (("ta", "va1"), ("tb", "vb1")):
        published(api, village, f"{side}_organizer")
        draft(api, village, f"{side}_organizer", title="草稿")
