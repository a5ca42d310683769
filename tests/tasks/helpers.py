from typing import Any

from tests.support.api import Api
from tests.support.files import upload


def task(title: str = "规范落实“三会一课”制度", **extra: Any) -> dict[str, Any]:
    return {
        "title": title,
        "description": "按期召开支部党员大会、支委会、党小组会，按时上好党课",
        "deadline": "2026-11-30",
    } | extra


def create(
    api: Api, tasks: list[dict[str, Any]], org: str = "ta", by: str = "ta_organizer", **extra: Any
) -> dict[str, Any]:
    body = {"org_id": api.world.org_id(org), "title": "基层党建月度工作清单", "period": "2026-11", "tasks": tasks}
    response = api.as_(by).post("/task-lists", json=body | extra)
    assert response.status_code == 201, response.text
    return response.json()


def issue(api: Api, task_list: dict[str, Any], by: str = "ta_organizer") -> dict[str, Any]:
    response = api.as_(by).post(f"/task-lists/{task_list['id']}/issue")
    assert response.status_code == 200, response.text
    return response.json()


def issued(
    api: Api, tasks: list[dict[str, Any]] | None = None, org: str = "ta", by: str = "ta_organizer", **extra: Any
) -> dict[str, Any]:
    targets = [api.world.org_id("va1"), api.world.org_id("va2")] if org == "ta" else None
    default = [task(target_org_ids=targets)] if targets else [task(target_level="village")]
    return issue(api, create(api, tasks or default, org, by, **extra), by)


def assignment_of(api: Api, task_list: dict[str, Any], org: str, by: str = "ta_organizer") -> dict[str, Any]:
    rows = (
        api.as_(by)
        .get(
            "/task-assignments",
            params={"task_list_id": task_list["id"], "root_id": api.world.org_id(org), "page_size": 100},
        )
        .json()["items"]
    )
    found = [r for r in rows if r["org_id"] == api.world.org_id(org)]
    assert len(found) == 1, rows
    return found[0]


def act(api: Api, assignment: dict[str, Any], action: str, by: str, **body: Any) -> dict[str, Any]:
    response = api.as_(by).post(
        f"/task-assignments/{assignment['id']}/{action}", json=None if action == "start" else body
    )
    assert response.status_code == 200, response.text
    return response.json()


def to_status(
    api: Api, assignment: dict[str, Any], status: str, org: str = "va1", verifier: str = "ta_organizer"
) -> dict[str, Any]:
    """Walk an assignment forward: in_progress, submitted or accepted."""
    me = f"{org}_secretary"
    current = act(api, assignment, "start", me)
    if status in {"submitted", "accepted"}:
        current = act(api, assignment, "submit", me, content="已完成", attachment_ids=[upload(api.as_(me))])
    if status == "accepted":
        current = act(api, assignment, "accept", verifier)
    return current
