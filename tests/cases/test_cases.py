"""Cases: submission within the round's window and rules, editing until verification, on-site verification by
someone above the case's org, scope, and who may download a case's attachments (judges included)."""

from datetime import timedelta

from sqlalchemy import func, select

from app.core import clock
from app.models.cases import Case, CaseVerification
from tests.cases.helpers import DOMAINS, make_round, start_review, submit_case, verify
from tests.scoring.helpers import add_judges
from tests.support.api import error_code
from tests.support.files import upload


def _count(db, model) -> int:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_submit_a_case_with_attachments_and_tags(api):
    round_ = make_round(api)
    user = api.as_("va1_worker")
    files = [upload(user), upload(user, name="工作法.jpg")]
    case = submit_case(api, round_, by="va1_worker", attachment_ids=files, tags=["网格化", "治理"])
    assert case["status"] == "submitted" and case["org_name"] == "甲一村党支部"
    assert case["round_title"] == round_["title"] and case["responsible_user_id"] == api.world.user_id("va1_worker")
    assert [a["id"] for a in case["attachments"]] == files and case["tags"] == ["网格化", "治理"]
    assert case["score"] is None and case["rank"] is None and case["allowed_actions"] == []
    seen = api.as_("ta_organizer").get(f"/cases/{case['id']}").json()
    assert seen["allowed_actions"] == ["verify", "reject"]


def test_who_may_submit_and_what_the_round_accepts(api, db):
    round_ = make_round(api, channels=["open_call", "recommendation"])
    w = api.world
    base = {
        "round_id": round_["id"],
        "org_id": w.org_id("va1"),
        "title": "案例",
        "domain": DOMAINS[0],
        "summary": "摘要",
        "body": "正文",
        "channel": "open_call",
    }
    assert api.as_("va1_secretary").post("/cases", json=base).status_code == 201
    assert api.as_("ta_deputy").post("/cases", json=base).status_code == 403  # no case_submit
    assert api.as_("county_organizer").post("/cases", json=base).status_code == 403
    assert api.as_("vb1_secretary").post("/cases", json=base).status_code == 404  # va1 is not in scope
    refused = [
        ({"domain": "体育健身"}, "domain"),
        ({"channel": "invitation"}, "channel"),
        ({"org_id": w.org_id("county")}, "org_id"),  # the round's own org does not submit to itself
        ({"status": "published"}, "status"),
        ({"score": 99}, "score"),
        ({"tags": ["a", "a"]}, None),
    ]
    for extra, field in refused:
        response = api.as_("county_secretary").post("/cases", json=base | extra)
        assert response.status_code == 422, (extra, response.text)
        if field:
            assert response.json()["error"]["fields"][0]["loc"][-1] == field
    assert _count(db, Case) == 1


def test_submission_window_is_enforced(api, fake_clock):
    round_ = make_round(api)
    fake_clock.set(fake_clock.now + timedelta(days=21))  # past submit_until (today + 20)
    late = api.fresh("va1_secretary").post(
        "/cases",
        json={
            "round_id": round_["id"],
            "org_id": api.world.org_id("va1"),
            "title": "迟到的案例",
            "domain": DOMAINS[0],
            "summary": "s",
            "body": "b",
            "channel": "open_call",
        },
    )
    assert late.status_code == 409 and error_code(late) == "round_not_collecting"
    assert api.fresh("county_organizer").get(f"/case-rounds/{round_['id']}").json()["phase"] == "closed"


def test_a_sibling_townships_round_takes_no_cases_from_us(api):
    tb_round = make_round(api, by="tb_organizer", org="tb")
    response = api.as_("va1_secretary").post(
        "/cases",
        json={
            "round_id": tb_round["id"],
            "org_id": api.world.org_id("va1"),
            "title": "x",
            "domain": DOMAINS[0],
            "summary": "s",
            "body": "b",
            "channel": "open_call",
        },
    )
    assert response.status_code == 404


def test_editing_until_verification_and_tags_by_the_organizer(api):
    round_ = make_round(api)
    case = submit_case(api, round_)
    owner = api.as_("va1_secretary")
    edited = owner.patch(f"/cases/{case['id']}", json={"summary": "补充了成效数据"}, headers={"If-Match": '"1"'})
    assert edited.status_code == 200 and edited.json()["summary"] == "补充了成效数据"
    assert owner.patch(f"/cases/{case['id']}", json={"summary": "x"}, headers={"If-Match": '"1"'}).status_code == 412
    assert owner.patch(f"/cases/{case['id']}", json={"domain": "体育"}).status_code == 422
    assert owner.patch(f"/cases/{case['id']}", json={"title": None}).status_code == 422
    assert api.as_("ta_organizer").patch(f"/cases/{case['id']}", json={"summary": "x"}).status_code == 403
    verify(api, case)
    late = owner.patch(f"/cases/{case['id']}", json={"summary": "再改"})
    assert late.status_code == 409 and error_code(late) == "invalid_transition"
    assert owner.patch(f"/cases/{case['id']}", json={"tags": ["自加"]}).status_code == 403
    tagged = api.as_("county_organizer").patch(f"/cases/{case['id']}", json={"tags": ["网格化", "乡村振兴"]})
    assert tagged.status_code == 200 and tagged.json()["tags"] == ["网格化", "乡村振兴"]


