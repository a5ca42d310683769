"""SPEC §7 conventions that every endpoint shares."""

from concurrent.futures import ThreadPoolExecutor

import httpx2
from sqlalchemy import func, select

from app.models.orgs import Org
from tests.support.api import error_code
from tests.support.live import live_server

NEW_ORG = {"name": "幂等测试党支部", "kind": "branch", "level": "village", "domain": "rural"}


def _count(db, name: str) -> int:
    with db.transaction() as s:
        return int(s.scalar(select(func.count()).select_from(Org).where(Org.name == name)) or 0)


def test_idempotent_replay_returns_the_first_response_and_creates_once(api, db):
    admin = api.as_("ta_admin")
    body = NEW_ORG | {"parent_id": api.world.org_id("ta")}
    first = admin.post("/orgs", json=body, headers={"Idempotency-Key": "k-1"})
    second = admin.post("/orgs", json=body, headers={"Idempotency-Key": "k-1"})
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert second.headers["idempotent-replayed"] == "true"
    assert _count(db, NEW_ORG["name"]) == 1
    audit = admin.get("/audit-events", params={"object_type": "org", "action": "created"}).json()
    assert sum(1 for a in audit["items"] if a["object_id"] == str(first.json()["id"])) == 1


def test_same_key_with_a_different_body_is_refused(api, db):
    admin = api.as_("ta_admin")
    body = NEW_ORG | {"parent_id": api.world.org_id("ta")}
    assert admin.post("/orgs", json=body, headers={"Idempotency-Key": "k-2"}).status_code == 201
    other = admin.post("/orgs", json=body | {"name": "另一个"}, headers={"Idempotency-Key": "k-2"})
    assert other.status_code == 422 and error_code(other) == "idempotency_key_reused"
    assert _count(db, "另一个") == 0


def test_keys_are_per_user_and_expire_after_24_hours(api, db, fake_clock):
    body = NEW_ORG | {"parent_id": api.world.org_id("ta")}
    assert api.as_("ta_admin").post("/orgs", json=body, headers={"Idempotency-Key": "k-3"}).status_code == 201
    assert api.as_("county_admin").post("/orgs", json=body, headers={"Idempotency-Key": "k-3"}).status_code == 201
    assert _count(db, NEW_ORG["name"]) == 2
    fake_clock.advance(hours=24, seconds=1)
    admin = api.fresh("ta_admin")
    assert admin.post("/orgs", json=body, headers={"Idempotency-Key": "k-3"}).status_code == 201
    assert _count(db, NEW_ORG["name"]) == 3


def test_failed_requests_are_not_remembered(api, db):
    admin = api.as_("ta_admin")
    refused = admin.post(
        "/orgs",
        json=NEW_ORG | {"parent_id": api.world.org_id("ta"), "code": "T-B-1"},
        headers={"Idempotency-Key": "k-4"},
    )
    assert refused.status_code == 409
    fixed = admin.post(
        "/orgs",
        json=NEW_ORG | {"parent_id": api.world.org_id("ta"), "code": "T-A-9"},
        headers={"Idempotency-Key": "k-4"},
    )
    assert fixed.status_code == 201


def test_concurrent_retries_with_one_key_create_once(app, api, db):
    token = api.as_("ta_admin").tokens["access_token"]
    body = NEW_ORG | {"parent_id": api.world.org_id("ta")}
    with live_server(app) as base:

        def post(_: int) -> httpx2.Response:
            return httpx2.post(
                f"{base}/orgs",
                json=body,
                timeout=30,
                headers={"Authorization": f"Bearer {token}", "Idempotency-Key": "race"},
            )

        with ThreadPoolExecutor(8) as pool:
            responses = list(pool.map(post, range(8)))
    assert {r.status_code for r in responses} == {201}
    assert len({r.json()["id"] for r in responses}) == 1
    assert _count(db, NEW_ORG["name"]) == 1


def test_body_size_limit_is_413_with_the_envelope(api, db):
    admin = api.as_("ta_admin")
    huge = NEW_ORG | {"parent_id": api.world.org_id("ta"), "short_name": "x" * 2_000_000}
    response = admin.post("/orgs", json=huge)
    assert response.status_code == 413
    assert error_code(response) == "payload_too_large"
    assert _count(db, NEW_ORG["name"]) == 0


def test_errors_always_use_the_envelope(api):
    admin = api.as_("ta_admin")
    cases = [
        (admin.get("/no-such-thing"), 404, "not_found"),
        (admin.request("PUT", "/orgs"), 405, "method_not_allowed"),
        (
            admin.post("/orgs", content=b"{not json", headers={"content-type": "application/json"}),
            422,
            "validation_error",
        ),
        (admin.get("/orgs/abc"), 422, "validation_error"),
        (api.anonymous("GET", "/orgs"), 401, "unauthorized"),
    ]
    for response, status, code in cases:
        assert response.status_code == status, response.text
        assert error_code(response) == code
        assert response.json()["error"]["message"]


def test_validation_messages_are_chinese_and_located(api):
    response = api.as_("ta_admin").post("/orgs", json={"parent_id": api.world.org_id("ta")})
    fields = {tuple(f["loc"]): f["message"] for f in response.json()["error"]["fields"]}
    assert fields[("body", "name")] == "必填"
    assert fields[("body", "kind")] == "必填"
