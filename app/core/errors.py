"""The one error family. Handlers in app/main.py turn these into the SPEC's error envelope."""

from typing import Any


class AppError(Exception):
    status_code = 400
    code = "bad_request"
    message = "请求无效"

    def __init__(
        self,
        message: str | None = None,
        *,
        code: str | None = None,
        fields: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.message = message or self.message
        self.code = code or self.code
        self.fields = fields or []
        self.headers = headers
        super().__init__(self.message)


class BadRequest(AppError):
    pass


class Unauthorized(AppError):
    status_code = 401
    code = "unauthorized"
    message = "未登录或登录已失效"

    def __init__(self, message: str | None = None, **kw: Any) -> None:
        kw.setdefault("headers", {"WWW-Authenticate": "Bearer"})
        super().__init__(message, **kw)


class Forbidden(AppError):
    status_code = 403
    code = "forbidden"
    message = "没有权限执行此操作"


class NotFound(AppError):
    status_code = 404
    code = "not_found"
    message = "对象不存在"


class Conflict(AppError):
    status_code = 409
    code = "conflict"
    message = "操作与当前数据冲突"


class InvalidTransition(Conflict):
    code = "invalid_transition"
    message = "当前状态下不允许此操作"


class PreconditionFailed(AppError):
    status_code = 412
    code = "precondition_failed"
    message = "数据已被他人修改，请刷新后重试"


class PayloadTooLarge(AppError):
    status_code = 413
    code = "payload_too_large"
    message = "请求内容过大"


class Unprocessable(AppError):
    status_code = 422
    code = "validation_error"
    message = "提交的数据不符合要求"


class TooManyRequests(AppError):
    status_code = 429
    code = "too_many_requests"
    message = "请求过于频繁，请稍后再试"