def test_verification_is_by_someone_above_and_recorded(api, db):
    round_ = make_round(api)
    case = submit_case(api, round_)
    body = {"visited_on": clock.today_local().isoformat(), "inspectors": ["王明"], "findings": "台账齐全"}
    own = api.as_("va1_secretary").post(f"/cases/{case['id']}/verify", json=body)
    assert own.status_code == 403  # a secretary holds no case_verify
    assert api.as_("tb_organizer").post(f"/cases/{case['id']}/verify", json=body).status_code == 404
    future = body | {"visited_on": (clock.today_local() + timedelta(days=2)).isoformat()}
    assert api.as_("ta_organizer").post(f"/cases/{case['id']}/verify", json=future).status_code == 422
    assert (
        api.as_("ta_organizer").post(f"/cases/{case['id']}/verify", json=body | {"inspectors": []}).status_code == 422
    )
    photo = upload(api.as_("ta_organizer"))
    verified = api.as_("ta_organizer").post(f"/cases/{case['id']}/verify", json=body | {"attachment_ids": [photo]})
    assert verified.status_code == 200 and verified.json()["status"] == "verified"
    record = verified.json()["verifications"][0]
    assert record["passed"] is True and record["inspectors"] == ["王明"] and record["findings"] == "台账齐全"
    again = api.as_("ta_organizer").post(f"/cases/{case['id']}/reject", json=body)
    assert again.status_code == 409 and error_code(again) == "invalid_transition"
    timeline = api.as_("va1_secretary").get(f"/cases/{case['id']}/timeline").json()
    assert timeline[0]["data"] == {"action": "verify", "from": "submitted", "to": "verified"}
    assert [a["id"] for a in timeline[0]["attachments"]] == [photo]
    assert _count(db, CaseVerification) == 1


def test_a_failed_verification_rejects_the_case(api):
    round_ = make_round(api)
    case = submit_case(api, round_)
    rejected = verify(api, case, by="county_organizer", action="reject")
    assert rejected["status"] == "rejected" and rejected["verifications"][0]["passed"] is False
    assert rejected["allowed_actions"] == []


def test_a_case_of_the_township_itself_is_verified_by_the_county(api):
    round_ = make_round(api)
    case = submit_case(api, round_, org="ta", by="ta_secretary")
    body = {"visited_on": clock.today_local().isoformat(), "inspectors": ["王明"], "findings": "属实"}
    refused = api.as_("ta_organizer").post(f"/cases/{case['id']}/verify", json=body)
    assert refused.status_code == 403 and error_code(refused) == "verifier_not_above"
    assert api.as_("county_organizer").post(f"/cases/{case['id']}/verify", json=body).status_code == 200


def test_lists_filter_and_stay_in_scope(api):
    round_ = make_round(api)
    a = submit_case(api, round_, title="甲一村网格治理", domain=DOMAINS[0])
    b = submit_case(api, round_, org="vb1", by="vb1_secretary", channel="recommendation")
    organizer = api.as_("county_organizer")
    assert {c["id"] for c in organizer.get("/cases").json()["items"]} == {a["id"], b["id"]}
    assert [c["id"] for c in api.as_("ta_admin").get("/cases").json()["items"]] == [a["id"]]
    assert [c["id"] for c in organizer.get("/cases", params={"q": "甲一村"}).json()["items"]] == [a["id"]]
    assert [c["id"] for c in organizer.get("/cases", params={"channel": "recommendation"}).json()["items"]] == [b["id"]]
    assert [c["id"] for c in organizer.get("/cases", params={"domain": DOMAINS[0]}).json()["items"]] == [a["id"]]
    assert [c["id"] for c in organizer.get("/cases", params={"root_id": api.world.org_id("tb")}).json()["items"]] == [
        b["id"]
    ]
    assert organizer.get("/cases", params={"status": "verified"}).json()["total"] == 0
    assert api.as_("ta_admin").get(f"/cases/{b['id']}").status_code == 404
    assert api.as_("judge").get("/cases").status_code == 403


def test_assigned_judges_read_the_case_and_its_attachments(api):
    add_judges(api, {"j_va1": "va1", "j_outsider": "tb"})
    round_ = make_round(api)
    owner = api.as_("va1_secretary")
    attachment = upload(owner, name="案例材料.jpg")
    case = submit_case(api, round_, attachment_ids=[attachment])
    verify(api, case)
    reviewed = start_review(api, round_, scorers=("judge", "j_va1"))
    session_id = reviewed["session_id"]
    assert api.as_("judge").get(f"/attachments/{attachment}/content").status_code == 404  # not open yet
    api.as_("county_organizer").post(f"/scoring-sessions/{session_id}/open")
    queue = api.as_("judge").get(f"/scoring-sessions/{session_id}/queue").json()["items"][0]
    assert queue["label"] == case["title"] and queue["content"]["body"] == case["body"]
    assert [a["id"] for a in queue["content"]["attachments"]] == [attachment]
    download = api.as_("judge").get(f"/attachments/{attachment}/content")
    assert download.status_code == 200 and download.content.startswith(b"\xff\xd8")
    conflicted = api.as_("j_va1").get(f"/scoring-sessions/{session_id}/queue").json()["items"][0]
    assert conflicted["conflict"] == "same_org" and conflicted["content"] is None
    assert api.as_("j_va1").get(f"/attachments/{attachment}").status_code == 404
    assert api.as_("j_outsider").get(f"/attachments/{attachment}").status_code == 404
    assert api.as_("county_viewer").get(f"/attachments/{attachment}").status_code == 200
    assert api.as_("vb1_secretary").get(f"/attachments/{attachment}").status_code == 404
