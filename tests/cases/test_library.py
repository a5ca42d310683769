"""The case library (用案例): published cases, searchable, readable across the organizing org's subtree; learning
feedback by orgs; and the calculation sheet in the public announcement once the results are published."""

from datetime import datetime, timedelta

from tests.cases.helpers import (
    DOMAINS,
    make_round,
    round_action,
    score_all,
    session_action,
    start_review,
    submit_case,
    verify,
)
from tests.scoring.helpers import panel_of_seven
from tests.support.files import upload


def _publish(api, fake_clock, round_, cases, points, judges=("judge",)):  # type: ignore[no-untyped-def]
    for case, verifier in cases:
        verify(api, case, by=verifier)
    round_ = start_review(api, round_, scorers=judges)
    session_id = round_["session_id"]
    session_action(api, session_id, "open")
    for judge in judges:
        score_all(api, session_id, judge, {c["id"]: p for (c, _), p in zip(cases, points, strict=True)})
    session_action(api, session_id, "close")
    round_action(api, round_, "select", {"top_n": len(cases)})
    round_ = round_action(api, round_, "announce")
    fake_clock.set(datetime.fromisoformat(round_["announce_until"].replace("Z", "+00:00")) + timedelta(seconds=1))
    api.fresh("county_organizer")  # the clock moved: log in again
    return round_action(api, round_, "publish", by="county_organizer")


def _library(api, fake_clock):  # type: ignore[no-untyped-def]
    county = make_round(api)
    a = submit_case(api, county, title="“党建家”推行“1235”工作法", domain=DOMAINS[1], tags=["城市社区", "党建家"],
                    attachment_ids=[upload(api.as_("va1_secretary"))])  # fmt: skip
    b = submit_case(api, county, org="vb1", by="vb1_secretary", title="“1+N+1”联村发展模式", domain=DOMAINS[0],
                    tags=["强村公司"], body="成立“强村公司”，促进村级集体经济持续提升。")  # fmt: skip
    _publish(api, fake_clock, county, [(a, "ta_organizer"), (b, "tb_organizer")], [(28, 36, 27), (25, 35, 25)])
    return county, a, b


def test_published_cases_are_searchable(api, fake_clock):
    county, a, b = _library(api, fake_clock)
    reader = api.fresh("va2_worker")
    everything = reader.get("/case-library").json()
    assert {c["id"] for c in everything["items"]} == {a["id"], b["id"]}  # a county library, read county-wide
    row = next(c for c in everything["items"] if c["id"] == a["id"])
    assert (row["year"], row["round_title"], row["score"], row["rank"], row["feedback_count"]) == (
        county["year"],
        county["title"],
        91.0,
        1,
        0,
    )

    def ids(**params):  # type: ignore[no-untyped-def]
        return [c["id"] for c in reader.get("/case-library", params=params).json()["items"]]

    assert ids(q="1235") == [a["id"]]
    assert ids(q="强村公司") == [b["id"]]  # found in the body
    assert ids(domain=DOMAINS[0]) == [b["id"]]
    assert ids(year=county["year"]) == ids() and ids(year=2001) == []
    assert ids(tag="党建家") == [a["id"]]
    assert ids(tag=["党建家", "城市社区"]) == [a["id"]] and ids(tag=["党建家", "强村公司"]) == []
    assert ids(sort="-score") == [a["id"], b["id"]]
    detail = reader.get(f"/case-library/{a['id']}").json()
    assert detail["body"] == a["body"] and len(detail["attachments"]) == 1
    download = reader.get(f"/attachments/{detail['attachments'][0]['id']}/content")
    assert download.status_code == 200  # library readers may download the case's material
    assert reader.get("/case-library", params={"sort": "title"}).status_code == 422


def test_a_township_library_stays_in_its_township(api, fake_clock):
    township = make_round(api, by="ta_organizer", org="ta", title="甲镇优秀案例征集")
    case = submit_case(api, township)
    verify(api, case, by="ta_organizer", action="verify")
    round_ = start_review(api, township, by="ta_organizer")  # the county's judges serve the townships too
    session_action(api, round_["session_id"], "open", by="ta_organizer")
    score_all(api, round_["session_id"], "judge", {case["id"]: (20, 30, 20)})
    session_action(api, round_["session_id"], "close", by="ta_organizer")
    round_action(api, township, "select", {"top_n": 1}, by="ta_organizer")
    announced = round_action(api, township, "announce", by="ta_organizer")
    fake_clock.set(datetime.fromisoformat(announced["announce_until"].replace("Z", "+00:00")) + timedelta(seconds=1))
    api.fresh("ta_organizer")
    round_action(api, township, "publish", by="ta_organizer")
    assert [c["id"] for c in api.fresh("va2_worker").get("/case-library").json()["items"]] == [case["id"]]
    assert api.fresh("vb1_secretary").get("/case-library").json()["items"] == []
    assert api.fresh("vb1_secretary").get(f"/case-library/{case['id']}").status_code == 404
    assert [c["id"] for c in api.fresh("county_viewer").get("/case-library").json()["items"]] == [case["id"]]
    assert api.fresh("judge").get("/case-library").status_code == 403


