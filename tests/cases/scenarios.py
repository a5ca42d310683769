"""Audit and scope-matrix entries for case rounds, cases, objections, the library and feedback."""

from datetime import datetime, timedelta
from typing import Any

from tests.cases.helpers import announced, make_round, reviewed_round, round_action, start_review, submit_case, verify
from tests.support.api import Api
from tests.support.clock import FakeClock
from tests.support.inventory import Write, created_id

OBJECTION = {"name": "王五", "contact": "13900001111", "reason": "案例中的成效数据与实际不符"}


def _verified_round(api: Api) -> dict[str, Any]:
    round_ = make_round(api)
    verify(api, submit_case(api, round_))
    return round_


def _after_window(round_: dict[str, Any]) -> None:
    """Move the clock past the announcement window (clean_db puts it back after the test)."""
    FakeClock(datetime.fromisoformat(round_["announce_until"].replace("Z", "+00:00")) + timedelta(seconds=1))


def _published(api: Api) -> dict[str, Any]:
    round_, cases = announced(api)
    _after_window(round_)
    round_action(api, round_, "publish")
    return cases[0]


def _publish(api: Api) -> Any:
    round_, _ = announced(api)
    _after_window(round_)
    return api.as_("county_organizer").post(f"/case-rounds/{round_['id']}/publish")


def _objection(api: Api, decision: str) -> Any:
    round_, cases = announced(api)
    api.anonymous("POST", f"/public/announcements/{round_['id']}/cases/{cases[0]['id']}/objections", json=OBJECTION)
    objection = api.as_("county_organizer").get(f"/cases/{cases[0]['id']}/objections").json()["items"][0]
    return api.as_("county_organizer").post(
        f"/cases/{cases[0]['id']}/objections/{objection['id']}/{decision}", json={"note": "经核实"}
    )


def _round_id(_: Api, response: Any) -> str:
    return str(response.json()["id"])


def _round_body(api: Api) -> dict[str, Any]:
    return {
        "org_id": api.world.org_id("county"),
        "year": 2026,
        "title": "2026年度基层党建优秀案例征集",
        "theme": "党建引领基层治理",
        "domains": ["打造机关党建新标杆"],
        "channels": ["invitation"],
        "submit_from": "2026-01-01",
        "submit_until": "2026-12-31",
    }


def _case_body(api: Api, round_: dict[str, Any]) -> dict[str, Any]:
    return {
        "round_id": round_["id"],
        "org_id": api.world.org_id("va1"),
        "title": "管理育强乡村振兴“领头雁”队伍",
        "domain": round_["domains"][0],
        "summary": "摘要",
        "body": "正文",
        "channel": "open_call",
    }


def _announce(api: Api) -> Any:
    round_, _ = reviewed_round(api)
    round_action(api, round_, "select", {"top_n": 1})
    return api.as_("county_organizer").post(f"/case-rounds/{round_['id']}/announce", json={})


def _feedback(api: Api) -> Any:
    case = _published(api)  # moves the clock: log in afterwards
    body = {
        "case_id": case["id"],
        "org_id": api.world.org_id("vb2"),
        "studied_on": "2026-01-10",
        "participants": 18,
        "content": "主题党日学习研讨",
    }
    return api.as_("vb2_secretary").post("/case-feedback", json=body)


def _file(api: Api) -> Any:
    round_, cases = announced(api)
    return api.anonymous(
        "POST", f"/public/announcements/{round_['id']}/cases/{cases[0]['id']}/objections", json=OBJECTION
    )


VERIFY = {"visited_on": "2026-01-05", "inspectors": ["王明"], "findings": "情况属实"}

