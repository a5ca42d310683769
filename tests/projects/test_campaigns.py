"""Campaigns: who runs them, the catalog, pre-claims of mandatory items when a campaign opens, and closing."""

from sqlalchemy import func, select

from app.core.enums import OrgLevel, Role
from app.models.orgs import Org
from app.models.projects import Project, ProjectCampaign
from tests.projects.helpers import COMPANY, ECONOMY, FLOATING, ITEMS, THREE, claim, claim_response, make_campaign
from tests.support.api import error_code
from tests.support.world import make_org, make_user


def _projects(db, **where) -> list[Project]:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        stmt = select(Project).filter_by(**where).order_by(Project.id)
        return list(s.scalars(stmt))


def test_create_a_campaign_with_its_catalog(api):
    campaign = make_campaign(api, open_=False)
    assert campaign["status"] == "draft" and campaign["min_claims"] == 1 and campaign["max_claims"] == 3
    assert [i["title"] for i in campaign["items"]] == [i["title"] for i in ITEMS]
    assert campaign["items"][1] | {"id": 0} == {
        "id": 0,
        "campaign_id": campaign["id"],
        "title": ECONOMY,
        "description": None,
        "category": "key",
        "domain": "rural",
        "mandatory_levels": ["township"],
        "sort_order": 1,
        "project_count": 0,
        "version": 1,
    }
    assert campaign["allowed_actions"] == ["open"] and campaign["org_name"] == "测试县委"
    seen = api.as_("va1_secretary").get(f"/project-campaigns/{campaign['id']}").json()
    assert seen["allowed_actions"] == [] and seen["my_claim_count"] == 0


def test_who_may_create_a_campaign(api):
    w = api.world
    body = {"org_id": w.org_id("county"), "year": 2026, "title": "2026 年度基层党建书记项目"}
    assert api.as_("ta_secretary").post("/project-campaigns", json=body).status_code == 403  # no campaign_manage
    assert api.as_("ta_organizer").post("/project-campaigns", json=body).status_code == 404  # county not in scope
    assert api.as_("county_viewer").post("/project-campaigns", json=body).status_code == 403
    assert api.as_("ta_organizer").post("/project-campaigns", json=body | {"org_id": w.org_id("ta")}).status_code == 201


def test_bad_campaign_input_is_422_and_writes_nothing(api, db):
    w = api.world
    organizer = api.as_("county_organizer")
    base = {"org_id": w.org_id("county"), "year": 2026, "title": "书记项目"}
    bad = [
        base | {"min_claims": 3, "max_claims": 2},
        base | {"status": "open"},
        base | {"year": 1900},
        base | {"max_claims": 0},
        base | {"items": [{"title": THREE}, {"title": THREE}]},
        base | {"items": [{"title": "x", "category": "famous"}]},
        base | {"items": [{"title": "x", "mandatory_levels": ["planet"]}]},
    ]
    for body in bad:
        response = organizer.post("/project-campaigns", json=body)
        assert response.status_code == 422, body
        assert error_code(response) == "validation_error"
    located = organizer.post("/project-campaigns", json=bad[0]).json()["error"]["fields"]
    assert located[0]["loc"] == ["body", "min_claims"]
    with db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(ProjectCampaign)) == 0


def test_opening_pre_claims_mandatory_items_for_every_secretary_of_the_level(api, db):
    campaign = make_campaign(api)
    assert (
        campaign["status"] == "open" and campaign["opened_at"] and campaign["allowed_actions"] == ["close", "preclaim"]
    )
    assert campaign["project_count"] == 4
    by_title = {i["title"]: i["project_count"] for i in campaign["items"]}
    assert by_title == {THREE: 2, ECONOMY: 2, FLOATING: 0, "党员评星定级": 0, COMPANY: 0}
    drafts = _projects(db, campaign_id=campaign["id"])
    w = api.world
    assert {(p.org_id, p.owner_id, p.status, p.is_mandatory) for p in drafts} == {
        (w.org_id(t), w.user_id(f"{t}_secretary"), "draft", True) for t in ("ta", "tb")
    }
    assert {p.title for p in drafts} == {THREE, ECONOMY}
    assert all(str(p.deadline) == "2026-12-31" and p.issuer_org_id == w.org_id("county") for p in drafts)
    mine = api.as_("ta_secretary").get("/projects", params={"campaign_id": campaign["id"]}).json()
    assert mine["total"] == 2 and all(p["allowed_actions"] == ["submit"] for p in mine["items"])
    assert api.as_("ta_secretary").get(f"/project-campaigns/{campaign['id']}").json()["my_claim_count"] == 2


def test_a_mandatory_item_with_a_domain_binds_only_orgs_of_that_domain(api, db):
    items = [
        {"title": "“小区值日生”", "domain": "urban_community", "mandatory_levels": ["village"]},
        {"title": ECONOMY, "domain": "rural", "mandatory_levels": ["village"]},
    ]
    campaign = make_campaign(api, items=items)
    by_title = {i["title"]: i["project_count"] for i in campaign["items"]}
    assert by_title == {"“小区值日生”": 0, ECONOMY: 4}  # every village of the fixture tree is rural
    assert claim(api, campaign, "“小区值日生”")["is_mandatory"] is False


