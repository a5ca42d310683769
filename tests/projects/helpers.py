from typing import Any

from tests.support.api import Api

THREE = "基层党建“三化”建设"
ECONOMY = "党建+村级集体经济"
FLOATING = "流动党员教育管理"
STARS = "党员评星定级"
COMPANY = "强村公司"

ITEMS: list[dict[str, Any]] = [
    {"title": THREE, "category": "key", "mandatory_levels": ["township"]},
    {"title": ECONOMY, "category": "key", "domain": "rural", "mandatory_levels": ["township"]},
    {"title": FLOATING, "category": "regular"},
    {"title": STARS, "category": "regular"},
    {"title": COMPANY, "category": "showcase", "domain": "rural"},
]

PLAN: dict[str, Any] = {
    "goals": "年底前全镇村级集体经济收入均达到 10 万元以上",
    "measures": "成立强村公司，盘活闲置资产，党员领办合作社",
    "milestones": [
        {"title": "摸底调研，制定方案", "due_on": "2026-03-31"},
        {"title": "全面推开", "due_on": "2026-09-30"},
    ],
    "team": ["书记（组长）", "组织委员（副组长）", "党建办干事"],
}


def make_campaign(
    api: Api,
    org: str = "county",
    by: str = "county_organizer",
    *,
    items: list[dict[str, Any]] | None = None,
    open_: bool = True,
    **extra: Any,
) -> dict[str, Any]:
    body = {
        "org_id": api.world.org_id(org),
        "year": 2026,
        "title": "2026 年度基层党建书记项目",
        "items": ITEMS if items is None else items,
    } | extra
    response = api.as_(by).post("/project-campaigns", json=body)
    assert response.status_code == 201, response.text
    campaign = response.json()
    if open_:
        opened = api.as_(by).post(f"/project-campaigns/{campaign['id']}/open")
        assert opened.status_code == 200, opened.text
        campaign = opened.json()
    return campaign


def item_id(campaign: dict[str, Any], title: str) -> int:
    return int(next(i["id"] for i in campaign["items"] if i["title"] == title))


def claim_response(
    api: Api, campaign: dict[str, Any], item: str, org: str = "va1", by: str | None = None, **extra: Any
) -> Any:
    body = {
        "campaign_id": campaign["id"],
        "item_id": item_id(campaign, item),
        "org_id": api.world.org_id(org),
        "plan": PLAN,
        "deadline": "2026-12-31",
    } | extra
    return api.as_(by or f"{org}_secretary").post("/projects", json=body)


def claim(api: Api, campaign: dict[str, Any], item: str = FLOATING, org: str = "va1", **extra: Any) -> dict[str, Any]:
    response = claim_response(api, campaign, item, org, **extra)
    assert response.status_code == 201, response.text
    return response.json()


def act(api: Api, project: dict[str, Any], action: str, by: str, body: dict[str, Any] | None = None) -> Any:
    return api.as_(by).post(f"/projects/{project['id']}/{action}", json=body if body is not None else {})


def ok(api: Api, project: dict[str, Any], action: str, by: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    response = act(api, project, action, by, body)
    assert response.status_code == 200, response.text
    return response.json()


NEXT = {
    "draft": ("submit", "owner"),
    "returned": ("submit", "owner"),
    "submitted": ("approve", "reviewer"),
    "approved": ("start", "owner"),
    "in_progress": ("complete", "owner"),
    "completed": ("accept", "reviewer"),
}
BODIES: dict[str, dict[str, Any]] = {
    "complete": {"content": "项目目标全部完成"},
    "accept": {"grade": "good", "comment": "成效明显"},
}


def advance(
    api: Api, project: dict[str, Any], to: str, org: str = "va1", reviewer: str = "ta_organizer"
) -> dict[str, Any]:
    """Walk a project along the happy path until it reaches status `to`."""
    actors = {"owner": f"{org}_secretary", "reviewer": reviewer}
    current = project
    while current["status"] != to:
        action, who = NEXT[current["status"]]
        current = ok(api, current, action, actors[who], BODIES.get(action, {}))
    return current


def report(api: Api, project: dict[str, Any], by: str = "va1_secretary", **extra: Any) -> Any:
    body = {"progress": 40, "content": "召开推进会，完成摸底"} | extra
    return api.as_(by).post(f"/projects/{project['id']}/monthly-reports", json=body)