WRITES: dict[tuple[str, str], Write] = {
    ("POST", "/api/v1/case-rounds"): Write(
        "county_organizer", lambda a: a.as_("county_organizer").post("/case-rounds", json=_round_body(a)),
        "case_round", "created", created_id,
    ),
    ("PATCH", "/api/v1/case-rounds/{round_id}"): Write(
        "county_organizer",
        lambda a: a.as_("county_organizer").patch(f"/case-rounds/{make_round(a)['id']}", json={"announce_days": 7}),
        "case_round", "updated", created_id,
    ),
    ("POST", "/api/v1/case-rounds/{round_id}/start-review"): Write(
        "county_organizer",
        lambda a: a.as_("county_organizer").post(
            f"/case-rounds/{_verified_round(a)['id']}/start-review",
            json={"rubric": [{"name": "创新性", "max_points": 30}], "scorer_ids": [a.world.user_id("judge")]},
        ),
        "case_round", "review_started", _round_id,
    ),
    ("POST", "/api/v1/case-rounds/{round_id}/select"): Write(
        "county_organizer",
        lambda a: a.as_("county_organizer").post(
            f"/case-rounds/{reviewed_round(a)[0]['id']}/select", json={"top_n": 1}
        ),
        "case_round", "selected", _round_id,
    ),
    ("POST", "/api/v1/case-rounds/{round_id}/announce"): Write(
        "county_organizer", _announce, "case_round", "announced", _round_id,
    ),
    ("POST", "/api/v1/case-rounds/{round_id}/publish"): Write(
        "county_organizer", _publish, "case_round", "published", _round_id,
    ),
    ("POST", "/api/v1/cases"): Write(
        "va1_secretary",
        lambda a: a.as_("va1_secretary").post("/cases", json=_case_body(a, make_round(a))),
        "case", "created", created_id,
    ),
    ("PATCH", "/api/v1/cases/{case_id}"): Write(
        "va1_secretary",
        lambda a: a.as_("va1_secretary").patch(f"/cases/{submit_case(a, make_round(a))['id']}", json={"summary": "改"}),
        "case", "updated", created_id,
    ),
    ("POST", "/api/v1/cases/{case_id}/verify"): Write(
        "ta_organizer",
        lambda a: a.as_("ta_organizer").post(f"/cases/{submit_case(a, make_round(a))['id']}/verify", json=VERIFY),
        "case", "verified", created_id,
    ),
    ("POST", "/api/v1/cases/{case_id}/reject"): Write(
        "ta_organizer",
        lambda a: a.as_("ta_organizer").post(f"/cases/{submit_case(a, make_round(a))['id']}/reject", json=VERIFY),
        "case", "rejected", created_id,
    ),
    ("POST", "/api/v1/cases/{case_id}/objections/{objection_id}/uphold"): Write(
        "county_organizer", lambda a: _objection(a, "uphold"), "case_objection", "upheld", created_id,
    ),
    ("POST", "/api/v1/cases/{case_id}/objections/{objection_id}/dismiss"): Write(
        "county_organizer", lambda a: _objection(a, "dismiss"), "case_objection", "dismissed", created_id,
    ),
    ("POST", "/api/v1/case-feedback"): Write("vb2_secretary", _feedback, "case_feedback", "created", created_id),
    ("POST", "/api/v1/public/announcements/{round_id}/cases/{case_id}/objections"): Write(
        None, _file, "case_objection", "created", created_id,
    ),
}  # fmt: skip


LISTS = {
    "/api/v1/cases": lambda row: row["org_id"],
    "/api/v1/case-feedback": lambda row: row["org_id"],
}
DETAILS = {
    "/api/v1/cases/{case_id}": "/api/v1/cases",
    "/api/v1/cases/{case_id}/timeline": "/api/v1/cases",
    "/api/v1/cases/{case_id}/objections": "/api/v1/cases",
    "/api/v1/case-rounds/{round_id}": "/api/v1/case-rounds",
}
GET_EXEMPT = {
    "/api/v1/case-rounds": "a call for cases is visible to the organizing org's whole subtree, ancestors included: "
    "tests/cases/test_rounds.py::test_a_round_is_seen_by_its_whole_subtree_and_nobody_else",
    "/api/v1/case-library": "the library is read across the organizing org's subtree: "
    "tests/cases/test_library.py::test_a_township_library_stays_in_its_township",
    "/api/v1/case-library/{case_id}": "as the library: tests/cases/test_library.py",
    "/api/v1/public/announcements": "public 公示 (SPEC §5.1), no login",
    "/api/v1/public/announcements/{round_id}": "public 公示 (SPEC §5.1), no login",
    "/api/v1/public/announcements/{round_id}/cases/{case_id}": "public 公示 (SPEC §5.1), no login",
}


def activity(api: Api) -> None:
    """Township-run rounds (a county round would be visible on both sides, by design) with a verified case each."""
    for side, village in (("ta", "va1"), ("tb", "vb1")):
        round_ = make_round(api, by=f"{side}_organizer", org=side, title=f"{side} 案例征集")
        case = submit_case(api, round_, org=village, by=f"{village}_secretary")
        verify(api, case, by=f"{side}_organizer")
        start_review(api, round_, by=f"{side}_organizer")
