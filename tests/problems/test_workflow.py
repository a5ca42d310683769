"""问题单 workflow: each transition by the right role, the forbidden ones, and the verifier-above rule."""

import pytest
from sqlalchemy import select

from app.models.problems import Problem
from tests.problems.helpers import issue, rectify, submit, to_closed
from tests.support.api import error_code
from tests.support.files import upload


def test_issue_to_a_village(api):
    problem = issue(api)
    assert problem["status"] == "open" and problem["issuer_org_id"] == api.world.org_id("ta")
    assert problem["title"].startswith("“三会一课”") and problem["overdue"] is False
    assert problem["allowed_actions"] == []  # the issuer has nothing to do until the village acts
    seen = api.as_("va1_secretary").get(f"/problems/{problem['id']}").json()
    assert seen["allowed_actions"] == ["rectify"]


def test_who_may_issue(api):
    w = api.world
    body = {
        "org_id": w.org_id("va1"),
        "source": "self_check",
        "description": "自查：党员档案不全",
        "category": "immediate",
    }
    assert api.as_("va1_secretary").post("/problems", json=body).status_code == 201  # 自查 by the org itself
    assert api.as_("va1_worker").post("/problems", json=body).status_code == 403
    assert api.as_("tb_organizer").post("/problems", json=body).status_code == 404
    assert api.as_("county_viewer").post("/problems", json=body).status_code == 403
    bad = api.as_("ta_organizer").post("/problems", json=body | {"status": "closed"})
    assert bad.status_code == 422


def test_full_rectification_and_close_off(api):
    problem = issue(api)
    rectifying = rectify(api, problem)
    assert rectifying["status"] == "rectifying" and rectifying["measures"].startswith("补齐")
    assert (
        rectifying["allowed_actions"] == []
        or "submit" in api.as_("va1_secretary").get(f"/problems/{problem['id']}").json()["allowed_actions"]
    )
    submitted = submit(api, problem)
    assert submitted["status"] == "submitted"
    closed = api.as_("ta_organizer").post(f"/problems/{problem['id']}/close", json={"note": "核查属实，同意销号"})
    assert closed.status_code == 200
    body = closed.json()
    assert body["status"] == "closed" and body["closed_at"] and body["overdue"] is False
    timeline = api.as_("va1_secretary").get(f"/problems/{problem['id']}/timeline").json()
    assert [(e["data"]["action"], e["data"]["to"]) for e in timeline] == [
        ("rectify", "rectifying"),
        ("submit", "submitted"),
        ("close", "closed"),
    ]
    assert len(timeline[1]["attachments"]) == 1 and timeline[2]["content"] == "核查属实，同意销号"


def test_the_org_itself_never_closes_off(api):
    problem = issue(api)
    rectify(api, problem)
    submit(api, problem)
    refused = api.as_("va1_secretary").post(f"/problems/{problem['id']}/close", json={})
    assert refused.status_code == 403 and error_code(refused) == "verifier_not_above"
    # township secretary (above) may, as may the county
    assert api.as_("ta_secretary").post(f"/problems/{problem['id']}/close", json={}).status_code == 200


def test_self_check_problems_are_closed_by_the_org_above(api):
    w = api.world
    own = (
        api.as_("ta_secretary")
        .post(
            "/problems",
            json={
                "org_id": w.org_id("ta"),
                "source": "self_check",
                "description": "自查：班子成员联系点走访不足",
                "category": "deadline",
            },
        )
        .json()
    )
    rectify(api, own, by="ta_secretary")
    submit(api, own, by="ta_secretary")
    # the township issued it to itself; its own organizer and secretary are not above it
    assert api.as_("ta_organizer").post(f"/problems/{own['id']}/close", json={}).status_code == 403
    assert api.as_("ta_secretary").post(f"/problems/{own['id']}/close", json={}).status_code == 403
    assert api.as_("county_organizer").post(f"/problems/{own['id']}/close", json={}).status_code == 200


def test_submit_requires_evidence_and_writes_nothing_without_it(api, db):
    problem = issue(api)
    rectify(api, problem)
    refused = api.as_("va1_secretary").post(f"/problems/{problem['id']}/submit", json={"content": "已整改"})
    assert refused.status_code == 422 and error_code(refused) == "evidence_required"
    with db.transaction() as s:
        assert s.get(Problem, problem["id"]).status == "rectifying"


def test_evidence_must_be_the_callers_own_unused_upload(api):
    problem = issue(api)
    rectify(api, problem)
    someone_elses = upload(api.as_("va2_secretary"))
    refused = api.as_("va1_secretary").post(
        f"/problems/{problem['id']}/submit", json={"content": "x", "attachment_ids": [someone_elses]}
    )
    assert refused.status_code == 422
    assert refused.json()["error"]["fields"][0]["loc"] == ["body", "attachment_ids"]


def test_reject_needs_a_reason_and_returns_to_rectifying(api):
    problem = issue(api)
    rectify(api, problem)
    submit(api, problem)
    organizer = api.as_("ta_organizer")
    assert organizer.post(f"/problems/{problem['id']}/reject", json={}).status_code == 422
    rejected = organizer.post(f"/problems/{problem['id']}/reject", json={"note": "佐证材料不全，请补充会议照片"})
    assert rejected.status_code == 200 and rejected.json()["status"] == "rectifying"
    timeline = api.as_("va1_secretary").get(f"/problems/{problem['id']}/timeline").json()
    assert timeline[-1]["data"] == {"action": "reject", "from": "submitted", "to": "rectifying"}
    assert timeline[-1]["content"] == "佐证材料不全，请补充会议照片"
    submit(api, problem)  # and it can be submitted again


