"""Project workflow: every transition by the right actor, the forbidden ones, and approval/acceptance from above."""

import pytest
from sqlalchemy import select

from app.models.projects import Project
from tests.projects.helpers import PLAN, THREE, advance, claim, make_campaign, ok
from tests.support.api import error_code
from tests.support.files import upload


def test_full_life_of_a_project(api):
    campaign = make_campaign(api)
    project = claim(api, campaign)
    owner, reviewer = api.as_("va1_secretary"), api.as_("ta_organizer")
    assert ok(api, project, "submit", "va1_secretary")["status"] == "submitted"
    assert reviewer.get(f"/projects/{project['id']}").json()["allowed_actions"] == ["approve", "return"]
    assert ok(api, project, "approve", "ta_organizer", {"note": "方案可行"})["status"] == "approved"
    started = ok(api, project, "start", "va1_secretary")
    assert started["status"] == "in_progress" and started["allowed_actions"] == ["complete"]
    evidence = upload(owner)
    completed = ok(
        api, project, "complete", "va1_secretary", {"content": "流动党员全部纳入管理", "attachment_ids": [evidence]}
    )
    assert completed["status"] == "completed" and completed["closed_at"] is None
    accepted = ok(api, project, "accept", "county_organizer", {"grade": "excellent", "comment": "经验做法值得推广"})
    assert accepted["status"] == "accepted" and accepted["grade"] == "excellent"
    assert (
        accepted["acceptance_comment"] == "经验做法值得推广"
        and accepted["closed_at"]
        and accepted["allowed_actions"] == []
    )
    timeline = owner.get(f"/projects/{project['id']}/timeline").json()
    assert [(e["data"]["action"], e["data"]["to"]) for e in timeline] == [
        ("submit", "submitted"),
        ("approve", "approved"),
        ("start", "in_progress"),
        ("complete", "completed"),
        ("accept", "accepted"),
    ]
    assert timeline[1]["content"] == "方案可行" and [a["id"] for a in timeline[3]["attachments"]] == [evidence]
    assert timeline[4]["content"] == "【优秀】经验做法值得推广"


def test_each_transition_leaves_an_audit_row_and_an_event(api):
    campaign = make_campaign(api)
    project = advance(api, claim(api, campaign), "accepted")
    admin = api.as_("county_admin")
    audit = admin.get("/audit-events", params={"object_type": "project", "object_id": str(project["id"])}).json()
    assert [a["action"] for a in reversed(audit["items"])] == [
        "created",
        "submitted",
        "approved",
        "started",
        "completed",
        "accepted",
    ]
    assert audit["items"][0]["changes"]["grade"] == [None, "good"]
    events = admin.get("/events", params={"limit": 1000}).json()["items"]
    mine = [e["type"] for e in events if e["object_type"] == "project" and e["object_id"] == str(project["id"])]
    assert mine == [f"project.{a}" for a in ("created", "submitted", "approved", "started", "completed", "accepted")]


def test_return_needs_a_reason_and_the_plan_is_revised_and_resubmitted(api):
    campaign = make_campaign(api)
    project = advance(api, claim(api, campaign), "submitted")
    reviewer = api.as_("ta_organizer")
    assert reviewer.post(f"/projects/{project['id']}/return", json={}).status_code == 422
    returned = ok(api, project, "return", "ta_organizer", {"note": "目标请量化到村"})
    assert returned["status"] == "returned" and returned["allowed_actions"] == []
    owner = api.as_("va1_secretary")
    assert owner.get(f"/projects/{project['id']}").json()["allowed_actions"] == ["submit", "cancel"]
    revised = owner.patch(f"/projects/{project['id']}", json={"plan": {"goals": "10 个村流动党员全部建档"}})
    assert revised.status_code == 200 and revised.json()["plan"]["goals"] == "10 个村流动党员全部建档"
    assert ok(api, project, "submit", "va1_secretary")["status"] == "submitted"
    assert owner.get(f"/projects/{project['id']}/timeline").json()[1]["content"] == "目标请量化到村"


