"""Audit scenarios for the backbone's write routes (see tests/support/inventory.py)."""

from collections.abc import Callable
from typing import Any

from tests.support.api import Api
from tests.support.inventory import Write, created_id
from tests.support.world import PASSWORD


def _org(key: str) -> Callable[[Api, Any], str]:
    return lambda api, _: str(api.world.org_id(key))


def _user(key: str) -> Callable[[Api, Any], str]:
    return lambda api, _: str(api.world.user_id(key))


def _assignment_of(api: Api, username: str) -> int:
    rows = api.as_("county_admin").get("/role-assignments", params={"user_id": api.world.user_id(username)}).json()
    return int(rows["items"][0]["id"])


WRITES: dict[tuple[str, str], Write] = {
    ("POST", "/api/v1/orgs"): Write(
        "ta_admin",
        lambda a: a.as_("ta_admin").post(
            "/orgs",
            json={
                "name": "新支部",
                "kind": "branch",
                "level": "village",
                "domain": "rural",
                "parent_id": a.world.org_id("ta"),
            },
        ),
        "org",
        "created",
        created_id,
    ),
    ("PATCH", "/api/v1/orgs/{org_id}"): Write(
        "ta_admin",
        lambda a: a.as_("ta_admin").patch(f"/orgs/{a.world.org_id('va1')}", json={"name": "改名"}),
        "org",
        "updated",
        _org("va1"),
    ),
    ("POST", "/api/v1/orgs/{org_id}/dissolve"): Write(
        "ta_admin",
        lambda a: a.as_("ta_admin").post(f"/orgs/{a.world.org_id('va2')}/dissolve"),
        "org",
        "dissolved",
        _org("va2"),
    ),
    ("POST", "/api/v1/orgs/{org_id}/restore"): Write(
        "ta_admin",
        lambda a: (
            a.as_("ta_admin").post(f"/orgs/{a.world.org_id('va2')}/dissolve"),
            a.as_("ta_admin").post(f"/orgs/{a.world.org_id('va2')}/restore"),
        )[1],
        "org",
        "restored",
        _org("va2"),
    ),
    ("POST", "/api/v1/users"): Write(
        "ta_admin",
        lambda a: a.as_("ta_admin").post(
            "/users",
            json={
                "username": "someone",
                "password": "pass12345",
                "full_name": "某人",
                "org_id": a.world.org_id("va1"),
            },
        ),
        "user",
        "created",
        created_id,
    ),
    ("PATCH", "/api/v1/users/{user_id}"): Write(
        "ta_admin",
        lambda a: a.as_("ta_admin").patch(f"/users/{a.world.user_id('va1_worker')}", json={"full_name": "新名字"}),
        "user",
        "updated",
        _user("va1_worker"),
    ),
    ("POST", "/api/v1/users/{user_id}/deactivate"): Write(
        "ta_admin",
        lambda a: a.as_("ta_admin").post(f"/users/{a.world.user_id('va1_worker')}/deactivate"),
        "user",
        "deactivated",
        _user("va1_worker"),
    ),
    ("POST", "/api/v1/users/{user_id}/activate"): Write(
        "ta_admin",
        lambda a: (
            a.as_("ta_admin").post(f"/users/{a.world.user_id('va1_worker')}/deactivate"),
            a.as_("ta_admin").post(f"/users/{a.world.user_id('va1_worker')}/activate"),
        )[1],
        "user",
        "activated",
        _user("va1_worker"),
    ),
    ("POST", "/api/v1/role-assignments"): Write(
        "ta_admin",
        lambda a: a.as_("ta_admin").post(
            "/role-assignments",
            json={
                "user_id": a.world.user_id("va1_worker"),
                "role": "member",
                "org_id": a.world.org_id("va1"),
            },
        ),
        "role_assignment",
        "created",
        created_id,
    ),
    ("DELETE", "/api/v1/role-assignments/{assignment_id}"): Write(
        "ta_admin",
        lambda a, assignment_id: a.as_("ta_admin").delete(f"/role-assignments/{assignment_id}"),
        "role_assignment",
        "deleted",
        lambda a, _: "",
        before=lambda a: str(_assignment_of(a, "va1_worker")),
    ),
    ("POST", "/api/v1/auth/password"): Write(
        "ta_secretary",
        lambda a: a.as_("ta_secretary").post(
            "/auth/password", json={"current_password": PASSWORD, "new_password": "changed123"}
        ),
        "user",
        "password_changed",
        _user("ta_secretary"),
    ),
    ("POST", "/api/v1/auth/login"): Write(
        "ta_secretary",
        lambda a: a.login("ta_secretary"),
        "user",
        "login",
        _user("ta_secretary"),
        emits_event=False,
    ),
    ("POST", "/api/v1/auth/logout"): Write(
        "ta_secretary",
        lambda a: a.client.post(
            "/api/v1/auth/logout", json={"refresh_token": a.login("ta_secretary").json()["refresh_token"]}
        ),
        "user",
        "logout",
        _user("ta_secretary"),
        emits_event=False,
    ),
}


NOT_AUDITED = {("POST", "/api/v1/auth/token"), ("POST", "/api/v1/auth/refresh")}
