"""Statistics for any org in scope, from the maintained counters: one subtree's overview, and its children
ranked by a metric (排名通报). Cost is independent of how many rows the subtree holds."""

from typing import Any

from sqlalchemy.orm import Session

from app.authz.permissions import Permission
from app.authz.principal import Principal, authorize
from app.core import clock
from app.core.errors import Unprocessable
from app.orgs import repository as org_repository
from app.stats import repository
from app.stats.rollups import ALL
from app.tracking.kinds import KINDS


def _kind_stats(kind: str, org_id: int, counts: dict[tuple[int, str, str], int], overdue: int) -> dict[str, Any]:
    registered = KINDS[kind]
    by_status = {s: counts.get((org_id, kind, s), 0) for s in sorted(registered.workflow.statuses)}
    total = counts.get((org_id, kind, ALL), 0)
    done = sum(by_status.get(s, 0) for s in registered.done)
    terminal = sum(by_status.get(s, 0) for s in registered.workflow.terminal)
    return {
        "kind": kind,
        "label": registered.label or kind,
        "total": total,
        "open": total - terminal,
        "done": done,
        "done_rate": round(done / total, 4) if total else 0.0,
        "overdue": overdue,
        "by_status": by_status,
    }


def _target(session: Session, principal: Principal, org_id: int | None) -> Any:
    if org_id is None:
        roots = principal.scope_paths(Permission.stats_read)
        org_id = repository.org_of_path(roots[0])
    org = org_repository.get_readable(session, principal, org_id)
    authorize(principal, Permission.stats_read, org.path)
    return org


def overview(session: Session, principal: Principal, org_id: int | None) -> dict[str, Any]:
    org = _target(session, principal, org_id)
    kinds = sorted(KINDS)
    counts = repository.counts(session, [org.id], ["org", "user", *kinds])
    overdue = repository.overdue(session, [org.id], kinds, clock.today_local())
    return {
        "org_id": org.id,
        "org_name": org.name,
        "orgs": counts.get((org.id, "org", ALL), 0),
        "users": counts.get((org.id, "user", ALL), 0),
        "kinds": [_kind_stats(k, org.id, counts, overdue.get((org.id, k), 0)) for k in kinds],
    }


def ranking(
    session: Session, principal: Principal, org_id: int | None, kind: str, metric: str, descending: bool | None
) -> dict[str, Any]:
    if kind not in KINDS:
        raise Unprocessable(fields=[{"loc": ["query", "kind"], "message": f"可选：{', '.join(sorted(KINDS))}"}])
    org = _target(session, principal, org_id)
    children = repository.children(session, org.id)
    ids = [c.id for c in children]
    counts = repository.counts(session, ids, [kind])
    overdue = repository.overdue(session, ids, [kind], clock.today_local())
    stats = {c.id: _kind_stats(kind, c.id, counts, overdue.get((c.id, kind), 0)) for c in children}
    # Higher is better for rates and totals; fewer is better for overdue items.
    desc = descending if descending is not None else metric != "overdue"
    ordered = sorted(
        children, key=lambda c: (-stats[c.id][metric] if desc else stats[c.id][metric], c.sort_order, c.id)
    )
    items, previous, rank = [], None, 0
    for position, child in enumerate(ordered, start=1):
        value = stats[child.id][metric]
        if value != previous:
            rank, previous = position, value
        items.append(
            {
                "org_id": child.id,
                "org_name": child.name,
                "value": value,
                "rank": rank,
                "total": stats[child.id]["total"],
            }
        )
    return {"org_id": org.id, "kind": kind, "metric": metric, "descending": desc, "items": items}
