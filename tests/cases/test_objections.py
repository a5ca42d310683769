"""公示 and objections: the public page without login, objections validated, accepted only in the window,
rate-limited per client address, and decided by the round's organizers (upheld → the case is withdrawn)."""

from datetime import datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from app.cases import objections
from app.models.cases import Case, CaseObjection
from tests.cases.helpers import announced, make_round, reviewed_round, round_action
from tests.support.api import error_code


def _url(round_, case) -> str:  # type: ignore[no-untyped-def]
    return f"/public/announcements/{round_['id']}/cases/{case['id']}/objections"


def _count(db) -> int:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        return int(s.scalar(select(func.count()).select_from(CaseObjection)) or 0)


def test_the_announcement_is_public(api):
    round_, cases = announced(api)
    page = api.anonymous("GET", f"/public/announcements/{round_['id']}")
    assert page.status_code == 200
    body = page.json()
    assert (body["title"], body["org_name"], body["in_window"], body["results_published"]) == (
        round_["title"],
        "测试县委",
        True,
        False,
    )
    assert body["entries"] == [
        {
            "case_id": cases[0]["id"],
            "title": "va1的案例",
            "org_name": "甲一村党支部",
            "domain": cases[0]["domain"],
            "score": 91.0,
            "rank": 1,
            "status": "announced",
        }
    ]  # the not-selected case is not announced
    listing = api.anonymous("GET", "/public/announcements").json()
    assert [a["round_id"] for a in listing["items"]] == [round_["id"]] and listing["items"][0]["case_count"] == 1
    one = api.anonymous("GET", f"/public/announcements/{round_['id']}/cases/{cases[0]['id']}").json()
    assert one["sheet"] is None and one["summary"] == cases[0]["summary"]
    assert api.anonymous("GET", f"/public/announcements/{round_['id']}/cases/{cases[1]['id']}").status_code == 404
    unannounced = make_round(api)
    assert api.anonymous("GET", f"/public/announcements/{unannounced['id']}").status_code == 404


def test_objections_are_filed_without_login_and_validated(api, db):
    round_, cases = announced(api)
    url = _url(round_, cases[0])
    filed = api.anonymous(
        "POST", url, json={"name": "张三", "contact": "13812345678", "reason": "该案例成效数据与实际不符"}
    )
    assert filed.status_code == 201 and filed.json()["status"] == "pending"
    assert api.anonymous("POST", url, json={"reason": "材料有夸大之处"}).status_code == 201  # anonymous is fine
    for bad in (
        {},
        {"reason": "短"},
        {"reason": "x" * 2001},
        {"reason": "数据不实，请核查", "contact": "not a phone"},
        {"reason": "数据不实，请核查", "status": "upheld"},
    ):
        response = api.anonymous("POST", url, json=bad)
        assert response.status_code == 422, bad
        assert error_code(response) == "validation_error"
    assert _count(db) == 2
    other_round = api.anonymous("POST", f"/public/announcements/{round_['id'] + 1}/cases/{cases[0]['id']}/objections",
                                json={"reason": "数据不实，请核查"})  # fmt: skip
    assert other_round.status_code == 404
    not_announced = api.anonymous("POST", _url(round_, cases[1]), json={"reason": "数据不实，请核查"})
    assert not_announced.status_code == 404


def test_objections_only_during_the_window(api, db, fake_clock):
    round_, cases = announced(api)
    until = datetime.fromisoformat(round_["announce_until"].replace("Z", "+00:00"))
    fake_clock.set(until - timedelta(seconds=1))
    assert api.anonymous("POST", _url(round_, cases[0]), json={"reason": "最后一刻的异议"}).status_code == 201
    fake_clock.set(until)
    closed = api.anonymous("POST", _url(round_, cases[0]), json={"reason": "公示期已过的异议"})
    assert closed.status_code == 409 and error_code(closed) == "announcement_closed"
    assert api.anonymous("GET", f"/public/announcements/{round_['id']}").json()["in_window"] is False
    assert _count(db) == 1


def test_five_objections_an_hour_per_address_and_case(api, db, fake_clock):
    round_, cases = announced(api)
    url = _url(round_, cases[0])
    start = fake_clock.now
    for minute in range(5):
        fake_clock.set(start + timedelta(minutes=minute * 10))
        assert api.anonymous("POST", url, json={"reason": f"第{minute + 1}条异议"}).status_code == 201
    fake_clock.set(start + timedelta(minutes=45))
    limited = api.anonymous("POST", url, json={"reason": "第六条异议"})
    assert limited.status_code == 429 and error_code(limited) == "too_many_requests"
    assert limited.headers["Retry-After"] == str(15 * 60)  # the first one leaves the hour at start + 60 min
    assert _count(db) == 5
    fake_clock.set(start + timedelta(minutes=60))
    assert api.anonymous("POST", url, json={"reason": "一小时后的异议"}).status_code == 201


