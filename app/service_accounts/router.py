from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from app.authz.permissions import Permission
from app.kit.caller import Caller, requires
from app.kit.pagination import PageParams, page_params
from app.kit.schemas import IdPath, Page
from app.service_accounts import service
from app.service_accounts.schemas import ServiceAccountCreate, ServiceAccountRead, ServiceAccountWithSecret

router = APIRouter(prefix="/service-accounts", tags=["service-accounts"])
Manager = Annotated[Caller, requires(Permission.service_account_manage)]


@router.get("", response_model=Page[ServiceAccountRead], summary="接口账号（数治平台）")
async def list_accounts(call: Manager, paging: Annotated[PageParams, Depends(page_params)]) -> Response:
    return await call(service.list_accounts, paging)


@router.post("", response_model=ServiceAccountWithSecret, status_code=201, summary="新建接口账号（密钥只显示一次）")
async def create_account(body: ServiceAccountCreate, call: Manager) -> Response:
    return await call(service.create, body)


@router.get("/{account_id}", response_model=ServiceAccountRead, summary="接口账号详情")
async def get_account(account_id: IdPath, call: Manager) -> Response:
    return await call(service.get_account, account_id)


@router.post("/{account_id}/rotate-secret", response_model=ServiceAccountWithSecret, summary="轮换密钥（旧令牌失效）")
async def rotate_secret(account_id: IdPath, call: Manager) -> Response:
    return await call(service.rotate_secret, account_id)


@router.post("/{account_id}/revoke", response_model=ServiceAccountRead, summary="停用接口账号（令牌立即失效）")
async def revoke(account_id: IdPath, call: Manager) -> Response:
    return await call(service.revoke, account_id)
