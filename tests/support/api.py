"""Clients that log in through the real endpoint and speak the API's conventions."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from httpx2 import Response

from app.core import clock
from tests.support.world import PASSWORD, World


class UserClient:
    def __init__(self, client: TestClient, username: str, tokens: dict[str, Any]) -> None:
        self.client = client
        self.username = username
        self.tokens = tokens
        self.logged_in_at = clock.now()

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens['access_token']}"}

    def request(self, method: str, url: str, *, headers: dict[str, str] | None = None, **kw: Any) -> Response:
        return self.client.request(method, "/api/v1" + url, headers={**self.headers, **(headers or {})}, **kw)

    def get(self, url: str, **kw: Any) -> Response:
        return self.request("GET", url, **kw)

    def post(self, url: str, **kw: Any) -> Response:
        return self.request("POST", url, **kw)

    def patch(self, url: str, **kw: Any) -> Response:
        return self.request("PATCH", url, **kw)

    def delete(self, url: str, **kw: Any) -> Response:
        return self.request("DELETE", url, **kw)


class Api:
    def __init__(self, client: TestClient, world: World) -> None:
        self.client = client
        self.world = world
        self._cache: dict[str, UserClient] = {}

    def login(self, username: str, password: str = PASSWORD) -> Response:
        return self.client.post("/api/v1/auth/login", json={"username": username, "password": password})

    def as_(self, username: str) -> UserClient:
        """A logged-in client, reused across calls; logs in again when a pinned clock has moved on."""
        cached = self._cache.get(username)
        if cached is None or abs((clock.now() - cached.logged_in_at).total_seconds()) > 600:
            response = self.login(username)
            assert response.status_code == 200, response.text
            cached = self._cache[username] = UserClient(self.client, username, response.json())
        return cached

    def fresh(self, username: str) -> UserClient:
        """A separate login (its own token family)."""
        response = self.login(username)
        assert response.status_code == 200, response.text
        return UserClient(self.client, username, response.json())

    def anonymous(self, method: str, url: str, **kw: Any) -> Response:
        return self.client.request(method, "/api/v1" + url, **kw)


def error_code(response: Response) -> str:
    body = response.json()
    assert set(body) == {"error"}, body
    assert {"code", "message", "fields"} <= set(body["error"]), body
    return str(body["error"]["code"])
