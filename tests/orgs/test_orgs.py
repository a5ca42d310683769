import pytest
from sqlalchemy import select, text

from app.authz.scope import within
from app.models.accounts import RoleAssignment, User
from app.models.orgs import Org
from tests.support.api import error_code

NEW_ORG = {"name": "甲三村党支部", "kind": "branch", "level": "village", "domain": "rural"}


def test_admin_creates_a_child_org(api):
    ta = api.world.orgs["ta"]
    response = api.as_("ta_admin").post("/orgs", json=NEW_ORG | {"parent_id": ta.id, "code": "T-A-3"})
    assert response.status_code == 201
    body = response.json()
    assert body["path"] == f"{ta.path}{body['id']}/"
    assert body["depth"] == ta.depth + 1
    assert body["status"] == "active" and body["version"] == 1
    assert response.headers["etag"] == '"1"'
    assert body["created_at"].endswith("Z")
    detail = api.as_("ta_secretary").get(f"/orgs/{body['id']}")
    assert detail.status_code == 200 and detail.json()["name"] == "甲三村党支部"


@pytest.mark.parametrize(
    "field,value",
    [
        ("id", 999),
        ("path", "/1/"),
        ("depth", 0),
        ("status", "dissolved"),
        ("version", 7),
        ("secretary_id", 1),
        ("created_at", "2020-01-01T00:00:00Z"),
        ("updated_by_id", 1),
        ("owner", "me"),
    ],
)
def test_server_owned_and_unknown_fields_are_rejected(api, db, field, value):
    ta = api.world.orgs["ta"]
    response = api.as_("ta_admin").post("/orgs", json=NEW_ORG | {"parent_id": ta.id, field: value})
    assert response.status_code == 422
    assert error_code(response) == "validation_error"
    assert response.json()["error"]["fields"][0]["loc"] == ["body", field]
    with db.transaction() as s:
        assert s.scalar(select(Org.id).where(Org.name == NEW_ORG["name"])) is None


@pytest.mark.parametrize(
    "body,loc",
    [
        ({"name": ""}, "name"),
        ({"kind": "党支部"}, "kind"),
        ({"level": "planet"}, "level"),
        ({"code": "bad code!"}, "code"),
        ({"parent_id": 0}, "parent_id"),
        ({"sort_order": -1}, "sort_order"),
        ({"term_start": "2026-05-01", "term_end": "2026-01-01"}, None),
        ({"term_end": "tomorrow"}, "term_end"),
    ],
)
def test_bad_input_is_a_clear_422(api, db, body, loc):
    ta = api.world.orgs["ta"]
    response = api.as_("ta_admin").post("/orgs", json=NEW_ORG | {"parent_id": ta.id} | body)
    assert response.status_code == 422
    fields = response.json()["error"]["fields"]
    assert fields and all(f["message"] for f in fields)
    if loc:
        assert fields[0]["loc"][-1] == loc
    with db.transaction() as s:
        assert (
            s.scalar(select(Org.id).where(Org.parent_id == ta.id, Org.name == body.get("name", "甲三村党支部"))) is None
        )


def test_create_outside_scope_is_404_and_without_permission_403(api):
    w = api.world
    assert api.as_("ta_admin").post("/orgs", json=NEW_ORG | {"parent_id": w.org_id("tb")}).status_code == 404
    assert api.as_("ta_admin").post("/orgs", json=NEW_ORG | {"parent_id": w.org_id("county")}).status_code == 404
    assert api.as_("ta_admin").post("/orgs", json=NEW_ORG | {"parent_id": 99999}).status_code == 404
    forbidden = api.as_("ta_secretary").post("/orgs", json=NEW_ORG | {"parent_id": w.org_id("ta")})
    assert forbidden.status_code == 403
    assert error_code(forbidden) == "forbidden"


def test_duplicate_code_is_409(api):
    response = api.as_("county_admin").post(
        "/orgs", json=NEW_ORG | {"parent_id": api.world.org_id("ta"), "code": "T-B-1"}
    )
    assert response.status_code == 409
    assert error_code(response) == "duplicate_code"


def test_detail_is_404_outside_scope_exactly_like_a_missing_id(api):
    va1 = api.as_("va1_secretary")
    outside = va1.get(f"/orgs/{api.world.org_id('vb1')}")
    missing = va1.get("/orgs/987654")
    parent = va1.get(f"/orgs/{api.world.org_id('ta')}")
    assert outside.status_code == missing.status_code == parent.status_code == 404
    assert outside.json() == missing.json()
    assert va1.get(f"/orgs/{api.world.org_id('va1')}").status_code == 200


def test_judges_have_no_org_access(api):
    assert api.as_("judge").get("/orgs").status_code == 403