def test_unpublished_cases_are_not_in_the_library(api):
    round_ = make_round(api)
    case = submit_case(api, round_)
    assert api.as_("va1_secretary").get("/case-library").json()["total"] == 0
    assert api.as_("va1_secretary").get(f"/case-library/{case['id']}").status_code == 404


def test_orgs_record_learning_feedback(api, fake_clock):
    _, a, _ = _library(api, fake_clock)
    body = {
        "case_id": a["id"],
        "org_id": api.world.org_id("vb2"),
        "studied_on": (fake_clock.now - timedelta(days=1)).date().isoformat(),
        "participants": 23,
        "content": "主题党日集中学习“1235”工作法，结合本村实际开展研讨。",
        "measures": "建立村民议事会，每月一次",
    }
    created = api.fresh("vb2_secretary").post("/case-feedback", json=body)
    assert created.status_code == 201, created.text
    assert (created.json()["case_title"], created.json()["org_name"]) == (a["title"], "乙二村党支部")
    assert api.fresh("vb2_worker").post("/case-feedback", json=body | {"content": "党务工作者记录"}).status_code == 201
    assert api.fresh("vb1_secretary").post("/case-feedback", json=body).status_code == 404  # vb2 not in scope
    assert api.fresh("tb_deputy").post("/case-feedback", json=body).status_code == 403  # no case_feedback
    assert api.fresh("county_organizer").post("/case-feedback", json=body).status_code == 403
    future = body | {"studied_on": (fake_clock.now + timedelta(days=3)).date().isoformat()}
    assert api.fresh("vb2_secretary").post("/case-feedback", json=future).status_code == 422
    assert api.fresh("vb2_secretary").post("/case-feedback", json=body | {"participants": 0}).status_code == 422
    assert api.fresh("vb2_secretary").post("/case-feedback", json=body | {"case_id": a["id"] + 100}).status_code == 404
    assert api.fresh("tb_organizer").get("/case-feedback", params={"case_id": a["id"]}).json()["total"] == 2
    assert api.fresh("ta_organizer").get("/case-feedback").json()["total"] == 0  # feedback of 乙镇's orgs
    assert api.fresh("va2_worker").get(f"/case-library/{a['id']}").json()["feedback_count"] == 2
    by_root = api.fresh("county_viewer").get("/case-feedback", params={"root_id": api.world.org_id("ta")}).json()
    assert by_root["total"] == 0


def test_the_public_sheet_after_the_results_are_published(api, fake_clock):
    judges = tuple(f"j{i}" for i in range(1, 6))
    panel_of_seven(api)
    round_ = make_round(api)
    case = submit_case(api, round_)
    verify(api, case)
    round_ = start_review(api, round_, scorers=judges)
    session_id = round_["session_id"]
    session_action(api, session_id, "open")
    for judge, points in zip(
        judges, ((28, 36, 27), (20, 30, 20), (25, 35, 25), (30, 40, 30), (22, 33, 24)), strict=True
    ):
        score_all(api, session_id, judge, {case["id"]: points})
    session_action(api, session_id, "close")
    round_action(api, round_, "select", {"top_n": 1})
    round_action(api, round_, "announce")
    url = f"/public/announcements/{round_['id']}/cases/{case['id']}"
    assert api.anonymous("GET", url).json()["sheet"] is None  # results not yet published
    session_action(api, session_id, "publish")
    page = api.anonymous("GET", url).json()
    assert api.anonymous("GET", f"/public/announcements/{round_['id']}").json()["results_published"] is True
    sheet = page["sheet"]
    innovation = sheet["criteria"][0]  # 28, 20, 25, 30, 22: drop 20 and 30 → (28 + 25 + 22) / 3 = 25
    assert [(e["scorer_id"], e["scorer"], e["points"], e["dropped"]) for e in innovation["entries"]] == [
        (None, "评委1", 28.0, None),
        (None, "评委2", 20.0, "low"),
        (None, "评委3", 25.0, None),
        (None, "评委4", 30.0, "high"),
        (None, "评委5", 22.0, None),
    ]
    assert innovation["mean"] == 25.0
    # 实效性 36, 30, 35, 40, 33 → (36 + 35 + 33) / 3 = 34.67; 可推广性 27, 20, 25, 30, 24 → (27 + 25 + 24) / 3 = 25.33
    assert [c["mean"] for c in sheet["criteria"]] == [25.0, 34.67, 25.33]
    assert sheet["total"] == 85.0 and page["score"] == 85.0 and page["rank"] == 1
