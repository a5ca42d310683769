"""Base schemas. Inputs reject unknown fields, which is also how server-owned fields stay unwritable."""

from datetime import datetime
from typing import Annotated, Generic, TypeVar

from fastapi import Path, Query
from pydantic import BaseModel, ConfigDict, Field, PlainSerializer

from app.core.db import UTCDateTime  # noqa: F401  (re-exported for symmetry with models)


class InputModel(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class OutputModel(BaseModel):
    model_config = ConfigDict(from_attributes=True)


# Timestamps leave the API as ISO 8601 UTC with "Z".
UtcDatetime = Annotated[
    datetime,
    PlainSerializer(lambda v: v.isoformat().replace("+00:00", "Z"), return_type=str, when_used="json"),
]

# Ids are 32-bit on PostgreSQL; bounding them at the edge turns an absurd id into a 422 instead of a
# database overflow.
MAX_ID = 2**31 - 1
IdField = Annotated[int, Field(ge=1, le=MAX_ID)]
IdPath = Annotated[int, Path(ge=1, le=MAX_ID)]
IdQuery = Annotated[int | None, Query(ge=1, le=MAX_ID)]

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    page: int
    page_size: int


class ErrorField(BaseModel):
    loc: list[str | int]
    message: str


class ErrorBody(BaseModel):
    code: str
    message: str
    fields: list[ErrorField]


class ErrorEnvelope(BaseModel):
    error: ErrorBody


def error_responses(*statuses: int) -> dict[int | str, dict[str, object]]:
    descriptions = {
        400: "请求无效",
        401: "未登录或令牌失效",
        403: "在范围内但无权限",
        404: "不存在或不在本人范围内",
        409: "状态或数据冲突（含 invalid_transition）",
        412: "If-Match 版本不符",
        413: "请求内容过大",
        415: "不支持的文件类型",
        422: "字段校验失败",
        429: "请求过于频繁",
    }
    return {s: {"model": ErrorEnvelope, "description": descriptions[s]} for s in statuses}
