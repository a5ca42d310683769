from typing import Any

from tests.support.api import Api


def draft(api: Api, org: str = "county", by: str = "county_organizer", **extra: Any) -> dict[str, Any]:
    body = {
        "org_id": api.world.org_id(org),
        "title": "关于基层党建督查发现问题整改情况的通报",
        "summary": "现将第四季度基层党建督查发现的问题及整改情况通报如下。",
    } | extra
    response = api.as_(by).post("/bulletins", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def publish(api: Api, bulletin: dict[str, Any], by: str = "county_organizer") -> dict[str, Any]:
    response = api.as_(by).post(f"/bulletins/{bulletin['id']}/publish")
    assert response.status_code == 200, response.text
    return response.json()


def ranking(api: Api, *orgs: str) -> list[dict[str, Any]]:
    return [
        {"org_id": api.world.org_id(org), "rank": index, "value": 100.0 - 10 * index, "note": "按期整改"}
        for index, org in enumerate(orgs, start=1)
    ]


def published(api: Api, org: str = "county", by: str = "county_organizer", **extra: Any) -> dict[str, Any]:
    extra.setdefault("rankings", ranking(api, "ta", "tb") if org == "county" else [])
    if not extra["rankings"]:
        extra["rankings"] = [{"org_id": api.world.org_id(org), "rank": 1}]
    return publish(api, draft(api, org, by, **extra), by)
