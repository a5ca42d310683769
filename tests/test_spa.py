"""The built SPA is served with history-mode routing, and never changes how the API answers."""

from fastapi.testclient import TestClient

from app.main import create_app
from app.spa import install_spa


def _app_with_spa(tmp_path):  # type: ignore[no-untyped-def]
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><title>党建</title>", encoding="utf-8")
    (tmp_path / "assets" / "app.js").write_text("console.log(1)", encoding="utf-8")
    (tmp_path / "favicon.ico").write_bytes(b"icon")
    app = create_app()
    app.router.routes[:] = [r for r in app.router.routes if getattr(r, "name", "") != "assets"]
    install_spa(app, tmp_path)
    return app


def test_history_mode_paths_get_index_html(tmp_path, clean_db):
    with TestClient(_app_with_spa(tmp_path)) as client:
        for path in ("/", "/problems/42", "/login?next=/orgs"):
            response = client.get(path)
            assert response.status_code == 200 and "党建" in response.text, path
        assert client.get("/assets/app.js").text == "console.log(1)"
        assert client.get("/favicon.ico").content == b"icon"
        assert client.get("/../pyproject.toml").status_code in (200, 404)
        assert "党建" in client.get("/../pyproject.toml").text  # traversal falls back to index.html


def test_api_answers_the_same_with_the_spa_installed(tmp_path, clean_db):
    with TestClient(_app_with_spa(tmp_path)) as client:
        unknown = client.get("/api/v1/nothing-here")
        assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "not_found"
        assert client.patch("/api/v1/audit-events/1", json={}).status_code == 404
        assert client.post("/some/page").status_code == 404
