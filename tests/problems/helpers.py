from typing import Any

from tests.support.api import Api
from tests.support.files import upload


def issue(api: Api, org: str = "va1", by: str = "ta_organizer", **extra: Any) -> dict[str, Any]:
    body = {
        "org_id": api.world.org_id(org),
        "source": "inspection",
        "description": "“三会一课”记录不规范，党员大会未按期召开",
        "category": "deadline",
        "severity": "general",
    } | extra
    response = api.as_(by).post("/problems", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def rectify(api: Api, problem: dict[str, Any], by: str = "va1_secretary", **extra: Any) -> dict[str, Any]:
    body = {
        "measures": "补齐会议记录，建立提醒台账",
        "responsible_user_id": api.world.user_id(by),
        "deadline": "2026-12-31",
    } | extra
    response = api.as_(by).post(f"/problems/{problem['id']}/rectify", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def submit(api: Api, problem: dict[str, Any], by: str = "va1_secretary") -> dict[str, Any]:
    user = api.as_(by)
    response = user.post(
        f"/problems/{problem['id']}/submit", json={"content": "已整改到位", "attachment_ids": [upload(user)]}
    )
    assert response.status_code == 200, response.text
    return response.json()


def to_closed(api: Api, org: str = "va1", secretary: str = "va1_secretary") -> dict[str, Any]:
    problem = issue(api, org)
    rectify(api, problem, by=secretary)
    submit(api, problem, by=secretary)
    response = api.as_("ta_organizer").post(f"/problems/{problem['id']}/close", json={})
    assert response.status_code == 200, response.text
    return response.json()
