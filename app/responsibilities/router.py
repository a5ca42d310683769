from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from app.authz.permissions import Permission
from app.core.enums import ResponsibilityItemStatus, ResponsibilityLetterStatus, ResponsibilityRole
from app.kit.caller import Caller, requires
from app.kit.params import IfMatch, Paging
from app.kit.schemas import IdPath, IdQuery, Page
from app.responsibilities import items, service
from app.responsibilities.schemas import (
    CompletionReport,
    CompletionRollup,
    ItemFilters,
    ItemIn,
    ItemRead,
    ItemUpdate,
    LetterCreate,
    LetterDetail,
    LetterFilters,
    LetterRead,
    LetterUpdate,
    QuarterlyReportCreate,
)
from app.tracking.schemas import NoteBody, OptionalNoteBody, TimelineEntry

letters = APIRouter(prefix="/responsibility-letters", tags=["responsibility-letters"])
responsibility_items = APIRouter(prefix="/responsibility-items", tags=["responsibility-items"])

Reader = Annotated[Caller, requires(Permission.responsibility_read)]
Issuer = Annotated[Caller, requires(Permission.responsibility_issue)]
Signer = Annotated[Caller, requires(Permission.responsibility_sign)]
Reporter = Annotated[Caller, requires(Permission.responsibility_report)]
YearQuery = Annotated[int | None, Query(ge=2000, le=2100, description="年度")]


@letters.get("", response_model=Page[LetterRead], summary="责任书台账")
async def list_letters(
    call: Reader,
    paging: Paging,
    year: YearQuery = None,
    root_id: Annotated[IdQuery, Query(description="被下达组织在该组织及其下级")] = None,
    org_id: Annotated[IdQuery, Query(description="被下达组织")] = None,
    issuer_org_id: Annotated[IdQuery, Query(description="下达单位")] = None,
    status: ResponsibilityLetterStatus | None = None,
) -> Response:
    return await call(service.list_letters, paging, LetterFilters(year, root_id, org_id, issuer_org_id, status))


@letters.post("", response_model=LetterDetail, status_code=201, summary="起草责任书（向直属下级组织）")
async def create_letter(body: LetterCreate, call: Issuer) -> Response:
    return await call(service.create_letter, body)


@letters.get("/{letter_id}", response_model=LetterDetail, summary="责任书详情（含责任事项）")
async def get_letter(letter_id: IdPath, call: Reader) -> Response:
    return await call(service.get_letter, letter_id)


@letters.patch("/{letter_id}", response_model=LetterDetail, summary="修改责任书草稿")
async def update_letter(letter_id: IdPath, body: LetterUpdate, call: Issuer, if_match: IfMatch) -> Response:
    return await call(service.update_letter, letter_id, body, if_match)


@letters.delete("/{letter_id}", status_code=204, summary="删除责任书草稿")
async def delete_letter(letter_id: IdPath, call: Issuer, if_match: IfMatch) -> Response:
    return await call(service.delete_letter, letter_id, if_match)


@letters.post("/{letter_id}/items", response_model=ItemRead, status_code=201, summary="责任书草稿中增加责任事项")
async def add_item(letter_id: IdPath, body: ItemIn, call: Issuer) -> Response:
    return await call(service.add_item, letter_id, body)


@letters.post("/{letter_id}/issue", response_model=LetterDetail, summary="下达责任书")
async def issue_letter(letter_id: IdPath, call: Issuer, if_match: IfMatch) -> Response:
    return await call(service.issue, letter_id, if_match)


@letters.post("/{letter_id}/sign", response_model=LetterDetail, summary="签订责任书（被下达组织书记）")
async def sign_letter(letter_id: IdPath, call: Signer, if_match: IfMatch) -> Response:
    return await call(service.sign, letter_id, if_match)


@responsibility_items.get("", response_model=Page[ItemRead], summary="责任事项台账")
async def list_items(
    call: Reader,
    paging: Paging,
    year: YearQuery = None,
    root_id: Annotated[IdQuery, Query(description="该组织及其下级")] = None,
    role: ResponsibilityRole | None = None,
    status: ResponsibilityItemStatus | None = None,
    overdue: bool | None = None,
    open: bool | None = None,
    responsible_user_id: IdQuery = None,
    letter_id: IdQuery = None,
    deadline_from: date | None = None,
    deadline_to: date | None = None,
    q: Annotated[str | None, Query(max_length=50)] = None,
) -> Response:
    filters = ItemFilters(
        root_id,
        status,
        overdue,
        open,
        responsible_user_id,
        deadline_from,
        deadline_to,
        q,
        year,
        role,
        letter_id,
    )
    return await call(items.list_items, paging, filters)


@responsibility_items.get(
    "/completion", response_model=CompletionRollup, summary="责任落实情况：按直属下级组织和层级统计完成率"
)
async def completion(
    call: Reader,
    year: Annotated[int, Query(ge=2000, le=2100, description="年度")],
    root_id: Annotated[IdQuery, Query(description="默认为本人范围的最上级组织")] = None,
) -> Response:
    return await call(items.completion, year, root_id)


@responsibility_items.get("/{item_id}", response_model=ItemRead, summary="责任事项详情")
async def get_item(item_id: IdPath, call: Reader) -> Response:
    return await call(items.get_item, item_id)


@responsibility_items.patch("/{item_id}", response_model=ItemRead, summary="修改责任事项或指定责任人")
async def update_item(item_id: IdPath, body: ItemUpdate, call: Reader, if_match: IfMatch) -> Response:
    return await call(items.update_item, item_id, body, if_match)


@responsibility_items.delete("/{item_id}", status_code=204, summary="删除责任书草稿中的责任事项")
async def delete_item(item_id: IdPath, call: Issuer, if_match: IfMatch) -> Response:
    return await call(items.delete_item, item_id, if_match)


@responsibility_items.get("/{item_id}/timeline", response_model=list[TimelineEntry], summary="落实过程（时间线）")
async def item_timeline(item_id: IdPath, call: Reader) -> Response:
    return await call(items.timeline, item_id)


@responsibility_items.post(
    "/{item_id}/quarterly-reports",
    response_model=ItemRead,
    status_code=201,
    summary="季度报告（同季度再报则覆盖）",
)
async def add_quarterly_report(item_id: IdPath, body: QuarterlyReportCreate, call: Reporter) -> Response:
    return await call(items.add_quarterly_report, item_id, body)


@responsibility_items.post("/{item_id}/submit", response_model=ItemRead, summary="报告完成")
async def submit_item(item_id: IdPath, body: CompletionReport, call: Reporter, if_match: IfMatch) -> Response:
    return await call(items.submit, item_id, body, if_match)


@responsibility_items.post("/{item_id}/complete", response_model=ItemRead, summary="确认完成（上级）")
async def complete_item(item_id: IdPath, body: OptionalNoteBody, call: Issuer, if_match: IfMatch) -> Response:
    return await call(items.review, item_id, "complete", body.note, if_match)


@responsibility_items.post("/{item_id}/return", response_model=ItemRead, summary="退回（须说明理由）")
async def return_item(item_id: IdPath, body: NoteBody, call: Issuer, if_match: IfMatch) -> Response:
    return await call(items.review, item_id, "return", body.note, if_match)


@responsibility_items.post("/{item_id}/reopen", response_model=ItemRead, summary="重新落实（已完成事项，须说明理由）")
async def reopen_item(item_id: IdPath, body: NoteBody, call: Issuer, if_match: IfMatch) -> Response:
    return await call(items.review, item_id, "reopen", body.note, if_match)
