"""任务清单: drafting, the targets rule, and the fan-out into one assignment per target org at issue time."""

from typing import Any

import pytest
from sqlalchemy import func, select

from app.models.lists import Task, TaskAssignment, TaskList
from tests.support.api import Api, error_code
from tests.tasks.helpers import create, issue, issued, task


def _extra_orgs(api: Api) -> dict[str, int]:
    """Below 甲镇: a community, a school and a grid branch under 甲一村, to tell levels and domains apart."""
    admin = api.as_("county_admin")
    w = api.world

    def org(name: str, parent: str | int, level: str, domain: str) -> int:
        parent_id = parent if isinstance(parent, int) else w.org_id(parent)
        body = {"name": name, "parent_id": parent_id, "kind": "branch", "level": level, "domain": domain}
        response = admin.post("/orgs", json=body)
        assert response.status_code == 201, response.text
        return int(response.json()["id"])

    return {
        "community": org("甲镇滨河社区党委", "ta", "village", "urban_community"),
        "school": org("甲镇中心小学党支部", "ta", "institution", "school"),
        "grid": org("甲一村第一村民小组党支部", "va1", "grid", "rural"),
    }


def _fan_out(api: Api, org: str = "ta", by: str = "ta_organizer", **targets: Any) -> list[int]:
    """Org ids of the assignments one task with these targets fans out to, in assignment order."""
    task_list = issue(api, create(api, [task(**targets)], org, by), by)
    rows = api.as_(by).get(
        "/task-assignments", params={"task_list_id": task_list["id"], "sort": "id", "page_size": 100}
    )
    assert task_list["tasks"][0]["assignment_count"] == rows.json()["total"]
    return [r["org_id"] for r in rows.json()["items"]]


def test_fan_out_counts_for_each_kind_of_target(api):
    w = api.world
    extra = _extra_orgs(api)
    va1, va2 = w.org_id("va1"), w.org_id("va2")
    # explicit orgs: each once, duplicates removed
    assert sorted(_fan_out(api, target_org_ids=[va1, va1, va2, extra["grid"]])) == sorted([va1, va2, extra["grid"]])
    # every village-level org below 甲镇: two villages and the community
    assert sorted(_fan_out(api, target_level="village")) == sorted([va1, va2, extra["community"]])
    # every rural org below 甲镇: two villages and the grid branch (not the community, not the school)
    assert sorted(_fan_out(api, target_domain="rural")) == sorted([va1, va2, extra["grid"]])
    # level and domain together: both must match
    assert sorted(_fan_out(api, target_level="village", target_domain="rural")) == sorted([va1, va2])
    assert _fan_out(api, target_level="village", target_domain="urban_community") == [extra["community"]]
    assert _fan_out(api, target_level="institution") == [extra["school"]]
    # from the county: every village of both townships and the community
    assert len(_fan_out(api, org="county", by="county_organizer", target_level="village")) == 5
    assert len(_fan_out(api, org="county", by="county_organizer", target_domain="rural")) == 7


def test_fan_out_is_deterministic_and_skips_dissolved_orgs(api):
    w = api.world
    first = _fan_out(api, org="county", by="county_organizer", target_level="village")
    assert first == _fan_out(api, org="county", by="county_organizer", target_level="village")
    assert api.as_("county_admin").post(f"/orgs/{w.org_id('vb2')}/dissolve").status_code == 200
    after = _fan_out(api, org="county", by="county_organizer", target_level="village")
    assert after == [o for o in first if o != w.org_id("vb2")]
    only_dissolved = create(api, [task(target_org_ids=[w.org_id("vb2")])], "county", "county_organizer")
    assert only_dissolved["tasks"][0]["target_count"] == 0
    refused = api.as_("county_organizer").post(f"/task-lists/{only_dissolved['id']}/issue")
    assert refused.status_code == 409 and error_code(refused) == "no_targets"


