"""责任单: each year an org issues a responsibility letter (党建目标责任书) to each org directly below it; the
target org's secretary signs it. Items are tracked in app/responsibilities/items.py."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.authz.permissions import Permission
from app.authz.principal import Principal, authorize
from app.core import clock
from app.core.enums import OrgStatus, ResponsibilityLetterStatus
from app.core.errors import Conflict, Forbidden, InvalidTransition, Unprocessable
from app.kit.etag import check_version
from app.kit.pagination import PageParams, fetch_page, order_by, page_of
from app.models.lists import ResponsibilityLetter
from app.orgs import repository as org_repository
from app.responsibilities import items, repository
from app.responsibilities.schemas import ItemIn, LetterCreate, LetterFilters, LetterUpdate
from app.responsibilities.workflow import RESPONSIBILITY_ITEM, apply_letter, issuing_side, letter_actions
from app.tracking import service as tracking

SORTABLE = {
    "id": ResponsibilityLetter.id,
    "year": ResponsibilityLetter.year,
    "org_id": ResponsibilityLetter.org_id,
    "status": ResponsibilityLetter.status,
    "issued_at": ResponsibilityLetter.issued_at,
    "signed_at": ResponsibilityLetter.signed_at,
}


def _present(
    principal: Principal, letter: ResponsibilityLetter, org_name: str, issuer_name: str, counts: tuple[int, int]
) -> dict[str, Any]:
    data = {c.key: getattr(letter, c.key) for c in ResponsibilityLetter.__mapper__.column_attrs}
    return data | {
        "org_name": org_name,
        "issuer_org_name": issuer_name,
        "item_count": counts[0],
        "completed_count": counts[1],
        "allowed_actions": letter_actions(principal, letter),
    }


def _detail(session: Session, principal: Principal, letter_id: int) -> dict[str, Any]:
    letter, org_name, issuer_name = repository.get_letter_row(session, principal, letter_id)
    counts = repository.item_counts(session, [letter.id]).get(letter.id, (0, 0))
    rows = repository.items_of_letter(session, principal, letter.id)
    return _present(principal, letter, org_name, issuer_name, counts) | {
        "items": items.present_rows(session, principal, rows)
    }


def list_letters(session: Session, principal: Principal, params: PageParams, filters: LetterFilters) -> dict[str, Any]:
    root_path = org_repository.get_readable(session, principal, filters.root_id).path if filters.root_id else None
    stmt = repository.letter_ledger(principal, filters, root_path)
    rows, total = fetch_page(
        session, stmt, params, order_by(params, SORTABLE, "-id", ResponsibilityLetter.id), rows=True
    )
    counts = repository.item_counts(session, [letter.id for letter, _, _ in rows])
    return page_of(
        [_present(principal, letter, o, i, counts.get(letter.id, (0, 0))) for letter, o, i in rows], total, params
    )


def get_letter(session: Session, principal: Principal, letter_id: int) -> dict[str, Any]:
    return _detail(session, principal, letter_id)


def create_letter(session: Session, principal: Principal, body: LetterCreate) -> dict[str, Any]:
    """A draft letter from the target org's parent. One per (issuer, target, year)."""
    target = org_repository.get_readable(session, principal, body.org_id)
    if target.parent_id is None:
        raise Unprocessable(
            "最上级组织没有上级党组织，不能向其下达责任书",
            fields=[{"loc": ["body", "org_id"], "message": "须为有上级党组织的组织"}],
        )
    parent = org_repository.get(session, target.parent_id)
    assert parent is not None
    authorize(principal, Permission.responsibility_issue, parent.path)
    if target.status != OrgStatus.active:
        raise Conflict("该组织已撤销", code="org_dissolved")
    if repository.letter_exists(session, parent.id, target.id, body.year):
        raise Conflict(f"{target.name} 的 {body.year} 年度责任书已存在", code="duplicate_letter")
    items.check_people(
        session,
        target.path,
        [(item.responsible_user_id, ["body", "items", n, "responsible_user_id"]) for n, item in enumerate(body.items)],
    )
    letter = ResponsibilityLetter(
        org_id=target.id,
        issuer_org_id=parent.id,
        issuer_org_path=parent.path,
        year=body.year,
        title=body.title or f"{body.year}年度党建目标责任书",
        content=body.content,
        status=ResponsibilityLetterStatus.draft,
    )
    letter.org_path = target.path
    session.add(letter)
    session.flush()
    for index, item in enumerate(body.items):
        items.new_item(session, letter, item, index)
    session.flush()
    return _detail(session, principal, letter.id)