def test_opening_checks_the_catalog(api):
    organizer = api.as_("county_organizer")
    empty = make_campaign(api, items=[], open_=False)
    refused = organizer.post(f"/project-campaigns/{empty['id']}/open")
    assert refused.status_code == 409 and error_code(refused) == "catalog_empty"
    crowded = make_campaign(
        api,
        open_=False,
        max_claims=1,
        items=[
            {"title": THREE, "mandatory_levels": ["township"]},
            {"title": ECONOMY, "mandatory_levels": ["township"]},
        ],
    )
    refused = organizer.post(f"/project-campaigns/{crowded['id']}/open")
    assert refused.status_code == 409 and error_code(refused) == "mandatory_exceeds_limit"
    assert organizer.get(f"/project-campaigns/{crowded['id']}").json()["status"] == "draft"


def test_campaign_transitions_and_who_runs_them(api):
    campaign = make_campaign(api, open_=False)
    cid = campaign["id"]
    assert api.as_("ta_organizer").post(f"/project-campaigns/{cid}/open").status_code == 403  # sees it, not its own
    assert api.as_("tb_secretary").post(f"/project-campaigns/{cid}/open").status_code == 403
    organizer = api.as_("county_organizer")
    assert organizer.post(f"/project-campaigns/{cid}/close").status_code == 409
    assert organizer.post(f"/project-campaigns/{cid}/open", headers={"If-Match": '"7"'}).status_code == 412
    assert organizer.post(f"/project-campaigns/{cid}/open").status_code == 200
    again = organizer.post(f"/project-campaigns/{cid}/open")
    assert again.status_code == 409 and error_code(again) == "invalid_transition"
    closed = organizer.post(f"/project-campaigns/{cid}/close")
    assert closed.status_code == 200 and closed.json()["status"] == "closed" and closed.json()["closed_at"]
    assert organizer.patch(f"/project-campaigns/{cid}", json={"title": "改名"}).status_code == 409
    assert organizer.post(f"/project-campaigns/{cid}/preclaim").status_code == 409


def test_claims_and_submissions_stop_when_the_campaign_closes(api):
    campaign = make_campaign(api)
    running = claim(api, campaign)
    api.as_("va1_secretary").post(f"/projects/{running['id']}/submit")
    api.as_("county_organizer").post(f"/project-campaigns/{campaign['id']}/close")
    refused = claim_response(api, campaign, COMPANY)
    assert refused.status_code == 409 and error_code(refused) == "campaign_not_open"
    drafts = api.as_("ta_secretary").get("/projects", params={"status": "draft"}).json()["items"]
    refused = api.as_("ta_secretary").post(f"/projects/{drafts[0]['id']}/submit")
    assert refused.status_code == 409 and error_code(refused) == "campaign_not_open"
    # what was already submitted is still reviewed and carried out
    approved = api.as_("ta_organizer").post(f"/projects/{running['id']}/approve", json={})
    assert approved.status_code == 200 and approved.json()["status"] == "approved"


def test_claims_need_an_open_campaign(api):
    draft = make_campaign(api, open_=False)
    refused = claim_response(api, draft, FLOATING)
    assert refused.status_code == 409 and error_code(refused) == "campaign_not_open"


def test_the_catalog_is_edited_while_draft_and_frozen_once_open(api):
    campaign = make_campaign(api, open_=False)
    cid, organizer = campaign["id"], api.as_("county_organizer")
    added = organizer.post(f"/project-campaigns/{cid}/items", json={"title": "红色研学", "category": "showcase"})
    assert added.status_code == 201 and added.json()["items"][-1]["sort_order"] == len(ITEMS)
    new = added.json()["items"][-1]
    duplicate = organizer.post(f"/project-campaigns/{cid}/items", json={"title": THREE})
    assert duplicate.status_code == 409 and error_code(duplicate) == "duplicate_title"
    renamed = organizer.patch(f"/project-campaigns/{cid}/items/{new['id']}", json={"title": THREE})
    assert renamed.status_code == 409
    changed = organizer.patch(
        f"/project-campaigns/{cid}/items/{new['id']}", json={"mandatory_levels": ["village", "village"]}
    )
    assert changed.status_code == 200 and changed.json()["items"][-1]["mandatory_levels"] == ["village"]
    stale = organizer.patch(
        f"/project-campaigns/{cid}/items/{new['id']}", json={"category": "key"}, headers={"If-Match": '"1"'}
    )
    assert stale.status_code == 412
    assert organizer.patch(f"/project-campaigns/{cid}/items/{new['id']}", json={"title": None}).status_code == 422
    assert api.as_("ta_organizer").delete(f"/project-campaigns/{cid}/items/{new['id']}").status_code == 403
    assert organizer.delete(f"/project-campaigns/{cid}/items/{new['id']}").status_code == 204
    assert organizer.delete(f"/project-campaigns/{cid}/items/{new['id']}").status_code == 404
    organizer.post(f"/project-campaigns/{cid}/open")
    first = campaign["items"][0]["id"]
    for response in (
        organizer.post(f"/project-campaigns/{cid}/items", json={"title": "新项目"}),
        organizer.patch(f"/project-campaigns/{cid}/items/{first}", json={"category": "showcase"}),
        organizer.delete(f"/project-campaigns/{cid}/items/{first}"),
    ):
        assert response.status_code == 409 and error_code(response) == "invalid_transition"


