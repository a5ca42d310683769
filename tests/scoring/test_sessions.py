"""Scoring sessions, the organizer's side: preparing, the draft → open → closed → published workflow, scope."""

from sqlalchemy import func, select

from app.models.records import AuditEvent, Event
from app.models.scoring import ScoringSession
from tests.scoring.helpers import RUBRIC, act, make_session, open_session, panel_of_seven
from tests.support.api import error_code


def test_create_a_draft(api):
    session = make_session(api)
    assert session["status"] == "draft" and session["allowed_actions"] == ["open"]
    assert session["rubric"] == [
        {"name": "党建基础", "max_points": 40.0, "weight": 1.5},
        {"name": "创新成效", "max_points": 60.0, "weight": 0.5},
    ]
    assert session["subject_ids"] == [api.world.org_id("va1"), api.world.org_id("vb1")]
    assert session["scorer_ids"] == [api.world.user_id("judge")]
    assert session["org_name"] == "测试县委" and session["score_count"] == 0


def test_an_observation_tour_gets_the_five_aspects_and_shares_by_default(api):
    session = make_session(api, purpose="observation", rubric=[], subjects=("va1", "va2"), org="ta", by="ta_organizer")
    assert [c["name"] for c in session["rubric"]] == ["党建基础", "组织建设", "党员管理", "活动开展", "工作保障"]
    assert {c["max_points"] for c in session["rubric"]} == {20.0}
    assert session["classification"] == {
        "mode": "shares",
        "top_share": 0.2,
        "bottom_share": 0.1,
        "advanced_min": None,
        "lagging_below": None,
    }


def test_who_may_create(api):
    w = api.world
    body = {"org_id": w.org_id("ta"), "title": "观摩", "subject_type": "org", "subject_ids": [w.org_id("va1")]}
    assert api.as_("ta_organizer").post("/scoring-sessions", json=body).status_code == 201
    assert api.as_("ta_secretary").post("/scoring-sessions", json=body).status_code == 403  # scoring_read only
    assert api.as_("judge").post("/scoring-sessions", json=body).status_code == 403
    assert api.as_("tb_organizer").post("/scoring-sessions", json=body).status_code == 404  # ta is not in scope


def test_bad_input_is_refused_and_writes_nothing(api, db):
    w = api.world
    organizer = api.as_("ta_organizer")
    base = {"org_id": w.org_id("ta"), "title": "观摩", "subject_type": "org", "rubric": RUBRIC}
    cases = [
        ({"status": "open"}, ["body", "status"]),  # server-owned
        ({"rubric": [*RUBRIC, RUBRIC[0]]}, ["body"]),  # a criterion twice
        ({"rubric": [{"name": "x", "max_points": 0}]}, ["body", "rubric", "0", "max_points"]),
        ({"rubric": [{"name": "x", "max_points": 10, "weight": 0}]}, ["body", "rubric", "0", "weight"]),
        ({"rubric": [{"name": "x", "max_points": "10.005"}]}, ["body", "rubric", "0", "max_points"]),
        ({"subject_ids": [w.org_id("vb1")]}, ["body", "subject_ids"]),  # outside the session's org
        ({"subject_ids": [w.org_id("va1"), w.org_id("va1")]}, ["body"]),
        ({"scorer_ids": [w.user_id("ta_secretary")]}, ["body", "scorer_ids"]),  # not a judge
        ({"classification": {"mode": "shares", "top_share": 0.8, "bottom_share": 0.3}}, ["body", "classification"]),
        ({"classification": {"mode": "thresholds", "advanced_min": 90}}, ["body", "classification"]),
    ]
    for extra, loc in cases:
        response = organizer.post("/scoring-sessions", json=base | extra)
        assert response.status_code == 422, (extra, response.text)
        assert response.json()["error"]["fields"][0]["loc"][: len(loc)] == loc, extra
    with db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(ScoringSession)) == 0


