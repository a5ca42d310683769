"""Audit and scope-matrix entries for scoring sessions (see tests/support/inventory.py)."""

from typing import Any

from tests.scoring.helpers import act, make_session, open_session
from tests.support.api import Api
from tests.support.inventory import Write, created_id


def _session(api: Api, steps: tuple[str, ...] = ()) -> dict[str, Any]:
    session = make_session(api, subjects=("vb1",))
    for action in steps:
        session = act(api, session, action)
    return session


def _transition(action: str, steps: tuple[str, ...]) -> Write:
    return Write(
        "county_organizer",
        lambda a: a.as_("county_organizer").post(f"/scoring-sessions/{_session(a, steps)['id']}/{action}"),
        "scoring_session",
        {"open": "opened", "close": "closed", "publish": "published"}[action],
        created_id,
    )


WRITES: dict[tuple[str, str], Write] = {
    ("POST", "/api/v1/scoring-sessions"): Write(
        "county_organizer",
        lambda a: a.as_("county_organizer").post(
            "/scoring-sessions",
            json={"org_id": a.world.org_id("county"), "title": "观摩评分", "subject_type": "org"},
        ),
        "scoring_session",
        "created",
        created_id,
    ),
    ("PATCH", "/api/v1/scoring-sessions/{session_id}"): Write(
        "county_organizer",
        lambda a: a.as_("county_organizer").patch(f"/scoring-sessions/{_session(a)['id']}", json={"title": "改"}),
        "scoring_session",
        "updated",
        created_id,
    ),
    ("POST", "/api/v1/scoring-sessions/{session_id}/open"): _transition("open", ()),
    ("POST", "/api/v1/scoring-sessions/{session_id}/close"): _transition("close", ("open",)),
    ("POST", "/api/v1/scoring-sessions/{session_id}/publish"): _transition("publish", ("open", "close")),
    ("POST", "/api/v1/scoring-sessions/{session_id}/scores"): Write(
        "judge",
        lambda a: a.as_("judge").post(
            f"/scoring-sessions/{_session(a, ('open',))['id']}/scores",
            json={"subject_id": a.world.org_id("vb1"), "criterion": "党建基础", "points": 35},
        ),
        "score",
        "created",
        lambda a, r: str(r.json()[0]["id"]),
    ),
    ("POST", "/api/v1/scoring-sessions/{session_id}/conflicts"): Write(
        "judge",
        lambda a: a.as_("judge").post(
            f"/scoring-sessions/{_session(a, ('open',))['id']}/conflicts",
            json={"subject_id": a.world.org_id("vb1"), "reason": "近亲属在该村任职"},
        ),
        "scoring_conflict",
        "created",
        created_id,
    ),
}

LISTS = {
    "/api/v1/scoring-sessions": lambda row: row["org_id"],
    "/api/v1/scoring-sessions/assigned": lambda row: row["org_id"],
}
DETAILS = {
    "/api/v1/scoring-sessions/{session_id}": "/api/v1/scoring-sessions",
    "/api/v1/scoring-sessions/{session_id}/results": "/api/v1/scoring-sessions",
    "/api/v1/scoring-sessions/{session_id}/sheets": "/api/v1/scoring-sessions",
    "/api/v1/scoring-sessions/{session_id}/queue": "/api/v1/scoring-sessions",
}


def activity(api: Api) -> None:
    for side, village in (("ta", "va1"), ("tb", "vb1")):
        open_session(api, org=side, by=f"{side}_organizer", subjects=(village,))
