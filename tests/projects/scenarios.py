"""Audit scenarios and scope declarations for 书记项目 (see tests/support/inventory.py).

Campaigns here are run by a township (甲镇/乙镇) and claimed by its villages, so each side's rows stay in its own
subtree."""

from typing import Any

from tests.projects.helpers import FLOATING, PLAN, STARS, advance, claim, item_id, make_campaign
from tests.support.api import Api
from tests.support.inventory import Write, created_id

VILLAGE_ITEMS: list[dict[str, Any]] = [
    {"title": "村(社区)干部“一人一档”", "category": "key", "mandatory_levels": ["village"]},
    {"title": FLOATING, "category": "regular"},
    {"title": STARS, "category": "regular"},
]


def _campaign(api: Api, side: str = "ta", *, open_: bool = True) -> dict[str, Any]:
    return make_campaign(api, side, f"{side}_organizer", items=VILLAGE_ITEMS, open_=open_, title="甲镇村党组织书记项目")


def _project(api: Api, to: str = "draft") -> dict[str, Any]:
    return advance(api, claim(api, _campaign(api)), to)


def _pid(_: Api, response: Any) -> str:
    return str(response.json()["id"])


def _new_item_id(_: Api, response: Any) -> str:
    return str(max(i["id"] for i in response.json()["items"]))


def _first_item(api: Api) -> str:
    return str(_campaign(api, open_=False)["items"][0]["id"])


def _delete_item(api: Api, item_id: str) -> Any:
    organizer = api.as_("ta_organizer")
    campaign_id = organizer.get("/project-campaigns", params={"status": "draft"}).json()["items"][0]["id"]
    return organizer.delete(f"/project-campaigns/{campaign_id}/items/{item_id}")


def _last_report_id(api: Api, response: Any) -> str:
    timeline = api.as_("va1_secretary").get(f"/projects/{response.json()['id']}/timeline").json()
    return str(timeline[-1]["id"])


def _complete_milestone(api: Api) -> Any:
    project = _project(api, "in_progress")
    milestone = project["plan"]["milestones"][0]["id"]
    return api.as_("va1_worker").post(f"/projects/{project['id']}/milestones/{milestone}/complete")


def _action(action: str, to: str, by: str, body: dict[str, Any] | None = None) -> Any:
    def call(api: Api) -> Any:
        project = _project(api, to)
        return api.as_(by).post(f"/projects/{project['id']}/{action}", json=body or {})

    return call


def _campaign_write(method: str, suffix: str, *, open_: bool, body: dict[str, Any] | None = None) -> Any:
    def call(api: Api) -> Any:
        campaign = _campaign(api, open_=open_)
        return api.as_("ta_organizer").request(method, f"/project-campaigns/{campaign['id']}{suffix}", json=body)

    return call


def _claim(api: Api) -> Any:
    campaign = _campaign(api)
    body = {
        "campaign_id": campaign["id"],
        "item_id": item_id(campaign, STARS),
        "org_id": api.world.org_id("va1"),
        "plan": PLAN,
    }
    return api.as_("va1_secretary").post("/projects", json=body)


