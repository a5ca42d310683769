"""Results and calculation sheets through the API, checked against numbers worked out by hand."""

from sqlalchemy import insert

from app.core import clock
from app.models.tracking import TrackedItem
from tests.scoring.helpers import act, give_ok, make_session, open_session, panel_of_seven

JUDGES = tuple(f"j{i}" for i in range(1, 8))


def _seven_judges_on_two_villages(api):  # type: ignore[no-untyped-def]
    panel_of_seven(api)
    session = open_session(
        api, scorers=JUDGES, classification={"mode": "thresholds", "advanced_min": 75, "lagging_below": 60}
    )
    va1, vb1 = api.world.org_id("va1"), api.world.org_id("vb1")
    base = (31, 32, 33, 34, 35, 36, 37)  # trimmed mean 34 (31 and 37 dropped)
    innovation = (50, 55, 40, 60, 45, 50, 52)  # trimmed mean 50.4 (40 and 60 dropped)
    for judge, b, i in zip(JUDGES, base, innovation, strict=True):
        give_ok(api, judge, session, va1, {"党建基础": b, "创新成效": i})
    for judge in JUDGES[:4]:  # four scores: no trimming
        give_ok(api, judge, session, vb1, {"党建基础": 20, "创新成效": 40})
    give_ok(api, "j5", session, vb1, {"党建基础": 30})  # 党建基础 now has five scores on vb1: 20, 20, 20, 20, 30
    return session, va1, vb1


def test_results_rank_classify_and_show_progress(api):
    session, va1, vb1 = _seven_judges_on_two_villages(api)
    results = api.as_("county_organizer").get(f"/scoring-sessions/{session['id']}/results").json()
    rows = {r["subject_id"]: r for r in results["rows"]}
    # va1: 1.5 × 34 + 0.5 × 50.4 = 76.2 → 先进 (≥ 75)
    assert (rows[va1]["total"], rows[va1]["rank"], rows[va1]["classification"]) == (76.2, 1, "advanced")
    assert rows[va1]["means"] == [{"criterion": "党建基础", "mean": 34.0}, {"criterion": "创新成效", "mean": 50.4}]
    # vb1: 党建基础 drops one 20 and the 30 → 20; 创新成效 four scores of 40 → 40; 1.5 × 20 + 0.5 × 40 = 50 → 后进
    assert (rows[vb1]["total"], rows[vb1]["rank"], rows[vb1]["classification"]) == (50.0, 2, "lagging")
    assert [r["subject_id"] for r in results["rows"]] == [va1, vb1]
    j5 = next(s for s in results["scorers"] if s["name"] == "测试j5")
    assert (j5["assigned"], j5["scored"], j5["missing"]) == (2, 1, 1)
    assert j5["mean"] == 75.0  # 1.5 × 35 + 0.5 × 45 on va1, its only complete subject
    assert "去掉一个最高分和一个最低分" in results["rule"]


def test_the_calculation_sheet_shows_who_gave_what_and_what_was_dropped(api):
    session, va1, _ = _seven_judges_on_two_villages(api)
    organizer = api.as_("county_organizer")
    sheets = organizer.get(f"/scoring-sessions/{session['id']}/sheets", params={"subject_id": va1}).json()
    assert sheets["total"] == 1
    sheet = sheets["items"][0]
    base, innovation = sheet["criteria"]
    assert [(e["scorer"], e["points"], e["dropped"]) for e in base["entries"]] == [
        ("测试j1", 31.0, "low"),
        ("测试j2", 32.0, None),
        ("测试j3", 33.0, None),
        ("测试j4", 34.0, None),
        ("测试j5", 35.0, None),
        ("测试j6", 36.0, None),
        ("测试j7", 37.0, "high"),
    ]
    assert (base["mean"], base["weight"], base["weighted"]) == (34.0, 1.5, 51.0)
    assert [e["scorer"] for e in innovation["entries"] if e["dropped"]] == ["测试j3", "测试j4"]
    assert (innovation["mean"], innovation["weighted"], sheet["total"], sheet["rank"]) == (50.4, 25.2, 76.2, 1)
    assert organizer.get(f"/scoring-sessions/{session['id']}/sheets").json()["total"] == 2
    assert organizer.get(f"/scoring-sessions/{session['id']}/sheets", params={"sort": "total"}).status_code == 422


