"""一月一调度 (monthly reports), milestones, the reminder list with a fixed clock, the ledger and its rollups."""

from datetime import UTC, datetime

from tests.projects.helpers import FLOATING, PLAN, STARS, advance, claim, make_campaign, report
from tests.support.api import error_code

SOON = PLAN | {"milestones": [{"title": "全面推开", "due_on": "2026-12-15"}]}


def _running(api, campaign, item=FLOATING, org="va1", plan=SOON):  # type: ignore[no-untyped-def]
    reviewer = "tb_organizer" if org.startswith("vb") else "ta_organizer"
    return advance(api, claim(api, campaign, item, org, plan=plan), "in_progress", org=org, reviewer=reviewer)


def test_one_monthly_report_per_project_and_month(api, fake_clock):
    fake_clock.set(datetime(2026, 11, 10, 2, tzinfo=UTC))
    project = _running(api, make_campaign(api))
    first = report(api, project, content="11月：摸清流动党员 36 名", progress=30, difficulties="部分党员外出务工联系难")
    assert first.status_code == 201
    body = first.json()
    assert body["progress"] == 30 and body["progress_period"] == "2026-11" and body["reported_this_month"] is True
    second = report(api, project, by="va1_worker", content="11月：建立流动党员微信群", progress=45)
    assert second.status_code == 201 and second.json()["progress"] == 45
    timeline = api.as_("va1_secretary").get(f"/projects/{project['id']}/timeline").json()
    monthly = [e for e in timeline if e["kind"] == "monthly"]
    assert len(monthly) == 1 and monthly[0]["period"] == "2026-11" and monthly[0]["updated_at"]
    assert (
        monthly[0]["content"] == "11月：建立流动党员微信群"
        and monthly[0]["progress"] == 45
        and monthly[0]["data"] == {}
    )
    # a late report for an earlier month does not overwrite the current progress
    october = report(api, project, period="2026-10", progress=20, difficulties="启动较晚")
    assert october.status_code == 201 and october.json()["progress"] == 45
    entry = [
        e
        for e in api.as_("va1_secretary").get(f"/projects/{project['id']}/timeline").json()
        if e["period"] == "2026-10"
    ]
    assert entry[0]["data"] == {"difficulties": "启动较晚"}
    assert report(api, project, period="2026-12").status_code == 422
    assert report(api, project, progress=101).status_code == 422
    assert (
        api.as_("va1_secretary").post(f"/projects/{project['id']}/monthly-reports", json={"content": "x"}).status_code
        == 422
    )
    fake_clock.set(datetime(2026, 12, 2, 2, tzinfo=UTC))
    december = api.fresh("va1_secretary").get(f"/projects/{project['id']}").json()
    assert december["reported_this_month"] is False and december["progress"] == 45


def test_monthly_reports_only_while_in_progress_and_by_the_projects_org(api):
    campaign = make_campaign(api)
    draft = claim(api, campaign)
    refused = report(api, draft)
    assert refused.status_code == 409 and error_code(refused) == "invalid_transition"
    running = _running(api, campaign, STARS)
    assert report(api, running, by="ta_organizer").status_code == 403
    assert report(api, running, by="ta_secretary").status_code == 403
    assert report(api, running, by="vb1_secretary").status_code == 404
    done = advance(api, running, "completed")
    assert report(api, done).status_code == 409


def test_milestones_are_completed_by_the_projects_org(api):
    project = _running(api, make_campaign(api), plan=PLAN)
    first, second = project["plan"]["milestones"]
    assert project["behind_milestone"] is True  # both PLAN milestones lie before today
    path = f"/projects/{project['id']}/milestones"
    assert api.as_("ta_organizer").post(f"{path}/{first['id']}/complete").status_code == 403
    assert api.as_("va1_worker").post(f"{path}/999999/complete").status_code == 404
    done = api.as_("va1_worker").post(f"{path}/{first['id']}/complete")
    assert done.status_code == 200 and done.json()["plan"]["milestones"][0]["completed_at"]
    assert done.json()["behind_milestone"] is True
    assert api.as_("va1_secretary").post(f"{path}/{second['id']}/complete").json()["behind_milestone"] is False
    advance(api, project, "completed")
    assert api.as_("va1_secretary").post(f"{path}/{second['id']}/complete").status_code == 409


