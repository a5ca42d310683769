"""Audit scenarios for 问题单 and inspections (see tests/support/inventory.py)."""

from typing import Any

from tests.problems.helpers import issue, rectify, submit
from tests.support.api import Api
from tests.support.files import upload
from tests.support.inventory import Write, created_id


def _problem(api: Api, steps: int = 0) -> dict[str, Any]:
    problem = issue(api)
    if steps >= 1:
        rectify(api, problem)
    if steps >= 2:
        submit(api, problem)
    if steps >= 3:
        api.as_("ta_organizer").post(f"/problems/{problem['id']}/close", json={})
    return problem


def _pid(api: Api, response: Any) -> str:
    return str(response.json()["id"])


def _milestone_problem(api: Api) -> Any:
    problem = issue(api, category="long_term")
    body = rectify(api, problem, milestones=[{"title": "摸底", "due_on": "2026-12-31"}])
    return api.as_("va1_secretary").post(f"/problems/{problem['id']}/milestones/{body['milestones'][0]['id']}/complete")


def _inspection_body(api: Api) -> dict[str, Any]:
    return {
        "org_id": api.world.org_id("ta"),
        "type": "inspection",
        "title": "督查",
        "held_on": "2026-11-18",
        "inspectors": ["王明"],
        "visited_org_ids": [api.world.org_id("va1")],
    }


def _last_report_id(api: Api, response: Any) -> str:
    timeline = api.as_("va1_secretary").get(f"/problems/{response.json()['id']}/timeline").json()
    return str(timeline[-1]["id"])


WRITES: dict[tuple[str, str], Write] = {
    ("POST", "/api/v1/attachments"): Write(
        "va1_secretary",
        lambda a: a.as_("va1_secretary").post(
            "/attachments", files={"file": ("a.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 50, "image/jpeg")}
        ),
        "attachment",
        "created",
        created_id,
    ),
    ("POST", "/api/v1/problems"): Write(
        "ta_organizer",
        lambda a: a.as_("ta_organizer").post(
            "/problems",
            json={
                "org_id": a.world.org_id("va1"),
                "source": "inspection",
                "description": "问题",
                "category": "deadline",
            },
        ),
        "problem",
        "created",
        created_id,
    ),
    ("PATCH", "/api/v1/problems/{problem_id}"): Write(
        "ta_organizer",
        lambda a: a.as_("ta_organizer").patch(f"/problems/{_problem(a)['id']}", json={"severity": "serious"}),
        "problem",
        "updated",
        _pid,
    ),
    ("POST", "/api/v1/problems/{problem_id}/rectify"): Write(
        "va1_secretary",
        lambda a: a.as_("va1_secretary").post(
            f"/problems/{_problem(a)['id']}/rectify",
            json={
                "measures": "m",
                "responsible_user_id": a.world.user_id("va1_secretary"),
                "deadline": "2026-12-31",
            },
        ),
        "problem",
        "rectifying",
        _pid,
    ),
    ("POST", "/api/v1/problems/{problem_id}/submit"): Write(
        "va1_secretary",
        lambda a: a.as_("va1_secretary").post(
            f"/problems/{_problem(a, 1)['id']}/submit",
            json={"content": "c", "attachment_ids": [upload(a.as_("va1_secretary"))]},
        ),
        "problem",
        "submitted",
        _pid,
    ),
    ("POST", "/api/v1/problems/{problem_id}/close"): Write(
        "ta_organizer",
        lambda a: a.as_("ta_organizer").post(f"/problems/{_problem(a, 2)['id']}/close", json={}),
        "problem",
        "closed",
        _pid,
    ),
    ("POST", "/api/v1/problems/{problem_id}/reject"): Write(
        "ta_organizer",
        lambda a: a.as_("ta_organizer").post(f"/problems/{_problem(a, 2)['id']}/reject", json={"note": "补充材料"}),
        "problem",
        "rejected",
        _pid,
    ),
    ("POST", "/api/v1/problems/{problem_id}/recheck"): Write(
        "ta_organizer",
        lambda a: a.as_("ta_organizer").post(f"/problems/{_problem(a, 3)['id']}/recheck", json={}),
        "problem",
        "rechecked",
        _pid,
    ),
    ("POST", "/api/v1/problems/{problem_id}/reopen"): Write(
        "ta_organizer",
        lambda a: a.as_("ta_organizer").post(f"/problems/{_problem(a, 3)['id']}/reopen", json={"note": "反弹"}),
        "problem",
        "reopened",
        _pid,
    ),
    ("POST", "/api/v1/problems/{problem_id}/reports"): Write(
        "va1_secretary",
        lambda a: a.as_("va1_secretary").post(f"/problems/{_problem(a)['id']}/reports", json={"content": "进展"}),
        "progress_report",
        "created",
        _last_report_id,
    ),
    ("POST", "/api/v1/problems/{problem_id}/monthly-reports"): Write(
        "va1_secretary",
        lambda a: a.as_("va1_secretary").post(
            f"/problems/{_problem(a)['id']}/monthly-reports", json={"content": "月报"}
        ),
        "progress_report",
        "created",
        _last_report_id,
    ),
    ("POST", "/api/v1/problems/{problem_id}/milestones/{milestone_id}/complete"): Write(
        "va1_secretary",
        _milestone_problem,
        "milestone",
        "updated",
        lambda a, r: str(r.json()["milestones"][0]["id"]),
    ),
    ("POST", "/api/v1/inspections"): Write(
        "ta_organizer",
        lambda a: a.as_("ta_organizer").post("/inspections", json=_inspection_body(a)),
        "inspection",
        "created",
        created_id,
    ),
    ("PATCH", "/api/v1/inspections/{inspection_id}"): Write(
        "ta_organizer",
        lambda a: a.as_("ta_organizer").patch(
            f"/inspections/{a.as_('ta_organizer').post('/inspections', json=_inspection_body(a)).json()['id']}",
            json={"title": "新标题"},
        ),
        "inspection",
        "updated",
        created_id,
    ),
}


LISTS = {
    "/api/v1/problems": lambda row: row["org_id"],
    "/api/v1/inspections": lambda row: row["org_id"],
}
DETAILS = {
    "/api/v1/problems/{problem_id}": "/api/v1/problems",
    "/api/v1/problems/{problem_id}/timeline": "/api/v1/problems",
    "/api/v1/inspections/{inspection_id}": "/api/v1/inspections",
    "/api/v1/attachments/{attachment_id}": "evidence",
    "/api/v1/attachments/{attachment_id}/content": "evidence",
}
GET_EXEMPT = {"/api/v1/problems/summary": "aggregate; scoped counts tested in tests/problems (test_summary_...)"}


def evidence(user: Any) -> list[dict[str, Any]]:
    """No list endpoint for attachments: the evidence on the problems this user can see."""
    problems = user.get("/problems", params={"page_size": 100}).json().get("items", [])
    entries = [e for p in problems for e in user.get(f"/problems/{p['id']}/timeline").json()]
    return [a for e in entries for a in e["attachments"]]


SOURCES = {"evidence": evidence}


def activity(api: Api) -> None:
    for side, village in (("ta", "va1"), ("tb", "vb1")):
        problem = issue(api, village, by=f"{side}_organizer")
        rectify(api, problem, by=f"{village}_secretary")
        submit(api, problem, by=f"{village}_secretary")
        api.as_(f"{side}_organizer").post(
            "/inspections",
            json={
                "org_id": api.world.org_id(side),
                "type": "research",
                "title": "调研",
                "held_on": "2026-11-01",
                "inspectors": ["调研组"],
                "visited_org_ids": [api.world.org_id(village)],
            },
        )
