from datetime import timedelta

import httpx

from app.webhooks.dispatch import deliver_due
from tests.support.receiver import receiver


def _subscribe(api, url: str, events: list[str], org: str = "county", by: str = "county_admin"):  # type: ignore[no-untyped-def]
    response = api.as_(by).post(
        "/webhooks", json={"name": "数治柴桑", "org_id": api.world.org_id(org), "url": url, "event_types": events}
    )
    assert response.status_code == 201, response.text
    return response.json()


def _rename(api, org: str, name: str) -> None:  # type: ignore[no-untyped-def]
    admin = "ta_admin" if org in ("ta", "va1", "va2") else "tb_admin"
    assert api.as_(admin).patch(f"/orgs/{api.world.org_id(org)}", json={"name": name}).status_code == 200


def test_signed_delivery_in_order(api):
    with receiver() as hook, httpx.Client() as client:
        subscription = _subscribe(api, hook.url, ["org.updated"])
        hook.secret = subscription["secret"]
        assert subscription["secret"].startswith("whsec_")
        assert "secret" not in api.as_("county_admin").get(f"/webhooks/{subscription['id']}").json()
        for i in range(3):
            _rename(api, "va1", f"甲一村第{i}次")
        assert deliver_due(client) == 3
        assert hook.bad_signatures == 0
        bodies = [r["body"] for r in hook.received]
        assert [b["data"]["name"] for b in bodies] == ["甲一村第0次", "甲一村第1次", "甲一村第2次"]
        assert [b["id"] for b in bodies] == sorted(b["id"] for b in bodies)
        assert set(bodies[0]) == {"id", "type", "object_type", "object_id", "org_id", "occurred_at", "data"}
        assert hook.received[0]["headers"]["X-Event-Type"] == "org.updated"
        assert deliver_due(client) == 0  # nothing twice


def test_receiver_down_then_up_gets_every_event_once_in_order(api, fake_clock):
    with httpx.Client() as client:
        with receiver() as hook:
            subscription = _subscribe(api, hook.url, ["org.*"])
            port = hook.port
        # the receiver is gone (connection refused)
        _rename(api, "va1", "第一次")
        _rename(api, "va2", "第二次")
        assert deliver_due(client) == 0
        state = api.as_("county_admin").get(f"/webhooks/{subscription['id']}").json()
        assert state["failure_count"] == 1 and state["last_error"] and state["cursor"] == subscription["cursor"]
        _rename(api, "va1", "第三次")
        assert deliver_due(client) == 0  # still backing off: no new attempt
        deliveries = api.as_("county_admin").get(f"/webhooks/{subscription['id']}/deliveries").json()
        assert deliveries["total"] == 1 and deliveries["items"][0]["status_code"] is None
        from tests.support.receiver import Receiver

        back = Receiver()
        back.secret = subscription["secret"]
        back.start(port)
        try:
            back.status = 503  # up but failing
            fake_clock.advance(seconds=6)
            assert deliver_due(client) == 0
            assert api.as_("county_admin").get(f"/webhooks/{subscription['id']}").json()["failure_count"] == 2
            back.status = 200
            fake_clock.advance(seconds=11)
            assert deliver_due(client) == 3
            names = [r["body"]["data"]["name"] for r in back.received]
            assert names == ["第一次", "第二次", "第三次"]
            assert back.bad_signatures == 0
            fake_clock.advance(seconds=60)
            assert deliver_due(client) == 0 and len(back.received) == 3
        finally:
            back.stop()
        final = api.as_("county_admin").get(f"/webhooks/{subscription['id']}").json()
        assert final["failure_count"] == 0 and final["next_attempt_at"] is None


def test_subscription_scope_and_types(api):
    with receiver() as hook, httpx.Client() as client:
        subscription = _subscribe(api, hook.url, ["org.dissolved"], org="ta", by="ta_admin")
        hook.secret = subscription["secret"]
        _rename(api, "va1", "只改名")
        api.as_("tb_admin").post(f"/orgs/{api.world.org_id('vb2')}/dissolve")
        api.as_("ta_admin").post(f"/orgs/{api.world.org_id('va2')}/dissolve")
        assert deliver_due(client) == 1
        assert hook.received[0]["body"]["object_id"] == str(api.world.org_id("va2"))


def test_backoff_grows_and_is_capped():
    from app.webhooks.dispatch import backoff

    assert [backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [5, 10, 20, 40]
    assert backoff(30) == timedelta(hours=1)


def test_webhook_management_rules(api):
    admin = api.as_("county_admin")
    bad = admin.post(
        "/webhooks",
        json={"name": "x", "org_id": api.world.org_id("county"), "url": "ftp://x", "event_types": ["org.*"]},
    )
    assert bad.status_code == 422
    assert (
        admin.post(
            "/webhooks",
            json={
                "name": "x",
                "org_id": api.world.org_id("county"),
                "url": "http://127.0.0.1:9/",
                "event_types": ["Org Updated"],
            },
        ).status_code
        == 422
    )
    assert api.as_("ta_organizer").get("/webhooks").status_code == 403
    created = _subscribe(api, "http://127.0.0.1:9/", ["*"], org="tb", by="tb_admin")
    assert api.as_("ta_admin").get(f"/webhooks/{created['id']}").status_code == 404
    rotated = api.as_("tb_admin").post(f"/webhooks/{created['id']}/rotate-secret").json()
    assert rotated["secret"] != created["secret"]
    paused = api.as_("tb_admin").patch(
        f"/webhooks/{created['id']}", json={"is_active": False}, headers={"If-Match": f'"{rotated["version"]}"'}
    )
    assert paused.status_code == 200 and paused.json()["is_active"] is False
    assert api.as_("tb_admin").delete(f"/webhooks/{created['id']}").status_code == 204
    assert api.as_("tb_admin").get(f"/webhooks/{created['id']}").status_code == 404
