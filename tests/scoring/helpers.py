"""Building blocks for scoring tests: a panel of judges with chosen home orgs, sessions, scores."""

from __future__ import annotations

from typing import Any

from app.core.db import get_database
from app.core.enums import OrgKind, OrgLevel, Role
from app.models.orgs import Org
from tests.support.api import Api
from tests.support.world import make_org, make_user

# Two criteria with different maxima and weights: total = 1.5 × 党建基础 + 0.5 × 创新成效.
RUBRIC = [
    {"name": "党建基础", "max_points": 40, "weight": 1.5},
    {"name": "创新成效", "max_points": 60, "weight": 0.5},
]


def extra_org(api: Api, key: str, parent: str, name: str, level: OrgLevel = OrgLevel.institution) -> int:
    """An org beyond the fixture tree (a county department beside the townships, a grid below a village)."""
    if key not in api.world.orgs:
        with get_database().transaction() as s:
            parent_org = s.get(Org, api.world.org_id(parent))
            api.world.orgs[key] = make_org(s, parent_org, name, level, kind=OrgKind.branch)
    return api.world.org_id(key)


def add_judges(api: Api, homes: dict[str, str]) -> list[int]:
    """Judges appointed on the county panel, living in the given orgs (username -> org key)."""
    with get_database().transaction() as s:
        county = s.get(Org, api.world.org_id("county"))
        for username, org_key in homes.items():
            if username not in api.world.users:
                make_user(s, api.world, username, s.get(Org, api.world.org_id(org_key)), (Role.judge, county))
    return [api.world.user_id(u) for u in homes]


def panel_of_seven(api: Api) -> list[int]:
    """j1 … j7, all living in a county department beside the townships: no conflict with any village."""
    extra_org(api, "dept", "county", "区直机关工委")
    return add_judges(api, {f"j{i}": "dept" for i in range(1, 8)})


def make_session(
    api: Api,
    *,
    subjects: tuple[str, ...] = ("va1", "vb1"),
    scorers: tuple[str, ...] = ("judge",),
    by: str = "county_organizer",
    org: str = "county",
    **extra: Any,
) -> dict[str, Any]:
    body = {
        "org_id": api.world.org_id(org),
        "title": "2026年度基层党组织观摩评分",
        "rubric": RUBRIC,
        "subject_type": "org",
        "subject_ids": [api.world.org_id(s) for s in subjects],
        "scorer_ids": [api.world.user_id(u) for u in scorers],
    } | extra
    response = api.as_(by).post("/scoring-sessions", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def act(api: Api, session: dict[str, Any], action: str, by: str = "county_organizer") -> dict[str, Any]:
    response = api.as_(by).post(f"/scoring-sessions/{session['id']}/{action}")
    assert response.status_code == 200, response.text
    return response.json()


def open_session(api: Api, **kw: Any) -> dict[str, Any]:
    by = kw.pop("by", "county_organizer")
    return act(api, make_session(api, by=by, **kw), "open", by)


def give(api: Api, judge: str, session: dict[str, Any], subject_id: int, points: dict[str, float]) -> Any:
    body = [{"subject_id": subject_id, "criterion": c, "points": p} for c, p in points.items()]
    return api.as_(judge).post(f"/scoring-sessions/{session['id']}/scores", json=body)


def give_ok(api: Api, judge: str, session: dict[str, Any], subject_id: int, points: dict[str, float]) -> None:
    response = give(api, judge, session, subject_id, points)
    assert response.status_code == 200, response.text
