"""Request body size limit answering with the error envelope (413), before the body is read when possible.

Paths may carry their own limit (uploads are larger than JSON). A declared Content-Length over the limit is
refused at once; a chunked body is counted as it streams and refused when it crosses the limit.
"""

import json
from collections.abc import Sequence

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, default: int, per_path: Sequence[tuple[str, int]] = ()) -> None:
        self.app = app
        self.default = default
        self.per_path = sorted(per_path, key=lambda item: -len(item[0]))

    def limit_for(self, path: str) -> int:
        for prefix, limit in self.per_path:
            if path.startswith(prefix):
                return limit
        return self.default

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        declared = next((v for k, v in scope["headers"] if k == b"content-length"), None)
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _refuse(send, limit)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise HTTPException(status_code=413)
            return message

        await self.app(scope, counted, send)


async def _refuse(send: Send, limit: int) -> None:
    body = json.dumps(
        {
            "error": {
                "code": "payload_too_large",
                "message": f"请求内容过大（上限 {limit // 1024} KB）",
                "fields": [],
            }
        },
        ensure_ascii=False,
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