def _draft_for_edit(
    session: Session, principal: Principal, letter_id: int, expected_version: int | None
) -> ResponsibilityLetter:
    letter = repository.get_letter(session, principal, letter_id)
    check_version(letter.version, expected_version)
    if not issuing_side(principal, letter):
        raise Forbidden("只有下达单位可以修改责任书")
    if letter.status != ResponsibilityLetterStatus.draft:
        raise InvalidTransition("责任书已下达，不能再修改")
    return letter


def update_letter(
    session: Session, principal: Principal, letter_id: int, body: LetterUpdate, expected_version: int | None
) -> dict[str, Any]:
    letter = _draft_for_edit(session, principal, letter_id, expected_version)
    changes = body.model_dump(exclude_unset=True)
    if changes.get("title", "") is None:
        raise Unprocessable(fields=[{"loc": ["body", "title"], "message": "不能为空"}])
    for field, value in changes.items():
        setattr(letter, field, value)
    session.flush()
    return _detail(session, principal, letter.id)


def delete_letter(session: Session, principal: Principal, letter_id: int, expected_version: int | None) -> None:
    letter = _draft_for_edit(session, principal, letter_id, expected_version)
    for item in repository.letter_items(session, letter.id):
        session.delete(item)
    session.flush()
    session.delete(letter)
    session.flush()


def add_item(session: Session, principal: Principal, letter_id: int, body: ItemIn) -> dict[str, Any]:
    letter = _draft_for_edit(session, principal, letter_id, None)
    items.check_people(session, letter.org_path, [(body.responsible_user_id, ["body", "responsible_user_id"])])
    item = items.new_item(session, letter, body, repository.next_sort_order(session, letter.id))
    session.flush()
    return items.get_item(session, principal, item.id)


def issue(session: Session, principal: Principal, letter_id: int, expected_version: int | None) -> dict[str, Any]:
    """下达: the letter and every item in it; from now on the target org sees it and reports on the items."""
    letter = repository.get_letter(session, principal, letter_id)
    check_version(letter.version, expected_version)
    apply_letter(session, principal, letter, "issue")
    letter_items = repository.letter_items(session, letter.id)
    if not letter_items:
        raise Conflict("责任书中还没有责任事项", code="empty_letter")
    letter.issued_at, letter.issued_by_id = clock.now(), principal.user_id
    for item in letter_items:
        transition = RESPONSIBILITY_ITEM.apply(session, principal, item, "issue")
        tracking.record_transition(session, principal, item, transition, "draft", note=letter.title)
    session.flush()
    return _detail(session, principal, letter.id)


def sign(session: Session, principal: Principal, letter_id: int, expected_version: int | None) -> dict[str, Any]:
    """签订: by the target org's own secretary, once every item has a responsible person."""
    letter = repository.get_letter(session, principal, letter_id)
    check_version(letter.version, expected_version)
    apply_letter(session, principal, letter, "sign")
    missing = [i for i in repository.letter_items(session, letter.id) if i.responsible_user_id is None]
    if missing:
        raise Conflict(
            f"签订前请为每项责任指定责任人（尚有 {len(missing)} 项未指定）",
            code="responsible_missing",
            fields=[{"loc": ["items", i.id, "responsible_user_id"], "message": "未指定责任人"} for i in missing],
        )
    letter.signed_at, letter.signed_by_id = clock.now(), principal.user_id
    session.flush()
    return _detail(session, principal, letter.id)
