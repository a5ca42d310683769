"""已完成 X 项，占总数的 X%: completion per child org (its whole subtree) and per level, computed by hand here."""

from tests.responsibilities.helpers import complete, draft, issue, issued


def _items(api, org, by, n):  # type: ignore[no-untyped-def]
    person = api.world.user_id(f"{org}_secretary")
    return [{"role": "member", "description": f"责任事项{i + 1}", "responsible_user_id": person} for i in range(n)]


def _letter(api, org, by, n, done, verifier):  # type: ignore[no-untyped-def]
    letter = issue(api, draft(api, org=org, by=by, items=_items(api, org, by, n)), by=by)
    for item in letter["items"][:done]:
        complete(api, item["id"], reporter=f"{org}_secretary", verifier=verifier)
    return letter


def test_completion_per_child_org_and_per_level(api):
    w = api.world
    # county → ta: 3 items, 1 completed; county → tb: 2 items, 2 completed
    _letter(api, "ta", "county_organizer", 3, 1, "county_organizer")
    _letter(api, "tb", "county_organizer", 2, 2, "county_organizer")
    # ta → va1: 3 items, 2 completed; ta → va2: 2 items, none; tb → vb1: 1 item, none
    _letter(api, "va1", "ta_organizer", 3, 2, "ta_organizer")
    _letter(api, "va2", "ta_organizer", 2, 0, "ta_organizer")
    _letter(api, "vb1", "tb_organizer", 1, 0, "tb_organizer")
    draft(api, org="vb2", by="tb_organizer")  # drafts do not count
    issued(api, org="va2", by="ta_organizer", year=2027)  # nor other years

    county = api.as_("county_viewer").get("/responsibility-items/completion", params={"year": 2026}).json()
    assert county["root_id"] == w.org_id("county") and county["root_name"] == "测试县委"
    # 11 items, 5 completed: 5 / 11 = 45.45…%
    assert county["summary"] == {
        "total": 11,
        "completed": 5,
        "overdue": 0,
        "rate": 0.4545,
        "statement": "已完成 5 项，占总数的 45.5%",
    }
    assert county["own"]["total"] == 0
    by_org = {r["org_name"]: (r["total"], r["completed"], r["rate"], r["statement"]) for r in county["by_org"]}
    assert by_org == {
        "甲镇党委": (8, 3, 0.375, "已完成 3 项，占总数的 37.5%"),  # 3 + 3 + 2 items; 1 + 2 + 0 completed
        "乙镇党委": (3, 2, 0.6667, "已完成 2 项，占总数的 66.7%"),  # 2 + 1 items; 2 + 0 completed
    }
    assert all(r["has_children"] for r in county["by_org"])
    by_level = {r["level"]: (r["total"], r["completed"], r["statement"]) for r in county["by_level"]}
    assert by_level == {
        "township": (5, 3, "已完成 3 项，占总数的 60.0%"),
        "village": (6, 2, "已完成 2 项，占总数的 33.3%"),
    }

    township = (
        api.as_("ta_organizer")
        .get("/responsibility-items/completion", params={"year": 2026, "root_id": w.org_id("ta")})
        .json()
    )
    assert (township["summary"]["total"], township["summary"]["completed"]) == (8, 3)
    assert (township["own"]["total"], township["own"]["completed"]) == (3, 1)
    assert [(r["org_name"], r["total"], r["completed"], r["has_children"]) for r in township["by_org"]] == [
        ("甲一村党支部", 3, 2, False),
        ("甲二村党支部", 2, 0, False),
    ]
    assert township["by_org"][1]["statement"] == "已完成 0 项，占总数的 0.0%"
    # default root: the caller's own top org; outside scope: 404
    assert (
        api.as_("tb_organizer")
        .get("/responsibility-items/completion", params={"year": 2026})
        .json()["summary"]["total"]
        == 3
    )
    assert (
        api.as_("ta_organizer")
        .get("/responsibility-items/completion", params={"year": 2026, "root_id": w.org_id("tb")})
        .status_code
        == 404
    )
    assert api.as_("ta_organizer").get("/responsibility-items/completion").status_code == 422
    assert api.as_("judge").get("/responsibility-items/completion", params={"year": 2026}).status_code == 403
