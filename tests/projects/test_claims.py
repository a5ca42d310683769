"""Claims (认领): limits per secretary, own org only, and the plan that submission (申报) requires."""

from concurrent.futures import ThreadPoolExecutor

import httpx2
from sqlalchemy import func, select

from app.models.projects import Project
from app.models.tracking import Milestone
from tests.projects.helpers import (
    COMPANY,
    ECONOMY,
    FLOATING,
    ITEMS,
    PLAN,
    STARS,
    THREE,
    claim,
    claim_response,
    item_id,
    make_campaign,
)
from tests.support.api import error_code
from tests.support.live import live_server


def _count(db) -> int:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        return int(s.scalar(select(func.count()).select_from(Project)) or 0)


def test_claim_with_a_plan(api):
    campaign = make_campaign(api)
    project = claim(api, campaign, COMPANY, title="“强村公司”带富工程")
    w = api.world
    assert project["status"] == "draft" and project["is_mandatory"] is False
    assert project["title"] == "“强村公司”带富工程" and project["item_title"] == COMPANY
    assert project["category"] == "showcase" and project["domain"] == "rural" and project["org_level"] == "village"
    assert project["owner_id"] == w.user_id("va1_secretary") and project["owner_name"] == "测试va1_secretary"
    assert project["issuer_org_id"] == w.org_id("county") and project["progress"] == 0
    assert project["plan"]["goals"] == PLAN["goals"] and project["plan"]["team"] == PLAN["team"]
    assert [m["title"] for m in project["plan"]["milestones"]] == ["摸底调研，制定方案", "全面推开"]
    assert project["allowed_actions"] == ["submit", "cancel"]


def test_a_secretary_claims_at_most_max_projects(api, db):
    campaign = make_campaign(api)
    for title in (FLOATING, STARS, COMPANY):
        claim(api, campaign, title)
    before = _count(db)
    refused = claim_response(api, campaign, ECONOMY)
    assert refused.status_code == 409 and error_code(refused) == "claim_limit_exceeded"
    assert "最多认领 3 个" in refused.json()["error"]["message"]
    assert _count(db) == before
    # withdrawn claims no longer count
    floating = api.as_("va1_secretary").get("/projects", params={"item_id": item_id(campaign, FLOATING)}).json()
    api.as_("va1_secretary").post(f"/projects/{floating['items'][0]['id']}/cancel", json={})
    assert claim_response(api, campaign, ECONOMY).status_code == 201


def test_mandatory_pre_claims_count_toward_the_limit(api):
    campaign = make_campaign(api)  # ta_secretary already holds 三化 and 村集体经济
    assert claim_response(api, campaign, STARS, "ta").status_code == 201
    refused = claim_response(api, campaign, COMPANY, "ta")
    assert refused.status_code == 409 and error_code(refused) == "claim_limit_exceeded"


def test_an_org_claims_an_item_once(api):
    campaign = make_campaign(api)
    claim(api, campaign, FLOATING)
    refused = claim_response(api, campaign, FLOATING)
    assert refused.status_code == 409 and error_code(refused) == "already_claimed"
    pre_claimed = claim_response(api, campaign, THREE, "ta")
    assert pre_claimed.status_code == 409 and error_code(pre_claimed) == "already_claimed"
    # another org may claim the same item
    assert claim_response(api, campaign, FLOATING, "va2").status_code == 201


def test_secretaries_claim_for_their_own_org_only(api, db):
    campaign = make_campaign(api)
    cases = [
        ("ta_secretary", "va1", 403),  # the township's secretary does not claim for its villages
        ("va1_secretary", "va2", 404),  # a neighbouring village is outside 甲一村's scope
        ("va1_secretary", "vb1", 404),
        ("va1_worker", "va1", 403),  # workers report, they do not claim
        ("ta_organizer", "va1", 403),  # organizers review, they do not claim
    ]
    for user, org, expected in cases:
        response = claim_response(api, campaign, FLOATING, org, by=user)
        assert response.status_code == expected, (user, org, response.text)
    assert error_code(claim_response(api, campaign, FLOATING, "va1", by="ta_secretary")) == "not_own_org"
    assert _count(db) == 4


def test_claims_are_below_the_campaigns_org_and_from_its_catalog(api):
    county = make_campaign(api)
    own = claim_response(api, county, FLOATING, "county")
    assert own.status_code == 422 and own.json()["error"]["fields"][0]["loc"] == ["body", "org_id"]
    tb = make_campaign(api, "tb", "tb_organizer", title="乙镇村书记项目")
    assert claim_response(api, tb, FLOATING, "va1").status_code == 404  # tb's campaign is not visible from 甲一村
    other_item = claim_response(api, county, FLOATING, item_id=item_id(tb, FLOATING))
    assert other_item.status_code == 422 and other_item.json()["error"]["fields"][0]["loc"] == ["body", "item_id"]


