from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import httpx2

from tests.problems.helpers import issue, rectify, submit, to_closed
from tests.support.live import live_server


def test_one_monthly_report_per_month(api, fake_clock):
    fake_clock.set(datetime(2026, 11, 10, 2, tzinfo=UTC))
    problem = issue(api)
    user = api.as_("va1_secretary")
    first = user.post(f"/problems/{problem['id']}/monthly-reports", json={"content": "11月：已召开支委会"})
    assert first.status_code == 201 and first.json()["reported_this_month"] is True
    second = user.post(
        f"/problems/{problem['id']}/monthly-reports", json={"content": "11月：补充会议记录", "progress": 60}
    )
    assert second.status_code == 201
    monthly = [e for e in user.get(f"/problems/{problem['id']}/timeline").json() if e["kind"] == "monthly"]
    assert len(monthly) == 1 and monthly[0]["content"] == "11月：补充会议记录" and monthly[0]["period"] == "2026-11"
    assert monthly[0]["progress"] == 60 and monthly[0]["updated_at"]
    future = user.post(f"/problems/{problem['id']}/monthly-reports", json={"content": "x", "period": "2026-12"})
    assert future.status_code == 422
    assert (
        user.post(f"/problems/{problem['id']}/monthly-reports", json={"content": "x", "period": "2026-13"}).status_code
        == 422
    )
    fake_clock.set(datetime(2026, 12, 2, 2, tzinfo=UTC))
    december = api.fresh("va1_secretary").get(f"/problems/{problem['id']}").json()
    assert december["reported_this_month"] is False
    assert (
        api.as_("ta_organizer").post(f"/problems/{problem['id']}/monthly-reports", json={"content": "x"}).status_code
        == 403
    )


def test_closed_problems_take_no_monthly_report(api):
    closed = to_closed(api)
    response = api.as_("va1_secretary").post(f"/problems/{closed['id']}/monthly-reports", json={"content": "x"})
    assert response.status_code == 409


def test_overdue_is_derived_from_the_deadline_and_the_clock(api, fake_clock):
    fake_clock.set(datetime(2026, 11, 20, 2, tzinfo=UTC))
    problem = issue(api, deadline="2026-11-30")
    rectify(api, problem, deadline="2026-11-30")
    fake_clock.set(datetime(2026, 11, 30, 15, 59, tzinfo=UTC))  # 23:59 on the 30th in Asia/Shanghai
    assert api.as_("ta_organizer").get(f"/problems/{problem['id']}").json()["overdue"] is False
    fake_clock.set(datetime(2026, 11, 30, 16, 1, tzinfo=UTC))  # 00:01 on 1 December in Asia/Shanghai
    organizer = api.as_("ta_organizer")
    assert organizer.get(f"/problems/{problem['id']}").json()["overdue"] is True
    assert [p["id"] for p in organizer.get("/problems", params={"overdue": True}).json()["items"]] == [problem["id"]]
    assert organizer.get("/problems/summary").json()["overdue"] == 1
    submit(api, problem)
    assert organizer.get(f"/problems/{problem['id']}").json()["overdue"] is True  # submitted is still open
    organizer.post(f"/problems/{problem['id']}/close", json={})
    assert organizer.get(f"/problems/{problem['id']}").json()["overdue"] is False
    assert organizer.get("/problems", params={"overdue": True}).json()["total"] == 0


def test_ledger_filters_sorting_and_scope(api):
    a = issue(api, "va1", severity="critical", deadline="2026-12-01")
    b = issue(api, "va2", category="immediate", deadline="2026-12-20")
    c = issue(api, "vb1", by="tb_organizer", source="assessment")
    ta = api.as_("ta_organizer")
    ledger = ta.get("/problems", params={"sort": "deadline"}).json()
    assert [p["id"] for p in ledger["items"]] == [a["id"], b["id"]] and ledger["total"] == 2
    assert ledger["items"][0]["org_name"] == "甲一村党支部"
    assert [p["id"] for p in ta.get("/problems", params={"severity": "critical"}).json()["items"]] == [a["id"]]
    assert [p["id"] for p in ta.get("/problems", params={"category": "immediate"}).json()["items"]] == [b["id"]]
    assert [p["id"] for p in ta.get("/problems", params={"root_id": api.world.org_id("va2")}).json()["items"]] == [
        b["id"]
    ]
    assert ta.get("/problems", params={"root_id": api.world.org_id("vb1")}).status_code == 404
    county = api.as_("county_viewer").get("/problems").json()
    assert {p["id"] for p in county["items"]} == {a["id"], b["id"], c["id"]}
    assert api.as_("va1_secretary").get("/problems").json()["total"] == 1
    assert ta.get(f"/problems/{c['id']}").status_code == 404
    assert ta.get("/problems", params={"sort": "description"}).status_code == 422
    assert ta.get("/problems", params={"source": "gossip"}).status_code == 422


def test_summary_counts_closure_and_missing_reports(api):
    to_closed(api)
    open_one = issue(api, "va2")
    api.as_("va2_secretary").post(f"/problems/{open_one['id']}/monthly-reports", json={"content": "进展"})
    issue(api, "va1")
    summary = api.as_("ta_organizer").get("/problems/summary").json()
    assert summary["total"] == 3 and summary["closed"] == 1 and summary["open"] == 2
    assert summary["closure_rate"] == round(1 / 3, 4)
    assert summary["by_status"] == {"open": 2, "rectifying": 0, "submitted": 0, "closed": 1}
    assert summary["missing_monthly_report"] == 1
    assert api.as_("tb_organizer").get("/problems/summary").json()["total"] == 0


