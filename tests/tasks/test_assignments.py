"""Task assignments: the org starts and reports, someone above accepts or returns; evidence; overdue; ledger."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from app.models.lists import TaskAssignment
from app.models.tracking import ProgressReport
from tests.support.api import error_code
from tests.support.files import upload
from tests.tasks.helpers import act, assignment_of, issued, task, to_status


def test_assignment_carries_the_task_and_names_the_secretary(api):
    w = api.world
    task_list = issued(api, [task(is_key=True, domain="rural", target_org_ids=[w.org_id("va1")])])
    seen = api.as_("va1_worker").get("/task-assignments").json()["items"]
    assert len(seen) == 1
    a = seen[0]
    assert a["status"] == "assigned" and a["task_list_id"] == task_list["id"] and a["period"] == "2026-11"
    assert a["title"] == "规范落实“三会一课”制度" and a["is_key"] is True and a["domain"] == "rural"
    assert a["org_name"] == "甲一村党支部" and a["org_level"] == "village" and a["issuer_org_name"] == "甲镇党委"
    assert a["responsible_user_id"] == w.user_id("va1_secretary") and a["deadline"] == "2026-11-30"
    assert a["allowed_actions"] == ["start"] and a["return_count"] == 0


def test_start_submit_accept(api):
    task_list = issued(api)
    a = assignment_of(api, task_list, "va1")
    assert act(api, a, "start", "va1_worker")["status"] == "in_progress"
    submitted = act(api, a, "submit", "va1_worker", content="11月已召开支部党员大会并上党课")
    assert submitted["status"] == "submitted"  # an ordinary task: a written report is enough
    organizer = api.as_("ta_organizer")
    assert organizer.get(f"/task-assignments/{a['id']}").json()["allowed_actions"] == ["accept", "return"]
    accepted = act(api, a, "accept", "ta_organizer", note="验收通过")
    assert accepted["status"] == "accepted" and accepted["closed_at"] and accepted["allowed_actions"] == []
    timeline = api.as_("va1_secretary").get(f"/task-assignments/{a['id']}/timeline").json()
    assert [e["data"]["action"] for e in timeline] == ["start", "submit", "accept"]
    assert timeline[1]["content"] == "11月已召开支部党员大会并上党课" and timeline[2]["content"] == "验收通过"


def test_key_tasks_need_evidence_and_nothing_is_written_without_it(api, db):
    w = api.world
    task_list = issued(api, [task("新兴领域“两个覆盖”", is_key=True, target_org_ids=[w.org_id("va1")])])
    a = assignment_of(api, task_list, "va1")
    act(api, a, "start", "va1_secretary")
    refused = api.as_("va1_secretary").post(f"/task-assignments/{a['id']}/submit", json={"content": "已完成"})
    assert refused.status_code == 422 and error_code(refused) == "evidence_required"
    assert refused.json()["error"]["fields"][0]["loc"] == ["body", "attachment_ids"]
    with db.transaction() as s:
        assert s.get(TaskAssignment, a["id"]).status == "in_progress"
        assert len(s.scalars(select(ProgressReport).where(ProgressReport.item_id == a["id"])).all()) == 1
    photo = upload(api.as_("va1_secretary"))
    done = act(api, a, "submit", "va1_secretary", content="已完成", attachment_ids=[photo])
    assert done["status"] == "submitted"
    timeline = api.as_("va1_secretary").get(f"/task-assignments/{a['id']}/timeline").json()
    assert [f["id"] for f in timeline[-1]["attachments"]] == [photo]


def test_acceptance_only_from_above_never_by_the_target_org(api):
    task_list = issued(api)
    a = to_status(api, assignment_of(api, task_list, "va1"), "submitted")
    refused = api.as_("va1_secretary").post(f"/task-assignments/{a['id']}/accept", json={})
    assert refused.status_code == 403 and error_code(refused) == "verifier_not_above"
    assert api.as_("ta_deputy").post(f"/task-assignments/{a['id']}/accept", json={}).status_code == 403
    assert api.as_("tb_secretary").post(f"/task-assignments/{a['id']}/accept", json={}).status_code == 404
    # an ancestor of the target org may accept what the township issued
    assert api.as_("county_organizer").post(f"/task-assignments/{a['id']}/accept", json={}).status_code == 200
    # a county task to a township: the township's own secretary cannot accept it, the county can
    county_list = issued(api, [task(target_level="township")], org="county", by="county_organizer")
    b = to_status(api, assignment_of(api, county_list, "ta", by="county_organizer"), "submitted", org="ta")
    assert api.as_("ta_secretary").post(f"/task-assignments/{b['id']}/accept", json={}).status_code == 403
    assert api.as_("ta_organizer").post(f"/task-assignments/{b['id']}/accept", json={}).status_code == 403
    assert api.as_("county_secretary").post(f"/task-assignments/{b['id']}/accept", json={}).status_code == 200


def test_return_needs_a_reason_and_goes_back_to_in_progress(api):
    a = to_status(api, assignment_of(api, issued(api), "va1"), "submitted")
    organizer = api.as_("ta_organizer")
    assert organizer.post(f"/task-assignments/{a['id']}/return", json={}).status_code == 422
    returned = organizer.post(f"/task-assignments/{a['id']}/return", json={"note": "会议记录缺少签到表，请补充"})
    assert returned.status_code == 200
    body = returned.json()
    assert body["status"] == "in_progress" and body["return_count"] == 1
    timeline = api.as_("va1_secretary").get(f"/task-assignments/{a['id']}/timeline").json()
    assert timeline[-1]["data"] == {"action": "return", "from": "submitted", "to": "in_progress"}
    assert timeline[-1]["content"] == "会议记录缺少签到表，请补充"
    again = act(api, a, "submit", "va1_secretary", content="已补充签到表")
    assert again["status"] == "submitted"


@pytest.mark.parametrize(
    "status,action,actor,expected",
    [
        ("assigned", "submit", "va1_secretary", 409),  # start first
        ("assigned", "accept", "ta_organizer", 409),
        ("in_progress", "start", "va1_secretary", 409),
        ("in_progress", "accept", "ta_organizer", 409),
        ("submitted", "submit", "va1_secretary", 409),
        ("accepted", "return", "ta_organizer", 409),
        ("accepted", "accept", "ta_organizer", 409),
        ("assigned", "start", "ta_organizer", 403),  # the issuer does not work for the village
        ("assigned", "start", "va2_secretary", 404),  # a sibling village cannot see it
        ("assigned", "start", "county_viewer", 403),
        ("submitted", "return", "va1_secretary", 403),
    ],
)
def test_forbidden_assignment_transitions(api, db, status, action, actor, expected):
    a = assignment_of(api, issued(api), "va1")
    if status != "assigned":
        to_status(api, a, status)
    with db.transaction() as s:
        before = s.get(TaskAssignment, a["id"]).status
    bodies = {"start": None, "submit": {"content": "x"}, "accept": {}, "return": {"note": "n"}}
    response = api.as_(actor).post(f"/task-assignments/{a['id']}/{action}", json=bodies[action])
    assert response.status_code == expected, response.text
    if expected == 409:
        assert error_code(response) == "invalid_transition"
    with db.transaction() as s:
        assert s.get(TaskAssignment, a["id"]).status == before


def test_progress_reports_and_the_responsible_person(api):
    w = api.world
    a = assignment_of(api, issued(api), "va1")
    report = api.as_("va1_worker").post(f"/task-assignments/{a['id']}/reports", json={"content": "已通知全体党员"})
    assert report.status_code == 201 and report.json()["last_report_at"]
    assert (
        api.as_("ta_organizer").post(f"/task-assignments/{a['id']}/reports", json={"content": "x"}).status_code == 403
    )
    url = f"/task-assignments/{a['id']}"
    assert api.as_("va1_worker").patch(url, json={"responsible_user_id": w.user_id("va1_worker")}).status_code == 403
    assert api.as_("va1_secretary").patch(url, json={"responsible_user_id": w.user_id("vb1_worker")}).status_code == 422
    named = api.as_("va1_secretary").patch(url, json={"responsible_user_id": w.user_id("va1_worker")})
    assert named.status_code == 200 and named.json()["responsible_user_name"] == "测试va1_worker"
    # the responsible person may now act for the org
    assert act(api, a, "start", "va1_worker")["status"] == "in_progress"


def test_overdue_is_derived_from_the_deadline_and_the_clock(api, fake_clock):
    fake_clock.set(datetime(2026, 11, 20, 2, tzinfo=UTC))
    task_list = issued(api)
    a, b = assignment_of(api, task_list, "va1"), assignment_of(api, task_list, "va2")
    to_status(api, a, "submitted")
    fake_clock.set(datetime(2026, 11, 30, 15, 59, tzinfo=UTC))  # 23:59 on the 30th in Asia/Shanghai
    assert api.fresh("ta_organizer").get(f"/task-assignments/{a['id']}").json()["overdue"] is False
    fake_clock.set(datetime(2026, 11, 30, 16, 1, tzinfo=UTC))  # 00:01 on 1 December
    organizer = api.fresh("ta_organizer")
    assert organizer.get(f"/task-assignments/{a['id']}").json()["overdue"] is True  # submitted is still open
    overdue = organizer.get("/task-assignments", params={"overdue": True, "sort": "id"}).json()
    assert [x["id"] for x in overdue["items"]] == [a["id"], b["id"]]
    act(api, a, "accept", "ta_organizer")
    assert organizer.get(f"/task-assignments/{a['id']}").json()["overdue"] is False
    assert [x["id"] for x in organizer.get("/task-assignments", params={"overdue": True}).json()["items"]] == [b["id"]]
    assert organizer.get(f"/task-lists/{task_list['id']}").json()["overdue_count"] == 1


def test_assignment_ledger_filters_sorting_and_scope(api):
    w = api.world
    october = issued(
        api, [task("村(社区)干部管理", is_key=True, domain="rural", target_level="village")], period="2026-10"
    )
    november = issued(api, [task(target_org_ids=[w.org_id("va1")], deadline="2026-11-15")])
    county = issued(
        api, [task("乡镇班子建设", is_key=True, target_level="township")], org="county", by="county_organizer"
    )
    theirs = issued(api, org="tb", by="tb_organizer")
    ta = api.as_("ta_organizer")
    rows = ta.get("/task-assignments", params={"sort": "deadline"}).json()
    assert rows["total"] == 4  # 2 from October, 1 from November, the county's to 甲镇 itself
    assert rows["items"][0]["task_list_id"] == november["id"]
    assert ta.get("/task-assignments", params={"period": "2026-10"}).json()["total"] == 2
    assert ta.get("/task-assignments", params={"is_key": True}).json()["total"] == 3
    assert ta.get("/task-assignments", params={"domain": "rural"}).json()["total"] == 2
    assert [x["org_id"] for x in ta.get("/task-assignments", params={"level": "township"}).json()["items"]] == [
        w.org_id("ta")
    ]
    assert ta.get("/task-assignments", params={"task_list_id": county["id"]}).json()["total"] == 1
    assert ta.get("/task-assignments", params={"root_id": w.org_id("va2")}).json()["total"] == 1
    assert ta.get("/task-assignments", params={"status": "accepted"}).json()["total"] == 0
    assert ta.get("/task-assignments", params={"q": "干部"}).json()["total"] == 2
    assert ta.get("/task-assignments", params={"root_id": w.org_id("vb1")}).status_code == 404
    b = assignment_of(api, theirs, "vb1", by="tb_organizer")
    assert ta.get(f"/task-assignments/{b['id']}").status_code == 404
    assert api.as_("va1_secretary").get("/task-assignments").json()["total"] == 2
    assert api.as_("county_viewer").get("/task-assignments").json()["total"] == 7
    assert ta.get("/task-assignments", params={"sort": "title"}).status_code == 422
    assert ta.get("/task-assignments", params={"period": "2026-1"}).status_code == 422
    assert october["tasks"][0]["assignment_count"] == 2
