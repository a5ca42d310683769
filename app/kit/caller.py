"""How an authenticated endpoint runs: one threadpool hop for the whole request.

    Reader = Annotated[Caller, Depends(Requires(Permission.org_read))]

    @router.get("/{org_id}", response_model=OrgRead)
    async def get_org(org_id: int, call: Reader) -> Response:
        return await call(service.get_org, org_id)

`Requires` verifies the bearer token on the event loop (CPU only). `Caller.__call__` then, in one worker thread,
opens the unit of work, loads the principal (the login must still be alive), runs the service function as
`fn(session, principal, *args)`, serializes the result into the route's response model, stores the idempotent
response when asked, and commits before the response leaves. Any exception rolls everything back.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import lru_cache
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from fastapi.routing import APIRoute
from fastapi.security import OAuth2PasswordBearer
from pydantic import TypeAdapter
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from starlette.datastructures import UploadFile as StarletteUploadFile

from app.audit.recorder import Actor, bind_actor
from app.authz.loader import load_principal
from app.authz.permissions import Permission
from app.authz.principal import Principal
from app.core.db import get_database
from app.core.errors import Forbidden, Unauthorized
from app.core.security import TokenClaims, decode_token
from app.kit import idempotency
from app.kit.etag import etag_for

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)

_READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
JSON = "application/json"


@lru_cache(maxsize=512)
def _adapter(model: Any) -> TypeAdapter[Any]:
    return TypeAdapter(model)


def client_ip(request: Request) -> str | None:
    return request.client.host if request.client else None


class Caller:
    def __init__(self, request: Request, claims: TokenClaims, permission: Permission, body: bytes) -> None:
        self.request = request
        self.claims = claims
        self.permission = permission
        self.idempotency_key = request.headers.get("Idempotency-Key") if request.method == "POST" else None
        self._body = body

    async def __call__(self, fn: Callable[..., Any], *args: Any) -> Response:
        return await run_in_threadpool(self._run, fn, args)

    def _run(self, fn: Callable[..., Any], args: tuple[Any, ...]) -> Response:
        write = self.request.method not in _READ_METHODS
        route: APIRoute = self.request.scope["route"]
        if not (write and self.idempotency_key):
            return self._unit_of_work(fn, args, write, route, None)
        try:
            return self._unit_of_work(fn, args, write, route, self.idempotency_key)
        except IntegrityError:
            # A concurrent retry with the same key committed first: answer with its stored response.
            return self._unit_of_work(fn, args, write, route, self.idempotency_key, replay_only=True)

    def _unit_of_work(
        self,
        fn: Callable[..., Any],
        args: tuple[Any, ...],
        write: bool,
        route: APIRoute,
        key: str | None,
        *,
        replay_only: bool = False,
    ) -> Response:
        with get_database().transaction(write=write) as session:
            principal = self._principal(session)
            fingerprint = ""
            if key is not None:
                fingerprint = idempotency.fingerprint(
                    self.request.method, self.request.url.path, self.request.url.query, self._body
                )
                stored = idempotency.lookup(session, principal.user_id, key, fingerprint)
                if stored is not None:
                    return _json_response(stored.status_code, _dump_stored(stored.body), replayed=True)
                if replay_only:
                    raise RuntimeError("idempotent request collided but no stored response was found")
            result = fn(session, principal, *args)
            if isinstance(result, Response):  # a file download or another ready-made response
                return result
            status = route.status_code or 200
            value: Any = None
            if route.response_model is None or result is None:
                content = b""
                status = route.status_code or 204
                body_json: Any = None
            else:
                adapter = _adapter(route.response_model)
                value = adapter.validate_python(result, from_attributes=True)
                content = adapter.dump_json(value)
                body_json = adapter.dump_python(value, mode="json") if key is not None else None
            if key is not None:
                idempotency.store(session, principal.user_id, key, fingerprint, status, body_json)
        response = _json_response(status, content) if content else Response(status_code=status)
        version = getattr(value, "version", None)
        if isinstance(version, int):
            response.headers["ETag"] = etag_for(version)
        return response

    def _principal(self, session: Session) -> Principal:
        principal = load_principal(session, self.claims)
        if not principal.holds(self.permission):
            raise Forbidden()
        bind_actor(session, Actor(principal.user_id, client_ip(self.request)))
        return principal


def _dump_stored(body: Any) -> bytes:
    return b"" if body is None else _adapter(Any).dump_json(body)


def _json_response(status: int, content: bytes, *, replayed: bool = False) -> Response:
    response = Response(content=content, status_code=status, media_type=JSON if content else None)
    if replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return response


async def _fingerprint_source(request: Request) -> bytes:
    """What identifies an idempotent POST's content. A multipart body was already consumed by the form parser,
    so its parsed fields (and each file's name and bytes) stand in for the raw stream."""
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        return await request.body()
    form = await request.form()  # cached on the request by FastAPI's own parsing
    digest = hashlib.sha256()
    for key, value in form.multi_items():
        digest.update(key.encode() + b"\0")
        if isinstance(value, StarletteUploadFile):
            digest.update((value.filename or "").encode() + b"\0")
            source = value.file
            source.seek(0)
            while chunk := source.read(1 << 20):
                digest.update(chunk)
            source.seek(0)
        else:
            digest.update(str(value).encode() + b"\0")
    return digest.digest()


class Requires:
    """Dependency marking a route as protected by `permission` (the route inventory test looks for it)."""

    def __init__(self, permission: Permission) -> None:
        self.permission = permission

    async def __call__(self, request: Request, token: Annotated[str | None, Depends(oauth2_scheme)]) -> Caller:
        if not token:
            raise Unauthorized()
        claims = decode_token(token, expected_type="access")
        body = (
            await _fingerprint_source(request)
            if request.method == "POST" and "idempotency-key" in request.headers
            else b""
        )
        return Caller(request, claims, self.permission, body)


def requires(permission: Permission) -> Any:
    return Depends(Requires(permission))


async def run_public(request: Request, fn: Callable[..., Any], *args: Any, write: bool = True) -> Any:
    """An unauthenticated unit of work (login, refresh, public pages): `fn(session, *args)`, committed in one hop."""

    def _run() -> Any:
        with get_database().transaction(write=write) as session:
            bind_actor(session, Actor(None, client_ip(request)))
            return fn(session, *args)

    return await run_in_threadpool(_run)