def test_two_clients_with_the_same_etag_one_wins_the_other_gets_412(app, api, db):
    problem = issue(api)
    rectify(api, problem)
    etag = api.as_("va1_secretary").get(f"/problems/{problem['id']}").headers["etag"]
    tokens = [api.fresh("va1_secretary").tokens["access_token"], api.fresh("va1_worker").tokens["access_token"]]
    measures = ["措施A：每周一次提醒", "措施B：建立台账"]
    with live_server(app) as base:

        def patch(i: int) -> httpx2.Response:
            return httpx2.patch(
                f"{base}/problems/{problem['id']}",
                json={"measures": measures[i]},
                timeout=30,
                headers={"Authorization": f"Bearer {tokens[i]}", "If-Match": etag},
            )

        with ThreadPoolExecutor(2) as pool:
            results = list(pool.map(patch, range(2)))
    assert sorted(r.status_code for r in results) == [200, 412]
    winner = measures[[r.status_code for r in results].index(200)]
    final = api.as_("va1_secretary").get(f"/problems/{problem['id']}").json()
    assert final["measures"] == winner and final["version"] == int(etag.strip('"')) + 1
    audit = (
        api.as_("ta_organizer")
        .get("/audit-events", params={"object_type": "problem", "object_id": str(problem["id"]), "action": "updated"})
        .json()
    )
    assert audit["total"] == 1  # the loser wrote nothing


def test_names_and_capabilities_travel_with_problems(api):
    problem = issue(api)
    rectify(api, problem)
    village = api.as_("va1_secretary").get(f"/problems/{problem['id']}").json()
    assert village["issuer_org_name"] == "甲镇党委"
    assert village["responsible_user_name"] == "测试va1_secretary"
    assert village["capabilities"] == ["report", "monthly_report", "complete_milestone", "edit_rectification"]
    issuer = api.as_("ta_organizer").get(f"/problems/{problem['id']}").json()
    assert issuer["capabilities"] == ["edit_problem"]
    listed = api.as_("ta_organizer").get("/problems").json()["items"][0]
    assert listed["responsible_user_name"] == "测试va1_secretary" and listed["capabilities"] == ["edit_problem"]
    submit(api, problem)
    after = api.as_("va1_secretary").get(f"/problems/{problem['id']}").json()
    assert after["last_report_at"] and "edit_rectification" not in after["capabilities"]
    timeline = api.as_("va1_secretary").get(f"/problems/{problem['id']}/timeline").json()
    assert {e["author_name"] for e in timeline} == {"测试va1_secretary"}


def test_not_reported_this_month_filter_and_deadline_sort(api):
    reported, silent, undated = issue(api, deadline="2026-12-01"), issue(api, deadline="2026-12-20"), issue(api)
    api.as_("va1_secretary").post(f"/problems/{reported['id']}/monthly-reports", json={"content": "进展"})
    organizer = api.as_("ta_organizer")
    missing = organizer.get("/problems", params={"reported_this_month": False}).json()
    assert {p["id"] for p in missing["items"]} == {silent["id"], undated["id"]} and missing["total"] == 2
    done = organizer.get("/problems", params={"reported_this_month": True}).json()
    assert [p["id"] for p in done["items"]] == [reported["id"]]
    ascending = [p["id"] for p in organizer.get("/problems", params={"sort": "deadline"}).json()["items"]]
    descending = [p["id"] for p in organizer.get("/problems", params={"sort": "-deadline"}).json()["items"]]
    assert ascending == [reported["id"], silent["id"], undated["id"]]
    assert descending == [silent["id"], reported["id"], undated["id"]]  # no deadline: last either way


def test_attachment_limits_are_published(client):
    limits = client.get("/api/v1/meta/attachments").json()
    assert limits["max_bytes"] == 20 * 1024 * 1024 and "image/heic" in limits["content_types"]


def test_the_whole_tree_pages_through_the_key_order_with_the_same_rows(api, monkeypatch):
    """The only root's list walks the primary key without a scope predicate (see app/kit/prebuilt.py); its
    pages, totals and status filter must be exactly those of the index-range plan, and a township keeps the
    range."""
    from app.kit.prebuilt import PrebuiltPage
    from app.orgs import repository as org_repository

    for org, by in (("va1", "ta_organizer"), ("va2", "ta_organizer"), ("vb1", "tb_organizer")) * 3:
        issue(api, org=org, by=by)
    organizer = api.as_("county_organizer")
    queries = [{"page": p, "page_size": 2} for p in (1, 2, 5)] + [{"status": "open", "page_size": 4}]
    plans: list[bool] = []
    original = PrebuiltPage.rows

    def spy(self, *args, whole_tree=False, **kwargs):
        plans.append(whole_tree)
        return original(self, *args, whole_tree=whole_tree, **kwargs)

    monkeypatch.setattr(PrebuiltPage, "rows", spy)
    walked = [organizer.get("/problems", params=q).json() for q in queries]
    assert plans == [True] * 4
    monkeypatch.setattr(org_repository, "covers_whole_tree", lambda *_: False)
    ranged = [organizer.get("/problems", params=q).json() for q in queries]
    assert plans[4:] == [False] * 4
    assert walked == ranged
    assert walked[0]["total"] == 9 and len(walked[2]["items"]) == 1
    assert [p["id"] for p in walked[0]["items"]] == [p["id"] for p in walked[3]["items"]][:2]
    plans.clear()
    monkeypatch.undo()
    monkeypatch.setattr(PrebuiltPage, "rows", spy)
    township = api.as_("tb_organizer").get("/problems").json()
    assert township["total"] == 3 and plans == [False]
