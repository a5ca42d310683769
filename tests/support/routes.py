from dataclasses import dataclass
from typing import Any

from fastapi.routing import iter_route_contexts


@dataclass(frozen=True)
class ApiRoute:
    method: str
    path: str
    context: Any  # fastapi.routing.RouteContext (exposes dependant, response_model, ...)


def api_routes(app: Any) -> list[ApiRoute]:
    """Every (method, path) the app serves under /api/v1, with included routers flattened."""
    found = []
    for rc in iter_route_contexts(app.routes):
        if not (rc.path or "").startswith("/api/v1") or getattr(rc, "dependant", None) is None:
            continue
        for method in sorted(rc.methods or ()):
            if method != "HEAD":
                found.append(ApiRoute(method, rc.path, rc))
    return found