def test_workflow_draft_open_closed_published(api, db):
    session = make_session(api)
    organizer = api.as_("county_organizer")
    opened = act(api, session, "open")
    assert opened["status"] == "open" and opened["opened_at"] and opened["allowed_actions"] == ["close"]
    assert organizer.post(f"/scoring-sessions/{session['id']}/publish").status_code == 409  # only by closing
    closed = act(api, session, "close")
    assert closed["status"] == "closed" and closed["allowed_actions"] == ["publish"]
    published = act(api, session, "publish")
    assert published["status"] == "published" and published["published_at"] and published["allowed_actions"] == []
    for action in ("open", "close", "publish"):
        refused = organizer.post(f"/scoring-sessions/{session['id']}/{action}")
        assert refused.status_code == 409 and error_code(refused) == "invalid_transition"
    with db.transaction() as s:
        audited = s.scalars(
            select(AuditEvent.action)
            .where(AuditEvent.object_type == "scoring_session", AuditEvent.object_id == str(session["id"]))
            .order_by(AuditEvent.id)
        ).all()
        events = s.scalars(
            select(Event.type)
            .where(Event.object_type == "scoring_session", Event.object_id == str(session["id"]))
            .order_by(Event.id)
        ).all()
    assert audited == ["created", "opened", "closed", "published"]
    assert events == [f"scoring_session.{a}" for a in audited]


def test_an_incomplete_session_cannot_open(api):
    w = api.world
    bare = api.as_("ta_organizer").post(
        "/scoring-sessions", json={"org_id": w.org_id("ta"), "title": "观摩", "subject_type": "org"}
    )
    refused = api.as_("ta_organizer").post(f"/scoring-sessions/{bare.json()['id']}/open")
    assert refused.status_code == 409 and error_code(refused) == "session_incomplete"
    assert "评分指标、评分对象、评委" in refused.json()["error"]["message"]


def test_the_scheme_is_editable_only_as_a_draft(api):
    panel_of_seven(api)
    session = make_session(api)
    organizer = api.as_("county_organizer")
    edited = organizer.patch(
        f"/scoring-sessions/{session['id']}",
        json={"scorer_ids": [api.world.user_id("j1"), api.world.user_id("j2")], "normalize": True},
        headers={"If-Match": '"1"'},
    )
    assert edited.status_code == 200 and edited.json()["normalize"] is True and edited.json()["version"] == 2
    stale = organizer.patch(f"/scoring-sessions/{session['id']}", json={"title": "x"}, headers={"If-Match": '"1"'})
    assert stale.status_code == 412
    assert organizer.patch(f"/scoring-sessions/{session['id']}", json={"title": None}).status_code == 422
    act(api, session, "open")
    late = organizer.patch(f"/scoring-sessions/{session['id']}", json={"title": "改"})
    assert late.status_code == 409 and error_code(late) == "invalid_transition"


def test_only_the_organizing_side_runs_the_session(api):
    session = make_session(api, org="ta", by="ta_organizer", subjects=("va1",))
    assert api.as_("ta_secretary").post(f"/scoring-sessions/{session['id']}/open").status_code == 403
    assert api.as_("tb_organizer").post(f"/scoring-sessions/{session['id']}/open").status_code == 404
    assert api.as_("ta_secretary").get(f"/scoring-sessions/{session['id']}").json()["allowed_actions"] == []


def test_lists_are_scoped_and_filtered(api):
    ta = make_session(api, org="ta", by="ta_organizer", subjects=("va1",), purpose="observation", rubric=[])
    tb = make_session(api, org="tb", by="tb_organizer", subjects=("vb1",))
    county = open_session(api)
    assert {s["id"] for s in api.as_("ta_admin").get("/scoring-sessions").json()["items"]} == {ta["id"]}
    assert {s["id"] for s in api.as_("county_viewer").get("/scoring-sessions").json()["items"]} == {
        ta["id"],
        tb["id"],
        county["id"],
    }
    viewer = api.as_("county_viewer")
    assert [s["id"] for s in viewer.get("/scoring-sessions", params={"status": "open"}).json()["items"]] == [
        county["id"]
    ]
    assert [s["id"] for s in viewer.get("/scoring-sessions", params={"purpose": "observation"}).json()["items"]] == [
        ta["id"]
    ]
    assert [
        s["id"] for s in viewer.get("/scoring-sessions", params={"root_id": api.world.org_id("tb")}).json()["items"]
    ] == [tb["id"]]
    assert api.as_("ta_admin").get(f"/scoring-sessions/{tb['id']}").status_code == 404
    assert api.as_("judge").get("/scoring-sessions").status_code == 403  # judges use /assigned
