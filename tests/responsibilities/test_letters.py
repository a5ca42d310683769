"""责任书: drafting by the org above, issuing, signing by the target org's own secretary."""

from sqlalchemy import func, select

from app.models.lists import ResponsibilityItem, ResponsibilityLetter
from tests.responsibilities.helpers import draft, issue, issued, items_for, signed
from tests.support.api import error_code


def test_a_draft_goes_from_the_parent_to_a_child_and_stays_with_the_issuer(api):
    w = api.world
    letter = draft(api)
    assert letter["status"] == "draft" and letter["issuer_org_id"] == w.org_id("ta")
    assert letter["org_name"] == "甲一村党支部" and letter["issuer_org_name"] == "甲镇党委"
    assert letter["title"] == "2026年度党建目标责任书"
    assert letter["item_count"] == 3 and letter["completed_count"] == 0
    assert [i["role"] for i in letter["items"]] == ["secretary", "deputy", "member"]
    first = letter["items"][0]
    assert first["status"] == "draft" and first["deadline"] == "2026-12-31" and first["allowed_actions"] == []
    assert first["title"] == "落实“三会一课”制度，每季度至少为党员讲一次党课"
    assert first["responsible_user_name"] == "测试va1_secretary"
    assert set(letter["allowed_actions"]) == {"issue", "edit", "delete"}
    # the target org does not see a draft; the issuing org and those above do
    assert api.as_("va1_secretary").get(f"/responsibility-letters/{letter['id']}").status_code == 404
    assert api.as_("va1_secretary").get(f"/responsibility-items/{first['id']}").status_code == 404
    assert api.as_("va1_secretary").get("/responsibility-letters").json()["total"] == 0
    assert api.as_("ta_secretary").get(f"/responsibility-letters/{letter['id']}").status_code == 200
    assert api.as_("county_viewer").get(f"/responsibility-letters/{letter['id']}").json()["allowed_actions"] == []


def test_who_may_draft_a_letter(api, db):
    w = api.world
    body = {"org_id": w.org_id("va1"), "year": 2026}
    assert api.as_("va1_secretary").post("/responsibility-letters", json=body).status_code == 403  # not the parent
    assert api.as_("ta_deputy").post("/responsibility-letters", json=body).status_code == 403
    assert api.as_("tb_organizer").post("/responsibility-letters", json=body).status_code == 404
    root = api.as_("county_admin").post("/responsibility-letters", json=body | {"org_id": w.org_id("county")})
    assert root.status_code == 422 and root.json()["error"]["fields"][0]["loc"] == ["body", "org_id"]
    assert api.as_("ta_organizer").post("/responsibility-letters", json=body | {"status": "signed"}).status_code == 422
    foreign = items_for(api, "vb1")[:1]
    refused = api.as_("ta_organizer").post("/responsibility-letters", json=body | {"items": foreign})
    assert refused.status_code == 422
    assert refused.json()["error"]["fields"][0]["loc"] == ["body", "items", 0, "responsible_user_id"]
    with db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(ResponsibilityLetter)) == 0
        assert s.scalar(select(func.count()).select_from(ResponsibilityItem)) == 0
    # those above the parent issue on its behalf
    assert api.as_("county_organizer").post("/responsibility-letters", json=body).status_code == 201


def test_one_letter_per_issuer_target_and_year(api):
    draft(api)
    again = api.as_("ta_secretary").post(
        "/responsibility-letters", json={"org_id": api.world.org_id("va1"), "year": 2026}
    )
    assert again.status_code == 409 and error_code(again) == "duplicate_letter"
    assert draft(api, year=2027)["year"] == 2027


def test_no_letter_to_a_dissolved_org(api):
    w = api.world
    assert api.as_("county_admin").post(f"/orgs/{w.org_id('va2')}/dissolve").status_code == 200
    response = api.as_("ta_organizer").post("/responsibility-letters", json={"org_id": w.org_id("va2"), "year": 2026})
    assert response.status_code == 409 and error_code(response) == "org_dissolved"


