"""书记联系点: who may be linked to what, who sets it up and ends it."""

from datetime import UTC, datetime

from sqlalchemy import func, select

from app.models.bulletins import ContactPoint
from tests.contacts.helpers import link
from tests.support.api import error_code


def _count(db) -> int:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        return int(s.scalar(select(func.count()).select_from(ContactPoint)) or 0)


def test_a_secretary_links_themself_to_an_org_below(api, fake_clock):
    fake_clock.set(datetime(2026, 11, 20, 2, tzinfo=UTC))
    point = link(api, note="包村联系")
    w = api.world
    assert point["user_id"] == w.user_id("ta_secretary") and point["user_name"] == "测试ta_secretary"
    assert (point["org_id"], point["org_name"]) == (w.org_id("va1"), "甲一村党支部")
    assert (point["host_org_id"], point["host_org_name"]) == (w.org_id("ta"), "甲镇党委")
    assert point["started_on"] == "2026-11-20" and point["status"] == "active" and point["ended_on"] is None
    assert point["allowed_actions"] == ["end", "visit"]
    # the village sees who its contact person is; the organizer above manages it but does not visit
    assert api.as_("va1_secretary").get(f"/contact-points/{point['id']}").json()["allowed_actions"] == []
    assert api.as_("ta_organizer").get(f"/contact-points/{point['id']}").json()["allowed_actions"] == ["end"]
    county = link(api, "county_secretary", "ta")
    assert county["host_org_id"] == w.org_id("county")
    deep = link(api, "county_secretary", "va2")  # any depth below
    assert deep["org_id"] == w.org_id("va2")


def test_organizers_and_admins_link_secretaries(api):
    assert link(api, "ta_secretary", "va1", by="ta_organizer")["user_id"] == api.world.user_id("ta_secretary")
    assert link(api, "ta_secretary", "va2", by="county_admin")["org_id"] == api.world.org_id("va2")
    assert link(api, "county_secretary", "tb", by="county_organizer")["host_org_id"] == api.world.org_id("county")


def test_who_cannot_link_whom(api, db):
    w = api.world
    before = _count(db)

    def attempt(by: str, user: str, org: str, **extra):  # type: ignore[no-untyped-def]
        body = {"user_id": w.user_id(user), "org_id": w.org_id(org)} | extra
        return api.as_(by).post("/contact-points", json=body)

    cases = [
        (attempt("ta_secretary", "ta_secretary", "ta"), 422),  # not below their own org
        (attempt("va1_secretary", "va1_secretary", "va1"), 422),
        (attempt("ta_deputy", "ta_deputy", "va1"), 422),  # only secretaries
        (attempt("ta_organizer", "ta_worker", "va1"), 422),
        (attempt("ta_secretary", "ta_secretary", "vb1"), 404),  # cannot even see the org
        (attempt("ta_organizer", "county_secretary", "va1"), 403),  # manages 甲镇, not the county's secretary
        (attempt("va1_worker", "ta_secretary", "va1"), 403),
        (attempt("ta_secretary", "county_secretary", "va1"), 403),  # a secretary links only themself
        (attempt("judge", "ta_secretary", "va1"), 403),
        (attempt("ta_secretary", "ta_secretary", "va1", host_org_id=w.org_id("ta")), 422),
        (attempt("ta_secretary", "ta_secretary", "va1", started_on="2030-01-01"), 422),
        (attempt("ta_secretary", "ta_secretary", "va1", started_on="1900-01-01"), 422),
    ]
    for response, expected in cases:
        assert response.status_code == expected, response.text
    assert cases[0][0].json()["error"]["fields"][0]["loc"] == ["body", "user_id"]
    assert _count(db) == before
    link(api)
    again = attempt("ta_organizer", "ta_secretary", "va1")
    assert again.status_code == 409 and error_code(again) == "contact_point_exists"


def test_ending_a_contact_point(api, fake_clock):
    fake_clock.set(datetime(2026, 3, 1, 2, tzinfo=UTC))
    point = link(api)
    fake_clock.set(datetime(2026, 11, 20, 2, tzinfo=UTC))
    user = api.as_("ta_secretary")
    assert user.post(f"/contact-points/{point['id']}/end", json={"ended_on": "2026-02-28"}).status_code == 422
    assert user.post(f"/contact-points/{point['id']}/end", json={"ended_on": "2026-11-21"}).status_code == 422
    assert api.as_("ta_worker").post(f"/contact-points/{point['id']}/end", json={}).status_code == 403
    assert api.as_("tb_organizer").post(f"/contact-points/{point['id']}/end", json={}).status_code == 404
    stale = user.post(f"/contact-points/{point['id']}/end", json={}, headers={"If-Match": '"7"'})
    assert stale.status_code == 412
    ended = user.post(f"/contact-points/{point['id']}/end", json={"ended_on": "2026-10-31"})
    assert ended.status_code == 200
    body = ended.json()
    assert body["status"] == "ended" and body["ended_on"] == "2026-10-31" and body["allowed_actions"] == []
    again = api.as_("ta_organizer").post(f"/contact-points/{point['id']}/end", json={})
    assert again.status_code == 409 and error_code(again) == "invalid_transition"
    # once ended, the secretary may take the org up again
    assert link(api)["status"] == "active"


def test_list_filters(api):
    w = api.world
    a = link(api)
    b = link(api, "ta_secretary", "va2")
    c = link(api, "county_secretary", "tb")
    api.as_("ta_secretary").post(f"/contact-points/{b['id']}/end", json={})
    county = api.as_("county_viewer")
    assert {p["id"] for p in county.get("/contact-points").json()["items"]} == {a["id"], b["id"], c["id"]}
    assert [p["id"] for p in county.get("/contact-points", params={"active": False}).json()["items"]] == [b["id"]]
    mine = county.get("/contact-points", params={"user_id": w.user_id("county_secretary")}).json()
    assert [p["id"] for p in mine["items"]] == [c["id"]]
    hosted = county.get("/contact-points", params={"host_org_id": w.org_id("ta")}).json()
    assert {p["id"] for p in hosted["items"]} == {a["id"], b["id"]}
    under = county.get("/contact-points", params={"root_id": w.org_id("va2")}).json()
    assert [p["id"] for p in under["items"]] == [b["id"]]
    assert [p["id"] for p in api.as_("va1_worker").get("/contact-points").json()["items"]] == [a["id"]]
    assert api.as_("tb_admin").get(f"/contact-points/{a['id']}").status_code == 404
    assert api.as_("tb_admin").get("/contact-points", params={"root_id": w.org_id("ta")}).status_code == 404
    assert county.get("/contact-points", params={"sort": "note"}).status_code == 422
