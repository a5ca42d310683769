"""The reminder job (提醒): deadlines within N days, overdue items (escalated to the secretary one level up),
missing monthly reports, ending terms (换届), plus rules other domains register (contact-point shortfalls).

Run once with `python -m app remind`, and on a schedule inside `serve` (one process only). Running it twice
writes nothing twice: every notification carries a dedup key, unique per recipient, and an event is emitted
only for the reminders that were new.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from app.audit.recorder import emit
from app.core import clock
from app.core.config import get_settings
from app.reminders import repository
from app.tracking.kinds import KINDS


@dataclass(frozen=True)
class Reminder:
    """One fact to tell one person about."""

    user_id: int
    org_id: int
    org_path: str
    kind: str
    title: str
    body: str
    object_type: str | None
    object_id: int | None
    dedup_key: str
    event: str | None = None  # event type to emit (once) when the fact is new, e.g. "problem.overdue"
    event_data: dict[str, Any] = field(default_factory=dict)


Rule = Callable[[Session], list[Reminder]]
_RULES: list[Rule] = []


def rule(fn: Rule) -> Rule:
    """Register a reminder rule (other domains register theirs, e.g. contact-point shortfalls)."""
    _RULES.append(fn)
    return fn


def _kind_label(kind: str) -> str:
    registered = KINDS.get(kind)
    return registered.label if registered and registered.label else "事项"


def _answerable(row: Any) -> int | None:
    return row.responsible_user_id or row.secretary_id  # type: ignore[no-any-return]


@rule
def deadlines_soon(session: Session) -> list[Reminder]:
    today = clock.today_local()
    days = get_settings().reminder_deadline_days
    found = []
    for row in repository.items_due_between(session, today, today + timedelta(days=days)):
        user = _answerable(row)
        if user is None:
            continue
        left = (row.deadline - today).days
        when = "今天" if left == 0 else f"{left} 天后"
        found.append(
            Reminder(
                user,
                row.org_id,
                row.org_path,
                "deadline_soon",
                f"{_kind_label(row.kind)}即将到期：{row.title}",
                f"{row.org_name}的{_kind_label(row.kind)}「{row.title}」将于{when}（{row.deadline}）到期。",
                row.kind,
                row.id,
                f"deadline_soon:{row.id}:{row.deadline}",
            )
        )
    return found


@rule
def overdue(session: Session) -> list[Reminder]:
    found = []
    for row in repository.items_overdue(session, clock.today_local()):
        label = _kind_label(row.kind)
        fact = f"{row.id}:{row.deadline}"
        data = {"deadline": row.deadline.isoformat(), "title": row.title}
        user = _answerable(row)
        event: str | None = f"{row.kind}.overdue"
        if user is not None:
            found.append(
                Reminder(
                    user,
                    row.org_id,
                    row.org_path,
                    "overdue",
                    f"{label}已超期：{row.title}",
                    f"{row.org_name}的{label}「{row.title}」已超过办理时限（{row.deadline}），请尽快办理。",
                    row.kind,
                    row.id,
                    f"overdue:{fact}",
                    event,
                    data,
                )
            )
            event = None  # the fact is emitted once, whoever hears of it first
        if row.parent_secretary_id is not None:
            found.append(
                Reminder(
                    row.parent_secretary_id,
                    row.parent_id,
                    row.parent_path,
                    "overdue_escalation",
                    f"下级{label}超期：{row.title}",
                    f"下级党组织{row.org_name}的{label}「{row.title}」已超期（{row.deadline}），请督促办理。",
                    row.kind,
                    row.id,
                    f"overdue_escalation:{fact}",
                    event,
                    data,
                )
            )
    return found


@rule
def missing_monthly_reports(session: Session) -> list[Reminder]:
    today = clock.today_local()
    if today.day < get_settings().reminder_monthly_day:
        return []
    period = f"{today:%Y-%m}"
    found = []
    for kind in KINDS.values():
        if not kind.monthly_statuses:
            continue
        for row in repository.items_missing_report(session, kind.name, kind.monthly_statuses, period):
            user = _answerable(row)
            if user is None:
                continue
            found.append(
                Reminder(
                    user,
                    row.org_id,
                    row.org_path,
                    "monthly_report_missing",
                    f"本月尚未更新上报：{row.title}",
                    f"{row.org_name}的{_kind_label(row.kind)}「{row.title}」{period} 尚未报送进展，请月底前上报。",
                    row.kind,
                    row.id,
                    f"monthly_report_missing:{row.id}:{period}",
                    f"{row.kind}.monthly_report_missing",
                    {"period": period, "title": row.title},
                )
            )
    return found


@rule
def terms_ending(session: Session) -> list[Reminder]:
    today = clock.today_local()
    found = []
    for row in repository.terms_ending(session, today, today + timedelta(days=get_settings().reminder_term_days)):
        text = f"{row.name}本届任期将于 {row.term_end} 届满，请按期做好换届准备。"
        fact = f"{row.id}:{row.term_end}"
        data = {"term_end": row.term_end.isoformat(), "name": row.name}
        event: str | None = "org.term_ending"
        for user, org_id, path, kind in (
            (row.secretary_id, row.id, row.path, "term_ending"),
            (row.parent_secretary_id, row.parent_id, row.parent_path, "term_ending_below"),
        ):
            if user is None:
                continue
            found.append(
                Reminder(
                    user,
                    org_id,
                    path,
                    kind,
                    f"换届提醒：{row.name}",
                    text,
                    "org",
                    row.id,
                    f"{kind}:{fact}",
                    event,
                    data,
                )
            )
            event = None
    return found


def run(session: Session) -> dict[str, int]:
    """Evaluate every rule once; answers how many new notifications each kind produced."""
    reminders = [r for fn in _RULES for r in fn(session)]
    now = clock.now()
    rows = [
        {
            "user_id": r.user_id,
            "org_id": r.org_id,
            "org_path": r.org_path,
            "kind": r.kind,
            "title": r.title[:200],
            "body": r.body,
            "object_type": r.object_type,
            "object_id": r.object_id,
            "dedup_key": r.dedup_key,
            "created_at": now,
        }
        for r in {(r.user_id, r.dedup_key): r for r in reminders}.values()
    ]
    created = repository.insert_new(session, rows)
    counts: dict[str, int] = {}
    for r in reminders:
        if (r.user_id, r.dedup_key) in created:
            counts[r.kind] = counts.get(r.kind, 0) + 1
            if r.event:
                object_type, action = r.event.split(".", 1)
                emit(
                    session,
                    object_type=r.object_type or object_type,
                    action=action,
                    object_id=r.object_id or 0,
                    org_id=r.org_id,
                    org_path=r.org_path,
                    data=r.event_data,
                )
    return counts
