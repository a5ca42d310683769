"""Responsibility items: quarterly reports, completion confirmed from above, overdue, the items ledger."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from app.models.lists import ResponsibilityItem
from app.models.tracking import ProgressReport
from tests.responsibilities.helpers import complete, draft, issued, signed, submit
from tests.support.api import error_code
from tests.support.files import upload


def test_completion_is_reported_by_the_org_and_confirmed_from_above(api):
    letter = signed(api)
    item = letter["items"][1]
    assert api.as_("va1_worker").get(f"/responsibility-items/{item['id']}").json()["allowed_actions"] == ["submit"]
    worker = api.as_("va1_worker")
    evidence = upload(worker)
    done = worker.post(
        f"/responsibility-items/{item['id']}/submit",
        json={"content": "全年发展党员 2 名，培训入党积极分子 5 名", "attachment_ids": [evidence]},
    )
    assert done.status_code == 200 and done.json()["status"] == "submitted"
    refused = api.as_("va1_secretary").post(f"/responsibility-items/{item['id']}/complete", json={})
    assert refused.status_code == 403 and error_code(refused) == "verifier_not_above"
    assert api.as_("ta_organizer").get(f"/responsibility-items/{item['id']}").json()["allowed_actions"] == [
        "complete",
        "return",
    ]
    completed = api.as_("ta_organizer").post(f"/responsibility-items/{item['id']}/complete", json={"note": "核实完成"})
    assert completed.status_code == 200
    body = completed.json()
    assert body["status"] == "completed" and body["closed_at"] and body["overdue"] is False
    detail = api.as_("va1_secretary").get(f"/responsibility-letters/{letter['id']}").json()
    assert detail["completed_count"] == 1
    timeline = api.as_("va1_secretary").get(f"/responsibility-items/{item['id']}/timeline").json()
    assert [e["data"]["action"] for e in timeline] == ["issue", "submit", "complete"]
    assert len(timeline[1]["attachments"]) == 1 and timeline[2]["content"] == "核实完成"


def test_return_and_reopen_need_a_reason(api):
    item = issued(api)["items"][0]
    submit(api, item["id"])
    organizer = api.as_("ta_organizer")
    assert organizer.post(f"/responsibility-items/{item['id']}/return", json={}).status_code == 422
    returned = organizer.post(f"/responsibility-items/{item['id']}/return", json={"note": "党课记录不全"})
    assert returned.status_code == 200 and returned.json()["status"] == "in_progress"
    complete(api, item["id"])
    assert organizer.post(f"/responsibility-items/{item['id']}/reopen", json={}).status_code == 422
    assert (
        api.as_("va1_secretary").post(f"/responsibility-items/{item['id']}/reopen", json={"note": "x"}).status_code
        == 403
    )
    reopened = api.as_("county_organizer").post(
        f"/responsibility-items/{item['id']}/reopen", json={"note": "复查发现第四季度党课未开展"}
    )
    assert reopened.status_code == 200
    assert reopened.json()["status"] == "in_progress" and reopened.json()["closed_at"] is None


@pytest.mark.parametrize(
    "steps,action,actor,expected",
    [
        (0, "complete", "ta_organizer", 409),  # nothing reported yet
        (0, "return", "ta_organizer", 409),
        (0, "reopen", "ta_organizer", 409),
        (1, "submit", "va1_secretary", 409),  # already submitted
        (1, "complete", "va1_secretary", 403),  # the org never confirms its own work
        (1, "complete", "va1_worker", 403),
        (1, "complete", "county_viewer", 403),
        (2, "complete", "ta_organizer", 409),
        (0, "submit", "ta_organizer", 403),  # the issuer does not report for the village
        (0, "submit", "vb1_secretary", 404),
    ],
)
def test_forbidden_item_transitions(api, db, steps, action, actor, expected):
    item = issued(api)["items"][0]
    if steps >= 1:
        submit(api, item["id"])
    if steps >= 2:
        api.as_("ta_organizer").post(f"/responsibility-items/{item['id']}/complete", json={})
    with db.transaction() as s:
        before = s.get(ResponsibilityItem, item["id"]).status
    bodies = {"submit": {"content": "x"}, "complete": {}, "return": {"note": "n"}, "reopen": {"note": "n"}}
    response = api.as_(actor).post(f"/responsibility-items/{item['id']}/{action}", json=bodies[action])
    assert response.status_code == expected, response.text
    if expected == 409:
        assert error_code(response) == "invalid_transition"
    with db.transaction() as s:
        assert s.get(ResponsibilityItem, item["id"]).status == before


def test_one_quarterly_report_per_quarter_the_second_replaces_it(api, db, fake_clock):
    fake_clock.set(datetime(2026, 11, 10, 2, tzinfo=UTC))
    item = issued(api)["items"][0]
    user = api.as_("va1_secretary")
    url = f"/responsibility-items/{item['id']}/quarterly-reports"
    first = user.post(url, json={"content": "第四季度：召开支部党员大会 1 次"})
    assert first.status_code == 201 and first.json()["reported_this_quarter"] is True
    second = user.post(url, json={"content": "第四季度：召开党员大会 1 次、支委会 3 次", "progress": 80})
    assert second.status_code == 201
    q3 = user.post(url, json={"content": "第三季度：讲党课 1 次", "period": "2026-Q3"})
    assert q3.status_code == 201
    quarterly = [e for e in user.get(f"/responsibility-items/{item['id']}/timeline").json() if e["kind"] == "quarterly"]
    assert [(e["period"], e["content"]) for e in quarterly] == [
        ("2026-Q4", "第四季度：召开党员大会 1 次、支委会 3 次"),
        ("2026-Q3", "第三季度：讲党课 1 次"),
    ]
    assert quarterly[0]["progress"] == 80 and quarterly[0]["updated_at"]
    with db.transaction() as s:
        periods = s.scalars(select(ProgressReport.period).where(ProgressReport.item_id == item["id"])).all()
        assert sorted(p for p in periods if p) == ["2026-Q3", "2026-Q4"]
    for bad in ("2027-Q1", "2025-Q4", "2026-Q5", "2026-4"):
        assert user.post(url, json={"content": "x", "period": bad}).status_code == 422, bad
    assert api.as_("ta_organizer").post(url, json={"content": "x"}).status_code == 403
    # in the new year the 2026 item is reported on by naming the quarter
    fake_clock.set(datetime(2027, 1, 5, 2, tzinfo=UTC))
    user = api.fresh("va1_secretary")
    assert user.get(f"/responsibility-items/{item['id']}").json()["reported_this_quarter"] is False
    assert user.post(url, json={"content": "x"}).status_code == 422
    assert user.post(url, json={"content": "第四季度补报", "period": "2026-Q4"}).status_code == 201


def test_no_quarterly_report_on_completed_items(api):
    item = issued(api)["items"][0]
    complete(api, item["id"])
    response = api.as_("va1_secretary").post(
        f"/responsibility-items/{item['id']}/quarterly-reports", json={"content": "x"}
    )
    assert response.status_code == 409


def test_overdue_is_derived_from_the_deadline_and_the_clock(api, fake_clock):
    fake_clock.set(datetime(2026, 6, 1, 2, tzinfo=UTC))
    letter = issued(api)
    late, early = letter["items"][0], letter["items"][1]
    api.as_("ta_organizer")  # logged in before the clock moves
    fake_clock.set(datetime(2026, 12, 31, 15, 59, tzinfo=UTC))  # 23:59 on 31 December in Asia/Shanghai
    organizer = api.fresh("ta_organizer")
    assert organizer.get(f"/responsibility-items/{late['id']}").json()["overdue"] is False
    fake_clock.set(datetime(2026, 12, 31, 16, 1, tzinfo=UTC))  # 00:01 on 1 January 2027
    complete(api, early["id"])
    organizer = api.fresh("ta_organizer")
    assert organizer.get(f"/responsibility-items/{late['id']}").json()["overdue"] is True
    overdue = organizer.get("/responsibility-items", params={"overdue": True}).json()
    assert sorted(i["id"] for i in overdue["items"]) == sorted(i["id"] for i in letter["items"] if i != early)
    assert organizer.get(f"/responsibility-items/{early['id']}").json()["overdue"] is False
    completion = organizer.get("/responsibility-items/completion", params={"year": 2026}).json()
    assert completion["summary"]["overdue"] == 2


def test_a_draft_item_is_never_overdue_an_issued_one_is(api, fake_clock):
    fake_clock.set(datetime(2026, 11, 20, 2, tzinfo=UTC))
    letter = draft(api, items=[{"role": "member", "description": "换届提醒", "deadline": "2026-10-31"}])
    organizer = api.as_("ta_organizer")
    item_url = f"/responsibility-items/{letter['items'][0]['id']}"
    assert organizer.get(item_url).json()["overdue"] is False
    assert organizer.get("/responsibility-items", params={"overdue": True}).json()["total"] == 0
    organizer.post(f"/responsibility-letters/{letter['id']}/issue")
    assert organizer.get(item_url).json()["overdue"] is True


def test_items_ledger_filters_and_scope(api):
    w = api.world
    a = signed(api)
    b = issued(api, org="vb1", by="tb_organizer")
    pending = draft(api, org="va2")
    ta = api.as_("ta_organizer")
    mine = ta.get("/responsibility-items", params={"sort": "id"}).json()
    assert [i["id"] for i in mine["items"]] == [i["id"] for i in a["items"] + pending["items"]]
    assert [
        i["role"] for i in ta.get("/responsibility-items", params={"role": "deputy", "year": 2026}).json()["items"]
    ] == [
        "deputy",
        "deputy",
    ]
    drafts = ta.get("/responsibility-items", params={"status": "draft"}).json()
    assert {i["letter_id"] for i in drafts["items"]} == {pending["id"]}
    by_person = ta.get("/responsibility-items", params={"responsible_user_id": w.user_id("va1_worker")}).json()
    assert by_person["total"] == 2
    assert ta.get("/responsibility-items", params={"root_id": w.org_id("va2")}).json()["total"] == 3
    assert ta.get("/responsibility-items", params={"letter_id": a["id"], "q": "三会一课"}).json()["total"] == 1
    assert ta.get("/responsibility-items", params={"year": 2027}).json()["total"] == 0
    assert ta.get(f"/responsibility-items/{b['items'][0]['id']}").status_code == 404
    village = api.as_("va1_secretary").get("/responsibility-items").json()
    assert {i["letter_id"] for i in village["items"]} == {a["id"]}  # not the draft to va2, nor vb1's
    assert api.as_("va2_secretary").get("/responsibility-items").json()["total"] == 0
    assert ta.get("/responsibility-items", params={"role": "chairman"}).status_code == 422
    assert ta.get("/responsibility-items", params={"sort": "description"}).status_code == 422
