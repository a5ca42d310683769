"""The spine's behaviour, shared by every kind: reports and the timeline, transitions with their notes and
evidence, milestones, and the fields every item shows (overdue, allowed actions)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from app.attachments import repository as attachment_repository
from app.attachments import service as attachments
from app.attachments.owners import register_owner
from app.authz.principal import Principal
from app.core import clock
from app.core.errors import Forbidden, InvalidTransition, NotFound, Unprocessable
from app.kit.etag import check_version
from app.models.tracking import Milestone, ProgressReport, TrackedItem
from app.tracking import repository
from app.tracking.kinds import KINDS, Kind
from app.tracking.schemas import MilestoneIn
from app.tracking.workflow import OWN_ORG, Transition

OWNER_TYPE = "progress_report"


def kind_of(item: TrackedItem) -> Kind:
    return KINDS[item.kind]


def get_item(session: Session, principal: Principal, kind: Kind, item_id: int) -> Any:
    return repository.get_readable(session, kind.model, principal, kind.read, item_id)


def act(
    session: Session, principal: Principal, kind: Kind, item: TrackedItem, action: str, expected_version: int | None
) -> tuple[Any, Transition, str]:
    """The first step of every workflow action: the client saw the current version (412 otherwise), the caller may
    act (403) and the action is allowed from the current status (409). Answers (item, transition, status before)."""
    check_version(item.version, expected_version)
    before = item.status
    return item, kind.workflow.apply(session, principal, item, action), before


def is_overdue(is_open: bool, deadline: date | None, today: date) -> bool:
    """The one definition of overdue (as a SQL filter: repository.overdue_clause)."""
    return is_open and deadline is not None and deadline < today


def present(item: TrackedItem, principal: Principal) -> dict[str, Any]:
    """The shared part of every item's representation."""
    kind = kind_of(item)
    return {
        "overdue": item.overdue,
        "allowed_actions": kind.workflow.allowed_actions(principal, item),
    }


def _new_entry(
    session: Session,
    principal: Principal,
    item: TrackedItem,
    *,
    entry_kind: str,
    content: str,
    attachment_ids: Sequence[int] = (),
    period: str | None = None,
    progress: int | None = None,
    data: dict[str, Any] | None = None,
) -> ProgressReport:
    entry = ProgressReport(
        item_id=item.id,
        org_id=item.org_id,
        author_id=principal.user_id,
        kind=entry_kind,
        period=period,
        content=content,
        progress=progress,
        data=data or {},
        created_at=clock.now(),
    )
    session.add(entry)
    session.flush()
    if attachment_ids:
        attachments.bind(
            session, principal, attachment_ids, owner_type=OWNER_TYPE, owner_id=entry.id, org_id=item.org_id
        )
    return entry


def add_report(
    session: Session,
    principal: Principal,
    item: TrackedItem,
    *,
    content: str,
    attachment_ids: Sequence[int] = (),
    require_evidence: bool = False,
) -> ProgressReport:
    """A progress report (进展) by the item's own org or its responsible person, with evidence."""
    kind = kind_of(item)
    rule = OWN_ORG(kind.report)
    if not rule.allows(principal, item):
        raise Forbidden(rule.refusal)
    if not item.is_open:
        raise InvalidTransition("已办结的事项不能再报送进展")
    if require_evidence and not attachment_ids:
        raise Unprocessable(
            "请上传证明材料",
            code="evidence_required",
            fields=[{"loc": ["body", "attachment_ids"], "message": "至少一个附件"}],
        )
    entry = _new_entry(session, principal, item, entry_kind="progress", content=content, attachment_ids=attachment_ids)
    item.last_report_at = entry.created_at
    return entry


