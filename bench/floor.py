"""The app as `serve` builds it, plus two reference endpoints that show what this stack costs per request before
any product logic, measured in the same process and the same run as the product's endpoints:

- /api/v1/bench-floor/query — no token; one threadpool hop that reads twenty tracked items with a prebuilt Core
  statement and returns them as JSON bytes (PERFORMANCE.md's "20 rows, Core columns, prebuilt statement, one
  threadpool hop").
- /api/v1/bench-floor/auth — the same read behind the product's own token check and unit of work (`Requires`,
  `Caller`: the login's liveness and roles loaded from the database), and nothing else.

Served only by the benchmark (`uvicorn bench.floor:app`); the product never mounts these routes.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from sqlalchemy import Connection, Integer, bindparam, select

from app.authz.permissions import Permission
from app.core.db import get_database
from app.kit.caller import JSON, Caller, requires
from app.kit.route_index import install_route_index
from app.main import create_app
from app.models.tracking import TrackedItem

_items = TrackedItem.__table__
_PAGE = (
    select(_items.c.id, _items.c.title, _items.c.status, _items.c.deadline, _items.c.org_id)
    .order_by(_items.c.id.desc())
    .limit(bindparam("limit", type_=Integer))
)


def _page_json(connection: Connection) -> bytes:
    rows = connection.execute(_PAGE, {"limit": 20}).all()
    items: list[dict[str, Any]] = [
        {"id": r.id, "title": r.title, "status": r.status, "deadline": str(r.deadline), "org_id": r.org_id}
        for r in rows
    ]
    return json.dumps({"items": items}, ensure_ascii=False).encode()


def _query_only() -> bytes:
    with get_database().engine.connect() as connection:
        return _page_json(connection)


app = create_app()


@app.get("/api/v1/bench-floor/query")
async def query() -> Response:
    return Response(await run_in_threadpool(_query_only), media_type=JSON)


@app.get("/api/v1/bench-floor/auth")
async def authenticated(call: Annotated[Caller, requires(Permission.problem_read)]) -> Response:
    return await call(lambda session, _principal: Response(_page_json(session.connection()), media_type=JSON))


# Index the routes again, these two included, so that finding them costs what finding a product route costs.
install_route_index(app.router, "/api/v1/")
