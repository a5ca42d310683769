"""Responsibility items: the tracked part of a letter. Quarterly reports (季度报告), completion reported by the
item's org and confirmed from above, the items ledger and the completion rollups ("已完成 X 项，占总数的 X%")."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from app.authz.permissions import Permission
from app.authz.principal import Principal
from app.core import clock
from app.core.enums import OrgLevel, ResponsibilityItemStatus, ResponsibilityLetterStatus
from app.core.errors import Forbidden, InvalidTransition, Unprocessable
from app.kit.etag import check_version
from app.kit.pagination import PageParams, fetch_page, order_by, page_of
from app.models.lists import ResponsibilityItem, ResponsibilityLetter
from app.models.orgs import Org
from app.orgs import repository as org_repository
from app.responsibilities import repository
from app.responsibilities.schemas import CompletionReport, ItemFilters, ItemIn, ItemUpdate, QuarterlyReportCreate
from app.responsibilities.workflow import LETTER_DRIVEN, RESPONSIBILITY_ITEM, issuing_side, target_secretary
from app.tracking import repository as tracking_repository
from app.tracking import service as tracking
from app.tracking.kinds import Kind, register
from app.tracking.workflow import OWN_ORG

KIND = register(
    Kind(
        "responsibility_item",
        ResponsibilityItem,
        RESPONSIBILITY_ITEM,
        read=Permission.responsibility_read,
        report=Permission.responsibility_report,
        label="责任事项",
    )
)
SORTABLE = {
    "id": ResponsibilityItem.id,
    "deadline": ResponsibilityItem.deadline,
    "status": ResponsibilityItem.status,
    "org_id": ResponsibilityItem.org_id,
    "role": ResponsibilityItem.role,
    "year": ResponsibilityItem.year,
    "created_at": ResponsibilityItem.created_at,
}
REPORTER = OWN_ORG(Permission.responsibility_report)


def current_quarter() -> str:
    today = clock.today_local()
    return f"{today.year}-Q{(today.month - 1) // 3 + 1}"


def _title(description: str) -> str:
    first = description.strip().splitlines()[0]
    return first if len(first) <= 60 else first[:59] + "…"


def present(
    principal: Principal, item: ResponsibilityItem, org_name: str, user_name: str | None, reported: bool
) -> dict[str, Any]:
    data = {c.key: getattr(item, c.key) for c in ResponsibilityItem.__mapper__.column_attrs}
    shared = tracking.present(item, principal)
    shared["allowed_actions"] = [a for a in shared["allowed_actions"] if a not in LETTER_DRIVEN]
    return data | shared | {"org_name": org_name, "responsible_user_name": user_name, "reported_this_quarter": reported}


def present_rows(session: Session, principal: Principal, rows: Sequence[Any]) -> list[dict[str, Any]]:
    reported = tracking_repository.reported_in(session, [r[0].id for r in rows], current_quarter())
    return [present(principal, item, org_name, user, item.id in reported) for item, org_name, user in rows]


def _item_detail(session: Session, principal: Principal, item_id: int) -> dict[str, Any]:
    return present_rows(session, principal, [repository.get_item_row(session, principal, item_id)])[0]


def check_people(session: Session, org_path: str, people: Sequence[tuple[int | None, list[str | int]]]) -> None:
    """Each named responsible person (user id, field loc) is an active user of the target org, in one query."""
    found = repository.active_users_in(session, {u for u, _ in people if u is not None}, org_path)
    wrong = [loc for user_id, loc in people if user_id is not None and user_id not in found]
    if wrong:
        raise Unprocessable(
            "责任人须为被下达组织的在职用户", fields=[{"loc": loc, "message": "不是该组织的用户"} for loc in wrong]
        )


def new_item(session: Session, letter: ResponsibilityLetter, body: ItemIn, sort_order: int) -> ResponsibilityItem:
    """A draft item of a draft letter (its responsible person already checked with `check_people`)."""
    item = ResponsibilityItem(
        letter_id=letter.id,
        year=letter.year,
        org_id=letter.org_id,
        issuer_org_id=letter.issuer_org_id,
        issuer_org_path=letter.issuer_org_path,
        role=body.role,
        description=body.description,
        title=_title(body.description),
        responsible_user_id=body.responsible_user_id,
        deadline=body.deadline or date(letter.year, 12, 31),
        sort_order=sort_order,
        status=RESPONSIBILITY_ITEM.initial,
        # Not open until the letter is issued: a draft is never overdue and never on a reminder list.
        is_open=False,
    )
    item.org_path = letter.org_path
    session.add(item)
    return item


def list_items(session: Session, principal: Principal, params: PageParams, filters: ItemFilters) -> dict[str, Any]:
    root_path = org_repository.get_readable(session, principal, filters.root_id).path if filters.root_id else None
    stmt = repository.item_ledger(principal, filters, clock.today_local(), root_path)
    rows, total = fetch_page(session, stmt, params, order_by(params, SORTABLE, "-id", ResponsibilityItem.id), rows=True)
    return page_of(present_rows(session, principal, rows), total, params)


def get_item(session: Session, principal: Principal, item_id: int) -> dict[str, Any]:
    return _item_detail(session, principal, item_id)


def timeline(session: Session, principal: Principal, item_id: int) -> list[dict[str, Any]]:
    return tracking.timeline(session, repository.get_item(session, principal, item_id))


def _letter_of(session: Session, item: ResponsibilityItem) -> ResponsibilityLetter:
    letter = session.get(ResponsibilityLetter, item.letter_id)
    assert letter is not None
    return letter


def update_item(
    session: Session, principal: Principal, item_id: int, body: ItemUpdate, expected_version: int | None
) -> dict[str, Any]:
    """Draft: the issuing side edits the item. Issued: only the target org's secretary, only the responsible
    person, only while the item is open."""
    item = repository.get_item(session, principal, item_id)
    check_version(item.version, expected_version)
    letter = _letter_of(session, item)
    changes = body.model_dump(exclude_unset=True)
    if letter.status == ResponsibilityLetterStatus.draft:
        if not issuing_side(principal, letter):
            raise Forbidden("只有下达单位可以修改责任书草稿")
    else:
        if not target_secretary(principal, letter):
            raise Forbidden("责任书已下达，只有被下达组织的书记可以指定责任人")
        if changes.keys() - {"responsible_user_id"}:
            raise InvalidTransition("责任书已下达，责任内容不能再修改")
        if not item.is_open:
            raise InvalidTransition("已完成的责任事项不能更换责任人")
        if changes.get("responsible_user_id", 0) is None:
            raise Unprocessable(fields=[{"loc": ["body", "responsible_user_id"], "message": "不能为空"}])
    nulls = [f for f in ("role", "description", "deadline") if f in changes and changes[f] is None]
    if nulls:
        raise Unprocessable(fields=[{"loc": ["body", f], "message": "不能为空"} for f in nulls])
    check_people(session, item.org_path, [(changes.get("responsible_user_id"), ["body", "responsible_user_id"])])
    for field, value in changes.items():
        setattr(item, field, value)
    if "description" in changes:
        item.title = _title(item.description)
    session.flush()
    return _item_detail(session, principal, item.id)


def delete_item(session: Session, principal: Principal, item_id: int, expected_version: int | None) -> None:
    item = repository.get_item(session, principal, item_id)
    check_version(item.version, expected_version)
    letter = _letter_of(session, item)
    if not issuing_side(principal, letter):
        raise Forbidden("只有下达单位可以修改责任书草稿")
    if letter.status != ResponsibilityLetterStatus.draft:
        raise InvalidTransition("责任书已下达，责任事项不能删除")
    session.delete(item)
    session.flush()


def add_quarterly_report(
    session: Session, principal: Principal, item_id: int, body: QuarterlyReportCreate
) -> dict[str, Any]:
    item = repository.get_item(session, principal, item_id)
    if not REPORTER.allows(principal, item):
        raise Forbidden(REPORTER.refusal)
    period = body.period or current_quarter()
    if not period.startswith(f"{item.year}-"):
        raise Unprocessable(fields=[{"loc": ["body", "period"], "message": f"须为 {item.year} 年度内的季度"}])
    if period > current_quarter():
        raise Unprocessable(fields=[{"loc": ["body", "period"], "message": "不能为以后的季度报告"}])
    if item.status == ResponsibilityItemStatus.draft:
        raise InvalidTransition("责任书尚未下达")
    if not item.is_open:
        raise InvalidTransition("已完成的责任事项无需季度报告")
    tracking.add_periodic_report(
        session,
        principal,
        item,
        period=period,
        entry_kind="quarterly",
        content=body.content,
        attachment_ids=body.attachment_ids,
        progress=body.progress,
    )
    session.flush()
    return _item_detail(session, principal, item.id)


def submit(
    session: Session, principal: Principal, item_id: int, body: CompletionReport, expected_version: int | None
) -> dict[str, Any]:
    """完成情况报告: the item's org reports it done, with a report (evidence optional)."""
    return _transition(session, principal, item_id, "submit", body.content, expected_version, body.attachment_ids)


