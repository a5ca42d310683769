from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from app.authz.permissions import Permission
from app.bulletins import service
from app.bulletins.schemas import (
    BulletinCreate,
    BulletinDetail,
    BulletinFilters,
    BulletinRead,
    BulletinUpdate,
    RankingProposal,
)
from app.core.enums import BulletinStatus
from app.kit.caller import Caller, requires
from app.kit.params import IfMatch, Paging
from app.kit.schemas import IdPath, IdQuery, Page

router = APIRouter(prefix="/bulletins", tags=["bulletins"])

Reader = Annotated[Caller, requires(Permission.bulletin_read)]
Writer = Annotated[Caller, requires(Permission.bulletin_write)]
Year = Annotated[int | None, Query(ge=2000, le=2100)]


@router.get("", response_model=Page[BulletinRead], summary="问题通报（已发布的，及本单位的草稿）")
async def list_bulletins(
    call: Reader,
    paging: Paging,
    org_id: Annotated[IdQuery, Query(description="发文单位")] = None,
    status: BulletinStatus | None = None,
    year: Year = None,
    q: Annotated[str | None, Query(max_length=50)] = None,
) -> Response:
    return await call(service.list_bulletins, paging, BulletinFilters(org_id, status, year, q))


@router.post("", response_model=BulletinDetail, status_code=201, summary="起草问题通报")
async def create_bulletin(body: BulletinCreate, call: Writer) -> Response:
    return await call(service.create, body)


@router.get(
    "/ranking-proposal",
    response_model=RankingProposal,
    summary="排名建议：按问题整改销号率对下一级党组织排名（可直接采用）",
)
async def ranking_proposal(
    call: Writer,
    org_id: Annotated[int, Query(ge=1, le=2**31 - 1, description="发文单位")],
    year: Annotated[int | None, Query(ge=2000, le=2100, description="只统计该年度下发的问题")] = None,
) -> Response:
    return await call(service.propose_rankings, org_id, year)


@router.get("/{bulletin_id}", response_model=BulletinDetail, summary="问题通报详情")
async def get_bulletin(bulletin_id: IdPath, call: Reader) -> Response:
    return await call(service.get_bulletin, bulletin_id)


@router.get(
    "/{bulletin_id}/print",
    summary="打印版（HTML）",
    response_class=Response,
    responses={200: {"content": {"text/html": {}}, "description": "可打印的通报页面"}},
)
async def print_bulletin(bulletin_id: IdPath, call: Reader) -> Response:
    return await call(service.print_view, bulletin_id)


@router.patch("/{bulletin_id}", response_model=BulletinDetail, summary="修改草稿")
async def update_bulletin(bulletin_id: IdPath, body: BulletinUpdate, call: Writer, if_match: IfMatch) -> Response:
    return await call(service.update, bulletin_id, body, if_match)


@router.delete("/{bulletin_id}", status_code=204, summary="删除草稿")
async def delete_bulletin(bulletin_id: IdPath, call: Writer, if_match: IfMatch) -> Response:
    return await call(service.delete, bulletin_id, if_match)


@router.post("/{bulletin_id}/publish", response_model=BulletinDetail, summary="发布（编定期号，发布后不能再修改）")
async def publish_bulletin(bulletin_id: IdPath, call: Writer, if_match: IfMatch) -> Response:
    return await call(service.publish, bulletin_id, if_match)
