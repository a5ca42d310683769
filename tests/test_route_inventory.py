"""Protected is the default: every route outside the public allow-list depends on the principal and declares
exactly one permission, and really refuses a request without a token."""

import pytest

from app.authz.permissions import Permission
from app.kit.caller import Requires
from tests.support.api import error_code
from tests.support.routes import api_routes

PUBLIC = {
    ("GET", "/api/v1/openapi.json"),
    ("GET", "/api/v1/health"),
    ("GET", "/api/v1/ping"),
    ("GET", "/api/v1/meta/enums"),
    ("GET", "/api/v1/meta/attachments"),
    ("POST", "/api/v1/auth/login"),
    ("POST", "/api/v1/auth/token"),
    ("POST", "/api/v1/auth/refresh"),
    ("POST", "/api/v1/auth/logout"),  # the refresh token in the body is the credential
    # 公示 (SPEC §5.1): the announcement of selected cases is readable, and objections can be filed, without
    # login; filing is validated and rate-limited per client address (tests/cases/test_objections.py).
    ("GET", "/api/v1/public/announcements"),
    ("GET", "/api/v1/public/announcements/{round_id}"),
    ("GET", "/api/v1/public/announcements/{round_id}/cases/{case_id}"),
    ("POST", "/api/v1/public/announcements/{round_id}/cases/{case_id}/objections"),
}


def _requirements(dependant) -> list[Requires]:  # type: ignore[no-untyped-def]
    found = [dependant.call] if isinstance(dependant.call, Requires) else []
    for sub in dependant.dependencies:
        found += _requirements(sub)
    return found


def _protected(app):  # type: ignore[no-untyped-def]
    return [r for r in api_routes(app) if (r.method, r.path) not in PUBLIC]


def test_every_protected_route_declares_one_permission(app):
    routes = api_routes(app)
    assert {(r.method, r.path) for r in routes} >= PUBLIC - {("GET", "/api/v1/openapi.json")}
    for route in routes:
        requirements = _requirements(route.context.dependant)
        if (route.method, route.path) in PUBLIC:
            assert requirements == [], route.path
        else:
            assert len(requirements) == 1, f"{route.method} {route.path} must depend on exactly one Requires()"
            assert isinstance(requirements[0].permission, Permission)


def test_protected_routes_refuse_anonymous_requests(app, client):
    for route in _protected(app):
        path = route.path.replace("{", "").replace("}", "")
        for name in ("org_id", "user_id", "assignment_id"):
            path = path.replace(name, "1")
        response = client.request(route.method, path)
        assert response.status_code == 401, f"{route.method} {route.path}"
        assert error_code(response) == "unauthorized"


@pytest.mark.parametrize("path", ["/api/v1/health", "/api/v1/ping", "/api/v1/meta/enums"])
def test_public_reads_need_no_token(client, path):
    assert client.get(path).status_code == 200


def test_enum_labels_are_served_in_chinese(client):
    enums = client.get("/api/v1/meta/enums").json()
    assert {"value": "branch", "label": "党支部"} in enums["org_kind"]
    assert {"value": "judge", "label": "评审专家"} in enums["role"]
