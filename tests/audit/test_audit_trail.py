"""Every write leaves an audit row and an outbox event, in the same transaction as the change."""

import pytest
from sqlalchemy import func, select

from app.models.records import AuditEvent, Event
from tests.support.inventory import merged
from tests.support.routes import api_routes

WRITES = merged("WRITES")
NOT_AUDITED = merged("NOT_AUDITED")


def test_every_write_route_has_an_audit_scenario(app):
    writes = {(r.method, r.path) for r in api_routes(app) if r.method not in {"GET", "OPTIONS"}}
    missing = writes - NOT_AUDITED - set(WRITES)
    assert not missing, f"add an audit scenario (tests/<domain>/scenarios.py) for {sorted(missing)}"
    assert set(WRITES) <= writes, "scenarios for routes that no longer exist"


@pytest.mark.parametrize("route", sorted(WRITES), ids=lambda r: f"{r[0]} {r[1]}")
def test_write_leaves_audit_row_and_event(api, db, route):
    write = WRITES[route]
    actor_id = api.world.user_id(write.actor) if write.actor else None
    with db.transaction() as s:
        first_new = (s.scalar(select(func.max(AuditEvent.id))) or 0) + 1
        first_new_event = (s.scalar(select(func.max(Event.id))) or 0) + 1
    captured = write.before(api) if write.before else None
    response = write.call(api, captured) if captured is not None else write.call(api)
    object_id = captured if captured is not None else write.object_id(api, response)
    assert response.status_code < 300, response.text
    with db.transaction() as s:
        audit = s.scalars(
            select(AuditEvent).where(
                AuditEvent.id >= first_new,
                AuditEvent.object_type == write.object_type,
                AuditEvent.object_id == object_id,
                AuditEvent.action == write.action,
            )
        ).all()
        events = s.scalars(
            select(Event).where(
                Event.id >= first_new_event,
                Event.type == f"{write.object_type}.{write.action}",
                Event.object_id == object_id,
            )
        ).all()
    assert len(audit) == 1, (route, [a.action for a in audit])
    assert audit[0].actor_id == actor_id
    assert audit[0].client_ip == "testclient"
    assert audit[0].org_path.startswith("/")
    assert len(events) == (1 if write.emits_event else 0)


def test_audit_records_before_and_after_and_redacts_secrets(api):
    admin = api.as_("ta_admin")
    target = api.world.user_id("va1_worker")
    admin.patch(f"/users/{target}", json={"full_name": "新名字", "password": "another123"})
    rows = admin.get("/audit-events", params={"object_type": "user", "object_id": str(target)}).json()["items"]
    change = rows[0]["changes"]
    assert rows[0]["action"] == "password_reset"
    assert change["full_name"] == ["测试va1_worker", "新名字"]
    assert change["password_hash"] == ["***", "***"]
    assert "version" not in change and "updated_at" not in change


def test_failed_write_leaves_no_trace(api, db):
    """A change that fails after a flush rolls back with its audit rows and events."""
    w = api.world
    admin = api.as_("county_admin")
    with db.transaction() as s:
        before = (
            s.scalar(select(func.count()).select_from(AuditEvent)),
            s.scalar(select(func.count()).select_from(Event)),
        )
    response = admin.patch(f"/orgs/{w.org_id('ta')}", json={"name": "不该保存", "parent_id": w.org_id("va1")})
    assert response.status_code == 409
    with db.transaction() as s:
        after = (
            s.scalar(select(func.count()).select_from(AuditEvent)),
            s.scalar(select(func.count()).select_from(Event)),
        )
    assert after == before
    assert admin.get(f"/orgs/{w.org_id('ta')}").json()["name"] == "甲镇党委"


def test_audit_query_filters_scope_and_order(api, fake_clock):
    w = api.world
    api.as_("ta_admin").patch(f"/orgs/{w.org_id('va1')}", json={"name": "甲一村（改）"})
    fake_clock.advance(minutes=5)
    api.as_("tb_admin").patch(f"/orgs/{w.org_id('vb1')}", json={"name": "乙一村（改）"})
    ta_rows = api.as_("ta_organizer").get("/audit-events").json()["items"]
    assert ta_rows and all(r["org_id"] in {w.org_id("ta"), w.org_id("va1"), w.org_id("va2")} for r in ta_rows)
    county = api.as_("county_organizer").get("/audit-events", params={"object_type": "org"}).json()["items"]
    assert [r["object_id"] for r in county][:2] == [
        str(w.org_id("vb1")),
        str(w.org_id("va1")),
    ]  # newest first
    by_actor = api.as_("county_admin").get("/audit-events", params={"actor_id": w.user_id("tb_admin")}).json()
    assert by_actor["total"] >= 1 and all(r["actor_id"] == w.user_id("tb_admin") for r in by_actor["items"])
    window = (
        api.as_("county_admin")
        .get(
            "/audit-events",
            params={"object_type": "org", "since": (fake_clock.now.replace(microsecond=0)).isoformat()},
        )
        .json()
    )
    assert [r["object_id"] for r in window["items"]] == [str(w.org_id("vb1"))]
    assert api.as_("ta_secretary").get("/audit-events").status_code == 403


def test_audit_trail_cannot_be_changed_through_the_api(api):
    admin = api.as_("county_admin")
    assert admin.post("/audit-events", json={}).status_code == 405
    assert admin.delete("/audit-events").status_code == 405
    assert admin.patch("/audit-events/1", json={}).status_code == 404