def test_twenty_objections_an_hour_per_address_overall(app, api, db, monkeypatch):
    monkeypatch.setattr(objections, "PER_CASE_PER_HOUR", 10)  # let the overall limit be the one reached
    round_, cases = reviewed_round(api, points=((28, 36, 27), (20, 30, 20), (25, 35, 25)))
    round_action(api, round_, "select", {"top_n": 3})
    round_ = round_action(api, round_, "announce")
    statuses = [
        api.anonymous("POST", _url(round_, cases[i % 3]), json={"reason": f"第 {i} 条异议"}).status_code
        for i in range(21)
    ]
    assert statuses == [201] * 20 + [429]
    assert _count(db) == 20
    elsewhere = TestClient(app, client=("203.0.113.7", 40000))  # another client address
    other = elsewhere.post("/api/v1" + _url(round_, cases[0]), json={"reason": "另一个地址的异议"})
    assert other.status_code == 201


def test_upholding_an_objection_withdraws_the_case(api, db):
    round_, cases = announced(api)
    api.anonymous(
        "POST", _url(round_, cases[0]), json={"name": "李四", "contact": "li@example.com", "reason": "案例系抄袭"}
    )
    organizer = api.as_("county_organizer")
    rows = organizer.get(f"/cases/{cases[0]['id']}/objections").json()["items"]
    assert rows[0]["contact"] == "l***@example.com"  # personal data: shown in full to admins only
    assert api.as_("county_admin").get(f"/cases/{cases[0]['id']}/objections").json()["items"][0]["contact"] == (
        "li@example.com"
    )
    assert api.as_("va1_secretary").get(f"/cases/{cases[0]['id']}/objections").status_code == 403
    assert api.as_("ta_organizer").get(f"/cases/{cases[0]['id']}/objections").status_code == 403
    objection_id = rows[0]["id"]
    uphold = f"/cases/{cases[0]['id']}/objections/{objection_id}/uphold"
    assert organizer.post(uphold, json={}).status_code == 422  # a decision needs its reason
    assert api.as_("ta_organizer").post(uphold, json={"note": "核实属实"}).status_code == 403
    decided = organizer.post(uphold, json={"note": "经核实，案例材料与他人案例雷同"})
    assert decided.status_code == 200 and decided.json()["status"] == "upheld"
    with db.transaction() as s:
        assert s.get(Case, cases[0]["id"]).status == "withdrawn"
    again = organizer.post(uphold, json={"note": "再次"})
    assert again.status_code == 409 and error_code(again) == "invalid_transition"
    public = api.anonymous("GET", f"/public/announcements/{round_['id']}").json()["entries"]
    assert public[0]["status"] == "withdrawn"
    assert (
        organizer.post(
            f"/cases/{cases[0]['id']}/objections/{objection_id + 99}/dismiss", json={"note": "x"}
        ).status_code
        == 404
    )


def test_a_pending_objection_holds_publication_until_dismissed(api, fake_clock):
    round_, cases = announced(api)
    api.anonymous("POST", _url(round_, cases[0]), json={"reason": "请核实成效数据"})
    until = datetime.fromisoformat(round_["announce_until"].replace("Z", "+00:00"))
    fake_clock.set(until + timedelta(minutes=1))
    organizer = api.fresh("county_organizer")
    held = organizer.post(f"/case-rounds/{round_['id']}/publish")
    assert held.status_code == 409 and "异议" in held.json()["error"]["message"]
    objection = organizer.get(f"/cases/{cases[0]['id']}/objections").json()["items"][0]
    dismissed = organizer.post(
        f"/cases/{cases[0]['id']}/objections/{objection['id']}/dismiss", json={"note": "经核实，数据属实"}
    )
    assert dismissed.status_code == 200 and dismissed.json()["status"] == "dismissed"
    published = organizer.post(f"/case-rounds/{round_['id']}/publish")
    assert published.status_code == 200 and published.json()["counts"]["published"] == 1


def test_a_second_upheld_objection_on_a_withdrawn_case_is_recorded(api):
    round_, cases = announced(api)
    for reason in ("材料与他人案例雷同", "成效数据不实"):
        api.anonymous("POST", _url(round_, cases[0]), json={"reason": reason})
    organizer = api.as_("county_organizer")
    first, second = organizer.get(f"/cases/{cases[0]['id']}/objections").json()["items"]
    base = f"/cases/{cases[0]['id']}/objections"
    assert organizer.post(f"{base}/{first['id']}/uphold", json={"note": "属实"}).status_code == 200
    also = organizer.post(f"{base}/{second['id']}/uphold", json={"note": "同样属实"})
    assert also.status_code == 200 and also.json()["status"] == "upheld"
    assert organizer.get(f"/cases/{cases[0]['id']}").json()["status"] == "withdrawn"
