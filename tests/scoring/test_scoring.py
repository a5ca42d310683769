"""The scorer's side: own queue and progress, scores within 0..max and editable until close, hidden from other
judges while open, conflicts of interest refused with the reason, and parallel submissions of one cell."""

from concurrent.futures import ThreadPoolExecutor

import httpx2
from sqlalchemy import func, select

from app.core.enums import OrgLevel
from app.models.records import AuditEvent
from app.models.scoring import Score
from tests.scoring.helpers import act, add_judges, extra_org, give, give_ok, make_session, open_session
from tests.support.api import error_code
from tests.support.live import live_server


def _scores(db, **where) -> list[Score]:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        return list(s.scalars(select(Score).filter_by(**where).order_by(Score.id)))


def test_a_judge_scores_and_rescores_until_the_session_closes(api, db):
    session = open_session(api)
    va1 = api.world.org_id("va1")
    first = give(api, "judge", session, va1, {"党建基础": 30, "创新成效": 45.5})
    assert first.status_code == 200
    assert [(s["criterion"], s["points"]) for s in first.json()] == [("党建基础", 30.0), ("创新成效", 45.5)]
    single = api.as_("judge").post(
        f"/scoring-sessions/{session['id']}/scores",
        json={"subject_id": va1, "criterion": "党建基础", "points": 32.25, "comment": "阵地建设规范"},
    )
    assert single.status_code == 200 and single.json()[0]["points"] == 32.25
    rows = _scores(db, session_id=session["id"])
    assert [(r.criterion, r.points, r.comment) for r in rows] == [
        ("党建基础", 32.25, "阵地建设规范"),
        ("创新成效", 45.5, None),
    ]
    with db.transaction() as s:
        actions = s.scalars(
            select(AuditEvent.action).where(AuditEvent.object_type == "score", AuditEvent.object_id == str(rows[0].id))
        ).all()
    assert actions == ["created", "updated"]
    act(api, session, "close")
    late = give(api, "judge", session, va1, {"党建基础": 40})
    assert late.status_code == 409 and error_code(late) == "invalid_transition"
    assert _scores(db, session_id=session["id"])[0].points == 32.25  # nothing written


def test_points_must_be_within_the_criterion_and_the_session(api, db):
    session = open_session(api)
    va1, va2 = api.world.org_id("va1"), api.world.org_id("va2")
    cases = [
        ({"subject_id": va1, "criterion": "党建基础", "points": 40.01}, ["body", "points"]),  # max 40
        ({"subject_id": va1, "criterion": "党建基础", "points": -1}, ["body", "points"]),
        ({"subject_id": va1, "criterion": "党建基础", "points": 10.123}, ["body", "points"]),
        ({"subject_id": va1, "criterion": "作风建设", "points": 10}, ["body", "criterion"]),
        ({"subject_id": va2, "criterion": "党建基础", "points": 10}, ["body", "subject_id"]),  # not a subject
        ({"subject_id": va1, "criterion": "党建基础", "points": 10, "scorer_id": 1}, ["body", "scorer_id"]),
    ]
    for body, loc in cases:
        response = api.as_("judge").post(f"/scoring-sessions/{session['id']}/scores", json=body)
        assert response.status_code == 422, (body, response.text)
        assert any(f["loc"][-1] == loc[-1] for f in response.json()["error"]["fields"]), response.text
    batch = [
        {"subject_id": va1, "criterion": "党建基础", "points": 10},
        {"subject_id": va1, "criterion": "创新成效", "points": 61},
    ]
    refused = api.as_("judge").post(f"/scoring-sessions/{session['id']}/scores", json=batch)
    assert refused.status_code == 422 and refused.json()["error"]["fields"][0]["loc"] == ["body", "1", "points"]
    assert _scores(db, session_id=session["id"]) == []  # all or nothing