def _listed(api, user: str, **params) -> dict[int, list[str]]:  # type: ignore[no-untyped-def]
    rows = api.as_(user).get("/projects/reminders", params=params).json()["items"]
    return {r["project_id"]: r["reasons"] for r in rows}


def test_reminder_list_with_a_fixed_clock(api, fake_clock):
    fake_clock.set(datetime(2026, 10, 20, 2, tzinfo=UTC))
    campaign = make_campaign(api)
    reported = _running(api, campaign, FLOATING, "va1")
    silent = _running(api, campaign, STARS, "va1")
    late = _running(
        api, campaign, FLOATING, "va2", plan=PLAN | {"milestones": [{"title": "完成建档", "due_on": "2026-11-09"}]}
    )
    other_side = _running(api, campaign, FLOATING, "vb1")
    submitted = advance(api, claim(api, campaign, STARS, "va2"), "submitted", org="va2")
    report(api, silent, content="10月：已启动")
    fake_clock.set(datetime(2026, 11, 10, 2, tzinfo=UTC))  # 10:00 on 10 November in Asia/Shanghai
    report(api, reported, content="11月进展")
    report(api, late, by="va2_secretary", content="11月进展")
    county = _listed(api, "county_organizer")
    assert county == {
        silent["id"]: ["no_monthly_report"],
        late["id"]: ["behind_milestone"],
        other_side["id"]: ["no_monthly_report"],
    }
    assert submitted["id"] not in county and reported["id"] not in county
    row = next(
        r for r in api.as_("ta_organizer").get("/projects/reminders").json()["items"] if r["project_id"] == late["id"]
    )
    assert row["owner_name"] == "测试va2_secretary" and row["org_name"] == "甲二村党支部"
    assert [m["title"] for m in row["late_milestones"]] == ["完成建档"] and row["progress"] == 40
    assert set(_listed(api, "ta_organizer")) == {silent["id"], late["id"]}  # per subtree
    assert set(_listed(api, "va1_secretary")) == {silent["id"]}
    assert set(_listed(api, "county_organizer", reason="behind_milestone")) == {late["id"]}
    assert set(_listed(api, "county_organizer", root_id=api.world.org_id("tb"))) == {other_side["id"]}
    assert set(_listed(api, "county_organizer", owner_id=api.world.user_id("va1_secretary"))) == {silent["id"]}
    assert (
        api.as_("ta_organizer").get("/projects/reminders", params={"root_id": api.world.org_id("tb")}).status_code
        == 404
    )
    # once reported, or the milestone done, a project leaves the list
    report(api, silent, content="11月进展")
    milestone = late["plan"]["milestones"][0]["id"]
    api.as_("va2_secretary").post(f"/projects/{late['id']}/milestones/{milestone}/complete")
    assert set(_listed(api, "ta_organizer")) == set()
    # a new month (Asia/Shanghai) puts everyone back on the list
    fake_clock.set(datetime(2026, 11, 30, 16, 1, tzinfo=UTC))
    assert set(_listed(api, "ta_organizer")) == {reported["id"], silent["id"], late["id"]}


def test_behind_a_milestone_starts_the_day_after_it_is_due_in_shanghai(api, fake_clock):
    fake_clock.set(datetime(2026, 11, 1, 2, tzinfo=UTC))
    project = _running(api, make_campaign(api), plan=PLAN | {"milestones": [{"title": "节点", "due_on": "2026-11-10"}]})
    report(api, project)
    fake_clock.set(datetime(2026, 11, 10, 15, 59, tzinfo=UTC))  # 23:59 on the due date
    assert _listed(api, "ta_organizer") == {}
    assert api.as_("ta_organizer").get(f"/projects/{project['id']}").json()["behind_milestone"] is False
    fake_clock.set(datetime(2026, 11, 10, 16, 1, tzinfo=UTC))  # 00:01 the next day
    assert _listed(api, "ta_organizer") == {project["id"]: ["behind_milestone"]}
    assert api.as_("ta_organizer").get(f"/projects/{project['id']}").json()["behind_milestone"] is True