def review(
    session: Session, principal: Principal, item_id: int, action: str, note: str | None, expected_version: int | None
) -> dict[str, Any]:
    """complete / return / reopen: always by someone above the item's org."""
    return _transition(session, principal, item_id, action, note, expected_version)


def _transition(
    session: Session,
    principal: Principal,
    item_id: int,
    action: str,
    note: str | None,
    expected_version: int | None,
    attachment_ids: Sequence[int] = (),
) -> dict[str, Any]:
    item, transition, before = tracking.act(
        session, principal, KIND, repository.get_item(session, principal, item_id), action, expected_version
    )
    tracking.record_transition(session, principal, item, transition, before, note=note, attachment_ids=attachment_ids)
    session.flush()
    return _item_detail(session, principal, item.id)


# Completion rollups ----------------------------------------------------------------------------------------------


def _completion(counts: tuple[int, int, int]) -> dict[str, Any]:
    total, done, overdue = counts
    percent = done / total * 100 if total else 0.0
    return {
        "total": total,
        "completed": done,
        "overdue": overdue,
        "rate": round(done / total, 4) if total else 0.0,
        "statement": f"已完成 {done} 项，占总数的 {percent:.1f}%",
    }


def _root(session: Session, principal: Principal, root_id: int | None) -> Org:
    if root_id is not None:
        return org_repository.get_readable(session, principal, root_id)
    roots = org_repository.scope_roots(session, principal)
    if not roots:
        raise Forbidden()
    return roots[0]


def completion(session: Session, principal: Principal, year: int, root_id: int | None) -> dict[str, Any]:
    root = _root(session, principal, root_id)
    today = clock.today_local()
    by_level = repository.completion_by_level(session, principal, year, root.path, today)
    return {
        "year": year,
        "root_id": root.id,
        "root_name": root.name,
        "summary": _completion(repository.completion_total(session, principal, year, root.path, today)),
        "own": _completion(repository.completion_total(session, principal, year, root.path, today, own_only=True)),
        "by_org": [
            _completion(counts)
            | {"org_id": org.id, "org_name": org.name, "level": org.level, "has_children": has_children}
            for org, has_children, counts in repository.completion_by_child(session, principal, year, root, today)
        ],
        "by_level": [_completion(by_level[level]) | {"level": level} for level in OrgLevel if level in by_level],
    }
