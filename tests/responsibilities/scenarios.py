"""Audit scenarios and scope declarations for 责任单 (see tests/support/inventory.py)."""

from typing import Any

from tests.responsibilities.helpers import draft, issued, submit
from tests.support.api import Api
from tests.support.inventory import Write, created_id


def _id(_: Api, response: Any) -> str:
    return str(response.json()["id"])


def _item(api: Api, steps: int = 0) -> dict[str, Any]:
    """An item of an issued letter to 甲一村: 0 in progress, 1 submitted, 2 completed."""
    item = issued(api)["items"][0]
    if steps >= 1:
        submit(api, item["id"])
    if steps >= 2:
        api.as_("ta_organizer").post(f"/responsibility-items/{item['id']}/complete", json={})
    return item


def _last_report_id(api: Api, response: Any) -> str:
    timeline = api.as_("va1_secretary").get(f"/responsibility-items/{response.json()['id']}/timeline").json()
    return str(timeline[-1]["id"])


def _review(action: str, steps: int, body: dict[str, Any]) -> Any:
    return lambda a: a.as_("ta_organizer").post(f"/responsibility-items/{_item(a, steps)['id']}/{action}", json=body)


WRITES: dict[tuple[str, str], Write] = {
    ("POST", "/api/v1/responsibility-letters"): Write(
        "ta_organizer",
        lambda a: a.as_("ta_organizer").post(
            "/responsibility-letters", json={"org_id": a.world.org_id("va1"), "year": 2026}
        ),
        "responsibility_letter",
        "created",
        created_id,
    ),
    ("PATCH", "/api/v1/responsibility-letters/{letter_id}"): Write(
        "ta_organizer",
        lambda a: a.as_("ta_organizer").patch(f"/responsibility-letters/{draft(a)['id']}", json={"title": "新标题"}),
        "responsibility_letter",
        "updated",
        _id,
    ),
    ("DELETE", "/api/v1/responsibility-letters/{letter_id}"): Write(
        "ta_organizer",
        lambda a, object_id: a.as_("ta_organizer").delete(f"/responsibility-letters/{object_id}"),
        "responsibility_letter",
        "deleted",
        lambda a, _: "",
        before=lambda a: str(draft(a, items=[])["id"]),
    ),
    ("POST", "/api/v1/responsibility-letters/{letter_id}/items"): Write(
        "ta_organizer",
        lambda a: a.as_("ta_organizer").post(
            f"/responsibility-letters/{draft(a, items=[])['id']}/items",
            json={"role": "member", "description": "换届提醒"},
        ),
        "responsibility_item",
        "created",
        created_id,
    ),
    ("POST", "/api/v1/responsibility-letters/{letter_id}/issue"): Write(
        "ta_organizer",
        lambda a: a.as_("ta_organizer").post(f"/responsibility-letters/{draft(a)['id']}/issue"),
        "responsibility_letter",
        "issued",
        _id,
    ),
    ("POST", "/api/v1/responsibility-letters/{letter_id}/sign"): Write(
        "va1_secretary",
        lambda a: a.as_("va1_secretary").post(f"/responsibility-letters/{issued(a)['id']}/sign"),
        "responsibility_letter",
        "signed",
        _id,
    ),
    ("PATCH", "/api/v1/responsibility-items/{item_id}"): Write(
        "ta_organizer",
        lambda a: a.as_("ta_organizer").patch(
            f"/responsibility-items/{draft(a)['items'][0]['id']}", json={"deadline": "2026-10-31"}
        ),
        "responsibility_item",
        "updated",
        _id,
    ),
    ("DELETE", "/api/v1/responsibility-items/{item_id}"): Write(
        "ta_organizer",
        lambda a, object_id: a.as_("ta_organizer").delete(f"/responsibility-items/{object_id}"),
        "responsibility_item",
        "deleted",
        lambda a, _: "",
        before=lambda a: str(draft(a)["items"][-1]["id"]),
    ),
    ("POST", "/api/v1/responsibility-items/{item_id}/quarterly-reports"): Write(
        "va1_secretary",
        lambda a: a.as_("va1_secretary").post(
            f"/responsibility-items/{_item(a)['id']}/quarterly-reports", json={"content": "本季度召开支委会 3 次"}
        ),
        "progress_report",
        "created",
        _last_report_id,
    ),
    ("POST", "/api/v1/responsibility-items/{item_id}/submit"): Write(
        "va1_secretary",
        lambda a: a.as_("va1_secretary").post(
            f"/responsibility-items/{_item(a)['id']}/submit", json={"content": "已完成"}
        ),
        "responsibility_item",
        "submitted",
        _id,
    ),
    ("POST", "/api/v1/responsibility-items/{item_id}/complete"): Write(
        "ta_organizer", _review("complete", 1, {}), "responsibility_item", "completed", _id
    ),
    ("POST", "/api/v1/responsibility-items/{item_id}/return"): Write(
        "ta_organizer", _review("return", 1, {"note": "请补充材料"}), "responsibility_item", "returned", _id
    ),
    ("POST", "/api/v1/responsibility-items/{item_id}/reopen"): Write(
        "ta_organizer", _review("reopen", 2, {"note": "回头看"}), "responsibility_item", "reopened", _id
    ),
}

LISTS = {
    "/api/v1/responsibility-letters": lambda row: row["org_id"],
    "/api/v1/responsibility-items": lambda row: row["org_id"],
}
DETAILS = {
    "/api/v1/responsibility-letters/{letter_id}": "/api/v1/responsibility-letters",
    "/api/v1/responsibility-items/{item_id}": "/api/v1/responsibility-items",
    "/api/v1/responsibility-items/{item_id}/timeline": "/api/v1/responsibility-items",
}
GET_EXEMPT = {
    "/api/v1/responsibility-items/completion": "aggregate; scoped counts in tests/responsibilities/test_completion.py"
}


def activity(api: Api) -> None:
    for side, village in (("ta", "va1"), ("tb", "vb1")):
        letter = issued(api, org=village, by=f"{side}_organizer")
        submit(api, letter["items"][0]["id"], by=f"{village}_secretary")
        draft(api, org=village, by=f"{side}_organizer", year=2027)
        issued(api, org=side, by="county_organizer", items=[{"role": "secretary", "description": "履行第一责任人职责"}])