def test_normalization_is_a_session_setting(api):
    panel_of_seven(api)
    session = make_session(
        api, subjects=("va1", "va2", "vb1"), scorers=("j1", "j2"), rubric=[{"name": "综合", "max_points": 100}]
    )
    session = act(api, session, "open")
    w = api.world
    for judge, points in (("j1", (60, 70, 80)), ("j2", (80, 85, 90))):
        for subject, p in zip(("va1", "va2", "vb1"), points, strict=True):
            give_ok(api, judge, session, w.org_id(subject), {"综合": p})
    organizer = api.as_("county_organizer")
    plain = organizer.get(f"/scoring-sessions/{session['id']}/results").json()["rows"]
    assert [r["total"] for r in plain] == [85.0, 77.5, 70.0]
    act(api, session, "close")
    # the setting is part of the scheme (fixed once open): show what normalization gives via a second session
    normalized = make_session(
        api,
        subjects=("va1", "va2", "vb1"),
        scorers=("j1", "j2"),
        rubric=[{"name": "综合", "max_points": 100}],
        normalize=True,
    )
    normalized = act(api, normalized, "open")
    for judge, points in (("j1", (60, 70, 80)), ("j2", (80, 85, 90))):
        for subject, p in zip(("va1", "va2", "vb1"), points, strict=True):
            give_ok(api, judge, normalized, w.org_id(subject), {"综合": p})
    rows = organizer.get(f"/scoring-sessions/{normalized['id']}/results").json()
    assert [r["total"] for r in rows["rows"]] == [89.62, 77.5, 65.38]  # 77.5 ± √1.5 × 9.8953
    assert "z-score" in rows["rule"]
    entry = organizer.get(f"/scoring-sessions/{normalized['id']}/sheets", params={"subject_id": w.org_id("va1")}).json()
    assert [(e["points"], e["used"]) for e in entry["items"][0]["criteria"][0]["entries"]] == [
        (60.0, 65.38),
        (80.0, 65.38),
    ]


def test_ties_share_a_rank_and_shares_classify(api):
    panel_of_seven(api)
    subjects = ("va1", "va2", "vb1", "vb2")
    session = open_session(
        api,
        subjects=subjects,
        scorers=("j1",),
        classification={"mode": "shares", "top_share": 0.25, "bottom_share": 0.25},
    )
    w = api.world
    points = {"va1": (30, 40), "va2": (30, 40), "vb1": (32, 34), "vb2": (20, 20)}  # totals 65, 65, 65, 40
    for subject, (b, i) in points.items():
        give_ok(api, "j1", session, w.org_id(subject), {"党建基础": b, "创新成效": i})
    rows = api.as_("county_organizer").get(f"/scoring-sessions/{session['id']}/results").json()["rows"]
    ranked = [(r["subject_id"], r["total"], r["rank"], r["classification"]) for r in rows]
    # vb1 wins the tie on the first criterion (32 > 30); va1 and va2 stay tied at 2; vb2 is 4th
    assert ranked == [
        (w.org_id("vb1"), 65.0, 1, "advanced"),
        (w.org_id("va1"), 65.0, 2, "qualified"),
        (w.org_id("va2"), 65.0, 2, "qualified"),
        (w.org_id("vb2"), 40.0, 4, "lagging"),
    ]


def test_projects_are_scored_through_the_spine(api, db):
    """Project evaluations read tracked items of kind "project", whoever models them."""
    with db.transaction() as s:
        now = clock.now()
        ids = []
        for org in ("va1", "vb1"):
            result = s.execute(
                insert(TrackedItem).values(
                    kind="project",
                    title=f"{org} 党建+村级集体经济",
                    org_id=api.world.org_id(org),
                    org_path=api.world.orgs[org].path,
                    status="in_progress",
                    is_open=True,
                    version=1,
                    created_at=now,
                    updated_at=now,
                )
            )
            ids.append(result.inserted_primary_key[0])
    body = {
        "org_id": api.world.org_id("county"),
        "title": "2026年度书记项目年终评估",
        "purpose": "project_evaluation",
        "subject_type": "project",
        "subject_ids": ids,
        "scorer_ids": [api.world.user_id("judge")],
        "rubric": [{"name": "完成情况", "max_points": 100}],
    }
    organizer = api.as_("county_organizer")
    created = organizer.post("/scoring-sessions", json=body)
    assert created.status_code == 201, created.text
    act(api, created.json(), "open")
    give_ok(api, "judge", created.json(), ids[0], {"完成情况": 88})
    rows = organizer.get(f"/scoring-sessions/{created.json()['id']}/results").json()["rows"]
    assert (rows[0]["label"], rows[0]["org_name"], rows[0]["total"]) == ("va1 党建+村级集体经济", "甲一村党支部", 88.0)
    wrong = organizer.post("/scoring-sessions", json=body | {"subject_ids": [api.world.org_id("va1")]})
    assert wrong.status_code == 422  # an org id is not a project
    ta_only = api.as_("ta_organizer").post("/scoring-sessions", json=body | {"org_id": api.world.org_id("ta")})
    assert ta_only.status_code == 422  # vb1's project is outside 甲镇
