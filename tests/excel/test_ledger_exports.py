"""Exports of the task, project, case, scoring and contact-point ledgers hold what the ledger shows."""

import io
from datetime import UTC, datetime

from openpyxl import load_workbook

from tests.cases.helpers import reviewed_round
from tests.contacts.helpers import link, visit
from tests.projects.helpers import claim, make_campaign
from tests.tasks.helpers import issued


def _rows(response):  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))
    return rows[0], rows[1:]


def test_task_assignment_export_matches_the_ledger(api):
    issued(api)
    issued(api, org="tb", by="tb_organizer")
    organizer = api.as_("ta_organizer")
    header, rows = _rows(organizer.get("/exports/task-assignments"))
    assert header[:3] == ("任务清单", "期次", "任务")
    assert len(rows) == organizer.get("/task-assignments").json()["total"] == 2
    assert {r[5] for r in rows} == {"甲一村党支部", "甲二村党支部"}
    assert {r[9] for r in rows} == {"待落实"} or all(isinstance(r[9], str) for r in rows)
    _, filtered = _rows(organizer.get("/exports/task-assignments", params={"root_id": api.world.org_id("va2")}))
    assert [r[5] for r in filtered] == ["甲二村党支部"]
    assert api.as_("judge").get("/exports/task-assignments").status_code == 403


def test_project_export(api):
    campaign = make_campaign(api)
    claim(api, campaign)
    header, rows = _rows(api.as_("county_organizer").get("/exports/projects"))
    assert header[0] == "项目" and len(rows) == api.as_("county_organizer").get("/projects").json()["total"]
    assert api.as_("tb_organizer").get("/exports/projects").status_code == 200
    _, sibling = _rows(api.as_("tb_organizer").get("/exports/projects"))
    assert all(r[4] != "甲一村党支部" for r in sibling)


def test_case_and_score_exports(api):
    round_, cases = reviewed_round(api)
    header, rows = _rows(api.as_("county_organizer").get("/exports/cases", params={"round_id": round_["id"]}))
    assert header[0] == "案例" and len(rows) == len(cases)
    header, scores = _rows(api.as_("county_organizer").get(f"/exports/scoring-sessions/{round_['session_id']}"))
    assert header[:3] == ("名次", "评审对象", "所属组织") and header[-3:] == ("总分", "等次", "有效评分数")
    assert len(scores) == len(cases) and scores[0][0] == 1
    assert api.as_("ta_organizer").get(f"/exports/scoring-sessions/{round_['session_id']}").status_code == 404


def test_contact_compliance_export(api, fake_clock):
    fake_clock.set(datetime(2026, 10, 1, 1, tzinfo=UTC))
    point = link(api)
    fake_clock.set(datetime(2026, 11, 10, 1, tzinfo=UTC))
    visit(api, point, "2026-11-03")
    header, rows = _rows(api.as_("ta_organizer").get("/exports/contact-compliance"))
    assert header[0] == "书记" and len(rows) == 1 and rows[0][2] == "甲一村党支部"
    _, none = _rows(api.as_("tb_organizer").get("/exports/contact-compliance"))
    assert none == []
