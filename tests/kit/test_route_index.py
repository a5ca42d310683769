"""The route index finds the same route, status and headers that the app's own router would."""

from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.kit.route_index import install_route_index


def _client() -> TestClient:
    app = FastAPI()

    @app.get("/api/v1/things")
    async def things() -> dict[str, str]:
        return {"route": "things"}

    @app.get("/api/v1/things/{thing_id}")
    async def thing(thing_id: int) -> dict[str, int]:
        return {"thing_id": thing_id}

    @app.get("/elsewhere")
    async def elsewhere() -> dict[str, str]:
        return {"route": "elsewhere"}

    install_route_index(app.router, "/api/v1/")

    @app.get("/api/v1/late")
    async def late() -> dict[str, str]:
        return {"route": "late"}

    return TestClient(app)


def test_indexed_routes_match_with_their_path_parameters():
    client = _client()
    assert client.get("/api/v1/things").json() == {"route": "things"}
    assert client.get("/api/v1/things/7").json() == {"thing_id": 7}
    assert client.get("/api/v1/things/seven").status_code == 422


def test_misses_inside_a_resource_are_404_and_wrong_methods_405():
    client = _client()
    assert client.get("/api/v1/things/7/parts").status_code == 404
    response = client.post("/api/v1/things")
    assert response.status_code == 405
    assert "GET" in response.headers["allow"]


def test_a_trailing_slash_redirects_as_before():
    response = _client().get("/api/v1/things/", follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"].endswith("/api/v1/things")


def test_paths_outside_the_index_and_later_routes_still_reach_the_app_router():
    client = _client()
    assert client.get("/elsewhere").json() == {"route": "elsewhere"}
    assert client.get("/api/v1/late").json() == {"route": "late"}
    assert client.get("/api/v1/nothing").status_code == 404


def test_indexing_again_takes_in_routes_added_since():
    client = _client()
    install_route_index(client.app.router, "/api/v1/")  # type: ignore[attr-defined]
    assert "late" in client.app.router.middleware_stack.buckets  # type: ignore[attr-defined]
    assert client.get("/api/v1/late").json() == {"route": "late"}
    assert client.get("/api/v1/things/7").json() == {"thing_id": 7}