def test_ledger_filters_sorting_and_scope(api):
    w = api.world
    campaign = make_campaign(api)
    other = make_campaign(api, "ta", "ta_organizer", title="甲镇村书记项目")
    floating = claim(api, campaign, FLOATING, "va1")
    stars = advance(api, claim(api, campaign, STARS, "va2"), "submitted", org="va2")
    local = claim(api, other, FLOATING, "va1")
    county = api.as_("county_viewer")

    def ids(user, **params) -> set[int]:  # type: ignore[no-untyped-def]
        response = api.as_(user).get("/projects", params=params)
        assert response.status_code == 200, response.text
        return {p["id"] for p in response.json()["items"]}

    assert county.get("/projects").json()["total"] == 7  # 4 pre-claims + 3 claims
    assert ids("county_viewer", campaign_id=other["id"]) == {local["id"]}
    assert ids("county_viewer", level="village") == {floating["id"], stars["id"], local["id"]}
    assert len(ids("county_viewer", level="township", domain="rural")) == 2  # 党建+村级集体经济 pre-claims
    assert ids("county_viewer", status="submitted") == {stars["id"]}
    assert ids("county_viewer", owner_id=w.user_id("va1_secretary")) == {floating["id"], local["id"]}
    assert len(ids("county_viewer", mandatory=True)) == 4
    assert len(ids("county_viewer", category="key")) == 4
    assert ids("county_viewer", root_id=w.org_id("va2")) == {stars["id"]}
    assert ids("va1_secretary") == {floating["id"], local["id"]}
    assert len(ids("ta_organizer")) == 5 and len(ids("tb_organizer")) == 2
    rows = county.get("/projects", params={"sort": "org_id", "level": "village"}).json()["items"]
    assert [r["org_id"] for r in rows] == sorted(r["org_id"] for r in rows)
    assert rows[0]["org_name"] == "甲一村党支部" and rows[0]["owner_name"] == "测试va1_secretary"
    assert county.get("/projects", params={"sort": "goals"}).status_code == 422
    assert county.get("/projects", params={"status": "finished"}).status_code == 422
    assert api.as_("tb_organizer").get("/projects", params={"root_id": w.org_id("ta")}).status_code == 404
    assert api.as_("tb_organizer").get(f"/projects/{floating['id']}").status_code == 404
    assert api.as_("tb_organizer").get(f"/projects/{floating['id']}/timeline").status_code == 404
    assert api.as_("judge").get("/projects").status_code == 403


def test_summary_and_rollup_per_org(api, fake_clock):
    fake_clock.set(datetime(2026, 11, 10, 2, tzinfo=UTC))
    campaign = make_campaign(api)
    a = _running(api, campaign, FLOATING, "va1")
    report(api, a, progress=60)
    _running(api, campaign, STARS, "va1")  # no report this month
    accepted = _running(api, campaign, FLOATING, "va2")
    report(api, accepted, by="va2_secretary", progress=100)
    advance(api, accepted, "accepted", org="va2")
    summary = api.as_("ta_organizer").get("/projects/summary").json()
    assert summary["total"] == 5 and summary["in_progress"] == 2
    assert summary["by_status"]["draft"] == 2 and summary["by_status"]["accepted"] == 1
    assert summary["average_progress"] == round((60 + 0 + 100) / 3, 1)
    assert summary["missing_monthly_report"] == 1 and summary["behind_milestone"] == 0
    assert summary["by_grade"] == {"excellent": 0, "good": 1, "qualified": 0, "unqualified": 0}
    assert api.as_("tb_organizer").get("/projects/summary").json()["total"] == 2
    only = api.as_("county_viewer").get("/projects/summary", params={"campaign_id": campaign["id"], "level": "village"})
    assert only.json()["total"] == 3
    rollup = api.as_("ta_organizer").get("/projects/rollup", params={"sort": "-average_progress"}).json()
    assert [(r["org_name"], r["total"], r["average_progress"]) for r in rollup["items"]] == [
        ("甲二村党支部", 1, 100.0),
        ("甲一村党支部", 2, 30.0),
        ("甲镇党委", 2, 0.0),
    ]
    assert rollup["items"][1]["missing_monthly_report"] == 1 and rollup["total"] == 3
    assert {r["org_id"] for r in api.as_("tb_organizer").get("/projects/rollup").json()["items"]} == {
        api.world.org_id("tb")
    }
    assert api.as_("ta_organizer").get("/projects/rollup", params={"sort": "name"}).status_code == 422
