"""Sibling subtrees see none of each other's rows, on every list and detail endpoint.

Every GET route must be declared by some tests/<domain>/scenarios.py (as a list, a detail, or an exemption
with its reason), so a new endpoint cannot skip its scope test."""

from typing import Any

import pytest

from tests.support.inventory import activities, merged
from tests.support.routes import api_routes

LISTS = merged("LISTS")
DETAILS = merged("DETAILS")
GET_EXEMPT = merged("GET_EXEMPT")
SOURCES = merged("SOURCES")
SIDES = {"ta": ("ta", "va1", "va2"), "tb": ("tb", "vb1", "vb2"), "va1": ("va1",), "vb1": ("vb1",)}
PAIRS = [("ta_admin", "ta", "tb_admin", "tb"), ("va1_secretary", "va1", "vb1_secretary", "vb1")]


def test_every_get_route_is_in_the_matrix(app):
    gets = {r.path for r in api_routes(app) if r.method == "GET"}
    declared = set(LISTS) | set(DETAILS) | set(GET_EXEMPT)
    assert gets - declared == set(), "declare these reads in tests/<domain>/scenarios.py"
    assert declared - gets == set(), "declared reads that no longer exist"


def _rows(user, source: str) -> list[dict[str, Any]] | None:  # type: ignore[no-untyped-def]
    if source in SOURCES:
        return SOURCES[source](user)  # type: ignore[no-any-return]
    params = {"limit": 1000} if source == "/api/v1/events" else {"page_size": 100}
    response = user.get(source.removeprefix("/api/v1"), params=params)
    if response.status_code == 403:
        return None
    assert response.status_code == 200, response.text
    return response.json()["items"]  # type: ignore[no-any-return]


def _activity(api) -> None:  # type: ignore[no-untyped-def]
    for activity in activities():
        activity(api)


@pytest.mark.parametrize("pair", PAIRS, ids=lambda p: f"{p[0]}-vs-{p[2]}")
def test_lists_show_only_own_subtree(api, pair):
    _activity(api)
    user_a, side_a, user_b, side_b = pair
    for user, side in ((user_a, side_a), (user_b, side_b)):
        allowed = {api.world.org_id(k) for k in SIDES[side]}
        for path, org_of in LISTS.items():
            rows = _rows(api.as_(user), path)
            if rows is None:
                continue
            assert {org_of(r) for r in rows} <= allowed, (user, path)


@pytest.mark.parametrize("pair", PAIRS, ids=lambda p: f"{p[0]}-vs-{p[2]}")
def test_details_of_the_sibling_subtree_are_404(api, pair):
    _activity(api)
    user_a, _, user_b, _ = pair
    checked = 0
    for me, other in ((user_a, user_b), (user_b, user_a)):
        for detail, source in DETAILS.items():
            rows = _rows(api.as_(other), source)
            if not rows:
                continue
            param = detail[detail.index("{") : detail.index("}") + 1]
            for row in rows:
                path = detail.replace(param, str(row["id"])).removeprefix("/api/v1")
                response = api.as_(me).get(path)
                assert response.status_code in (404, 403), (me, path, response.status_code)
                if response.status_code == 404:
                    checked += 1
    assert checked > 0
