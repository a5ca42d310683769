"""ETag / If-Match on top of each object's `version`."""

from typing import Annotated

from fastapi import Header

from app.core.errors import BadRequest, PreconditionFailed


def etag_for(version: int) -> str:
    return f'"{version}"'


async def parse_if_match(if_match: Annotated[str | None, Header(alias="If-Match")] = None) -> int | None:
    """None when absent or "*" (no precondition); otherwise the version the client last saw."""
    if if_match is None or if_match.strip() == "*":
        return None
    value = if_match.strip()
    if value.startswith("W/"):
        value = value[2:]
    value = value.strip('"')
    if not value.isdigit():
        raise BadRequest("If-Match 格式不正确", code="invalid_if_match")
    return int(value)


def check_version(current: int, expected: int | None) -> None:
    if expected is not None and expected != current:
        raise PreconditionFailed()