def test_drafts_are_editable_issued_letters_are_not(api):
    letter = draft(api, items=[])
    organizer = api.as_("ta_organizer")
    lid = letter["id"]
    renamed = organizer.patch(f"/responsibility-letters/{lid}", json={"title": "2026年度村党支部书记抓党建责任书"})
    assert renamed.status_code == 200 and renamed.json()["version"] == 2
    assert organizer.patch(f"/responsibility-letters/{lid}", json={"title": None}).status_code == 422
    stale = organizer.patch(f"/responsibility-letters/{lid}", json={"content": "x"}, headers={"If-Match": '"1"'})
    assert stale.status_code == 412
    added = organizer.post(f"/responsibility-letters/{lid}/items", json={"role": "member", "description": "换届提醒"})
    assert added.status_code == 201 and added.json()["status"] == "draft" and added.json()["sort_order"] == 0
    second = organizer.post(
        f"/responsibility-letters/{lid}/items", json={"role": "secretary", "description": "履行第一责任人职责"}
    ).json()
    assert second["sort_order"] == 1
    edited = organizer.patch(f"/responsibility-items/{second['id']}", json={"description": "履行抓党建第一责任人职责"})
    assert edited.status_code == 200 and edited.json()["title"] == "履行抓党建第一责任人职责"
    assert organizer.delete(f"/responsibility-items/{added.json()['id']}").status_code == 204
    assert (
        api.as_("ta_deputy").patch(f"/responsibility-items/{second['id']}", json={"role": "deputy"}).status_code == 403
    )
    issued_letter = issue(api, {"id": lid})
    assert issued_letter["status"] == "issued" and issued_letter["issued_at"]
    assert [i["status"] for i in issued_letter["items"]] == ["in_progress"]
    # nothing of the letter changes any more
    refused = [
        organizer.patch(f"/responsibility-letters/{lid}", json={"title": "新标题"}),
        organizer.post(f"/responsibility-letters/{lid}/items", json={"role": "member", "description": "x"}),
        organizer.delete(f"/responsibility-items/{second['id']}"),
        organizer.delete(f"/responsibility-letters/{lid}"),
        organizer.post(f"/responsibility-letters/{lid}/issue"),
    ]
    assert [r.status_code for r in refused] == [409, 409, 409, 409, 409]
    assert all(error_code(r) == "invalid_transition" for r in refused)
    # the issuer no longer edits items; the target org's secretary only names the responsible person
    assert organizer.patch(f"/responsibility-items/{second['id']}", json={"description": "y"}).status_code == 403
    village = api.as_("va1_secretary")
    assert village.patch(f"/responsibility-items/{second['id']}", json={"description": "y"}).status_code == 409
    assert (
        api.as_("va1_worker")
        .patch(f"/responsibility-items/{second['id']}", json={"responsible_user_id": api.world.user_id("va1_worker")})
        .status_code
        == 403
    )
    named = village.patch(
        f"/responsibility-items/{second['id']}", json={"responsible_user_id": api.world.user_id("va1_secretary")}
    )
    assert named.status_code == 200 and named.json()["responsible_user_id"] == api.world.user_id("va1_secretary")


def test_issue_needs_items_and_the_issuing_side(api):
    empty = draft(api, items=[])
    response = api.as_("ta_organizer").post(f"/responsibility-letters/{empty['id']}/issue")
    assert response.status_code == 409 and error_code(response) == "empty_letter"
    full = draft(api, org="va2")
    # the village cannot even see the draft; a sibling township neither
    assert api.as_("va2_secretary").post(f"/responsibility-letters/{full['id']}/issue").status_code == 404
    assert api.as_("tb_secretary").post(f"/responsibility-letters/{full['id']}/issue").status_code == 404
    assert api.as_("county_viewer").post(f"/responsibility-letters/{full['id']}/issue").status_code == 403
    assert api.as_("ta_secretary").post(f"/responsibility-letters/{full['id']}/issue").status_code == 200
    seen = api.as_("va2_secretary").get(f"/responsibility-letters/{full['id']}").json()
    assert seen["status"] == "issued" and seen["allowed_actions"] == ["sign"]
    timeline = api.as_("va2_secretary").get(f"/responsibility-items/{seen['items'][0]['id']}/timeline").json()
    assert [e["data"] for e in timeline] == [{"action": "issue", "from": "draft", "to": "in_progress"}]


