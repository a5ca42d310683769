from datetime import UTC, datetime

from tests.problems.helpers import issue, rectify, submit, to_closed


def test_overview_counts_the_subtree(api, fake_clock):
    fake_clock.set(datetime(2026, 11, 20, 2, tzinfo=UTC))
    to_closed(api)
    overdue = issue(api, "va2", deadline="2026-11-10")
    issue(api, "va2", deadline="2026-12-31")
    issue(api, "vb1", by="tb_organizer")
    body = api.as_("ta_organizer").get("/stats/overview").json()
    assert body["org_id"] == api.world.org_id("ta") and body["org_name"] == "甲镇党委"
    assert body["orgs"] == 3 and body["users"] == 11  # 6 township staff, 2 per village, the judge living in va2
    problems = next(k for k in body["kinds"] if k["kind"] == "problem")
    assert problems == {
        "kind": "problem",
        "label": "问题",
        "total": 3,
        "open": 2,
        "done": 1,
        "done_rate": 0.3333,
        "overdue": 1,
        "by_status": {"closed": 1, "open": 2, "rectifying": 0, "submitted": 0},
    }
    county = api.as_("county_viewer").get("/stats/overview").json()
    assert next(k for k in county["kinds"] if k["kind"] == "problem")["total"] == 4
    rectify(api, overdue, by="va2_secretary", deadline="2026-12-01")  # a new deadline: no longer overdue
    again = api.as_("ta_organizer").get("/stats/overview").json()
    assert next(k for k in again["kinds"] if k["kind"] == "problem")["overdue"] == 0


def test_ranking_of_children_with_competition_ranks(api, fake_clock):
    fake_clock.set(datetime(2026, 11, 20, 2, tzinfo=UTC))
    to_closed(api, "va1")
    to_closed(api, "va2", "va2_secretary")
    issue(api, "va2")
    county = api.as_("county_viewer")
    ranking = county.get("/stats/ranking", params={"kind": "problem", "org_id": api.world.org_id("ta")}).json()
    assert [(i["org_name"], i["value"], i["rank"]) for i in ranking["items"]] == [
        ("甲一村党支部", 1.0, 1),
        ("甲二村党支部", 0.5, 2),
    ]
    by_total = county.get("/stats/ranking", params={"kind": "problem", "metric": "total"}).json()
    assert [(i["org_name"], i["value"], i["rank"]) for i in by_total["items"]] == [
        ("甲镇党委", 3, 1),
        ("乙镇党委", 0, 2),
    ]
    tied = county.get(
        "/stats/ranking", params={"kind": "problem", "metric": "overdue", "org_id": api.world.org_id("tb")}
    ).json()
    assert [i["rank"] for i in tied["items"]] == [1, 1] and tied["descending"] is False


def test_stats_scope_and_validation(api):
    w = api.world
    assert api.as_("ta_organizer").get("/stats/overview", params={"org_id": w.org_id("tb")}).status_code == 404
    assert (
        api.as_("ta_organizer")
        .get("/stats/ranking", params={"kind": "problem", "org_id": w.org_id("county")})
        .status_code
        == 404
    )
    assert api.as_("ta_organizer").get("/stats/ranking", params={"kind": "weather"}).status_code == 422
    assert (
        api.as_("ta_organizer").get("/stats/ranking", params={"kind": "problem", "metric": "mood"}).status_code == 422
    )
    assert api.as_("judge").get("/stats/overview").status_code == 403
    assert api.as_("va1_secretary").get("/stats/overview").json()["org_id"] == w.org_id("va1")


def test_list_totals_from_counters_equal_exact_counts(api):
    submit_after = issue(api)
    rectify(api, submit_after)
    submit(api, submit_after)
    issue(api, "va2")
    organizer = api.as_("ta_organizer")
    assert organizer.get("/problems").json()["total"] == 2
    assert organizer.get("/problems", params={"status": "submitted"}).json()["total"] == 1
    assert organizer.get("/problems", params={"root_id": api.world.org_id("va2")}).json()["total"] == 1
    assert organizer.get("/problems", params={"severity": "general"}).json()["total"] == 2  # exact path
    assert api.as_("county_viewer").get("/orgs", params={"status": "active"}).json()["total"] == 7
    assert api.as_("ta_admin").get("/users", params={"is_active": True}).json()["total"] == 11
