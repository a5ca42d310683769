"""create_app(): the API under /api/v1, the error envelope, and the built SPA when present."""

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.api import PREFIX, install_api
from app.core.config import get_settings
from app.core.errors import AppError
from app.kit.body_limit import BodyLimitMiddleware
from app.kit.route_index import install_route_index
from app.spa import Spa, install_spa

log = logging.getLogger("app")

_HTTP_CODES = {
    400: ("bad_request", "请求无效"),
    401: ("unauthorized", "未登录或登录已失效"),
    403: ("forbidden", "没有权限执行此操作"),
    404: ("not_found", "对象不存在"),
    405: ("method_not_allowed", "不支持该请求方法"),
    413: ("payload_too_large", "请求内容过大"),
    415: ("unsupported_media_type", "不支持的内容类型"),
    422: ("validation_error", "提交的数据不符合要求"),
    429: ("too_many_requests", "请求过于频繁，请稍后再试"),
}

_VALIDATION_MESSAGES = {
    "missing": "必填",
    "extra_forbidden": "不允许提交该字段",
    "string_too_short": "内容过短",
    "string_too_long": "内容过长",
    "string_pattern_mismatch": "格式不正确",
    "enum": "不是允许的取值",
    "int_parsing": "须为整数",
    "greater_than_equal": "数值过小",
    "less_than_equal": "数值过大",
    "date_from_datetime_parsing": "须为日期（如 2026-11-30）",
    "date_parsing": "须为日期（如 2026-11-30）",
    "datetime_parsing": "须为时间（ISO 8601）",
    "json_invalid": "不是合法的 JSON",
    "model_attributes_type": "须为对象",
    "dict_type": "须为对象",
    "list_type": "须为数组",
    "bool_parsing": "须为布尔值",
}


def envelope(
    status: int,
    code: str,
    message: str,
    fields: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    return JSONResponse(
        status_code=status,
        content={"error": {"code": code, "message": message, "fields": fields or []}},
        headers=headers,
    )


def _validation_fields(exc: RequestValidationError) -> list[dict[str, Any]]:
    fields = []
    for err in exc.errors():
        message = _VALIDATION_MESSAGES.get(err.get("type", ""))
        ctx_msg = str(err.get("ctx", {}).get("error", "")) if err.get("type") == "value_error" else ""
        fields.append(
            {"loc": [str(p) for p in err.get("loc", ())], "message": ctx_msg or message or err.get("msg", "")}
        )
    return fields


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def _app_error(_: Request, exc: AppError) -> JSONResponse:
        return envelope(exc.status_code, exc.code, exc.message, exc.fields, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        return envelope(422, "validation_error", "提交的数据不符合要求", _validation_fields(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        spa: Spa | None = getattr(request.app.state, "spa", None)
        if exc.status_code == 404 and spa is not None and spa.handles(request):
            return spa.response(request)
        code, message = _HTTP_CODES.get(exc.status_code, ("http_error", str(exc.detail)))
        if exc.status_code == 404:
            message = "接口不存在"
        return envelope(exc.status_code, code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(StaleDataError)
    async def _stale(_: Request, exc: StaleDataError) -> JSONResponse:
        return envelope(412, "precondition_failed", "数据已被他人修改，请刷新后重试")

    @app.exception_handler(IntegrityError)
    async def _integrity(_: Request, exc: IntegrityError) -> JSONResponse:
        log.warning("integrity error: %s", exc.orig)
        return envelope(409, "conflict", "操作与现有数据冲突")

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error", exc_info=exc)
        return envelope(500, "internal_error", "服务器内部错误")


def _unique_id(route: APIRoute) -> str:
    return f"{route.tags[0]}-{route.name}" if route.tags else route.name


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Every process starts a scheduler; the database decides which one runs the jobs (app/ops/scheduler.py)."""
    settings = get_settings()
    scheduler = None
    if settings.scheduler_enabled:
        from app.ops.scheduler import start_default

        scheduler = start_default()
    try:
        yield
    finally:
        if scheduler is not None:
            scheduler.stop()


def create_app() -> FastAPI:
    settings = get_settings()
    app = FastAPI(
        lifespan=lifespan,
        title="党建工作管理平台 API",
        version="1.0.0",
        openapi_url="/api/v1/openapi.json",
        docs_url="/docs",
        redoc_url=None,
        generate_unique_id_function=_unique_id,
    )
    app.add_middleware(
        BodyLimitMiddleware,
        default=settings.max_request_bytes,
        # multipart framing around the file
        per_path=[
            ("/api/v1/attachments", settings.attachment_max_bytes + 65_536),
            ("/api/v1/imports", 10 * 1_048_576),
        ],
    )
    install_error_handlers(app)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["*"],
            allow_headers=["*"],
            expose_headers=["ETag"],
        )
    install_api(app)
    install_spa(app)
    install_route_index(app.router, PREFIX + "/")
    return app
