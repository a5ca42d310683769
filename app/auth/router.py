from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from app.auth import service
from app.auth.schemas import LoginBody, MeResponse, PasswordChange, RefreshBody, TokenResponse
from app.authz.permissions import Permission
from app.core.errors import BadRequest
from app.kit.caller import Caller, client_ip, requires, run_public

public = APIRouter(prefix="/auth", tags=["auth"])
protected = APIRouter(prefix="/auth", tags=["auth"])

Self = Annotated[Caller, requires(Permission.account_self)]
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


def _tokens_or_raise(result: Any) -> Response:
    if isinstance(result, service.Denied):
        raise result.error
    return Response(content=result.model_dump_json(), media_type="application/json", headers=NO_STORE)


@public.post("/login", response_model=TokenResponse, summary="用户名密码登录")
async def login(body: LoginBody, request: Request) -> Response:
    return _tokens_or_raise(await run_public(request, service.login, body, client_ip(request)))


@public.post("/token", response_model=TokenResponse, summary="OAuth2 令牌（password / client_credentials）")
async def token(
    request: Request,
    grant_type: Annotated[str, Form(pattern="^(password|client_credentials)$")],
    username: Annotated[str | None, Form(max_length=64)] = None,
    password: Annotated[str | None, Form(max_length=128)] = None,
    client_id: Annotated[str | None, Form(max_length=64)] = None,
    client_secret: Annotated[str | None, Form(max_length=256)] = None,
    scope: Annotated[str, Form(max_length=256)] = "",
) -> Response:
    if grant_type == "password":
        if not username or not password:
            raise BadRequest("缺少用户名或密码", code="invalid_request")
        body = LoginBody(username=username, password=password)
        result = await run_public(request, service.login, body, client_ip(request))
    else:
        if not client_id or not client_secret:
            raise BadRequest("缺少 client_id 或 client_secret", code="invalid_request")
        result = await run_public(request, service.client_credentials, client_id, client_secret, client_ip(request))
    return _tokens_or_raise(result)


@public.post("/refresh", response_model=TokenResponse, summary="刷新令牌（轮换，旧令牌作废）")
async def refresh(body: RefreshBody, request: Request) -> Response:
    return _tokens_or_raise(await run_public(request, service.refresh, body.refresh_token))


@public.post("/logout", status_code=204, summary="退出登录（访问令牌同时失效）")
async def logout(body: RefreshBody, request: Request) -> Response:
    result = await run_public(request, service.logout, body.refresh_token)
    if isinstance(result, service.Denied):
        raise result.error
    return Response(status_code=204)


@protected.post("/password", status_code=204, summary="修改密码（所有已登录会话失效）")
async def change_password(body: PasswordChange, call: Self) -> Response:
    return await call(service.change_password, body)


@protected.get("/me", response_model=MeResponse, summary="当前用户、角色与权限")
async def me(call: Self) -> Response:
    return await call(service.me)
