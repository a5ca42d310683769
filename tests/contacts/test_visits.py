"""走访: recorded by the linked person only, dated in local time, with evidence that stays in scope."""

from datetime import UTC, datetime

from sqlalchemy import func, select

from app.models.bulletins import Visit
from tests.contacts.helpers import link, visit
from tests.support.files import PNG, upload


def _count(db) -> int:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        return int(s.scalar(select(func.count()).select_from(Visit)) or 0)


def test_the_linked_secretary_records_a_visit_with_photos(api, fake_clock):
    fake_clock.set(datetime(2026, 10, 9, 6, tzinfo=UTC))
    point = link(api, started_on="2026-07-01")
    user = api.as_("ta_secretary")
    photos = [upload(user, name="座谈会.jpg"), upload(user, PNG, "走访现场.png")]
    body = visit(
        api,
        point,
        "2026-10-01T00:30:00+08:00",
        attendees=15,
        problems_found="村务公开栏更新不及时",
        attachment_ids=photos,
    )
    assert body["visited_at"] == "2026-09-30T16:30:00Z"
    assert body["visited_on"] == "2026-10-01" and body["quarter"] == "2026-Q4"
    assert body["user_id"] == api.world.user_id("ta_secretary") and body["org_name"] == "甲一村党支部"
    assert [a["filename"] for a in body["attachments"]] == ["座谈会.jpg", "走访现场.png"]
    assert {a["owner_type"] for a in body["attachments"]} == {"visit"}
    naive = visit(api, point, "2026-10-08T09:00:00")  # a phone without a time zone means Beijing time
    assert naive["visited_at"] == "2026-10-08T01:00:00Z"
    listed = api.as_("va1_secretary").get("/visits", params={"contact_point_id": point["id"]}).json()
    assert [v["id"] for v in listed["items"]] == [naive["id"], body["id"]]  # newest first
    assert len(listed["items"][1]["attachments"]) == 2
    q3 = api.as_("ta_organizer").get("/visits", params={"quarter": "2026-Q3"}).json()
    assert q3["total"] == 0
    assert api.as_("ta_organizer").get("/visits", params={"quarter": "2026-Q5"}).status_code == 422


def test_only_the_linked_person_records_visits(api, db, fake_clock):
    fake_clock.set(datetime(2026, 11, 20, 2, tzinfo=UTC))
    point = link(api, started_on="2026-10-01")
    body = {
        "contact_point_id": point["id"],
        "visited_at": "2026-11-19T10:00:00+08:00",
        "content": "走访",
        "attendees": 3,
    }
    before = _count(db)
    for actor, expected in (
        ("va1_secretary", 403),  # the village itself
        ("county_secretary", 403),  # above, but not the linked person
        ("ta_organizer", 403),  # no visit_record at all
        ("vb1_secretary", 404),
        ("ta_worker", 403),
    ):
        assert api.as_(actor).post("/visits", json=body).status_code == expected, actor
    user = api.as_("ta_secretary")
    assert user.post("/visits", json=body | {"visited_at": "2026-11-21T10:00:00+08:00"}).status_code == 422
    assert user.post("/visits", json=body | {"visited_at": "2026-09-30T10:00:00+08:00"}).status_code == 422
    assert user.post("/visits", json=body | {"attendees": -1}).status_code == 422
    assert user.post("/visits", json=body | {"visited_at": "0001-01-01T00:00:00+01:00"}).status_code == 422
    assert user.post("/visits", json=body | {"content": ""}).status_code == 422
    assert user.post("/visits", json=body | {"user_id": 1}).status_code == 422
    someone_elses = upload(api.as_("va1_secretary"))
    refused = user.post("/visits", json=body | {"attachment_ids": [someone_elses]})
    assert refused.status_code == 422 and refused.json()["error"]["fields"][0]["loc"] == ["body", "attachment_ids"]
    assert _count(db) == before
    user.post(f"/contact-points/{point['id']}/end", json={"ended_on": "2026-11-10"})
    late = user.post("/visits", json=body)
    assert late.status_code == 422  # after the contact ended
    assert user.post("/visits", json=body | {"visited_at": "2026-11-09T10:00:00+08:00"}).status_code == 201


def test_visit_evidence_is_unreachable_from_another_subtree(api, fake_clock):
    fake_clock.set(datetime(2026, 11, 20, 2, tzinfo=UTC))
    point = link(api, started_on="2026-10-01")
    photo = upload(api.as_("ta_secretary"), name="走访照片.jpg")
    body = visit(api, point, "2026-11-19T10:00:00+08:00", attachment_ids=[photo])
    for reader in ("ta_secretary", "ta_organizer", "va1_secretary", "va1_worker", "county_viewer"):
        assert api.as_(reader).get(f"/attachments/{photo}").status_code == 200, reader
        assert api.as_(reader).get(f"/attachments/{photo}/content").status_code == 200, reader
    for reader in ("tb_admin", "vb1_secretary", "va2_secretary"):
        assert api.as_(reader).get(f"/attachments/{photo}").status_code == 404, reader
        assert api.as_(reader).get(f"/attachments/{photo}/content").status_code == 404, reader
        assert api.as_(reader).get(f"/visits/{body['id']}").status_code == 404, reader
    assert api.as_("judge").get(f"/attachments/{photo}").status_code == 404
