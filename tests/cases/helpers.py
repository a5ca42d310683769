"""A case round and its cases, driven through the API step by step (征集 → 报送 → 核查 → 评审 → 入选 → 公示)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from app.core import clock
from tests.support.api import Api

DOMAINS = ["管理育强乡村振兴“领头雁”队伍", "打造“党建联盟”社区治理品牌", "“多网合一”基层治理体系建设"]
REVIEW_RUBRIC = [
    {"name": "创新性", "max_points": 30, "weight": 1},
    {"name": "实效性", "max_points": 40, "weight": 1},
    {"name": "可推广性", "max_points": 30, "weight": 1},
]


def make_round(api: Api, by: str = "county_organizer", org: str = "county", **extra: Any) -> dict[str, Any]:
    today = clock.today_local()
    body = {
        "org_id": api.world.org_id(org),
        "year": today.year,
        "title": f"{today.year}年度基层党建优秀案例征集",
        "theme": "党建引领基层治理",
        "domains": DOMAINS,
        "channels": ["open_call", "invitation", "recommendation"],
        "submit_from": (today - timedelta(days=10)).isoformat(),
        "submit_until": (today + timedelta(days=20)).isoformat(),
    } | extra
    response = api.as_(by).post("/case-rounds", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def submit_case(
    api: Api, round_: dict[str, Any], org: str = "va1", by: str = "va1_secretary", **extra: Any
) -> dict[str, Any]:
    body = {
        "round_id": round_["id"],
        "org_id": api.world.org_id(org),
        "title": "“多网合一”推动村级治理提质增效",
        "domain": DOMAINS[2],
        "summary": "整合党建网格、综治网格、应急网格，一网统管。",
        "body": "一、背景与做法……二、成效与启示……",
        "channel": "open_call",
    } | extra
    response = api.as_(by).post("/cases", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def verify(api: Api, case: dict[str, Any], by: str = "ta_organizer", action: str = "verify") -> dict[str, Any]:
    body = {"visited_on": clock.today_local().isoformat(), "inspectors": ["王明", "李华"], "findings": "情况属实"}
    response = api.as_(by).post(f"/cases/{case['id']}/{action}", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def start_review(
    api: Api, round_: dict[str, Any], scorers: tuple[str, ...] = ("judge",), by: str = "county_organizer", **extra: Any
) -> dict[str, Any]:
    body = {"rubric": REVIEW_RUBRIC, "scorer_ids": [api.world.user_id(u) for u in scorers]} | extra
    response = api.as_(by).post(f"/case-rounds/{round_['id']}/start-review", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def score_all(api: Api, session_id: int, judge: str, case_points: dict[int, tuple[float, float, float]]) -> None:
    body = [
        {"subject_id": cid, "criterion": c["name"], "points": p}
        for cid, points in case_points.items()
        for c, p in zip(REVIEW_RUBRIC, points, strict=True)
    ]
    response = api.as_(judge).post(f"/scoring-sessions/{session_id}/scores", json=body)
    assert response.status_code == 200, response.text


def session_action(api: Api, session_id: int, action: str, by: str = "county_organizer") -> None:
    response = api.as_(by).post(f"/scoring-sessions/{session_id}/{action}")
    assert response.status_code == 200, response.text


def round_action(api: Api, round_: dict[str, Any], action: str, body: Any = None, by: str = "county_organizer") -> Any:
    response = api.as_(by).post(f"/case-rounds/{round_['id']}/{action}", json=body if body is not None else {})
    assert response.status_code == 200, response.text
    return response.json()


def reviewed_round(api: Api, points: tuple[tuple[float, float, float], ...] = ((28, 36, 27), (20, 30, 20))) -> Any:
    """A round whose cases (one per points tuple, from va1, vb1, vb2) were verified, scored by `judge` and
    the review closed. Returns (round, cases)."""
    round_ = make_round(api)
    # `judge` lives in va2: its cases would be a conflict of interest.
    places = [("va1", "va1_secretary", "ta_organizer"), ("vb1", "vb1_secretary", "tb_organizer"),
              ("vb2", "vb2_secretary", "tb_organizer")]  # fmt: skip
    cases = []
    for (org, secretary, verifier), _ in zip(places, points, strict=False):
        case = submit_case(api, round_, org=org, by=secretary, title=f"{org}的案例")
        verify(api, case, by=verifier)
        cases.append(case)
    round_ = start_review(api, round_)
    session_id = round_["session_id"]
    session_action(api, session_id, "open")
    score_all(api, session_id, "judge", {c["id"]: p for c, p in zip(cases, points, strict=False)})
    session_action(api, session_id, "close")
    return round_, cases


def announced(api: Api, top_n: int = 1) -> Any:
    """A round with its first case announced (公示 running) and the second not selected."""
    round_, cases = reviewed_round(api)
    round_action(api, round_, "select", {"top_n": top_n})
    round_ = round_action(api, round_, "announce")
    return round_, cases