def test_approval_is_by_the_organizing_side_above_never_the_projects_own_org(api, db):
    campaign = make_campaign(api)
    own = api.as_("ta_secretary").get("/projects", params={"q": "三化"}).json()["items"][0]
    assert own["title"] == THREE
    api.as_("ta_secretary").patch(f"/projects/{own['id']}", json={"plan": PLAN})
    advance(api, own, "submitted", org="ta")
    for user in ("ta_organizer", "ta_admin"):  # project_review at the township itself
        refused = api.as_(user).post(f"/projects/{own['id']}/approve", json={})
        assert refused.status_code == 403 and error_code(refused) == "verifier_not_above"
    assert api.as_("tb_organizer").post(f"/projects/{own['id']}/approve", json={}).status_code == 404
    with db.transaction() as s:
        assert s.get(Project, own["id"]).status == "submitted"
    assert ok(api, own, "approve", "county_organizer")["status"] == "approved"
    village = advance(api, claim(api, campaign), "submitted")
    assert ok(api, village, "approve", "ta_organizer")["status"] == "approved"  # the township is above the village


def test_acceptance_needs_a_grade_and_a_comment(api):
    project = advance(api, claim(api, make_campaign(api)), "completed")
    reviewer = api.as_("ta_organizer")
    for body in ({}, {"grade": "excellent"}, {"comment": "好"}, {"grade": "A+", "comment": "好"}):
        assert reviewer.post(f"/projects/{project['id']}/accept", json=body).status_code == 422
    own_side = api.as_("va1_secretary").post(
        f"/projects/{project['id']}/accept", json={"grade": "good", "comment": "x"}
    )
    assert own_side.status_code == 403
    graded = ok(api, project, "accept", "ta_organizer", {"grade": "unqualified", "comment": "未按方案推进"})
    assert graded["grade"] == "unqualified"


def test_cancel_before_approval_but_never_a_mandatory_project(api, db):
    campaign = make_campaign(api)
    for to in ("draft", "submitted", "returned"):
        project = claim(api, campaign, org="va1") if to != "returned" else None
        if to == "returned":
            project = advance(api, claim(api, campaign), "submitted")
            ok(api, project, "return", "ta_organizer", {"note": "请完善"})
        else:
            project = advance(api, project, to)
        cancelled = ok(api, project, "cancel", "va1_secretary", {"note": "调整为其他项目"})
        assert cancelled["status"] == "cancelled" and cancelled["closed_at"] and cancelled["allowed_actions"] == []
    approved = advance(api, claim(api, campaign), "approved")
    refused = api.as_("va1_secretary").post(f"/projects/{approved['id']}/cancel", json={})
    assert refused.status_code == 409 and error_code(refused) == "invalid_transition"
    mandatory = api.as_("ta_secretary").get("/projects", params={"mandatory": True}).json()["items"][0]
    refused = api.as_("ta_secretary").post(f"/projects/{mandatory['id']}/cancel", json={})
    assert refused.status_code == 409 and error_code(refused) == "mandatory_project"
    with db.transaction() as s:
        assert s.get(Project, mandatory["id"]).status == "draft"


@pytest.mark.parametrize(
    "to,action,actor,expected",
    [
        ("draft", "approve", "ta_organizer", 409),  # not submitted yet
        ("draft", "start", "va1_secretary", 409),
        ("draft", "complete", "va1_secretary", 409),
        ("draft", "submit", "va1_worker", 403),  # workers report; the secretary submits
        ("draft", "submit", "ta_secretary", 403),  # the township's secretary is not the village
        ("draft", "submit", "vb1_secretary", 404),  # another township's village cannot even see it
        ("submitted", "submit", "va1_secretary", 409),
        ("submitted", "approve", "va1_secretary", 403),  # secretaries hold no project_review
        ("submitted", "approve", "county_viewer", 403),
        ("submitted", "start", "va1_secretary", 409),
        ("approved", "approve", "ta_organizer", 409),
        ("approved", "start", "ta_organizer", 403),
        ("approved", "cancel", "va1_secretary", 409),
        ("in_progress", "accept", "ta_organizer", 409),  # not submitted for acceptance yet
        ("in_progress", "return", "ta_organizer", 409),
        ("in_progress", "complete", "va1_worker", 403),
        ("completed", "complete", "va1_secretary", 409),
        ("completed", "accept", "va1_secretary", 403),
        ("completed", "accept", "tb_organizer", 404),
        ("accepted", "accept", "ta_organizer", 409),
        ("accepted", "cancel", "va1_secretary", 409),
    ],
)
def test_forbidden_transitions_write_nothing(api, db, to, action, actor, expected):
    project = advance(api, claim(api, make_campaign(api)), to)
    with db.transaction() as s:
        before = s.scalar(select(Project.version).where(Project.id == project["id"]))
    bodies = {
        "return": {"note": "n"},
        "complete": {"content": "c"},
        "accept": {"grade": "good", "comment": "c"},
    }
    response = api.as_(actor).post(f"/projects/{project['id']}/{action}", json=bodies.get(action, {}))
    assert response.status_code == expected, response.text
    if expected == 409:
        assert error_code(response) == "invalid_transition"
    with db.transaction() as s:
        assert s.scalar(select(Project.version).where(Project.id == project["id"])) == before