@pytest.mark.parametrize("target", ["vb1", "ta", "county", 999_999])
def test_targets_outside_the_issuers_subtree_are_refused(api, db, target):
    w = api.world
    org_id = target if isinstance(target, int) else w.org_id(target)
    body = {
        "org_id": w.org_id("ta"),
        "title": "清单",
        "period": "2026-11",
        "tasks": [task(target_org_ids=[w.org_id("va1")]), task(target_org_ids=[w.org_id("va2"), org_id])],
    }
    response = api.as_("ta_organizer").post("/task-lists", json=body)
    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["loc"] == ["body", "tasks", 1, "target_org_ids"]
    with db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(TaskList)) == 0
        assert s.scalar(select(func.count()).select_from(Task)) == 0


@pytest.mark.parametrize(
    "targets",
    [
        {},  # no target at all
        {"target_org_ids": [1], "target_level": "village"},  # both kinds
        {"target_org_ids": [], "target_domain": None},
    ],
)
def test_a_task_names_exactly_one_kind_of_target(api, targets):
    body = {"org_id": api.world.org_id("ta"), "title": "清单", "period": "2026-11", "tasks": [task(**targets)]}
    response = api.as_("ta_organizer").post("/task-lists", json=body)
    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["loc"][:3] == ["body", "tasks", "0"]


def test_who_may_draft_and_issue(api):
    w = api.world
    body = {"org_id": w.org_id("ta"), "title": "清单", "period": "2026-11", "tasks": [task(target_level="village")]}
    assert api.as_("va1_secretary").post("/task-lists", json=body).status_code == 404  # cannot see 甲镇
    assert api.as_("ta_deputy").post("/task-lists", json=body).status_code == 403
    assert api.as_("tb_organizer").post("/task-lists", json=body).status_code == 404
    assert api.as_("ta_organizer").post("/task-lists", json=body | {"status": "issued"}).status_code == 422
    assert api.as_("ta_organizer").post("/task-lists", json=body | {"period": "2026-13"}).status_code == 422
    draft = create(api, body["tasks"])
    assert draft["status"] == "draft" and set(draft["allowed_actions"]) == {"edit", "delete", "issue"}
    assert draft["tasks"][0]["target_count"] == 2 and draft["tasks"][0]["assignment_count"] == 0
    # the villages do not see the township's list; the township's deputy sees it but cannot issue it
    assert api.as_("va1_secretary").get(f"/task-lists/{draft['id']}").status_code == 404
    assert api.as_("ta_deputy").get(f"/task-lists/{draft['id']}").json()["allowed_actions"] == []
    assert api.as_("county_viewer").post(f"/task-lists/{draft['id']}/issue").status_code == 403
    assert api.as_("va1_secretary").post(f"/task-lists/{draft['id']}/issue").status_code == 404
    done = issue(api, draft, by="ta_secretary")
    assert done["status"] == "issued" and done["issued_at"] and done["allowed_actions"] == []
    assert done["tasks"][0]["target_count"] is None and done["tasks"][0]["assignment_count"] == 2


