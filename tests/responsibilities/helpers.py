from typing import Any

from tests.support.api import Api


def items_for(api: Api, org: str = "va1") -> list[dict[str, Any]]:
    """A village's items: the secretary as 第一责任人, a worker for 一岗双责 (the fixture villages have no deputy)."""
    w = api.world
    return [
        {
            "role": "secretary",
            "description": "落实“三会一课”制度，每季度至少为党员讲一次党课",
            "responsible_user_id": w.user_id(f"{org}_secretary"),
        },
        {"role": "deputy", "description": "抓好党员发展和教育管理", "responsible_user_id": w.user_id(f"{org}_worker")},
        {"role": "member", "description": "推进村级集体经济发展", "responsible_user_id": w.user_id(f"{org}_worker")},
    ]


def draft(
    api: Api, org: str = "va1", by: str = "ta_organizer", items: list[dict[str, Any]] | None = None, **extra: Any
) -> dict[str, Any]:
    body = {"org_id": api.world.org_id(org), "year": 2026, "items": items_for(api, org) if items is None else items}
    response = api.as_(by).post("/responsibility-letters", json=body | extra)
    assert response.status_code == 201, response.text
    return response.json()


def issue(api: Api, letter: dict[str, Any], by: str = "ta_organizer") -> dict[str, Any]:
    response = api.as_(by).post(f"/responsibility-letters/{letter['id']}/issue")
    assert response.status_code == 200, response.text
    return response.json()


def issued(api: Api, org: str = "va1", by: str = "ta_organizer", **extra: Any) -> dict[str, Any]:
    return issue(api, draft(api, org, by, **extra), by)


def signed(api: Api, org: str = "va1", by: str = "ta_organizer") -> dict[str, Any]:
    letter = issued(api, org, by)
    response = api.as_(f"{org}_secretary").post(f"/responsibility-letters/{letter['id']}/sign")
    assert response.status_code == 200, response.text
    return response.json()


def submit(api: Api, item_id: int, by: str = "va1_secretary") -> dict[str, Any]:
    response = api.as_(by).post(f"/responsibility-items/{item_id}/submit", json={"content": "已按要求落实"})
    assert response.status_code == 200, response.text
    return response.json()


def complete(api: Api, item_id: int, reporter: str = "va1_secretary", verifier: str = "ta_organizer") -> dict[str, Any]:
    submit(api, item_id, reporter)
    response = api.as_(verifier).post(f"/responsibility-items/{item_id}/complete", json={})
    assert response.status_code == 200, response.text
    return response.json()