def test_children_are_paginated_with_has_children(api):
    w = api.world
    county = api.as_("county_viewer")
    page = county.get(f"/orgs/{w.org_id('county')}/children", params={"page_size": 1})
    assert page.status_code == 200
    body = page.json()
    assert body["total"] == 2 and body["page_size"] == 1 and len(body["items"]) == 1
    assert body["items"][0]["id"] == w.org_id("ta") and body["items"][0]["has_children"] is True
    villages = county.get(f"/orgs/{w.org_id('ta')}/children", params={"sort": "-name"}).json()["items"]
    assert [v["name"] for v in villages] == ["甲二村党支部", "甲一村党支部"]
    assert all(v["has_children"] is False for v in villages)
    assert api.as_("va1_secretary").get(f"/orgs/{w.org_id('ta')}/children").status_code == 404


def test_tree_starts_at_each_scope_root(api):
    w = api.world
    tree = api.as_("ta_secretary").get("/orgs/tree").json()
    assert [n["id"] for n in tree] == [w.org_id("ta")]
    assert [c["name"] for c in tree[0]["children"]] == ["甲一村党支部", "甲二村党支部"]
    full = api.as_("county_viewer").get("/orgs/tree", params={"depth": 1}).json()
    assert [c["id"] for c in full[0]["children"]] == [w.org_id("ta"), w.org_id("tb")]
    assert full[0]["children"][0]["children"] == [] and full[0]["children"][0]["has_children"] is True
    village = api.as_("vb2_secretary").get("/orgs/tree").json()
    assert [n["id"] for n in village] == [w.org_id("vb2")]
    assert api.as_("vb2_secretary").get("/orgs/tree", params={"root_id": w.org_id("tb")}).status_code == 404


def test_list_filters_sorting_and_limits(api):
    viewer = api.as_("county_viewer")
    villages = viewer.get("/orgs", params={"level": "village", "sort": "code"}).json()
    assert [o["code"] for o in villages["items"]] == ["T-A-1", "T-A-2", "T-B-1", "T-B-2"]
    assert villages["total"] == 4
    subtree = viewer.get("/orgs", params={"root_id": api.world.org_id("tb")}).json()
    assert {o["code"] for o in subtree["items"]} == {"T-B", "T-B-1", "T-B-2"}
    assert viewer.get("/orgs", params={"q": "乙一"}).json()["total"] == 1
    assert viewer.get("/orgs", params={"q": "%"}).json()["total"] == 0
    bad_sort = viewer.get("/orgs", params={"sort": "password"})
    assert bad_sort.status_code == 422 and bad_sort.json()["error"]["fields"][0]["loc"] == ["query", "sort"]
    assert viewer.get("/orgs", params={"page_size": 101}).status_code == 422
    assert viewer.get("/orgs", params={"page": 0}).status_code == 422
    assert viewer.get("/orgs", params={"level": "planet"}).status_code == 422


def test_the_whole_tree_lists_by_sort_order_a_page_at_a_time(api, db):
    w = api.world
    with db.transaction() as s:
        s.get(Org, w.org_id("vb2")).sort_order = -2
        s.get(Org, w.org_id("tb")).sort_order = -1
    with db.transaction(write=False) as s:
        everything = [o.id for o in s.scalars(select(Org).order_by(Org.sort_order, Org.id))]
    viewer = api.as_("county_viewer")  # scope: the county, the only root
    first, second = (viewer.get("/orgs", params={"page_size": 3, "page": n}).json() for n in (1, 2))
    assert [o["id"] for o in first["items"] + second["items"]] == everything[:6]
    assert everything[:2] == [w.org_id("vb2"), w.org_id("tb")]
    assert first["total"] == second["total"] == len(everything)
    # Below the root, the list is still the subtree and nothing else, in the same order.
    township = api.as_("ta_secretary").get("/orgs", params={"page_size": 100}).json()
    with db.transaction(write=False) as s:
        under_ta = s.scalars(
            select(Org.id).where(within(Org.path, [w.orgs["ta"].path])).order_by(Org.sort_order, Org.id)
        ).all()
    assert [o["id"] for o in township["items"]] == list(under_ta) and township["total"] == len(under_ta)


def test_update_with_if_match(api, db):
    admin = api.as_("ta_admin")
    va1 = api.world.org_id("va1")
    current = admin.get(f"/orgs/{va1}")
    version = current.json()["version"]
    assert current.headers["etag"] == f'"{version}"'
    ok = admin.patch(
        f"/orgs/{va1}",
        json={"name": "甲一村党总支", "kind": "general_branch"},
        headers={"If-Match": current.headers["etag"]},
    )
    assert ok.status_code == 200
    assert ok.json()["version"] == version + 1 and ok.headers["etag"] == f'"{version + 1}"'
    stale = admin.patch(f"/orgs/{va1}", json={"name": "过期的修改"}, headers={"If-Match": current.headers["etag"]})
    assert stale.status_code == 412
    assert error_code(stale) == "precondition_failed"
    with db.transaction() as s:
        assert s.get(Org, va1).name == "甲一村党总支"
    assert admin.patch(f"/orgs/{va1}", json={"name": None}).status_code == 422
    assert admin.patch(f"/orgs/{va1}", json={"name": "x"}, headers={"If-Match": "abc"}).status_code == 400
    assert admin.patch(f"/orgs/{va1}", json={"term_start": "2026-05-01", "term_end": "2026-01-01"}).status_code == 422


