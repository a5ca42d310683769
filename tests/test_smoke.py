def test_login_and_me(api):
    me = api.as_("ta_secretary").get("/auth/me")
    assert me.status_code == 200
    assert me.json()["user"]["username"] == "ta_secretary"
