"""Scope-matrix entries for the backbone's reads (see tests/support/inventory.py)."""

from collections.abc import Callable
from typing import Any

LISTS: dict[str, Callable[[dict[str, Any]], int]] = {
    "/api/v1/orgs": lambda row: row["id"],
    "/api/v1/users": lambda row: row["org_id"],
    "/api/v1/role-assignments": lambda row: row["org_id"],
    "/api/v1/audit-events": lambda row: row["org_id"],
    "/api/v1/events": lambda row: row["org_id"],
}
DETAILS = {
    "/api/v1/orgs/{org_id}": "/api/v1/orgs",
    "/api/v1/orgs/{org_id}/children": "/api/v1/orgs",
    "/api/v1/users/{user_id}": "/api/v1/users",
    "/api/v1/role-assignments/{assignment_id}": "/api/v1/role-assignments",
}
GET_EXEMPT = {
    "/api/v1/health": "public, no data",
    "/api/v1/ping": "public, no data",
    "/api/v1/meta/enums": "public labels, no data",
    "/api/v1/meta/attachments": "public limits, no data",
    "/api/v1/auth/me": "only the caller's own account",
    "/api/v1/orgs/tree": "tested in tests/orgs (roots are the caller's scope roots)",
}


def activity(api: Any) -> None:
    for side, village in (("ta", "va1"), ("tb", "vb1")):
        api.as_(f"{side}_admin").patch(f"/orgs/{api.world.org_id(village)}", json={"short_name": "改"})