def add_periodic_report(
    session: Session,
    principal: Principal,
    item: TrackedItem,
    *,
    period: str,
    entry_kind: str,
    content: str,
    attachment_ids: Sequence[int] = (),
    progress: int | None = None,
    data: dict[str, Any] | None = None,
) -> ProgressReport:
    """One report per item and period (每月更新上报 / 季度报告); a second one for the same period replaces it."""
    kind = kind_of(item)
    rule = OWN_ORG(kind.report)
    if not rule.allows(principal, item):
        raise Forbidden(rule.refusal)
    existing = repository.report_for_period(session, item.id, period)
    if existing is None:
        entry = _new_entry(
            session,
            principal,
            item,
            entry_kind=entry_kind,
            content=content,
            attachment_ids=attachment_ids,
            period=period,
            progress=progress,
            data=data,
        )
    else:
        entry = existing
        entry.content, entry.progress, entry.data = content, progress, data or {}
        entry.author_id, entry.updated_at = principal.user_id, clock.now()
        if attachment_ids:
            attachments.bind(
                session, principal, attachment_ids, owner_type=OWNER_TYPE, owner_id=entry.id, org_id=item.org_id
            )
    item.last_report_at = clock.now()
    return entry


def record_transition(
    session: Session,
    principal: Principal,
    item: TrackedItem,
    transition: Transition,
    before: str,
    *,
    note: str | None = None,
    attachment_ids: Sequence[int] = (),
) -> ProgressReport:
    """Every status change appears on the item's timeline with its note (reason) and evidence."""
    return _new_entry(
        session,
        principal,
        item,
        entry_kind="transition",
        content=note or "",
        attachment_ids=attachment_ids,
        data={"action": transition.action, "from": before, "to": transition.target},
    )


def timeline(session: Session, item: TrackedItem) -> list[dict[str, Any]]:
    entries = repository.timeline(session, item.id)
    files = attachment_repository.of_owners(session, OWNER_TYPE, [e.id for e in entries])
    by_owner: dict[int, list[Any]] = {}
    for f in files:
        by_owner.setdefault(f.owner_id or 0, []).append(f)
    # Authors are often in an org above the reader (a township organizer closing a village's problem): their
    # names travel with the timeline because the reader may not look users up there.
    names = repository.user_names(session, {e.author_id for e in entries})
    return [
        {c.key: getattr(e, c.key) for c in ProgressReport.__table__.columns}
        | {"attachments": by_owner.get(e.id, []), "author_name": names.get(e.author_id, "")}
        for e in entries
    ]


def replace_milestones(session: Session, item: TrackedItem, milestones: Sequence[MilestoneIn]) -> None:
    for old in repository.milestones(session, item.id):
        session.delete(old)
    for index, m in enumerate(milestones):
        session.add(
            Milestone(
                item_id=item.id,
                org_id=item.org_id,
                title=m.title,
                due_on=m.due_on,
                sort_order=index,
                created_at=clock.now(),
            )
        )


def complete_milestone(session: Session, item: TrackedItem, milestone_id: int) -> Milestone:
    for m in repository.milestones(session, item.id):
        if m.id == milestone_id:
            m.completed_at = m.completed_at or clock.now()
            return m
    raise NotFound("里程碑不存在")


def _read_report_owner(session: Session, principal: Principal, report_id: int) -> object:
    report = session.get(ProgressReport, report_id)
    if report is None:
        raise NotFound()
    item = session.get(TrackedItem, report.item_id)
    if item is None:
        raise NotFound()
    return get_item(session, principal, kind_of(item), item.id)


register_owner(OWNER_TYPE, _read_report_owner)


def check_responsible(
    session: Session, item: TrackedItem, user_id: int | None, field: str = "responsible_user_id"
) -> None:
    """The responsible person is an active user of the item's org (or an org below it)."""
    if user_id is not None and not repository.active_user_in_subtree(session, user_id, item.org_path):
        raise Unprocessable(
            "责任人须为本组织的在职用户", fields=[{"loc": ["body", field], "message": "不是本组织的用户"}]
        )


def current_period() -> str:
    today = clock.today_local()
    return f"{today:%Y-%m}"
