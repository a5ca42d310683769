"""Completion rates (accepted / total) and overdue counts, per child org (drill-down), level, domain and list,
computed by hand here."""

from datetime import UTC, datetime

from tests.tasks.helpers import act, assignment_of, issued, task, to_status


def _world_of_tasks(api):  # type: ignore[no-untyped-def]
    w = api.world
    county = issued(
        api,
        [
            task("“三会一课”规范化", is_key=True, target_level="village"),  # A: 4 villages, 全领域
            task("乡镇班子建设", domain="rural", target_level="township"),  # B: 2 townships
        ],
        org="county",
        by="county_organizer",
    )
    township = issued(
        api, [task("在职党员常态化参与社区治理", domain="urban_community", target_org_ids=[w.org_id("va1")])]
    )
    a = {v: assignment_of(api, county, v, by="county_organizer") for v in ("va1", "va2", "vb1", "vb2")}
    b = {t: assignment_of(api, county, t, by="county_organizer") for t in ("ta", "tb")}
    c = assignment_of(api, township, "va1")
    to_status(api, a["va1"], "accepted", "va1", "ta_secretary")
    to_status(api, a["vb1"], "accepted", "vb1", "county_organizer")
    to_status(api, b["ta"], "accepted", "ta", "county_secretary")
    to_status(api, c, "accepted", "va1", "ta_organizer")
    to_status(api, a["va2"], "submitted", "va2")
    act(api, a["vb2"], "start", "vb2_secretary")
    return county, township


def _rows(body):  # type: ignore[no-untyped-def]
    return {r["key"]: (r["total"], r["accepted"], r["rate"], r["overdue"]) for r in body["rows"]}


def test_rollups_by_child_level_domain_and_list(api, fake_clock):
    w = api.world
    fake_clock.set(datetime(2026, 11, 20, 2, tzinfo=UTC))
    county_list, township_list = _world_of_tasks(api)
    fake_clock.set(datetime(2026, 12, 2, 2, tzinfo=UTC))  # past the 30 November deadline
    viewer = api.fresh("county_viewer")

    by_child = viewer.get("/task-assignments/rollup").json()
    assert by_child["by"] == "children" and by_child["root_id"] == w.org_id("county")
    # 7 assignments, 4 accepted; open and late: va2 (submitted), vb2 (in progress), tb (assigned)
    summary = by_child["summary"]
    assert (summary["total"], summary["accepted"], summary["rate"], summary["overdue"]) == (7, 4, 0.5714, 3)
    assert (summary["assigned"], summary["in_progress"], summary["submitted"]) == (1, 1, 1)
    assert _rows(by_child) == {
        str(w.org_id("ta")): (4, 3, 0.75, 1),  # va1 A ✓, va2 A, ta B ✓, va1 C ✓
        str(w.org_id("tb")): (3, 1, 0.3333, 2),  # vb1 A ✓, vb2 A, tb B
    }
    ta_row = by_child["rows"][0]
    assert ta_row["label"] == "甲镇党委" and ta_row["org_id"] == w.org_id("ta") and ta_row["has_children"] is True
    assert (ta_row["assigned"], ta_row["in_progress"], ta_row["submitted"]) == (0, 0, 1)

    # drill down into 甲镇
    drill = viewer.get("/task-assignments/rollup", params={"root_id": w.org_id("ta")}).json()
    assert (drill["summary"]["total"], drill["summary"]["accepted"]) == (4, 3)  # 甲镇's own task B included
    assert _rows(drill) == {str(w.org_id("va1")): (2, 2, 1.0, 0), str(w.org_id("va2")): (1, 0, 0.0, 1)}
    assert all(r["has_children"] is False for r in drill["rows"])

    by_level = viewer.get("/task-assignments/rollup", params={"by": "level"}).json()
    assert [(r["key"], r["label"]) for r in by_level["rows"]] == [
        ("township", "乡镇（街道）级"),
        ("village", "村（社区）级"),
    ]
    assert _rows(by_level) == {"township": (2, 1, 0.5, 1), "village": (5, 3, 0.6, 2)}

    by_domain = viewer.get("/task-assignments/rollup", params={"by": "domain"}).json()
    assert [(r["key"], r["label"]) for r in by_domain["rows"]] == [
        ("general", "全领域"),
        ("rural", "农村"),
        ("urban_community", "城市社区"),
    ]
    assert _rows(by_domain) == {
        "general": (4, 2, 0.5, 2),
        "rural": (2, 1, 0.5, 1),
        "urban_community": (1, 1, 1.0, 0),
    }

    by_list = viewer.get("/task-assignments/rollup", params={"by": "task_list"}).json()
    assert _rows(by_list) == {str(township_list["id"]): (1, 1, 1.0, 0), str(county_list["id"]): (6, 3, 0.5, 3)}
    assert by_list["rows"][0]["label"] == "基层党建月度工作清单（2026-11）"

    key_only = viewer.get("/task-assignments/rollup", params={"is_key": True}).json()["summary"]
    assert (key_only["total"], key_only["accepted"]) == (4, 2)
    listed = viewer.get("/task-assignments/rollup", params={"task_list_id": township_list["id"]}).json()
    assert _rows(listed)[str(w.org_id("ta"))][:2] == (1, 1)
    assert viewer.get("/task-assignments/rollup", params={"period": "2026-10"}).json()["summary"]["total"] == 0

    # scope: a township sees its own subtree only; the sibling township is a 404
    ta = api.fresh("ta_organizer")
    assert ta.get("/task-assignments/rollup").json()["root_id"] == w.org_id("ta")
    assert ta.get("/task-assignments/rollup", params={"root_id": w.org_id("tb")}).status_code == 404
    assert ta.get("/task-assignments/rollup", params={"by": "gossip"}).status_code == 422
    village = api.fresh("va1_secretary").get("/task-assignments/rollup", params={"by": "task_list"}).json()
    assert village["summary"]["total"] == 2 and village["rows"][0]["total"] == 1
