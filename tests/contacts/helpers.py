from typing import Any

from tests.support.api import Api


def link(api: Api, user: str = "ta_secretary", org: str = "va1", by: str | None = None, **extra: Any) -> dict[str, Any]:
    body = {"user_id": api.world.user_id(user), "org_id": api.world.org_id(org)} | extra
    response = api.as_(by or user).post("/contact-points", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def visit(api: Api, contact_point: dict[str, Any], when: str, by: str = "ta_secretary", **extra: Any) -> dict[str, Any]:
    body = {
        "contact_point_id": contact_point["id"],
        "visited_at": when,
        "content": "面对面听取党员群众意见建议：村内道路照明不足，希望加装路灯",
        "attendees": 12,
    } | extra
    response = api.as_(by).post("/visits", json=body)
    assert response.status_code == 201, response.text
    return response.json()