def test_update_campaign_limits(api):
    campaign = make_campaign(api, open_=False)
    organizer = api.as_("county_organizer")
    etag = organizer.get(f"/project-campaigns/{campaign['id']}").headers["etag"]
    changed = organizer.patch(
        f"/project-campaigns/{campaign['id']}", json={"max_claims": 2}, headers={"If-Match": etag}
    )
    assert changed.status_code == 200 and changed.json()["max_claims"] == 2
    stale = organizer.patch(f"/project-campaigns/{campaign['id']}", json={"max_claims": 4}, headers={"If-Match": etag})
    assert stale.status_code == 412
    bad = organizer.patch(f"/project-campaigns/{campaign['id']}", json={"min_claims": 3})
    assert bad.status_code == 422 and bad.json()["error"]["fields"][0]["loc"] == ["body", "min_claims"]
    assert organizer.patch(f"/project-campaigns/{campaign['id']}", json={"title": None}).status_code == 422
    assert (
        api.as_("ta_organizer").patch(f"/project-campaigns/{campaign['id']}", json={"max_claims": 1}).status_code == 403
    )


def test_campaigns_are_seen_from_below_but_not_from_a_sibling_subtree(api):
    county = make_campaign(api, open_=False)
    ta = make_campaign(api, "ta", "ta_organizer", open_=False, title="甲镇村书记项目")
    tb = make_campaign(api, "tb", "tb_organizer", open_=False, title="乙镇村书记项目")

    def listed(user: str) -> set[int]:
        return {c["id"] for c in api.as_(user).get("/project-campaigns").json()["items"]}

    assert listed("va1_secretary") == {county["id"], ta["id"]}
    assert listed("ta_organizer") == {county["id"], ta["id"]}
    assert listed("county_viewer") == {county["id"], ta["id"], tb["id"]}
    assert api.as_("va1_secretary").get(f"/project-campaigns/{tb['id']}").status_code == 404
    assert api.as_("tb_organizer").get(f"/project-campaigns/{ta['id']}").status_code == 404
    assert api.as_("tb_organizer").post(f"/project-campaigns/{ta['id']}/open").status_code == 404
    assert api.as_("judge").get("/project-campaigns").status_code == 403
    filtered = api.as_("county_viewer").get("/project-campaigns", params={"status": "draft", "year": 2027}).json()
    assert filtered["total"] == 0


def _appoint(db, world, key: str, name: str) -> int:  # type: ignore[no-untyped-def]
    """A new village under 甲镇 with its secretary `<key>_secretary`, created after the campaign opened."""
    with db.transaction() as s:
        ta = s.get(Org, world.org_id("ta"))
        village = make_org(s, ta, name, OrgLevel.village)
        make_user(s, world, f"{key}_secretary", village, (Role.secretary, village))
        world.orgs[key] = village
        return int(village.id)


def test_secretaries_appointed_later_get_mandatory_items_on_preclaim_or_first_claim(api, db):
    items = [
        {"title": "村(社区)干部“一人一档”", "mandatory_levels": ["village"]},
        {"title": FLOATING},
    ]
    campaign = make_campaign(api, items=items)
    assert campaign["project_count"] == 4  # va1, va2, vb1, vb2
    new_village = _appoint(db, api.world, "va3", "甲三村党支部")
    organizer = api.as_("county_organizer")
    synced = organizer.post(f"/project-campaigns/{campaign['id']}/preclaim")
    assert synced.status_code == 200 and synced.json()["project_count"] == 5
    assert organizer.post(f"/project-campaigns/{campaign['id']}/preclaim").json()["project_count"] == 5  # no duplicates
    assert [p.owner_id for p in _projects(db, org_id=new_village)] == [api.world.user_id("va3_secretary")]
    later = _appoint(db, api.world, "va4", "甲四村党支部")
    claimed = claim(api, campaign, FLOATING, "va4")
    assert claimed["is_mandatory"] is False
    held = _projects(db, org_id=later)
    assert [(p.title, p.is_mandatory) for p in held] == [("村(社区)干部“一人一档”", True), (FLOATING, False)]
    assert api.as_("va4_secretary").get(f"/project-campaigns/{campaign['id']}").json()["my_claim_count"] == 2
