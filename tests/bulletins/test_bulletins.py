"""问题通报: drafting, publishing, who sees what, and what a bulletin may cite."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from app.models.bulletins import Bulletin
from tests.bulletins.helpers import draft, publish, published, ranking
from tests.problems.helpers import issue, rectify, submit, to_closed
from tests.support.api import error_code


def _count(db) -> int:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        return int(s.scalar(select(func.count()).select_from(Bulletin)) or 0)


def test_draft_then_publish_freezes_the_bulletin(api, fake_clock):
    fake_clock.set(datetime(2026, 11, 20, 2, tzinfo=UTC))
    a = issue(api, "va1", deadline="2026-12-31")
    b = issue(api, "vb1", by="tb_organizer", category="long_term")
    body = draft(api, problem_ids=[a["id"], b["id"], a["id"]], rankings=ranking(api, "tb", "ta"), ranking_title="排名")
    assert body["status"] == "draft" and body["number"] is None and body["label"] is None
    assert body["problem_ids"] == [a["id"], b["id"]]  # duplicates dropped, order kept
    assert [p["org_name"] for p in body["problems"]] == ["甲一村党支部", "乙一村党支部"]
    assert [r["org_name"] for r in body["rankings"]] == ["乙镇党委", "甲镇党委"]
    assert body["allowed_actions"] == ["update", "delete", "publish"]
    organizer = api.as_("county_organizer")
    done = publish(api, body)
    assert done["status"] == "published" and (done["year"], done["number"]) == (2026, 1)
    assert done["label"] == "2026年第1期" and done["published_at"] == "2026-11-20T02:00:00Z"
    assert done["published_by_id"] == api.world.user_id("county_organizer") and done["allowed_actions"] == []
    assert done["problems"][0]["status"] == "open" and done["problems"][0]["deadline"] == "2026-12-31"
    # the published text is what was circulated: later progress does not rewrite it
    rectify(api, a)
    assert organizer.get(f"/bulletins/{body['id']}").json()["problems"][0]["status"] == "open"
    for response in (
        organizer.patch(f"/bulletins/{body['id']}", json={"title": "改标题"}),
        organizer.post(f"/bulletins/{body['id']}/publish"),
        organizer.delete(f"/bulletins/{body['id']}"),
    ):
        assert response.status_code == 409 and error_code(response) == "invalid_transition"
    assert organizer.get(f"/bulletins/{body['id']}").json()["title"] == body["title"]


def test_drafts_show_live_problems_and_can_be_edited_and_deleted(api, db):
    problem = issue(api, "va1")
    body = draft(api, "ta", "ta_organizer", problem_ids=[problem["id"]])
    organizer = api.as_("ta_organizer")
    rectify(api, problem)
    assert organizer.get(f"/bulletins/{body['id']}").json()["problems"][0]["status"] == "rectifying"
    stale = organizer.patch(f"/bulletins/{body['id']}", json={"body": "x"}, headers={"If-Match": '"99"'})
    assert stale.status_code == 412
    updated = organizer.patch(
        f"/bulletins/{body['id']}",
        json={"body": "正文第一段\n正文第二段", "problem_ids": [], "rankings": ranking(api, "va2", "va1")},
        headers={"If-Match": f'"{body["version"]}"'},
    )
    assert updated.status_code == 200 and updated.json()["version"] == body["version"] + 1
    assert updated.json()["problems"] == [] and len(updated.json()["rankings"]) == 2
    assert organizer.patch(f"/bulletins/{body['id']}", json={"title": None}).status_code == 422
    assert organizer.patch(f"/bulletins/{body['id']}", json={"status": "published"}).status_code == 422
    assert api.as_("ta_worker").patch(f"/bulletins/{body['id']}", json={"body": "x"}).status_code == 403
    before = _count(db)
    assert organizer.delete(f"/bulletins/{body['id']}").status_code == 204
    assert _count(db) == before - 1
    assert organizer.get(f"/bulletins/{body['id']}").status_code == 404


def test_an_empty_bulletin_is_not_published(api, db):
    body = draft(api)
    response = api.as_("county_organizer").post(f"/bulletins/{body['id']}/publish")
    assert response.status_code == 422 and error_code(response) == "bulletin_empty"
    with db.transaction() as s:
        stored = s.get(Bulletin, body["id"])
        assert stored.status == "draft" and stored.number is None


def test_who_may_write(api):
    w = api.world
    body = {"org_id": w.org_id("ta"), "title": "通报"}
    assert api.as_("ta_organizer").post("/bulletins", json=body).status_code == 201
    assert api.as_("ta_admin").post("/bulletins", json=body).status_code == 201
    assert api.as_("county_organizer").post("/bulletins", json=body).status_code == 201  # on behalf of below
    assert api.as_("ta_secretary").post("/bulletins", json=body).status_code == 403
    assert api.as_("county_viewer").post("/bulletins", json=body).status_code == 403
    assert api.as_("tb_organizer").post("/bulletins", json=body).status_code == 404
    assert api.as_("ta_organizer").post("/bulletins", json=body | {"org_id": w.org_id("county")}).status_code == 404
    for extra in ({"number": 3}, {"status": "published"}, {"year": 2026}, {"title": ""}):
        assert api.as_("ta_organizer").post("/bulletins", json=body | extra).status_code == 422, extra
    county = draft(api)
    assert api.as_("ta_organizer").post(f"/bulletins/{county['id']}/publish").status_code == 404


def test_drafts_are_seen_only_by_the_issuing_side(api):
    county_draft = draft(api)
    ta_draft = draft(api, "ta", "ta_organizer")
    assert api.as_("county_admin").get(f"/bulletins/{county_draft['id']}").status_code == 200
    for reader in ("county_viewer", "county_secretary", "ta_organizer", "va1_secretary"):
        assert api.as_(reader).get(f"/bulletins/{county_draft['id']}").status_code == 404, reader
        assert county_draft["id"] not in {b["id"] for b in api.as_(reader).get("/bulletins").json()["items"]}
    # the issuing side includes those who hold bulletin_write above the issuing org
    assert api.as_("county_organizer").get(f"/bulletins/{ta_draft['id']}").status_code == 200
    assert api.as_("ta_secretary").get(f"/bulletins/{ta_draft['id']}").status_code == 404
    assert api.as_("county_viewer").get(f"/bulletins/{ta_draft['id']}").status_code == 404


def test_published_bulletins_circulate_down_the_issuing_subtree(api):
    county = published(api)
    ta = published(api, "ta", "ta_organizer", rankings=ranking(api, "va1", "va2"))
    everyone = ("county_viewer", "ta_organizer", "ta_worker", "va1_secretary", "vb2_worker", "tb_admin")
    for reader in everyone:
        assert api.as_(reader).get(f"/bulletins/{county['id']}").status_code == 200, reader
    for reader in ("county_viewer", "county_secretary", "ta_deputy", "va2_worker"):
        assert api.as_(reader).get(f"/bulletins/{ta['id']}").status_code == 200, reader
    for reader in ("tb_organizer", "vb1_secretary"):
        assert api.as_(reader).get(f"/bulletins/{ta['id']}").status_code == 404, reader
    assert api.as_("judge").get(f"/bulletins/{county['id']}").status_code == 403  # judges read no bulletins
    seen = api.as_("vb1_secretary").get("/bulletins").json()
    assert [b["id"] for b in seen["items"]] == [county["id"]]
    by_org = api.as_("va1_secretary").get("/bulletins", params={"org_id": api.world.org_id("ta")}).json()
    assert [b["id"] for b in by_org["items"]] == [ta["id"]]
    # readers below may see it but not act on it
    refused = api.as_("ta_organizer").patch(f"/bulletins/{county['id']}", json={"title": "x"})
    assert refused.status_code == 403


def test_list_filters_and_sorting(api, fake_clock):
    fake_clock.set(datetime(2026, 3, 5, 2, tzinfo=UTC))
    first = published(api, title="一月通报")
    fake_clock.set(datetime(2026, 6, 5, 2, tzinfo=UTC))
    second = published(api, title="五月通报")
    open_draft = draft(api, title="草稿通报")
    organizer = api.as_("county_organizer")
    listed = organizer.get("/bulletins", params={"sort": "number", "status": "published"}).json()
    assert [b["id"] for b in listed["items"]] == [first["id"], second["id"]]
    assert organizer.get("/bulletins").json()["items"][0]["id"] == open_draft["id"]  # newest first
    assert organizer.get("/bulletins", params={"status": "draft"}).json()["total"] == 1
    assert organizer.get("/bulletins", params={"year": 2026}).json()["total"] == 2
    assert organizer.get("/bulletins", params={"q": "五月"}).json()["items"][0]["id"] == second["id"]
    newest = organizer.get("/bulletins", params={"sort": "-published_at", "status": "published"}).json()
    assert [b["label"] for b in newest["items"]] == ["2026年第2期", "2026年第1期"]
    assert organizer.get("/bulletins", params={"sort": "title"}).status_code == 422
    assert organizer.get("/bulletins", params={"status": "withdrawn"}).status_code == 422


def test_selected_problems_must_be_readable_and_in_the_issuing_subtree(api, db):
    mine = issue(api, "va1")
    other_side = issue(api, "vb1", by="tb_organizer")
    county_level = issue(api, "ta", by="county_organizer")
    before = _count(db)
    for problem_ids in ([other_side["id"]], [mine["id"], 99999], [county_level["id"]]):
        response = api.as_("ta_organizer").post(
            "/bulletins", json={"org_id": api.world.org_id("ta"), "title": "通报", "problem_ids": problem_ids}
        )
        if problem_ids == [county_level["id"]]:
            assert response.status_code == 201  # a problem of the township itself lies in its subtree
            continue
        assert response.status_code == 422, problem_ids
        assert response.json()["error"]["fields"][0]["loc"] == ["body", "problem_ids"]
    assert _count(db) == before + 1
    # the county can read the other township's problem, but a bulletin of 甲镇 cannot cite it
    refused = api.as_("county_organizer").post(
        "/bulletins", json={"org_id": api.world.org_id("ta"), "title": "通报", "problem_ids": [other_side["id"]]}
    )
    assert refused.status_code == 422
    body = draft(api, "ta", "ta_organizer", problem_ids=[mine["id"]])
    assert (
        api.as_("ta_organizer").patch(f"/bulletins/{body['id']}", json={"problem_ids": [other_side["id"]]}).status_code
        == 422
    )


@pytest.mark.parametrize(
    "rows,loc",
    [
        ([{"org_id": "va1", "rank": 1}, {"org_id": "va1", "rank": 2}], ["body", "rankings", "1", "org_id"]),
        ([{"org_id": "vb1", "rank": 1}], ["body", "rankings", "0", "org_id"]),
        ([{"org_id": "va1", "rank": 0}], ["body", "rankings", "0", "rank"]),
        ([{"org_id": "va1", "rank": 1, "org_name": "自己填的名字"}], ["body", "rankings", "0", "org_name"]),
    ],
)
def test_ranking_rows_are_validated(api, rows, loc):
    w = api.world
    sent = [r | {"org_id": w.org_id(str(r["org_id"]))} for r in rows]
    response = api.as_("ta_organizer").post(
        "/bulletins", json={"org_id": w.org_id("ta"), "title": "排名通报", "rankings": sent}
    )
    assert response.status_code == 422
    assert loc in [f["loc"] for f in response.json()["error"]["fields"]]


def test_ranking_proposal_by_closure_rate(api, fake_clock):
    fake_clock.set(datetime(2026, 11, 20, 2, tzinfo=UTC))
    to_closed(api, "va1")
    issue(api, "va1", deadline="2026-11-01")  # open and overdue
    to_closed(api, "va2", "va2_secretary")
    problem = issue(api, "vb1", by="tb_organizer")
    rectify(api, problem, by="vb1_secretary")
    submit(api, problem, by="vb1_secretary")
    proposal = api.as_("county_organizer").get(
        "/bulletins/ranking-proposal", params={"org_id": api.world.org_id("county")}
    )
    assert proposal.status_code == 200
    body = proposal.json()
    assert body["rankings"] == [
        {"org_id": api.world.org_id("ta"), "rank": 1, "value": 66.7, "note": "问题3条，已销号2条，超期1条"},
        {"org_id": api.world.org_id("tb"), "rank": 2, "value": 0.0, "note": "问题1条，已销号0条"},
    ]
    assert body["ranking_title"] == "下属党组织问题整改销号率排名（%）"
    # within 甲镇: 甲二村 closed its only problem, 甲一村 one of two
    ta = api.as_("ta_organizer").get("/bulletins/ranking-proposal", params={"org_id": api.world.org_id("ta")}).json()
    assert [(r["org_id"], r["rank"], r["value"]) for r in ta["rankings"]] == [
        (api.world.org_id("va2"), 1, 100.0),
        (api.world.org_id("va1"), 2, 50.0),
    ]
    # the author accepts the proposal as it is
    bulletin = draft(api)
    accepted = api.as_("county_organizer").patch(
        f"/bulletins/{bulletin['id']}", json={k: body[k] for k in ("ranking_title", "rankings")}
    )
    assert accepted.status_code == 200
    assert [r["org_name"] for r in accepted.json()["rankings"]] == ["甲镇党委", "乙镇党委"]


def test_ranking_proposal_ties_share_a_rank_and_orgs_without_problems_are_not_ranked(api, fake_clock):
    fake_clock.set(datetime(2026, 11, 20, 2, tzinfo=UTC))
    to_closed(api, "va1")
    issue(api, "va1")
    p = issue(api, "vb1", by="tb_organizer")
    issue(api, "vb2", by="tb_organizer")
    rectify(api, p, by="vb1_secretary")
    submit(api, p, by="vb1_secretary")
    api.as_("tb_organizer").post(f"/problems/{p['id']}/close", json={})
    county = api.as_("county_admin").get("/bulletins/ranking-proposal", params={"org_id": api.world.org_id("county")})
    assert [r["rank"] for r in county.json()["rankings"]] == [1, 1]
    ta = api.as_("ta_admin").get("/bulletins/ranking-proposal", params={"org_id": api.world.org_id("ta")}).json()
    assert [r["org_id"] for r in ta["rankings"]] == [api.world.org_id("va1")]
    va2 = next(d for d in ta["details"] if d["org_id"] == api.world.org_id("va2"))
    assert va2 == {
        "org_id": api.world.org_id("va2"),
        "org_name": "甲二村党支部",
        "total": 0,
        "closed": 0,
        "overdue": 0,
        "closure_rate": None,
    }
    later = (
        api.as_("ta_admin")
        .get("/bulletins/ranking-proposal", params={"org_id": api.world.org_id("ta"), "year": 2027})
        .json()
    )
    assert later["rankings"] == [] and later["ranking_title"].startswith("2027年度")


def test_ranking_proposal_scope(api):
    w = api.world
    assert (
        api.as_("tb_organizer").get("/bulletins/ranking-proposal", params={"org_id": w.org_id("ta")}).status_code == 404
    )
    assert (
        api.as_("ta_organizer").get("/bulletins/ranking-proposal", params={"org_id": w.org_id("county")}).status_code
        == 404
    )
    assert (
        api.as_("county_viewer").get("/bulletins/ranking-proposal", params={"org_id": w.org_id("ta")}).status_code
        == 403
    )
    assert api.as_("ta_organizer").get("/bulletins/ranking-proposal").status_code == 422
