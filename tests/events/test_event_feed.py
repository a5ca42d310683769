from tests.support.world import PASSWORD


def _touch(api, actor: str, org_key: str, name: str) -> None:
    assert api.as_(actor).patch(f"/orgs/{api.world.org_id(org_key)}", json={"name": name}).status_code == 200


def test_feed_pages_in_commit_order_with_a_cursor(api):
    for i in range(5):
        _touch(api, "ta_admin", "va1", f"甲一村 第{i}次")
    organizer = api.as_("county_organizer")
    first = organizer.get("/events", params={"after": 0, "limit": 1000}).json()
    ids = [e["id"] for e in first["items"]]
    assert ids == sorted(ids) and first["next_after"] == ids[-1]
    mine = [e for e in first["items"] if e["type"] == "org.updated" and e["object_id"] == str(api.world.org_id("va1"))]
    assert [e["data"]["name"] for e in mine[-5:]] == [f"甲一村 第{i}次" for i in range(5)]
    event = mine[-1]
    assert set(event) == {"id", "type", "object_type", "object_id", "org_id", "occurred_at", "data"}
    assert event["object_type"] == "org" and event["org_id"] == api.world.org_id("va1")
    assert event["occurred_at"].endswith("Z") and event["data"]["changed"] == ["name"]
    # paging by cursor walks the same sequence
    walked, cursor = [], 0
    while True:
        page = organizer.get("/events", params={"after": cursor, "limit": 3}).json()
        if not page["items"]:
            assert page["next_after"] == cursor
            break
        walked += [e["id"] for e in page["items"]]
        cursor = page["next_after"]
    assert walked == ids
    _touch(api, "ta_admin", "va2", "新名字")
    newer = organizer.get("/events", params={"after": cursor}).json()["items"]
    assert [e["type"] for e in newer] == ["org.updated"]


def test_feed_is_scoped(api):
    _touch(api, "ta_admin", "va1", "甲")
    _touch(api, "tb_admin", "vb1", "乙")
    ta = api.as_("ta_organizer").get("/events", params={"limit": 1000}).json()["items"]
    w = api.world
    assert ta and {e["org_id"] for e in ta} <= {w.org_id("ta"), w.org_id("va1"), w.org_id("va2")}
    assert api.as_("ta_secretary").get("/events").status_code == 403


def test_service_account_reads_the_feed_with_client_credentials(api):
    _touch(api, "tb_admin", "vb2", "乙二")
    token = api.client.post(
        "/api/v1/auth/token",
        data={"grant_type": "client_credentials", "client_id": "platform", "client_secret": PASSWORD},
    ).json()
    feed = api.client.get(
        "/api/v1/events", params={"limit": 1000}, headers={"Authorization": f"Bearer {token['access_token']}"}
    )
    assert feed.status_code == 200
    assert any(e["object_id"] == str(api.world.org_id("vb2")) for e in feed.json()["items"])
    # read-only: a service account cannot write
    write = api.client.patch(
        f"/api/v1/orgs/{api.world.org_id('vb2')}",
        json={"name": "x"},
        headers={"Authorization": f"Bearer {token['access_token']}"},
    )
    assert write.status_code == 403


def test_feed_parameters_are_validated(api):
    organizer = api.as_("county_organizer")
    assert organizer.get("/events", params={"limit": 1001}).status_code == 422
    assert organizer.get("/events", params={"limit": 0}).status_code == 422
    assert organizer.get("/events", params={"after": -1}).status_code == 422
