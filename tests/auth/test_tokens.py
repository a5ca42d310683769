"""Token handling, including the attacks the SPEC names: none/HS512 algorithms, tampering, expiry, missing
claims, token-type confusion, and reuse after logout, password change and refresh replay."""

import base64
import json

import pytest
from jose import jwt

from app.core.config import get_settings
from tests.support.api import error_code
from tests.support.world import PASSWORD


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def _me(api, token: str):
    return api.client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})


def _claims(api, username: str = "ta_secretary") -> dict:
    token = api.login(username).json()["access_token"]
    return jwt.get_unverified_claims(token)


def test_valid_token_works(api):
    assert _me(api, api.login("ta_secretary").json()["access_token"]).status_code == 200


def test_missing_and_malformed_authorization(api):
    response = api.client.get("/api/v1/auth/me")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert error_code(response) == "unauthorized"
    for junk in ["abc", "a.b.c", "eyJ.eyJ.sig", "%CE%A9" * 10, "x" * 5000, "..", "e30.e30."]:
        response = _me(api, junk)
        assert response.status_code == 401, junk
        assert error_code(response) == "unauthorized"


def test_alg_none_is_rejected(api):
    claims = _claims(api)
    forged = f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(claims)}."
    assert _me(api, forged).status_code == 401


def test_other_algorithm_with_the_right_key_is_rejected(api):
    claims = _claims(api)
    forged = jwt.encode(claims, get_settings().secret_key, algorithm="HS512")
    assert _me(api, forged).status_code == 401


def test_wrong_key_is_rejected(api):
    forged = jwt.encode(_claims(api), "another-secret-another-secret-123456", algorithm="HS256")
    assert _me(api, forged).status_code == 401


def test_tampered_payload_is_rejected(api):
    token = api.login("ta_secretary").json()["access_token"]
    header, _payload, signature = token.split(".")
    claims = jwt.get_unverified_claims(token)
    claims["sub"] = str(api.world.user_id("county_admin"))
    assert _me(api, f"{header}.{_b64(claims)}.{signature}").status_code == 401


def test_expired_token_is_rejected(api, fake_clock):
    token = api.login("ta_secretary").json()["access_token"]
    assert _me(api, token).status_code == 200
    fake_clock.advance(minutes=15, seconds=1)
    response = _me(api, token)
    assert response.status_code == 401
    assert error_code(response) == "unauthorized"


@pytest.mark.parametrize("claim", ["sub", "sid", "typ", "jti", "iat", "exp"])
def test_each_required_claim_is_enforced(api, claim):
    claims = _claims(api)
    del claims[claim]
    forged = jwt.encode(claims, get_settings().secret_key, algorithm="HS256")
    assert _me(api, forged).status_code == 401


def test_claims_of_the_wrong_shape_are_rejected(api):
    for change in ({"sub": "admin"}, {"sub": 1}, {"exp": "tomorrow"}, {"sid": None}, {"typ": "ACCESS"}):
        claims = _claims(api) | change
        forged = jwt.encode(claims, get_settings().secret_key, algorithm="HS256")
        assert _me(api, forged).status_code == 401, change


def test_token_for_another_users_session_is_rejected(api):
    mine = _claims(api, "ta_secretary")
    theirs = _claims(api, "tb_secretary")
    mixed = mine | {"sid": theirs["sid"]}
    forged = jwt.encode(mixed, get_settings().secret_key, algorithm="HS256")
    assert _me(api, forged).status_code == 401


def test_refresh_token_is_not_an_access_token(api):
    tokens = api.login("ta_secretary").json()
    assert _me(api, tokens["refresh_token"]).status_code == 401


def test_access_token_is_not_a_refresh_token(api):
    tokens = api.login("ta_secretary").json()
    response = api.client.post("/api/v1/auth/refresh", json={"refresh_token": tokens["access_token"]})
    assert response.status_code == 401


def test_refresh_rotates(api):
    first = api.login("ta_secretary").json()
    second = api.client.post("/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert second.status_code == 200
    pair = second.json()
    assert pair["refresh_token"] != first["refresh_token"]
    assert _me(api, pair["access_token"]).status_code == 200
    third = api.client.post("/api/v1/auth/refresh", json={"refresh_token": pair["refresh_token"]})
    assert third.status_code == 200


def test_refresh_replay_revokes_the_whole_family(api):
    first = api.login("ta_secretary").json()
    rotated = api.client.post("/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]}).json()
    replay = api.client.post("/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert replay.status_code == 401
    assert error_code(replay) == "refresh_token_reused"
    # the attacker's replay killed the legitimate descendants too
    assert _me(api, rotated["access_token"]).status_code == 401
    assert _me(api, first["access_token"]).status_code == 401
    again = api.client.post("/api/v1/auth/refresh", json={"refresh_token": rotated["refresh_token"]})
    assert again.status_code == 401
    # other logins of the same user are separate families and keep working
    other = api.login("ta_secretary").json()
    assert _me(api, other["access_token"]).status_code == 200


def test_logout_kills_access_and_refresh_tokens(api):
    tokens = api.login("ta_secretary").json()
    other = api.login("ta_secretary").json()
    response = api.client.post("/api/v1/auth/logout", json={"refresh_token": tokens["refresh_token"]})
    assert response.status_code == 204
    assert _me(api, tokens["access_token"]).status_code == 401
    assert api.client.post("/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]}).status_code == 401
    assert _me(api, other["access_token"]).status_code == 200


def test_logout_with_garbage_is_401(api):
    response = api.client.post("/api/v1/auth/logout", json={"refresh_token": "nonsense"})
    assert response.status_code == 401


def test_password_change_revokes_every_token(api):
    first = api.login("ta_secretary").json()
    second = api.login("ta_secretary").json()
    response = api.client.post(
        "/api/v1/auth/password",
        json={"current_password": PASSWORD, "new_password": "newpass456"},
        headers={"Authorization": f"Bearer {first['access_token']}"},
    )
    assert response.status_code == 204
    for pair in (first, second):
        assert _me(api, pair["access_token"]).status_code == 401
        refreshed = api.client.post("/api/v1/auth/refresh", json={"refresh_token": pair["refresh_token"]})
        assert refreshed.status_code == 401
    assert api.login("ta_secretary", PASSWORD).status_code == 401
    assert api.login("ta_secretary", "newpass456").status_code == 200


def test_password_change_checks_current_and_policy(api):
    user = api.as_("ta_secretary")
    wrong = user.post("/auth/password", json={"current_password": "nope12345", "new_password": "newpass456"})
    assert wrong.status_code == 422
    assert error_code(wrong) == "invalid_current_password"
    weak = user.post("/auth/password", json={"current_password": PASSWORD, "new_password": "short"})
    assert weak.status_code == 422
    letters_only = user.post("/auth/password", json={"current_password": PASSWORD, "new_password": "abcdefghij"})
    assert letters_only.status_code == 422
    same = user.post("/auth/password", json={"current_password": PASSWORD, "new_password": PASSWORD})
    assert same.status_code == 422
    assert user.get("/auth/me").status_code == 200  # nothing was revoked by refused attempts


def test_deactivation_stops_existing_tokens(api):
    worker = api.fresh("va1_worker")
    assert worker.get("/auth/me").status_code == 200
    admin = api.as_("county_admin")
    assert admin.post(f"/users/{api.world.user_id('va1_worker')}/deactivate").status_code == 200
    assert worker.get("/auth/me").status_code == 401
