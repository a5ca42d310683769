"""Serving the built SPA (frontend/dist) with history-mode routing.

The SPA is a fallback for GET requests that matched no route and are not under /api/, instead of a catch-all
route: a catch-all would answer 405 for unknown API paths with other methods, so the API's behaviour would
depend on whether the SPA happens to be built.
"""

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.requests import Request

SPA_DIR = Path(__file__).resolve().parent.parent / "frontend" / "dist"


class Spa:
    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.index = self.root / "index.html"

    def handles(self, request: Request) -> bool:
        return request.method in ("GET", "HEAD") and not request.url.path.startswith(("/api/", "/docs"))

    def response(self, request: Request) -> Response:
        candidate = (self.root / request.url.path.lstrip("/")).resolve()
        if candidate.is_file() and candidate.is_relative_to(self.root):
            return FileResponse(candidate)
        return FileResponse(self.index, headers={"Cache-Control": "no-cache"})


def install_spa(app: FastAPI, root: Path = SPA_DIR) -> Spa | None:
    if not (root / "index.html").is_file():
        return None
    if (root / "assets").is_dir():
        # Hashed file names: cache for a year.
        app.mount("/assets", StaticFiles(directory=root / "assets"), name="assets")
    spa = Spa(root)
    app.state.spa = spa
    return spa
