from app.core import security
from tests.support.api import error_code
from tests.support.world import PASSWORD


def test_login_returns_bearer_tokens(api):
    response = api.login("ta_secretary")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"access_token", "refresh_token", "token_type", "expires_in"}
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 15 * 60
    assert response.headers["cache-control"] == "no-store"


def test_oauth2_password_form(api):
    response = api.client.post(
        "/api/v1/auth/token",
        data={"grant_type": "password", "username": "ta_secretary", "password": PASSWORD},
    )
    assert response.status_code == 200
    token = response.json()["access_token"]
    me = api.client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert me.json()["user"]["username"] == "ta_secretary"


def test_client_credentials_for_service_accounts_only(api):
    ok = api.client.post(
        "/api/v1/auth/token",
        data={"grant_type": "client_credentials", "client_id": "platform", "client_secret": PASSWORD},
    )
    assert ok.status_code == 200
    assert ok.json()["refresh_token"] is None
    person = api.client.post(
        "/api/v1/auth/token",
        data={"grant_type": "client_credentials", "client_id": "ta_secretary", "client_secret": PASSWORD},
    )
    assert person.status_code == 401
    # and a service account cannot use the password login meant for people
    assert api.login("platform").status_code == 401


def test_unsupported_grant_is_rejected(api):
    response = api.client.post("/api/v1/auth/token", data={"grant_type": "implicit"})
    assert response.status_code == 422
    assert error_code(response) == "validation_error"


def test_wrong_password_and_unknown_user_look_the_same(api):
    wrong = api.login("ta_secretary", "not-the-password1")
    unknown = api.login("nobody-here", "not-the-password1")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()
    assert error_code(wrong) == "invalid_credentials"


def test_unknown_users_cost_a_password_verification_too(api, monkeypatch):
    calls = []
    real = security._password_hash.verify

    def counting(password, hash_):  # type: ignore[no-untyped-def]
        calls.append(hash_)
        return real(password, hash_)

    monkeypatch.setattr(security._password_hash, "verify", counting)
    api.login("nobody-here", "whatever1")
    api.login("ta_secretary", "whatever1")
    assert len(calls) == 2


def test_inactive_user_cannot_log_in(api):
    admin = api.as_("county_admin")
    user_id = api.world.user_id("va1_worker")
    assert admin.post(f"/users/{user_id}/deactivate").status_code == 200
    response = api.login("va1_worker")
    assert response.status_code == 401
    assert error_code(response) == "invalid_credentials"


def test_login_rejects_unknown_fields(api):
    response = api.client.post(
        "/api/v1/auth/login", json={"username": "ta_secretary", "password": PASSWORD, "admin": True}
    )
    assert response.status_code == 422


def test_me_lists_assignments_and_permissions(api):
    body = api.as_("ta_admin").get("/auth/me").json()
    assert body["user"]["username"] == "ta_admin"
    assert body["org_name"] == "甲镇党委"
    assert [a["role"] for a in body["assignments"]] == ["admin"]
    assert body["assignments"][0]["org_id"] == api.world.org_id("ta")
    assert "org_write" in body["permissions"] and "account_self" in body["permissions"]
    judge = api.as_("judge").get("/auth/me").json()
    assert judge["permissions"] == ["account_self", "attachment_read", "notification_read", "score_submit"]