def test_claims_refuse_server_owned_fields_and_late_milestones(api, db):
    campaign = make_campaign(api)
    for extra in ({"status": "approved"}, {"owner_id": 1}, {"progress": 100}, {"grade": "excellent"}):
        response = claim_response(api, campaign, FLOATING, **extra)
        assert response.status_code == 422, extra
    late = claim_response(
        api,
        campaign,
        FLOATING,
        deadline="2026-06-30",
        plan=PLAN | {"milestones": [{"title": "x", "due_on": "2026-07-01"}]},
    )
    assert late.status_code == 422
    assert late.json()["error"]["fields"][0]["loc"] == ["body", "plan", "milestones", 0, "due_on"]
    assert _count(db) == 4
    with db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(Milestone)) == 0


def test_plan_may_come_later_but_submission_needs_it_complete(api, db):
    campaign = make_campaign(api)
    bare = claim(api, campaign, FLOATING, plan={})
    assert bare["plan"] == {"goals": None, "measures": None, "milestones": [], "team": []}
    refused = api.as_("va1_secretary").post(f"/projects/{bare['id']}/submit")
    assert refused.status_code == 422 and error_code(refused) == "plan_incomplete"
    assert {tuple(f["loc"]) for f in refused.json()["error"]["fields"]} == {
        ("plan", "goals"),
        ("plan", "measures"),
        ("plan", "team"),
        ("plan", "milestones"),
    }
    with db.transaction() as s:
        assert s.get(Project, bare["id"]).status == "draft"
    user = api.as_("va1_secretary")
    assert user.patch(f"/projects/{bare['id']}", json={"plan": {"goals": "g", "measures": "m"}}).status_code == 200
    partial = user.patch(f"/projects/{bare['id']}", json={"plan": {"team": ["支部书记（组长）"]}}).json()
    assert partial["plan"]["goals"] == "g" and partial["plan"]["team"] == ["支部书记（组长）"]
    still = user.post(f"/projects/{bare['id']}/submit").json()["error"]["fields"]
    assert [f["loc"] for f in still] == [["plan", "milestones"]]
    user.patch(
        f"/projects/{bare['id']}", json={"plan": {"milestones": [{"title": "建立台账", "due_on": "2026-06-30"}]}}
    )
    assert user.post(f"/projects/{bare['id']}/submit").status_code == 200


def test_submission_checks_the_minimum_and_maximum(api):
    campaign = make_campaign(api, min_claims=2, items=[i for i in ITEMS if not i.get("mandatory_levels")])
    first = claim(api, campaign, FLOATING)
    refused = api.as_("va1_secretary").post(f"/projects/{first['id']}/submit")
    assert refused.status_code == 409 and error_code(refused) == "claims_below_minimum"
    assert "至少认领 2 个" in refused.json()["error"]["message"]
    second = claim(api, campaign, STARS)
    assert api.as_("va1_secretary").post(f"/projects/{first['id']}/submit").status_code == 200
    # the organizer lowers the limit: the next submission is refused until a claim is withdrawn
    organizer = api.as_("county_organizer")
    assert (
        organizer.patch(f"/project-campaigns/{campaign['id']}", json={"min_claims": 1, "max_claims": 1}).status_code
        == 200
    )
    refused = api.as_("va1_secretary").post(f"/projects/{second['id']}/submit")
    assert refused.status_code == 409 and error_code(refused) == "claim_limit_exceeded"


def test_concurrent_claims_cannot_both_pass_the_limit(app, api, db):
    campaign = make_campaign(api)
    claim(api, campaign, FLOATING)
    claim(api, campaign, STARS)
    token = api.as_("va1_secretary").tokens["access_token"]
    bodies = [
        {"campaign_id": campaign["id"], "item_id": item_id(campaign, title), "org_id": api.world.org_id("va1")}
        for title in (COMPANY, ECONOMY)
    ]
    with live_server(app) as base:

        def post(body: dict[str, int]) -> httpx2.Response:
            return httpx2.post(f"{base}/projects", json=body, timeout=30, headers={"Authorization": f"Bearer {token}"})

        with ThreadPoolExecutor(2) as pool:
            results = list(pool.map(post, bodies))
    assert sorted(r.status_code for r in results) == [201, 409]
    assert api.as_("va1_secretary").get("/projects", params={"status": "draft"}).json()["total"] == 3
