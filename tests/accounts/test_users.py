import pytest
from sqlalchemy import select

from app.models.accounts import User
from tests.support.api import error_code
from tests.support.world import PASSWORD

NEW_USER = {"username": "new_worker", "password": "start1234", "full_name": "新党务", "phone": "13900001111"}


def test_admin_creates_a_user_who_can_log_in(api):
    response = api.as_("ta_admin").post("/users", json=NEW_USER | {"org_id": api.world.org_id("va1")})
    assert response.status_code == 201
    body = response.json()
    assert "password" not in body and "password_hash" not in body
    assert body["phone"] == "13900001111"  # admins see personal data in their scope
    assert body["is_active"] is True and response.headers["etag"] == '"1"'
    assert api.login("new_worker", "start1234").status_code == 200


@pytest.mark.parametrize(
    "change",
    [
        {"username": "ab"},
        {"username": "has space"},
        {"password": "short1"},
        {"password": "onlyletters"},
        {"phone": "call-me"},
        {"full_name": ""},
        {"is_active": False},
        {"id": 5},
        {"password_hash": "x"},
        {"is_service": True},
        {"version": 3},
    ],
)
def test_bad_or_server_owned_fields_write_nothing(api, db, change):
    response = api.as_("ta_admin").post("/users", json=NEW_USER | {"org_id": api.world.org_id("va1")} | change)
    assert response.status_code == 422
    assert error_code(response) == "validation_error"
    with db.transaction() as s:
        assert s.scalar(select(User.id).where(User.full_name == "新党务")) is None


def test_duplicate_username_is_409(api):
    response = api.as_("county_admin").post(
        "/users", json=NEW_USER | {"username": "ta_secretary", "org_id": api.world.org_id("va1")}
    )
    assert response.status_code == 409 and error_code(response) == "duplicate_username"


def test_user_scope_404_and_403(api):
    w = api.world
    assert api.as_("ta_admin").post("/users", json=NEW_USER | {"org_id": w.org_id("vb1")}).status_code == 404
    assert api.as_("ta_secretary").post("/users", json=NEW_USER | {"org_id": w.org_id("va1")}).status_code == 403
    assert api.as_("ta_admin").get(f"/users/{w.user_id('vb1_secretary')}").status_code == 404
    assert api.as_("ta_admin").get(f"/users/{w.user_id('va1_secretary')}").status_code == 200
    assert api.as_("va1_worker").get("/users").status_code == 403


def test_phone_numbers_are_masked_unless_admin_in_scope(api):
    w = api.world
    target = w.user_id("va1_worker")
    assert api.as_("ta_admin").get(f"/users/{target}").json()["phone"] == "13812345678"
    assert api.as_("county_admin").get(f"/users/{target}").json()["phone"] == "13812345678"
    for viewer in ("county_organizer", "ta_secretary", "county_viewer"):
        assert api.as_(viewer).get(f"/users/{target}").json()["phone"] == "138****5678", viewer
        listed = api.as_(viewer).get("/users", params={"org_id": w.org_id("va1")}).json()["items"]
        assert listed and all(u["phone"] == "138****5678" for u in listed)
    # the user themself sees their own number
    assert api.as_("va1_worker").get("/auth/me").json()["user"]["phone"] == "13812345678"


def test_user_list_filters(api):
    w = api.world
    admin = api.as_("ta_admin")
    subtree = admin.get("/users", params={"root_id": w.org_id("va1"), "sort": "username"}).json()
    assert [u["username"] for u in subtree["items"]] == ["va1_secretary", "va1_worker"]
    assert admin.get("/users", params={"q": "worker"}).json()["total"] == 3  # ta, va1, va2 workers
    everyone = admin.get("/users", params={"page_size": 100}).json()
    assert {u["username"] for u in everyone["items"]}.isdisjoint({"tb_admin", "vb1_worker", "county_admin"})


def test_update_reset_password_and_move_home_org(api):
    w = api.world
    admin = api.as_("ta_admin")
    target = w.user_id("va1_worker")
    victim_session = api.fresh("va1_worker")
    response = admin.patch(
        f"/users/{target}", json={"full_name": "改名", "org_id": w.org_id("va2"), "password": "reset9876"}
    )
    assert response.status_code == 200
    assert response.json()["full_name"] == "改名" and response.json()["org_id"] == w.org_id("va2")
    assert victim_session.get("/auth/me").status_code == 401
    assert api.login("va1_worker", PASSWORD).status_code == 401
    assert api.login("va1_worker", "reset9876").status_code == 200
    assert admin.patch(f"/users/{target}", json={"org_id": w.org_id("vb1")}).status_code == 404
    assert admin.patch(f"/users/{target}", json={"full_name": None}).status_code == 422
    stale = admin.patch(f"/users/{target}", json={"full_name": "再改"}, headers={"If-Match": '"1"'})
    assert stale.status_code == 412


def test_deactivate_and_activate(api):
    w = api.world
    admin = api.as_("ta_admin")
    target = w.user_id("va2_worker")
    off = admin.post(f"/users/{target}/deactivate")
    assert off.status_code == 200 and off.json()["is_active"] is False
    again = admin.post(f"/users/{target}/deactivate")
    assert again.status_code == 409 and error_code(again) == "invalid_transition"
    assert admin.get("/users", params={"is_active": False}).json()["total"] == 1
    on = admin.post(f"/users/{target}/activate")
    assert on.status_code == 200 and on.json()["is_active"] is True
    me = admin.post(f"/users/{w.user_id('ta_admin')}/deactivate")
    assert me.status_code == 409 and error_code(me) == "cannot_deactivate_self"
    assert api.as_("ta_secretary").post(f"/users/{target}/deactivate").status_code == 403
