from fastapi import APIRouter, Request
from pydantic import BaseModel
from sqlalchemy import text

from app.attachments.sniff import ACCEPTED_TYPES, ALLOWED_LABEL
from app.core.config import get_settings
from app.core.enums import LABELS, snake_name
from app.kit.caller import run_public

router = APIRouter(tags=["meta"])


class Health(BaseModel):
    status: str
    database: str


class EnumOption(BaseModel):
    value: str
    label: str


@router.get("/ping", summary="存活检查（不访问数据库）")
async def ping() -> dict[str, bool]:
    return {"pong": True}


@router.get("/health", response_model=Health, summary="健康检查（含数据库）")
async def health(request: Request) -> Health:
    def ping(session: object) -> str:
        session.execute(text("SELECT 1"))  # type: ignore[attr-defined]
        return "ok"

    return Health(status="ok", database=await run_public(request, ping, write=False))


class AttachmentLimits(BaseModel):
    max_bytes: int
    content_types: list[str]
    description: str


@router.get("/meta/attachments", response_model=AttachmentLimits, summary="附件大小上限与可上传的类型")
async def attachment_limits() -> AttachmentLimits:
    return AttachmentLimits(
        max_bytes=get_settings().attachment_max_bytes, content_types=ACCEPTED_TYPES, description=ALLOWED_LABEL
    )


@router.get("/meta/enums", response_model=dict[str, list[EnumOption]], summary="枚举值及其中文名称")
async def enums() -> dict[str, list[EnumOption]]:
    return {
        snake_name(enum_cls): [EnumOption(value=v, label=label) for v, label in labels.items()]
        for enum_cls, labels in LABELS.items()
    }
