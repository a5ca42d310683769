"""Case rounds: who runs them, who sees them (the organizing org's whole subtree), and the round-wide steps:
review → selection from the ranking → announcement → publication."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from app.models.cases import Case
from app.models.records import Event
from tests.cases.helpers import announced, make_round, reviewed_round, round_action, start_review, submit_case, verify
from tests.support.api import error_code


def test_create_and_read_a_round(api):
    round_ = make_round(api)
    assert round_["phase"] == "collecting" and round_["announce_days"] == 5 and round_["session_id"] is None
    assert round_["counts"]["submitted"] == 0 and round_["allowed_actions"] == []
    assert round_["channels"] == ["open_call", "invitation", "recommendation"]


def test_who_may_run_a_round_and_bad_input(api, db):
    w = api.world
    body = {
        "org_id": w.org_id("ta"),
        "year": 2026,
        "title": "甲镇优秀案例征集",
        "theme": "党建引领乡村振兴",
        "domains": ["产业发展"],
        "channels": ["open_call"],
        "submit_from": "2026-11-01",
        "submit_until": "2026-11-30",
    }
    assert api.as_("ta_secretary").post("/case-rounds", json=body).status_code == 403
    assert api.as_("tb_organizer").post("/case-rounds", json=body).status_code == 404
    for extra in (
        {"submit_until": "2026-10-01"},
        {"domains": []},
        {"domains": ["产业发展", "产业发展"]},
        {"channels": ["wechat"]},
        {"announce_days": 0},
        {"status": "open"},
    ):
        response = api.as_("ta_organizer").post("/case-rounds", json=body | extra)
        assert response.status_code == 422, extra
    assert api.as_("ta_organizer").post("/case-rounds", json=body).status_code == 201


def test_a_round_is_seen_by_its_whole_subtree_and_nobody_else(api):
    county = make_round(api)
    ta = make_round(api, by="ta_organizer", org="ta", title="甲镇案例征集")
    seen = {r["id"] for r in api.as_("va1_worker").get("/case-rounds").json()["items"]}
    assert seen == {county["id"], ta["id"]}  # called upon by the county and by its township
    assert {r["id"] for r in api.as_("vb1_secretary").get("/case-rounds").json()["items"]} == {county["id"]}
    assert api.as_("vb1_secretary").get(f"/case-rounds/{ta['id']}").status_code == 404
    assert api.as_("tb_admin").patch(f"/case-rounds/{ta['id']}", json={"title": "x"}).status_code == 404
    assert api.as_("judge").get("/case-rounds").status_code == 403
    filtered = api.as_("county_viewer").get("/case-rounds", params={"org_id": api.world.org_id("ta")}).json()
    assert [r["id"] for r in filtered["items"]] == [ta["id"]]


def test_update_a_round(api):
    round_ = make_round(api)
    organizer = api.as_("county_organizer")
    changed = organizer.patch(f"/case-rounds/{round_['id']}", json={"announce_days": 7}, headers={"If-Match": '"1"'})
    assert changed.status_code == 200 and changed.json()["announce_days"] == 7
    assert (
        organizer.patch(f"/case-rounds/{round_['id']}", json={"title": "x"}, headers={"If-Match": '"1"'}).status_code
        == 412
    )
    assert organizer.patch(f"/case-rounds/{round_['id']}", json={"submit_until": "2000-01-01"}).status_code == 422
    assert api.as_("ta_organizer").patch(f"/case-rounds/{round_['id']}", json={"title": "x"}).status_code == 403


def test_review_select_announce_publish(api, db, fake_clock):
    round_, cases = reviewed_round(api, points=((28, 36, 27), (20, 30, 20), (25, 35, 25)))
    first, second, third = (c["id"] for c in cases)
    assert round_["counts"]["in_review"] == 3
    organizer = api.as_("county_organizer")
    assert organizer.get(f"/case-rounds/{round_['id']}").json()["allowed_actions"] == ["select"]
    selected = round_action(api, round_, "select", {"top_n": 2})
    assert selected["selection"] == {"top_n": 2} and selected["counts"]["selected"] == 2
    states = {c["id"]: (c["status"], c["score"], c["rank"]) for c in organizer.get("/cases").json()["items"]}
    assert states == {
        first: ("selected", 91.0, 1),  # 28 + 36 + 27
        third: ("selected", 85.0, 2),
        second: ("not_selected", 70.0, 3),
    }
    assert organizer.post(f"/case-rounds/{round_['id']}/select", json={"top_n": 1}).status_code == 409
    announced_round = round_action(api, round_, "announce", {"days": 5})
    assert announced_round["counts"]["announced"] == 2
    start = datetime.fromisoformat(announced_round["announce_from"].replace("Z", "+00:00"))
    assert datetime.fromisoformat(announced_round["announce_until"].replace("Z", "+00:00")) == start + timedelta(days=5)
    early = organizer.post(f"/case-rounds/{round_['id']}/publish")
    assert early.status_code == 409 and error_code(early) == "announcement_open"
    fake_clock.set(start + timedelta(days=5, seconds=1))
    published = api.as_("county_organizer").post(f"/case-rounds/{round_['id']}/publish")
    assert published.status_code == 200 and published.json()["counts"]["published"] == 2
    with db.transaction() as s:
        case = s.get(Case, first)
        assert case.status == "published" and case.published_at is not None and case.is_open is False
        types = s.scalars(
            select(Event.type).where(Event.object_type == "case", Event.object_id == str(first)).order_by(Event.id)
        ).all()
        rounds = s.scalars(select(Event.type).where(Event.object_type == "case_round").order_by(Event.id)).all()
    assert types == [
        "case.created",
        "case.verified",
        "case.in_review",
        "case.selected",
        "case.announced",
        "case.published",
    ]
    assert rounds == [
        "case_round.created",
        "case_round.review_started",
        "case_round.selected",
        "case_round.announced",
        "case_round.published",
    ]
    timeline = api.as_("va1_secretary").get(f"/cases/{first}/timeline").json()
    assert [e["data"]["to"] for e in timeline] == ["verified", "in_review", "selected", "announced", "published"]
    assert timeline[2]["content"] == "总分 91.00，排名第 1 名，入选"


def test_selection_by_minimum_score(api):
    round_, _ = reviewed_round(api)  # totals 91 and 70
    selected = round_action(api, round_, "select", {"min_score": 70})
    assert (selected["counts"]["selected"], selected["counts"]["not_selected"]) == (2, 0)
    assert (
        api.as_("county_organizer")
        .post(f"/case-rounds/{round_['id']}/select", json={"top_n": 1, "min_score": 1})
        .status_code
        == 422
    )


def test_the_round_steps_refuse_out_of_order(api):
    round_ = make_round(api)
    organizer = api.as_("county_organizer")
    body = {"rubric": [{"name": "创新性", "max_points": 30}], "scorer_ids": [api.world.user_id("judge")]}
    nothing = organizer.post(f"/case-rounds/{round_['id']}/start-review", json=body)
    assert nothing.status_code == 409 and error_code(nothing) == "invalid_transition"  # no verified case
    case = submit_case(api, round_)
    verify(api, case)
    assert organizer.post(f"/case-rounds/{round_['id']}/select", json={"top_n": 1}).status_code == 409
    assert organizer.post(f"/case-rounds/{round_['id']}/announce", json={}).status_code == 409
    assert organizer.post(f"/case-rounds/{round_['id']}/publish").status_code == 409
    assert api.as_("ta_organizer").post(f"/case-rounds/{round_['id']}/start-review", json=body).status_code == 403
    bad_judge = organizer.post(
        f"/case-rounds/{round_['id']}/start-review", json=body | {"scorer_ids": [api.world.user_id("va1_secretary")]}
    )
    assert bad_judge.status_code == 422
    reviewed = start_review(api, round_)
    assert reviewed["counts"]["in_review"] == 1
    session = organizer.get(f"/scoring-sessions/{reviewed['session_id']}").json()
    assert session["subjects_fixed"] is True and session["subject_ids"] == [case["id"]]
    assert session["purpose"] == "case_review" and session["status"] == "draft"
    assert organizer.post(f"/case-rounds/{round_['id']}/start-review", json=body).status_code == 409
    fixed = organizer.patch(f"/scoring-sessions/{reviewed['session_id']}", json={"subject_ids": []})
    assert fixed.status_code == 409 and error_code(fixed) == "subjects_fixed"
    assert organizer.post(f"/case-rounds/{round_['id']}/select", json={"top_n": 1}).status_code == 409  # still draft


def test_announcing_twice_is_refused(api):
    round_, _ = announced(api)
    again = api.as_("county_organizer").post(f"/case-rounds/{round_['id']}/announce", json={})
    assert again.status_code == 409


def test_the_announcement_window_uses_the_rounds_days(api, fake_clock):
    fake_clock.set(datetime(2026, 11, 20, 2, tzinfo=UTC))
    round_, _ = announced(api)
    assert round_["announce_from"] == "2026-11-20T02:00:00Z" and round_["announce_until"] == "2026-11-25T02:00:00Z"