def test_a_judge_sees_only_own_sessions_and_own_scores_while_open(api):
    add_judges(api, {"j_other": "county"})
    extra_org(api, "dept", "county", "区直机关工委")
    add_judges(api, {"j2": "dept"})
    draft = make_session(api, scorers=("judge", "j2"))
    session = open_session(api, scorers=("judge", "j2"))
    vb1 = api.world.org_id("vb1")
    give_ok(api, "judge", session, vb1, {"党建基础": 35, "创新成效": 50})
    give_ok(api, "j2", session, vb1, {"党建基础": 20})
    mine = api.as_("j2").get(f"/scoring-sessions/{session['id']}/queue").json()["items"]
    by_subject = {e["subject_id"]: e for e in mine}
    assert [s["points"] for s in by_subject[vb1]["scores"]] == [20.0]  # not judge's 35 and 50
    assert by_subject[vb1]["complete"] is False
    assert [s["id"] for s in api.as_("j2").get("/scoring-sessions/assigned").json()["items"]] == [session["id"]]
    assert api.as_("j2").get(f"/scoring-sessions/{draft['id']}/queue").status_code == 404  # not open yet
    assert api.as_("j_other").get(f"/scoring-sessions/{session['id']}/queue").status_code == 404  # not a scorer
    assert give(api, "j_other", session, vb1, {"党建基础": 1}).status_code == 404
    assert api.as_("j2").get(f"/scoring-sessions/{session['id']}/results").status_code == 403
    assert api.as_("j2").get(f"/scoring-sessions/{session['id']}").status_code == 403


def test_a_scorer_who_may_read_results_still_sees_no_other_scores_before_close(api):
    session = open_session(api, scorers=("judge", "county_admin"))
    give_ok(api, "judge", session, api.world.org_id("vb1"), {"党建基础": 35})
    hidden = api.as_("county_admin").get(f"/scoring-sessions/{session['id']}/results")
    assert hidden.status_code == 403 and error_code(hidden) == "scores_hidden"
    assert api.as_("county_admin").get(f"/scoring-sessions/{session['id']}/sheets").status_code == 403
    assert api.as_("county_organizer").get(f"/scoring-sessions/{session['id']}/results").status_code == 200
    act(api, session, "close")
    assert api.as_("county_admin").get(f"/scoring-sessions/{session['id']}/results").status_code == 200


def test_progress_scored_over_assigned(api):
    session = open_session(api, subjects=("va1", "vb1", "vb2"))
    va1 = api.world.org_id("va1")
    give_ok(api, "judge", session, va1, {"党建基础": 35, "创新成效": 50})
    give_ok(api, "judge", session, api.world.org_id("vb1"), {"党建基础": 30})
    assigned = api.as_("judge").get("/scoring-sessions/assigned").json()["items"][0]
    assert (assigned["assigned"], assigned["scored"], assigned["conflicts"]) == (3, 1, 0)
    results = api.as_("county_organizer").get(f"/scoring-sessions/{session['id']}/results").json()
    progress = results["scorers"][0]
    assert (progress["assigned"], progress["scored"], progress["missing"]) == (3, 1, 3)  # 1 on vb1, 2 on vb2
    assert {(m["subject_id"], tuple(m["criteria"])) for m in results["missing"]} == {
        (api.world.org_id("vb1"), ("创新成效",)),
        (api.world.org_id("vb2"), ("党建基础", "创新成效")),
    }


