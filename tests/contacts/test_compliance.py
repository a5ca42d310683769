"""每季度深入联系点不少于 N 次: quarters in Asia/Shanghai, a configurable minimum, and the shortfall list."""

from datetime import UTC, datetime

import pytest

from app.core.config import get_settings
from tests.contacts.helpers import link, visit


def _rows(api, path: str = "/contact-points/compliance", by: str = "ta_organizer", **params):  # type: ignore[no-untyped-def]
    response = api.as_(by).get(path, params=params)
    assert response.status_code == 200, response.text
    return {row["contact_point_id"]: row for row in response.json()["items"]}


@pytest.fixture
def minimum():  # type: ignore[no-untyped-def]
    settings = get_settings()
    before = settings.contact_visits_per_quarter
    yield lambda n: setattr(settings, "contact_visits_per_quarter", n)
    settings.contact_visits_per_quarter = before


def test_visits_count_in_the_local_quarter(api, fake_clock):
    fake_clock.set(datetime(2026, 7, 1, 2, tzinfo=UTC))
    point = link(api, started_on="2026-07-01")
    fake_clock.set(datetime(2026, 10, 15, 2, tzinfo=UTC))
    visit(api, point, "2026-09-10T10:00:00+08:00")
    visit(api, point, "2026-09-30T23:59:00+08:00")  # the last minute of Q3
    visit(api, point, "2026-09-30T16:30:00Z")  # 00:30 on 1 October in Beijing: Q4
    q3 = _rows(api, quarter="2026-Q3")[point["id"]]
    assert (q3["quarter"], q3["visits"], q3["required"], q3["met"], q3["shortfall"]) == ("2026-Q3", 2, 2, True, 0)
    q4 = _rows(api)[point["id"]]  # the current quarter by default
    assert (q4["quarter"], q4["visits"], q4["met"], q4["shortfall"]) == ("2026-Q4", 1, False, 1)
    assert (
        q4["user_name"] == "测试ta_secretary" and q4["org_name"] == "甲一村党支部" and q4["host_org_name"] == "甲镇党委"
    )
    assert list(_rows(api, "/contact-points/shortfalls")) == [point["id"]]
    assert _rows(api, "/contact-points/shortfalls", quarter="2026-Q3") == {}
    # the year turns at midnight Beijing time too
    visit(api, point, "2026-10-12T09:00:00+08:00")
    fake_clock.set(datetime(2027, 1, 2, 2, tzinfo=UTC))
    visit(api, point, "2026-12-31T15:59:00Z")  # 23:59 on 31 December: still 2026-Q4
    visit(api, point, "2026-12-31T16:00:00Z")  # midnight: 2027-Q1
    assert _rows(api, quarter="2026-Q4")[point["id"]]["visits"] == 3
    assert _rows(api, quarter="2027-Q1")[point["id"]]["visits"] == 1


def test_the_minimum_is_configurable(api, fake_clock, minimum):
    fake_clock.set(datetime(2026, 11, 20, 2, tzinfo=UTC))
    point = link(api, started_on="2026-10-01")
    visit(api, point, "2026-10-10T10:00:00+08:00")
    visit(api, point, "2026-11-10T10:00:00+08:00")
    assert _rows(api)[point["id"]]["met"] is True
    minimum(3)
    row = _rows(api)[point["id"]]
    assert (row["required"], row["met"], row["shortfall"]) == (3, False, 1)
    minimum(1)
    assert _rows(api, "/contact-points/shortfalls") == {}


def test_only_whole_quarters_require_visits(api, fake_clock):
    fake_clock.set(datetime(2026, 11, 20, 2, tzinfo=UTC))
    whole = link(api, started_on="2026-10-01")
    late = link(api, "ta_secretary", "va2", started_on="2026-10-02")
    ended = link(api, "county_secretary", "ta", started_on="2026-01-01")
    api.as_("county_secretary").post(f"/contact-points/{ended['id']}/end", json={"ended_on": "2026-11-01"})
    old = link(api, "county_secretary", "tb", started_on="2026-01-01")
    api.as_("county_secretary").post(f"/contact-points/{old['id']}/end", json={"ended_on": "2026-09-30"})
    rows = _rows(api, by="county_organizer")
    assert rows[whole["id"]]["required"] == 2 and rows[whole["id"]]["met"] is False
    assert rows[late["id"]]["required"] == 0 and rows[late["id"]]["met"] is True  # set up after the quarter began
    assert rows[ended["id"]]["required"] == 0  # ended before the quarter is over
    assert old["id"] not in rows  # not linked at all this quarter
    q3 = _rows(api, by="county_organizer", quarter="2026-Q3")
    assert set(q3) == {ended["id"], old["id"]} and q3[old["id"]]["required"] == 2
    met = _rows(api, by="county_organizer", met=True)
    assert set(met) == {late["id"], ended["id"]}


def test_compliance_scope_filters_and_validation(api, fake_clock):
    fake_clock.set(datetime(2026, 11, 20, 2, tzinfo=UTC))
    w = api.world
    a = link(api, started_on="2026-10-01")
    b = link(api, "tb_secretary", "vb1", started_on="2026-10-01")
    c = link(api, "county_secretary", "ta", started_on="2026-10-01")
    assert set(_rows(api, by="county_viewer")) == {a["id"], b["id"], c["id"]}
    assert set(_rows(api, by="ta_admin")) == {a["id"], c["id"]}  # the contact org decides the scope
    assert set(_rows(api, by="tb_admin", path="/contact-points/shortfalls")) == {b["id"]}
    assert set(_rows(api, by="va1_secretary")) == {a["id"]}
    assert set(_rows(api, by="county_viewer", user_id=w.user_id("county_secretary"))) == {c["id"]}
    assert set(_rows(api, by="county_viewer", root_id=w.org_id("tb"))) == {b["id"]}
    viewer = api.as_("county_viewer")
    assert viewer.get("/contact-points/compliance", params={"root_id": w.org_id("tb")}).json()["total"] == 1
    assert api.as_("ta_admin").get("/contact-points/compliance", params={"root_id": w.org_id("tb")}).status_code == 404
    for bad in ("2026-Q5", "2026Q4", "2027-Q1"):
        assert viewer.get("/contact-points/compliance", params={"quarter": bad}).status_code == 422, bad
    assert api.as_("judge").get("/contact-points/compliance").status_code == 403