def test_stale_if_match_is_412(api):
    project = claim(api, make_campaign(api))
    response = api.as_("va1_secretary").post(f"/projects/{project['id']}/submit", headers={"If-Match": '"9"'})
    assert response.status_code == 412
    etag = api.as_("va1_secretary").get(f"/projects/{project['id']}").headers["etag"]
    assert (
        api.as_("va1_secretary").post(f"/projects/{project['id']}/submit", headers={"If-Match": etag}).status_code
        == 200
    )


def test_the_plan_is_edited_by_its_own_org_and_only_before_submission(api):
    project = claim(api, make_campaign(api))
    path = f"/projects/{project['id']}"
    assert api.as_("ta_organizer").patch(path, json={"title": "x"}).status_code == 403
    assert api.as_("vb1_secretary").patch(path, json={"title": "x"}).status_code == 404
    assert api.as_("va1_secretary").patch(path, json={"title": None}).status_code == 422
    assert api.as_("va1_secretary").patch(path, json={"owner_id": 1}).status_code == 422
    moved = api.as_("va1_secretary").patch(path, json={"deadline": "2026-11-30"}).json()
    assert moved["deadline"] == "2026-11-30"
    too_early = api.as_("va1_secretary").patch(path, json={"deadline": "2026-06-30"})
    assert too_early.status_code == 422  # the plan's last milestone is due 2026-09-30
    advance(api, project, "submitted")
    refused = api.as_("va1_secretary").patch(path, json={"title": "x"})
    assert refused.status_code == 409 and error_code(refused) == "invalid_transition"


def test_every_write_is_404_from_the_sibling_subtree(api, db):
    campaign = make_campaign(api, "ta", "ta_organizer", title="甲镇村书记项目")
    project = advance(api, claim(api, campaign), "in_progress")
    milestone = project["plan"]["milestones"][0]["id"]
    pid, cid, item = project["id"], campaign["id"], campaign["items"][0]["id"]
    calls = [
        ("tb_secretary", "PATCH", f"/projects/{pid}", {"title": "x"}),
        ("vb1_secretary", "POST", f"/projects/{pid}/submit", None),
        ("tb_organizer", "POST", f"/projects/{pid}/approve", {}),
        ("tb_organizer", "POST", f"/projects/{pid}/return", {"note": "n"}),
        ("vb1_secretary", "POST", f"/projects/{pid}/start", {}),
        ("vb1_secretary", "POST", f"/projects/{pid}/cancel", {}),
        ("vb1_secretary", "POST", f"/projects/{pid}/complete", {"content": "c"}),
        ("tb_organizer", "POST", f"/projects/{pid}/accept", {"grade": "good", "comment": "c"}),
        ("vb1_worker", "POST", f"/projects/{pid}/monthly-reports", {"progress": 10, "content": "c"}),
        ("vb1_worker", "POST", f"/projects/{pid}/milestones/{milestone}/complete", None),
        ("tb_organizer", "PATCH", f"/project-campaigns/{cid}", {"title": "x"}),
        ("tb_organizer", "POST", f"/project-campaigns/{cid}/close", None),
        ("tb_organizer", "POST", f"/project-campaigns/{cid}/preclaim", None),
        ("tb_organizer", "POST", f"/project-campaigns/{cid}/items", {"title": "x"}),
        ("tb_organizer", "PATCH", f"/project-campaigns/{cid}/items/{item}", {"title": "x"}),
        ("tb_organizer", "DELETE", f"/project-campaigns/{cid}/items/{item}", None),
    ]
    with db.transaction() as s:
        before = s.scalar(select(Project.version).where(Project.id == pid))
    for user, method, path, body in calls:
        response = api.as_(user).request(method, path, json=body)
        assert response.status_code == 404, (user, method, path, response.text)
    with db.transaction() as s:
        assert s.scalar(select(Project.version).where(Project.id == pid)) == before