def test_drafts_are_edited_issued_lists_are_not(api, db):
    w = api.world
    organizer = api.as_("ta_organizer")
    draft = create(api, [task(target_level="village")])
    lid, tid = draft["id"], draft["tasks"][0]["id"]
    assert organizer.patch(f"/task-lists/{lid}", json={"title": "2026年11月基层党建工作清单"}).json()["version"] == 2
    assert organizer.patch(f"/task-lists/{lid}", json={"period": None}).status_code == 422
    added = organizer.post(
        f"/task-lists/{lid}/tasks", json=task("发展党员", is_key=True, target_org_ids=[w.org_id("va1")])
    )
    assert added.status_code == 201 and added.json()["sort_order"] == 1 and added.json()["target_count"] == 1
    switched = organizer.patch(
        f"/tasks/{tid}", json={"target_level": None, "target_org_ids": [w.org_id("va2")], "is_key": True}
    )
    assert switched.status_code == 200 and switched.json()["target_count"] == 1
    assert organizer.patch(f"/tasks/{tid}", json={"target_level": "village"}).status_code == 422  # both kinds now
    assert organizer.patch(f"/tasks/{tid}", json={"target_org_ids": [w.org_id("vb1")]}).status_code == 422
    stale = organizer.patch(f"/tasks/{tid}", json={"title": "x"}, headers={"If-Match": '"1"'})
    assert stale.status_code == 412
    assert organizer.delete(f"/tasks/{added.json()['id']}").status_code == 204
    issue(api, {"id": lid})
    refused = [
        organizer.patch(f"/task-lists/{lid}", json={"title": "x"}),
        organizer.post(f"/task-lists/{lid}/tasks", json=task(target_level="village")),
        organizer.patch(f"/tasks/{tid}", json={"title": "x"}),
        organizer.delete(f"/tasks/{tid}"),
        organizer.delete(f"/task-lists/{lid}"),
        organizer.post(f"/task-lists/{lid}/issue"),
    ]
    assert [r.status_code for r in refused] == [409] * 6
    assert all(error_code(r) == "invalid_transition" for r in refused)
    with db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(TaskAssignment)) == 1  # one task left, one target


def test_an_empty_list_cannot_be_issued_and_a_draft_can_be_deleted(api, db):
    empty = create(api, [])
    refused = api.as_("ta_organizer").post(f"/task-lists/{empty['id']}/issue")
    assert refused.status_code == 409 and error_code(refused) == "empty_list"
    draft = create(api, [task(target_level="village"), task("党员发展", target_level="village")])
    assert api.as_("ta_deputy").delete(f"/task-lists/{draft['id']}").status_code == 403
    assert api.as_("ta_organizer").delete(f"/task-lists/{draft['id']}").status_code == 204
    assert api.as_("ta_organizer").get(f"/task-lists/{draft['id']}").status_code == 404
    with db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(Task)) == 0


def test_task_list_and_task_ledgers(api):
    w = api.world
    october = issued(api, [task(target_level="village", is_key=True, domain="rural")], period="2026-10")
    november = issued(api, [task(target_level="village"), task("党员教育", target_org_ids=[w.org_id("va1")])])
    other = issued(api, org="tb", by="tb_organizer")
    ta = api.as_("ta_organizer")
    lists = ta.get("/task-lists").json()
    assert [x["id"] for x in lists["items"]] == [november["id"], october["id"]]
    assert lists["items"][0]["task_count"] == 2 and lists["items"][0]["assignment_count"] == 3
    assert lists["items"][1]["key_task_count"] == 1
    assert [x["id"] for x in ta.get("/task-lists", params={"period": "2026-10"}).json()["items"]] == [october["id"]]
    assert ta.get("/task-lists", params={"status": "draft"}).json()["total"] == 0
    assert ta.get(f"/task-lists/{other['id']}").status_code == 404
    tasks = ta.get("/tasks", params={"sort": "id"}).json()
    assert tasks["total"] == 3 and tasks["items"][0]["task_list_title"] == "基层党建月度工作清单"
    assert [t["period"] for t in ta.get("/tasks", params={"is_key": True}).json()["items"]] == ["2026-10"]
    assert ta.get("/tasks", params={"domain": "rural"}).json()["total"] == 1
    assert ta.get("/tasks", params={"task_list_id": november["id"], "q": "党员"}).json()["total"] == 1
    assert ta.get(f"/tasks/{other['tasks'][0]['id']}").status_code == 404
    assert api.as_("va1_secretary").get("/tasks").json()["total"] == 0
    county = api.as_("county_viewer").get("/tasks", params={"root_id": w.org_id("tb")}).json()
    assert [t["id"] for t in county["items"]] == [other["tasks"][0]["id"]]