def test_conflicts_of_interest_from_the_org_tree_are_refused_with_the_reason(api, db):
    extra_org(api, "grid", "va1", "甲一村第一网格党支部", OrgLevel.grid)
    add_judges(api, {"j_own": "va1", "j_above": "ta", "j_below": "grid"})
    session = open_session(api, subjects=("ta", "va1", "vb1"), scorers=("j_own", "j_above", "j_below"))
    w = api.world
    expected = {
        ("j_own", "va1"): ("same_org", "评分对象属于您所在的甲一村党支部，须回避"),
        ("j_own", "ta"): ("subject_above", "评分对象所属的甲镇党委是您所在的甲一村党支部的上级组织，须回避"),
        ("j_above", "ta"): ("same_org", "评分对象属于您所在的甲镇党委，须回避"),
        ("j_above", "va1"): ("subject_below", "评分对象所属的甲一村党支部是您所在的甲镇党委的下级组织，须回避"),
        ("j_below", "va1"): (
            "subject_above",
            "评分对象所属的甲一村党支部是您所在的甲一村第一网格党支部的上级组织，须回避",
        ),
        ("j_below", "ta"): ("subject_above", "评分对象所属的甲镇党委是您所在的甲一村第一网格党支部的上级组织，须回避"),
    }
    for (judge, subject), (kind, reason) in expected.items():
        refused = give(api, judge, session, w.org_id(subject), {"党建基础": 30})
        assert refused.status_code == 403, (judge, subject)
        assert error_code(refused) == "conflict_of_interest" and refused.json()["error"]["message"] == reason
        queue = {
            e["subject_id"]: e for e in api.as_(judge).get(f"/scoring-sessions/{session['id']}/queue").json()["items"]
        }
        assert (queue[w.org_id(subject)]["conflict"], queue[w.org_id(subject)]["conflict_reason"]) == (kind, reason)
    for judge in ("j_own", "j_above", "j_below"):
        give_ok(api, judge, session, w.org_id("vb1"), {"党建基础": 30})  # the other township is fine
    assert len(_scores(db, session_id=session["id"])) == 3
    assigned = api.as_("j_below").get("/scoring-sessions/assigned").json()["items"][0]
    assert (assigned["assigned"], assigned["conflicts"]) == (1, 2)


def test_a_declared_conflict_withdraws_the_scores_and_blocks_scoring(api, db):
    session = open_session(api, subjects=("va1", "vb1"))
    vb1 = api.world.org_id("vb1")
    give_ok(api, "judge", session, vb1, {"党建基础": 30, "创新成效": 40})
    declared = api.as_("judge").post(
        f"/scoring-sessions/{session['id']}/conflicts", json={"subject_id": vb1, "reason": "本人配偶在该村任职"}
    )
    assert declared.status_code == 201 and declared.json()["reason"] == "本人配偶在该村任职"
    assert _scores(db, session_id=session["id"]) == []
    refused = give(api, "judge", session, vb1, {"党建基础": 30})
    assert refused.status_code == 403 and refused.json()["error"]["message"] == "您已申报回避：本人配偶在该村任职"
    again = api.as_("judge").post(
        f"/scoring-sessions/{session['id']}/conflicts", json={"subject_id": vb1, "reason": "重复申报"}
    )
    assert again.status_code == 409 and error_code(again) == "conflict_declared"
    outsider = api.as_("judge").post(
        f"/scoring-sessions/{session['id']}/conflicts", json={"subject_id": api.world.org_id("vb2"), "reason": "无关"}
    )
    assert outsider.status_code == 422
    act(api, session, "close")
    closed = api.as_("judge").post(
        f"/scoring-sessions/{session['id']}/conflicts", json={"subject_id": api.world.org_id("va1"), "reason": "晚了"}
    )
    assert closed.status_code == 409


def test_twenty_parallel_submissions_of_one_cell_leave_one_score(app, api, db):
    session = open_session(api)
    token = api.as_("judge").tokens["access_token"]
    va1 = api.world.org_id("va1")
    with live_server(app) as base:

        def post(i: int) -> httpx2.Response:
            return httpx2.post(
                f"{base}/scoring-sessions/{session['id']}/scores",
                json={"subject_id": va1, "criterion": "党建基础", "points": 20 + i},
                headers={"Authorization": f"Bearer {token}"},
                timeout=60,
            )

        with ThreadPoolExecutor(20) as pool:
            responses = list(pool.map(post, range(20)))
    assert [r.status_code for r in responses] == [200] * 20, [r.text for r in responses if r.status_code != 200]
    rows = _scores(db, session_id=session["id"])
    assert len(rows) == 1 and 20 <= rows[0].points <= 39
    with db.transaction() as s:
        created = s.scalar(
            select(func.count()).where(AuditEvent.object_type == "score", AuditEvent.action == "created")
        )
    assert created == 1
