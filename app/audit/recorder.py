"""Audit trail and event outbox, written by session hooks so that no write path can forget them.

- before_flush stamps server-owned columns: created/updated at/by, and `org_path` from `org_id`.
- after_flush collects every change of a model that declares `__audit__ = "<object_type>"`. Flushes of the
  same object within one transaction coalesce, so one logical change is one audit row and one event however
  many times a query autoflushed it.
- before_commit writes the audit rows and then the events under a transaction-scoped lock. Holding the lock
  from the insert to the commit makes event ids increase in commit order, so a reader paging with
  `after=<id>` never skips an event that commits late. Rolled-back transactions insert nothing.

A service names a change with `mark(session, obj, "closed")`; unnamed changes are created / updated / deleted.
The audit action and the event type use that same word: `problem.closed`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import event, insert, inspect, text
from sqlalchemy.orm import Session, UOWTransaction

from app.core import clock
from app.models.base import OrgScoped, Timestamped
from app.models.orgs import Org
from app.models.records import AuditEvent, Event

_UNTRACKED = frozenset({"version", "updated_at", "updated_by_id", "created_at", "created_by_id"})
_OUTBOX_LOCK_KEY = 7_101_001
_REDACTED = "***"


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    client_ip: str | None = None


def bind_actor(session: Session, actor: Actor) -> None:
    session.info["actor"] = actor


def mark(session: Session, obj: object, action: str) -> None:
    """Name the change made to `obj` in this transaction (an event type suffix, e.g. "moved", "closed")."""
    session.info.setdefault("marks", {})[id(obj)] = action


def record(
    session: Session,
    *,
    action: str,
    object_type: str,
    object_id: object,
    org_id: int | None,
    org_path: str,
    changes: dict[str, Any] | None = None,
    emit_event: bool = True,
) -> None:
    """Record a change that is not an ORM row change (bulk updates, logins)."""
    actor: Actor = session.info.get("actor") or Actor(None)
    now = clock.now()
    changes = changes or {}
    session.execute(
        insert(AuditEvent),
        [
            {
                "occurred_at": now,
                "actor_id": actor.user_id,
                "action": action,
                "object_type": object_type,
                "object_id": str(object_id),
                "org_id": org_id,
                "org_path": org_path,
                "changes": changes,
                "client_ip": actor.client_ip,
            }
        ],
    )
    if emit_event:
        _buffer_event(session, object_type, action, str(object_id), org_id, org_path, now, changes)


def emit(
    session: Session,
    *,
    object_type: str,
    action: str,
    object_id: object,
    org_id: int | None,
    org_path: str,
    data: dict[str, Any],
) -> None:
    """An event for a fact the system derived (an item became overdue, a term is ending): no row changed, so
    there is no audit row, but the governance platform hears of it through the same outbox."""
    _buffer_event(session, object_type, action, str(object_id), org_id, org_path, clock.now(), data)


def jsonable(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def _org_of(obj: Any) -> tuple[int | None, str]:
    if isinstance(obj, Org):
        return obj.id, obj.path
    path = getattr(obj, "org_path", None)
    if path is None:
        raise RuntimeError(f"{type(obj).__name__} is audited but has no org_path")
    return getattr(obj, "org_id", None), path


def _internal(key: str) -> bool:
    """Server bookkeeping a reader of the audit trail does not need on a "created" row."""
    return key in _UNTRACKED or key == "org_path" or key.endswith("_org_path") or key in ("password_changed_at",)


def _columns(obj: Any) -> list[str]:
    return [c.key for c in inspect(obj).mapper.column_attrs]


def _redacted(obj: Any) -> frozenset[str]:
    return getattr(obj, "__audit_redact__", frozenset())


def _snapshot(obj: Any) -> dict[str, Any]:
    hidden = _redacted(obj)
    return {k: jsonable(getattr(obj, k)) for k in _columns(obj) if k not in hidden}


def _diff(obj: Any) -> dict[str, list[Any]]:
    state = inspect(obj)
    hidden = _redacted(obj)
    changes: dict[str, list[Any]] = {}
    for key in _columns(obj):
        if key in _UNTRACKED:
            continue
        hist = state.attrs[key].history
        if not hist.has_changes():
            continue
        before = hist.deleted[0] if hist.deleted else None
        after = hist.added[0] if hist.added else None
        if before == after:
            continue
        changes[key] = [_REDACTED, _REDACTED] if key in hidden else [jsonable(before), jsonable(after)]
    return changes


def _buffer_event(
    session: Session,
    object_type: str,
    action: str,
    object_id: str,
    org_id: int | None,
    org_path: str,
    now: datetime,
    data: dict[str, Any],
) -> None:
    session.info.setdefault("outbox", []).append(
        {
            "type": f"{object_type}.{action}",
            "object_type": object_type,
            "object_id": object_id,
            "org_id": org_id,
            "org_path": org_path,
            "occurred_at": now,
            "data": data,
        }
    )


@event.listens_for(Session, "before_flush")
def _stamp(session: Session, _ctx: UOWTransaction, _instances: object) -> None:
    actor: Actor = session.info.get("actor") or Actor(None)
    now = clock.now()
    for obj in session.new:
        if isinstance(obj, Timestamped):
            obj.created_at = obj.created_at or now
            obj.updated_at = now
            obj.created_by_id = obj.created_by_id or actor.user_id
            obj.updated_by_id = actor.user_id
        if hasattr(obj, "created_at") and getattr(obj, "created_at", None) is None:
            obj.created_at = now
    for obj in session.dirty:
        if isinstance(obj, Timestamped) and session.is_modified(obj, include_collections=False):
            obj.updated_at = now
            obj.updated_by_id = actor.user_id
    _fill_org_paths(session)


def _fill_org_paths(session: Session) -> None:
    pending = [
        obj
        for obj in (*session.new, *session.dirty)
        if isinstance(obj, OrgScoped) or (hasattr(obj, "org_path") and hasattr(obj, "org_id"))
        if obj.org_path is None or inspect(obj).attrs["org_id"].history.has_changes()
    ]
    if not pending:
        return
    ids = {obj.org_id for obj in pending}
    with session.no_autoflush:
        rows = session.connection().execute(
            Org.__table__.select()
            .with_only_columns(Org.__table__.c.id, Org.__table__.c.path)
            .where(Org.__table__.c.id.in_(ids))
        )
        paths = {r.id: r.path for r in rows}
    for obj in pending:
        if obj.org_id not in paths:
            raise LookupError(f"org {obj.org_id} does not exist")
        obj.org_path = paths[obj.org_id]


@event.listens_for(Session, "after_flush")
def _collect(session: Session, _ctx: UOWTransaction) -> None:
    """Remember what changed. Several flushes of one object in one transaction (a query autoflushing half of a
    change, then the rest) coalesce into one record: the first "before", the last "after"."""
    pending: dict[tuple[str, str], dict[str, Any]] = session.info.setdefault("pending_audit", {})
    for kind, objs in (("created", session.new), ("updated", session.dirty), ("deleted", session.deleted)):
        for obj in objs:
            object_type = getattr(obj, "__audit__", None)
            if object_type is None:
                continue
            if kind == "updated":
                changes: dict[str, Any] = _diff(obj)
                if not changes:
                    continue
            elif kind == "created":
                changes = {k: [None, v] for k, v in _snapshot(obj).items() if v is not None and not _internal(k)}
            else:
                changes = {k: [v, None] for k, v in _snapshot(obj).items()}
            identity = inspect(obj).identity
            object_id = str(identity[0]) if identity else str(obj.id)
            key = (object_type, object_id)
            record_ = pending.get(key)
            if record_ is None:
                pending[key] = {
                    "obj": obj,
                    "kind": kind,
                    "object_type": object_type,
                    "object_id": object_id,
                    "changes": changes,
                }
                continue
            if kind == "deleted" or record_["kind"] == "deleted":
                record_["kind"] = "deleted"
            for field, (before, after) in changes.items():
                if field in record_["changes"]:
                    record_["changes"][field][1] = after
                else:
                    record_["changes"][field] = [before, after]


def _flush_records(session: Session) -> None:
    """Turn the collected changes into audit rows (inserted now) and outbox events (buffered for commit)."""
    pending: dict[tuple[str, str], dict[str, Any]] = session.info.pop("pending_audit", {})
    if not pending:
        return
    actor: Actor = session.info.get("actor") or Actor(None)
    marks: dict[int, str] = session.info.get("marks", {})
    now = clock.now()
    rows: list[dict[str, Any]] = []
    for record_ in pending.values():
        obj, kind = record_["obj"], record_["kind"]
        # Fields changed and changed back within the transaction are dropped; redacted ones always look alike.
        changes = {
            k: v for k, v in record_["changes"].items() if kind != "updated" or v[0] != v[1] or v[0] == _REDACTED
        }
        if kind == "updated" and not changes:
            continue
        action = kind if kind in ("created", "deleted") else marks.get(id(obj), kind)
        if kind == "created" and id(obj) in marks:
            action = "created"
        org_id, org_path = _org_of(obj)
        rows.append(
            {
                "occurred_at": now,
                "actor_id": actor.user_id,
                "action": action,
                "object_type": record_["object_type"],
                "object_id": record_["object_id"],
                "org_id": org_id,
                "org_path": org_path,
                "changes": changes,
                "client_ip": actor.client_ip,
            }
        )
        data = _snapshot(obj) if kind != "deleted" else {"id": record_["object_id"]}
        data["changed"] = sorted(changes)
        _buffer_event(session, record_["object_type"], action, record_["object_id"], org_id, org_path, now, data)
    if rows:
        session.connection().execute(insert(AuditEvent), rows)


@event.listens_for(Session, "before_commit")
def _publish(session: Session) -> None:
    if session.dirty or session.new or session.deleted:
        session.flush()
    _flush_records(session)
    outbox: list[dict[str, Any]] = session.info.pop("outbox", [])
    session.info.pop("marks", None)
    if not outbox:
        return
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _OUTBOX_LOCK_KEY})
    conn.execute(insert(Event), outbox)


@event.listens_for(Session, "after_rollback")
def _discard(session: Session) -> None:
    for key in ("outbox", "marks", "pending_audit"):
        session.info.pop(key, None)
