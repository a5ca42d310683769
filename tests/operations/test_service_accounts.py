from tests.support.api import error_code


def _token(api, client_id: str, secret: str):  # type: ignore[no-untyped-def]
    return api.client.post(
        "/api/v1/auth/token", data={"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret}
    )


def test_create_use_rotate_and_revoke(api):
    admin = api.as_("ta_admin")
    created = admin.post("/service-accounts", json={"name": "数治平台（甲镇）", "org_id": api.world.org_id("ta")})
    assert created.status_code == 201
    account = created.json()
    assert account["client_id"].startswith("svc_") and len(account["client_secret"]) >= 40
    assert "client_secret" not in admin.get(f"/service-accounts/{account['id']}").json()
    token = _token(api, account["client_id"], account["client_secret"])
    assert token.status_code == 200 and token.json()["refresh_token"] is None
    headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
    get = lambda path: api.client.get("/api/v1" + path, headers=headers)  # noqa: E731
    assert get(f"/orgs/{api.world.org_id('va1')}").status_code == 200
    assert get(f"/orgs/{api.world.org_id('vb1')}").status_code == 404  # its subtree only
    assert get("/events").status_code == 200
    write = api.client.post(
        "/api/v1/orgs",
        headers=headers,
        json={
            "name": "x",
            "parent_id": api.world.org_id("ta"),
            "kind": "branch",
            "level": "village",
            "domain": "rural",
        },
    )
    assert write.status_code == 403  # read-only
    rotated = admin.post(f"/service-accounts/{account['id']}/rotate-secret").json()
    assert get("/auth/me").status_code == 401  # old tokens stop at once
    assert _token(api, account["client_id"], account["client_secret"]).status_code == 401
    fresh = _token(api, account["client_id"], rotated["client_secret"]).json()
    headers["Authorization"] = f"Bearer {fresh['access_token']}"
    revoked = admin.post(f"/service-accounts/{account['id']}/revoke")
    assert revoked.status_code == 200 and revoked.json()["is_active"] is False
    assert get("/auth/me").status_code == 401
    assert _token(api, account["client_id"], rotated["client_secret"]).status_code == 401
    again = admin.post(f"/service-accounts/{account['id']}/revoke")
    assert again.status_code == 409 and error_code(again) == "invalid_transition"


def test_service_account_scope_and_permissions(api):
    created = api.as_("tb_admin").post("/service-accounts", json={"name": "乙镇", "org_id": api.world.org_id("tb")})
    account = created.json()
    assert api.as_("ta_admin").get(f"/service-accounts/{account['id']}").status_code == 404
    assert api.as_("tb_organizer").get("/service-accounts").status_code == 403
    assert (
        api.as_("ta_admin").post("/service-accounts", json={"name": "x", "org_id": api.world.org_id("tb")}).status_code
        == 404
    )
    listed = api.as_("county_admin").get("/service-accounts").json()
    assert {a["client_id"] for a in listed["items"]} >= {"platform", account["client_id"]}
    # people are not service accounts
    assert api.as_("county_admin").get(f"/service-accounts/{api.world.user_id('ta_admin')}").status_code == 404
