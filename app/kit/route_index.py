"""Find a request's route by its resource name instead of trying two hundred routes in order.

The app's router matches by walking its route list, and trying a route costs about a microsecond even when the
path obviously differs: a route near the end of the list paid a fifth of a millisecond per request just to be
found. The index groups the API routes by their first segment after the prefix (`/api/v1/problems/...` →
`problems`) into small routers of FastAPI's own kind, which then match, answer 405 and redirect slashes exactly
as the app's router would; every other path (docs, OpenAPI, the SPA, unknown resources) goes to the app's router.
The app's route list stays whole, for OpenAPI and `url_path_for`.
"""

from __future__ import annotations

from fastapi.routing import APIRoute, APIRouter
from starlette.types import Receive, Scope, Send


class RouteIndex:
    def __init__(self, router: APIRouter, prefix: str) -> None:
        self.router = router
        self.prefix = prefix
        self.fallback = router.middleware_stack
        grouped: dict[str, list[APIRoute]] = {}
        for route in router.routes:
            if isinstance(route, APIRoute) and route.path.startswith(prefix):
                segment = route.path[len(prefix) :].split("/", 1)[0]
                if "{" in segment:
                    raise ValueError(f"{route.path}: a resource name must not be a path parameter")
                grouped.setdefault(segment, []).append(route)
        self.buckets = {
            segment: APIRouter(routes=list(routes), redirect_slashes=router.redirect_slashes)
            for segment, routes in grouped.items()
        }

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not scope.get("root_path"):
            path: str = scope["path"]
            if path.startswith(self.prefix):
                bucket = self.buckets.get(path[len(self.prefix) :].split("/", 1)[0])
                if bucket is not None:
                    scope.setdefault("router", self.router)
                    await bucket.middleware_stack(scope, receive, send)
                    return
        await self.fallback(scope, receive, send)


def install_route_index(router: APIRouter, prefix: str) -> None:
    """Call once every route is in place; routes added later are still found, through the app's router, and
    calling it again indexes them too."""
    if isinstance(router.middleware_stack, RouteIndex):
        router.middleware_stack = router.middleware_stack.fallback
    router.middleware_stack = RouteIndex(router, prefix)
