def _inspection(api, **extra):  # type: ignore[no-untyped-def]
    w = api.world
    body = {
        "org_id": w.org_id("ta"),
        "type": "inspection",
        "title": "2026年第四季度基层党建督查",
        "held_on": "2026-11-18",
        "inspectors": ["组织委员 王明", "党建办 李芳"],
        "visited_org_ids": [w.org_id("va1"), w.org_id("va2")],
    } | extra
    return api.as_("ta_organizer").post("/inspections", json=body)


def test_inspection_findings_become_problems(api):
    inspection = _inspection(api)
    assert inspection.status_code == 201
    body = inspection.json()
    assert body["visited_org_ids"] == [api.world.org_id("va1"), api.world.org_id("va2")]
    organizer = api.as_("ta_organizer")
    finding = organizer.post(
        "/problems",
        json={
            "org_id": api.world.org_id("va1"),
            "source": "inspection",
            "inspection_id": body["id"],
            "description": "督查发现：党员活动室台账缺失",
            "category": "immediate",
        },
    )
    assert finding.status_code == 201 and finding.json()["inspection_id"] == body["id"]
    wrong_source = organizer.post(
        "/problems",
        json={
            "org_id": api.world.org_id("va1"),
            "source": "research",
            "inspection_id": body["id"],
            "description": "x",
            "category": "immediate",
        },
    )
    assert wrong_source.status_code == 422
    assert organizer.get(f"/inspections/{body['id']}").json()["problem_count"] == 1
    listed = organizer.get("/problems", params={"inspection_id": body["id"]}).json()
    assert listed["total"] == 1


def test_findings_only_for_visited_orgs(api):
    body = _inspection(api, visited_org_ids=[api.world.org_id("va1")]).json()
    response = api.as_("ta_organizer").post(
        "/problems",
        json={
            "org_id": api.world.org_id("va2"),
            "source": "inspection",
            "inspection_id": body["id"],
            "description": "x",
            "category": "immediate",
        },
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["loc"] == ["body", "org_id"]


def test_inspection_scope_and_validation(api):
    w = api.world
    assert _inspection(api, visited_org_ids=[w.org_id("vb1")]).status_code == 404
    assert _inspection(api, inspectors=[]).status_code == 422
    assert _inspection(api, type="party").status_code == 422
    created = _inspection(api).json()
    assert api.as_("tb_organizer").get(f"/inspections/{created['id']}").status_code == 404
    assert api.as_("va1_secretary").get(f"/inspections/{created['id']}").status_code == 404
    assert (
        api.as_("ta_secretary")
        .post(
            "/inspections",
            json={
                "org_id": w.org_id("ta"),
                "type": "research",
                "title": "调研",
                "held_on": "2026-11-01",
                "inspectors": ["书记"],
                "visited_org_ids": [w.org_id("va1")],
            },
        )
        .status_code
        == 201
    )
    assert (
        api.as_("va1_worker")
        .post(
            "/inspections",
            json={
                "org_id": w.org_id("va1"),
                "type": "research",
                "title": "调研",
                "held_on": "2026-11-01",
                "inspectors": ["书记"],
                "visited_org_ids": [w.org_id("va1")],
            },
        )
        .status_code
        == 403
    )


def test_update_visited_orgs(api):
    created = _inspection(api).json()
    organizer = api.as_("ta_organizer")
    updated = organizer.patch(
        f"/inspections/{created['id']}",
        json={"visited_org_ids": [api.world.org_id("va2")]},
        headers={"If-Match": f'"{created["version"]}"'},
    )
    assert updated.status_code == 200 and updated.json()["visited_org_ids"] == [api.world.org_id("va2")]
    assert updated.json()["version"] == created["version"] + 1
    assert organizer.patch(f"/inspections/{created['id']}", json={"title": None}).status_code == 422
    listed = organizer.get("/inspections", params={"type": "inspection"}).json()
    assert listed["total"] == 1


def test_inspections_carry_org_names_and_filter_by_subtree_and_date(api):
    created = _inspection(api).json()
    assert created["org_name"] == "甲镇党委"
    assert [o["name"] for o in created["visited_orgs"]] == ["甲一村党支部", "甲二村党支部"]
    county = api.as_("county_organizer")
    assert county.get("/inspections", params={"root_id": api.world.org_id("ta")}).json()["total"] == 1
    assert county.get("/inspections", params={"root_id": api.world.org_id("tb")}).json()["total"] == 0
    assert county.get("/inspections", params={"held_from": "2026-11-19"}).json()["total"] == 0
    assert county.get("/inspections", params={"held_to": "2026-11-18"}).json()["total"] == 1
