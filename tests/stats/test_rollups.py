"""The maintained subtree counters always equal a full recount."""

from typing import Any

from sqlalchemy import select

from app.models.rollups import SubtreeCount, SubtreeOpenDeadline
from app.stats import rollups
from tests.problems.helpers import issue, rectify, submit


def _snapshot(db) -> tuple[dict[Any, int], dict[Any, int]]:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        counts = {(r.org_id, r.subject, r.bucket): r.count for r in s.scalars(select(SubtreeCount)) if r.count}
        deadlines = {(r.org_id, r.kind, r.deadline): r.count for r in s.scalars(select(SubtreeOpenDeadline)) if r.count}
    return counts, deadlines


def _recount(db) -> tuple[dict[Any, int], dict[Any, int]]:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        rollups.rebuild(s)
    return _snapshot(db)


def test_counters_match_a_recount_after_real_operations(api, db):
    w = api.world
    assert _snapshot(db) == _recount(db)
    maintained_start = _snapshot(db)[0]
    assert maintained_start[(w.org_id("county"), "org", "_all")] == 7
    assert maintained_start[(w.org_id("ta"), "org", "_all")] == 3
    admin = api.as_("county_admin")
    grid = admin.post(
        "/orgs",
        json={"name": "网格", "parent_id": w.org_id("va1"), "kind": "branch", "level": "grid", "domain": "rural"},
    ).json()
    admin.post(
        "/users", json={"username": "grid_worker", "password": "pass12345", "full_name": "网格员", "org_id": grid["id"]}
    )
    admin.post(f"/users/{w.user_id('va2_worker')}/deactivate")
    a, b, c = issue(api, deadline="2026-12-10"), issue(api, "va2", deadline="2026-12-10"), issue(api)
    rectify(api, a, deadline="2026-12-20")
    submit(api, a)
    api.as_("ta_organizer").post(f"/problems/{a['id']}/close", json={})
    rectify(api, b, by="va2_secretary")
    api.as_("ta_organizer").patch(f"/problems/{c['id']}", json={"deadline": "2027-01-05"})
    admin.post(f"/orgs/{w.org_id('vb2')}/dissolve")
    admin.patch(f"/orgs/{w.org_id('va1')}", json={"parent_id": w.org_id("tb")})  # moves the grid, users, problems
    maintained = _snapshot(db)
    assert maintained == _recount(db)
    counts = maintained[0]
    assert counts[(w.org_id("tb"), "org", "_all")] == 5 and counts[(w.org_id("ta"), "org", "_all")] == 2
    assert counts[(w.org_id("tb"), "problem", "closed")] == 1
    assert counts[(w.org_id("county"), "user", "inactive")] == 1
    assert counts[(w.org_id("county"), "org", "dissolved")] == 1