def test_recheck_and_reopen(api):
    closed = to_closed(api)
    organizer = api.as_("ta_organizer")
    passed = organizer.post(f"/problems/{closed['id']}/recheck", json={"note": "回头看：未反弹"})
    assert passed.status_code == 200 and passed.json()["status"] == "closed"
    assert passed.json()["recheck_count"] == 1
    assert organizer.post(f"/problems/{closed['id']}/reopen", json={}).status_code == 422
    reopened = organizer.post(f"/problems/{closed['id']}/reopen", json={"note": "回头看发现问题反弹"})
    assert reopened.status_code == 200
    body = reopened.json()
    assert body["status"] == "rectifying" and body["closed_at"] is None and body["recheck_count"] == 2
    assert api.as_("va1_secretary").post(f"/problems/{closed['id']}/reopen", json={"note": "x"}).status_code == 403


@pytest.mark.parametrize(
    "status_steps,action,actor,expected",
    [
        (0, "submit", "va1_secretary", 409),  # open → submit skips rectification
        (0, "close", "ta_organizer", 409),  # cannot close what was never submitted
        (0, "close", "va1_secretary", 403),  # and the org could never close at all
        (1, "rectify", "va1_secretary", 409),  # already rectifying
        (2, "submit", "va1_secretary", 409),  # already submitted
        (3, "reject", "ta_organizer", 409),  # closed problems are reopened, not rejected
        (3, "close", "ta_organizer", 409),
        (0, "rectify", "ta_deputy", 403),  # the township's deputy is not the village
        (0, "rectify", "county_viewer", 403),
        (0, "rectify", "vb1_secretary", 404),  # another township's village cannot even see it
    ],
)
def test_forbidden_transitions(api, db, status_steps, action, actor, expected):
    problem = issue(api)
    if status_steps >= 1:
        rectify(api, problem)
    if status_steps >= 2:
        submit(api, problem)
    if status_steps >= 3:
        api.as_("ta_organizer").post(f"/problems/{problem['id']}/close", json={})
    with db.transaction() as s:
        before = s.get(Problem, problem["id"]).status
    bodies = {
        "rectify": {
            "measures": "m",
            "responsible_user_id": api.world.user_id("va1_secretary"),
            "deadline": "2026-12-31",
        },
        "submit": {"content": "x", "attachment_ids": []},
        "close": {},
        "reject": {"note": "n"},
    }
    response = api.as_(actor).post(f"/problems/{problem['id']}/{action}", json=bodies[action])
    assert response.status_code == expected, response.text
    if expected == 409:
        assert error_code(response) == "invalid_transition"
    with db.transaction() as s:
        assert s.get(Problem, problem["id"]).status == before


def test_workers_and_responsible_people_report_for_their_org(api):
    problem = issue(api)
    rectify(api, problem, by="va1_worker")
    submit(api, problem, by="va1_worker")
    # a township deputy made responsible for a village problem may act on it
    other = issue(api, org="ta")
    assert (
        api.as_("ta_deputy")
        .post(
            f"/problems/{other['id']}/rectify",
            json={"measures": "m", "responsible_user_id": api.world.user_id("ta_deputy"), "deadline": "2026-12-31"},
        )
        .status_code
        == 200
    )


def test_responsible_person_must_belong_to_the_org(api):
    problem = issue(api)
    response = api.as_("va1_secretary").post(
        f"/problems/{problem['id']}/rectify",
        json={"measures": "m", "responsible_user_id": api.world.user_id("vb1_secretary"), "deadline": "2026-12-31"},
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["loc"] == ["body", "responsible_user_id"]


def test_long_term_problems_need_milestones(api):
    problem = issue(api, category="long_term")
    base = {
        "measures": "分三步整治",
        "responsible_user_id": api.world.user_id("va1_secretary"),
        "deadline": "2027-06-30",
    }
    user = api.as_("va1_secretary")
    assert user.post(f"/problems/{problem['id']}/rectify", json=base).status_code == 422
    ok = user.post(
        f"/problems/{problem['id']}/rectify",
        json=base
        | {
            "milestones": [{"title": "摸底排查", "due_on": "2026-12-31"}, {"title": "集中整治", "due_on": "2027-03-31"}]
        },
    )
    assert ok.status_code == 200
    milestones = ok.json()["milestones"]
    assert [m["title"] for m in milestones] == ["摸底排查", "集中整治"]
    done = user.post(f"/problems/{problem['id']}/milestones/{milestones[0]['id']}/complete")
    assert done.status_code == 200 and done.json()["milestones"][0]["completed_at"]
    assert (
        api.as_("ta_organizer").post(f"/problems/{problem['id']}/milestones/{milestones[1]['id']}/complete").status_code
        == 403
    )


def test_patch_splits_issuer_and_org_fields(api, db):
    problem = issue(api)
    org_side, issuer_side = api.as_("va1_secretary"), api.as_("ta_organizer")
    assert org_side.patch(f"/problems/{problem['id']}", json={"severity": "critical"}).status_code == 403
    assert issuer_side.patch(f"/problems/{problem['id']}", json={"measures": "x"}).status_code == 403
    changed = issuer_side.patch(f"/problems/{problem['id']}", json={"severity": "serious", "description": "新描述"})
    assert changed.status_code == 200 and changed.json()["title"] == "新描述"
    stale = org_side.patch(f"/problems/{problem['id']}", json={"measures": "y"}, headers={"If-Match": '"1"'})
    assert stale.status_code == 412
    with db.transaction() as s:
        assert s.scalar(select(Problem.measures).where(Problem.id == problem["id"])) is None