WRITES: dict[tuple[str, str], Write] = {
    ("POST", "/api/v1/project-campaigns"): Write(
        "ta_organizer",
        lambda a: a.as_("ta_organizer").post(
            "/project-campaigns", json={"org_id": a.world.org_id("ta"), "year": 2026, "title": "甲镇书记项目"}
        ),
        "project_campaign",
        "created",
        created_id,
    ),
    ("PATCH", "/api/v1/project-campaigns/{campaign_id}"): Write(
        "ta_organizer",
        _campaign_write("PATCH", "", open_=False, body={"max_claims": 2}),
        "project_campaign",
        "updated",
        _pid,
    ),
    ("POST", "/api/v1/project-campaigns/{campaign_id}/open"): Write(
        "ta_organizer", _campaign_write("POST", "/open", open_=False), "project_campaign", "opened", _pid
    ),
    ("POST", "/api/v1/project-campaigns/{campaign_id}/close"): Write(
        "ta_organizer", _campaign_write("POST", "/close", open_=True), "project_campaign", "closed", _pid
    ),
    ("POST", "/api/v1/project-campaigns/{campaign_id}/preclaim"): Write(
        "ta_organizer", _campaign_write("POST", "/preclaim", open_=True), "project_campaign", "preclaimed", _pid
    ),
    ("POST", "/api/v1/project-campaigns/{campaign_id}/items"): Write(
        "ta_organizer",
        _campaign_write("POST", "/items", open_=False, body={"title": "红色研学", "category": "showcase"}),
        "project_item",
        "created",
        _new_item_id,
    ),
    ("PATCH", "/api/v1/project-campaigns/{campaign_id}/items/{item_id}"): Write(
        "ta_organizer",
        lambda a: a.as_("ta_organizer").patch(
            f"/project-campaigns/{(c := _campaign(a, open_=False))['id']}/items/{c['items'][1]['id']}",
            json={"category": "key"},
        ),
        "project_item",
        "updated",
        lambda a, r: str(r.json()["items"][1]["id"]),
    ),
    ("DELETE", "/api/v1/project-campaigns/{campaign_id}/items/{item_id}"): Write(
        "ta_organizer", _delete_item, "project_item", "deleted", lambda a, r: "", before=_first_item
    ),
    ("POST", "/api/v1/projects"): Write("va1_secretary", _claim, "project", "created", created_id),
    ("PATCH", "/api/v1/projects/{project_id}"): Write(
        "va1_secretary",
        lambda a: a.as_("va1_secretary").patch(f"/projects/{_project(a)['id']}", json={"title": "流动党员“口袋党课”"}),
        "project",
        "updated",
        _pid,
    ),
    ("POST", "/api/v1/projects/{project_id}/submit"): Write(
        "va1_secretary", _action("submit", "draft", "va1_secretary"), "project", "submitted", _pid
    ),
    ("POST", "/api/v1/projects/{project_id}/approve"): Write(
        "ta_organizer", _action("approve", "submitted", "ta_organizer"), "project", "approved", _pid
    ),
    ("POST", "/api/v1/projects/{project_id}/return"): Write(
        "ta_organizer",
        _action("return", "submitted", "ta_organizer", {"note": "目标不够具体，请量化"}),
        "project",
        "returned",
        _pid,
    ),
    ("POST", "/api/v1/projects/{project_id}/start"): Write(
        "va1_secretary", _action("start", "approved", "va1_secretary"), "project", "started", _pid
    ),
    ("POST", "/api/v1/projects/{project_id}/cancel"): Write(
        "va1_secretary", _action("cancel", "draft", "va1_secretary"), "project", "cancelled", _pid
    ),
    ("POST", "/api/v1/projects/{project_id}/complete"): Write(
        "va1_secretary",
        _action("complete", "in_progress", "va1_secretary", {"content": "全部完成"}),
        "project",
        "completed",
        _pid,
    ),
    ("POST", "/api/v1/projects/{project_id}/accept"): Write(
        "ta_organizer",
        _action("accept", "completed", "ta_organizer", {"grade": "excellent", "comment": "成效突出"}),
        "project",
        "accepted",
        _pid,
    ),
    ("POST", "/api/v1/projects/{project_id}/monthly-reports"): Write(
        "va1_worker",
        lambda a: a.as_("va1_worker").post(
            f"/projects/{_project(a, 'in_progress')['id']}/monthly-reports",
            json={"progress": 30, "content": "完成摸底", "difficulties": "流动党员联系难"},
        ),
        "progress_report",
        "created",
        _last_report_id,
    ),
    ("POST", "/api/v1/projects/{project_id}/milestones/{milestone_id}/complete"): Write(
        "va1_worker",
        _complete_milestone,
        "milestone",
        "updated",
        lambda a, r: str(r.json()["plan"]["milestones"][0]["id"]),
    ),
}

LISTS = {
    "/api/v1/projects": lambda row: row["org_id"],
    "/api/v1/projects/reminders": lambda row: row["org_id"],
    "/api/v1/projects/rollup": lambda row: row["org_id"],
}
DETAILS = {
    "/api/v1/projects/{project_id}": "/api/v1/projects",
    "/api/v1/projects/{project_id}/timeline": "/api/v1/projects",
    "/api/v1/project-campaigns/{campaign_id}": "/api/v1/project-campaigns",
}
GET_EXEMPT = {
    "/api/v1/projects/summary": "aggregate; scoped counts tested in tests/projects (test_summary_...)",
    "/api/v1/project-campaigns": "campaigns of the orgs above are visible too, by design; sibling isolation "
    "tested in tests/projects (test_campaigns_are_seen_from_below_...)",
}


def activity(api: Api) -> None:
    for side, village in (("ta", "va1"), ("tb", "vb1")):
        campaign = make_campaign(api, side, f"{side}_organizer", items=VILLAGE_ITEMS, title=f"{side} 村党组织书记项目")
        running = claim(api, campaign, FLOATING, village)
        advance(api, running, "in_progress", org=village, reviewer=f"{side}_organizer")
        reported = advance(api, claim(api, campaign, STARS, village), "in_progress", village, f"{side}_organizer")
        api.as_(f"{village}_secretary").post(
            f"/projects/{reported['id']}/monthly-reports", json={"progress": 50, "content": "已完成过半"}
        )