def test_update_permissions(api):
    w = api.world
    assert api.as_("ta_secretary").patch(f"/orgs/{w.org_id('va1')}", json={"name": "x"}).status_code == 403
    assert api.as_("ta_admin").patch(f"/orgs/{w.org_id('vb1')}", json={"name": "x"}).status_code == 404


def test_move_carries_the_subtree_and_every_scope(api, db):
    w = api.world
    admin = api.as_("county_admin")
    grid = admin.post(
        "/orgs",
        json={
            "name": "第一网格党支部",
            "kind": "branch",
            "level": "grid",
            "domain": "rural",
            "parent_id": w.org_id("va1"),
        },
    ).json()
    moved = admin.patch(f"/orgs/{w.org_id('va1')}", json={"parent_id": w.org_id("tb")})
    assert moved.status_code == 200
    tb_path = w.orgs["tb"].path
    assert moved.json()["path"] == f"{tb_path}{w.org_id('va1')}/"
    with db.transaction() as s:
        grid_row = s.get(Org, grid["id"])
        assert grid_row.path == f"{tb_path}{w.org_id('va1')}/{grid['id']}/" and grid_row.depth == 3
        secretary = s.scalar(select(User).where(User.username == "va1_secretary"))
        assert secretary.org_path == f"{tb_path}{w.org_id('va1')}/"
        assignment = s.scalar(select(RoleAssignment).where(RoleAssignment.user_id == secretary.id))
        assert assignment.org_path == secretary.org_path
    # scopes moved with the org
    assert api.as_("ta_admin").get(f"/orgs/{w.org_id('va1')}").status_code == 404
    assert api.as_("tb_admin").get(f"/orgs/{grid['id']}").status_code == 200
    assert api.as_("va1_secretary").get(f"/orgs/{grid['id']}").status_code == 200
    ta_children = api.as_("ta_admin").get(f"/orgs/{w.org_id('ta')}/children").json()
    assert [c["id"] for c in ta_children["items"]] == [w.org_id("va2")]
    audit = admin.get("/audit-events", params={"object_type": "org", "object_id": str(w.org_id("va1"))}).json()
    assert audit["items"][0]["action"] == "moved"
    assert audit["items"][0]["changes"]["parent_id"] == [w.org_id("ta"), w.org_id("tb")]


def test_move_rules(api):
    w = api.world
    admin = api.as_("county_admin")
    into_own_subtree = admin.patch(f"/orgs/{w.org_id('ta')}", json={"parent_id": w.org_id("va1")})
    assert into_own_subtree.status_code == 409 and error_code(into_own_subtree) == "invalid_move"
    assert admin.patch(f"/orgs/{w.org_id('county')}", json={"parent_id": w.org_id("ta")}).status_code == 409
    # a township admin cannot move a village to a township it cannot see
    assert api.as_("ta_admin").patch(f"/orgs/{w.org_id('va1')}", json={"parent_id": w.org_id("tb")}).status_code == 404


def test_dissolve_and_restore(api):
    w = api.world
    admin = api.as_("county_admin")
    blocked = admin.post(f"/orgs/{w.org_id('ta')}/dissolve")
    assert blocked.status_code == 409 and error_code(blocked) == "has_active_children"
    done = admin.post(f"/orgs/{w.org_id('va2')}/dissolve")
    assert done.status_code == 200 and done.json()["status"] == "dissolved"
    again = admin.post(f"/orgs/{w.org_id('va2')}/dissolve")
    assert again.status_code == 409 and error_code(again) == "invalid_transition"
    under_dissolved = admin.post("/orgs", json=NEW_ORG | {"parent_id": w.org_id("va2")})
    assert under_dissolved.status_code == 409
    assert admin.get("/orgs", params={"status": "dissolved"}).json()["total"] == 1
    restored = admin.post(f"/orgs/{w.org_id('va2')}/restore")
    assert restored.status_code == 200 and restored.json()["status"] == "active"
    assert api.as_("ta_secretary").post(f"/orgs/{w.org_id('va1')}/dissolve").status_code == 403


def test_subtree_filter_is_an_index_range_scan(db, world):
    """Both databases answer `path >= p AND path < p_end` from the path index (no scan of the whole table)."""
    stmt = select(Org.id).where(within(Org.path, [world.orgs["ta"].path]))
    with db.engine.connect() as conn:
        compiled = stmt.compile(conn, compile_kwargs={"literal_binds": True})
        if db.is_sqlite:
            plan = " ".join(str(r[-1]) for r in conn.execute(text(f"EXPLAIN QUERY PLAN {compiled}")))
            assert "SEARCH orgs USING COVERING INDEX" in plan and "(path>? AND path<?)" in plan, plan
        else:
            conn.execute(text("SET enable_seqscan = off"))
            plan = " ".join(r[0] for r in conn.execute(text(f"EXPLAIN {compiled}")))
            assert "Index Scan using uq_orgs_path" in plan and "Index Cond" in plan and ">=" in plan, plan
