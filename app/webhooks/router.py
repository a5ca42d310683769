from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from app.authz.permissions import Permission
from app.kit.caller import Caller, requires
from app.kit.etag import parse_if_match
from app.kit.params import Paging
from app.kit.schemas import IdPath, Page
from app.webhooks import service
from app.webhooks.schemas import DeliveryRead, WebhookCreate, WebhookRead, WebhookUpdate, WebhookWithSecret

router = APIRouter(prefix="/webhooks", tags=["webhooks"])
Manager = Annotated[Caller, requires(Permission.webhook_manage)]


@router.get("", response_model=Page[WebhookRead], summary="数据推送订阅")
async def list_webhooks(call: Manager, paging: Paging) -> Response:
    return await call(service.list_webhooks, paging)


@router.post("", response_model=WebhookWithSecret, status_code=201, summary="新建推送订阅（密钥只显示一次）")
async def create_webhook(body: WebhookCreate, call: Manager) -> Response:
    return await call(service.create, body)


@router.get("/{webhook_id}", response_model=WebhookRead, summary="推送订阅详情")
async def get_webhook(webhook_id: IdPath, call: Manager) -> Response:
    return await call(service.get_webhook, webhook_id)


@router.patch("/{webhook_id}", response_model=WebhookRead, summary="修改推送订阅")
async def update_webhook(
    webhook_id: IdPath,
    body: WebhookUpdate,
    call: Manager,
    if_match: Annotated[int | None, Depends(parse_if_match)],
) -> Response:
    return await call(service.update, webhook_id, body, if_match)


@router.delete("/{webhook_id}", status_code=204, summary="删除推送订阅")
async def delete_webhook(webhook_id: IdPath, call: Manager) -> Response:
    return await call(service.delete, webhook_id)


@router.post("/{webhook_id}/rotate-secret", response_model=WebhookWithSecret, summary="轮换签名密钥")
async def rotate_secret(webhook_id: IdPath, call: Manager) -> Response:
    return await call(service.rotate_secret, webhook_id)


@router.get("/{webhook_id}/deliveries", response_model=Page[DeliveryRead], summary="推送记录")
async def list_deliveries(webhook_id: IdPath, call: Manager, paging: Paging) -> Response:
    return await call(service.deliveries, webhook_id, paging)