def test_only_the_target_orgs_own_secretary_signs(api, db):
    w = api.world
    to_township = draft(
        api,
        org="ta",
        by="county_organizer",
        items=[
            {
                "role": "secretary",
                "description": "履行抓基层党建第一责任人职责",
                "responsible_user_id": w.user_id("ta_secretary"),
            },
            {
                "role": "deputy",
                "description": "协助书记抓好党员教育管理",
                "responsible_user_id": w.user_id("ta_deputy"),
            },
        ],
    )
    issue(api, to_township, by="county_organizer")
    url = f"/responsibility-letters/{to_township['id']}/sign"
    assert api.as_("ta_deputy").post(url).status_code == 403  # the deputy is not the secretary
    assert api.as_("ta_organizer").post(url).status_code == 403
    assert api.as_("county_secretary").post(url).status_code == 403  # the issuer does not sign for the target
    village = issued(api)
    assert api.as_("ta_secretary").post(f"/responsibility-letters/{village['id']}/sign").status_code == 403
    with db.transaction() as s:
        assert s.get(ResponsibilityLetter, to_township["id"]).status == "issued"
    signed_letter = api.as_("ta_secretary").post(url)
    assert signed_letter.status_code == 200
    body = signed_letter.json()
    assert body["status"] == "signed" and body["signed_at"] and body["signed_by_id"] == w.user_id("ta_secretary")
    again = api.as_("ta_secretary").post(url)
    assert again.status_code == 409 and error_code(again) == "invalid_transition"


def test_signing_needs_a_responsible_person_for_every_item(api):
    w = api.world
    letter = issued(api, items=[{"role": "secretary", "description": "落实“三会一课”制度"}])
    url = f"/responsibility-letters/{letter['id']}/sign"
    refused = api.as_("va1_secretary").post(url)
    assert refused.status_code == 409 and error_code(refused) == "responsible_missing"
    item = letter["items"][0]
    api.as_("va1_secretary").patch(
        f"/responsibility-items/{item['id']}", json={"responsible_user_id": w.user_id("va1_secretary")}
    )
    assert api.as_("va1_secretary").post(url).status_code == 200


def test_sign_before_issue_is_an_invalid_transition(api):
    letter = draft(api)
    # the target cannot see the draft at all; the issuing side may not sign for it
    assert api.as_("va1_secretary").post(f"/responsibility-letters/{letter['id']}/sign").status_code == 404
    assert api.as_("ta_secretary").post(f"/responsibility-letters/{letter['id']}/sign").status_code == 403


def test_delete_a_draft(api, db):
    letter = draft(api)
    assert api.as_("ta_deputy").delete(f"/responsibility-letters/{letter['id']}").status_code == 403
    assert api.as_("ta_organizer").delete(f"/responsibility-letters/{letter['id']}").status_code == 204
    assert api.as_("ta_organizer").get(f"/responsibility-letters/{letter['id']}").status_code == 404
    with db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(ResponsibilityItem)) == 0


def test_letter_ledger_filters_and_scope(api):
    w = api.world
    a = signed(api)
    b = issued(api, org="va2", year=2027)
    c = issued(api, org="vb1", by="tb_organizer")
    ta = api.as_("ta_organizer")
    assert {x["id"] for x in ta.get("/responsibility-letters").json()["items"]} == {a["id"], b["id"]}
    assert [x["id"] for x in ta.get("/responsibility-letters", params={"year": 2027}).json()["items"]] == [b["id"]]
    assert [x["id"] for x in ta.get("/responsibility-letters", params={"status": "signed"}).json()["items"]] == [
        a["id"]
    ]
    assert [
        x["id"] for x in ta.get("/responsibility-letters", params={"root_id": w.org_id("va2")}).json()["items"]
    ] == [b["id"]]
    assert ta.get("/responsibility-letters", params={"root_id": w.org_id("vb1")}).status_code == 404
    assert ta.get(f"/responsibility-letters/{c['id']}").status_code == 404
    county = api.as_("county_viewer").get("/responsibility-letters", params={"sort": "org_id"}).json()
    assert [x["id"] for x in county["items"]] == [a["id"], b["id"], c["id"]]
    assert api.as_("va1_secretary").get("/responsibility-letters").json()["total"] == 1
    assert ta.get("/responsibility-letters", params={"sort": "title"}).status_code == 422
