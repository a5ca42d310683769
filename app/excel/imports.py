"""All-or-nothing imports from .xlsx: every row goes through the same service as the API (same rules, same
scope checks), each inside a savepoint so that one bad row does not stop the others from being checked. If
any row fails, the whole import is refused with a row-by-row report and nothing is written."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from fastapi import UploadFile
from pydantic import ValidationError
from sqlalchemy.orm import Session

from app.authz.principal import Principal
from app.core.errors import AppError, Unprocessable
from app.excel.workbook import read_rows

MAX_ROWS = 5000
RowHandler = Callable[[Session, Principal, dict[str, Any], dict[str, Any]], None]


@dataclass(frozen=True)
class ImportKind:
    name: str
    title: str
    headers: Sequence[str]  # "名称*" marks a required column
    example: Sequence[Any]
    notes: Sequence[str]
    create_row: RowHandler
    field_headers: dict[str, str] = field(default_factory=dict)  # body field -> column, for error locations


def _errors(number: int, kind: ImportKind, exc: Exception) -> list[dict[str, Any]]:
    if isinstance(exc, ValidationError):
        found = []
        for err in exc.errors():
            name = str(err["loc"][0]) if err["loc"] else ""
            message = str(err.get("ctx", {}).get("error", "")) or err["msg"]
            found.append({"loc": ["row", number, kind.field_headers.get(name, name)], "message": message})
        return found
    assert isinstance(exc, AppError)
    if exc.fields:
        return [
            {
                "loc": ["row", number, kind.field_headers.get(str(f["loc"][-1]), str(f["loc"][-1]))],
                "message": f"{exc.message}：{f['message']}" if exc.message not in f["message"] else f["message"],
            }
            for f in exc.fields
        ]
    return [{"loc": ["row", number], "message": exc.message}]


def run(session: Session, principal: Principal, kind: ImportKind, upload: UploadFile) -> dict[str, Any]:
    rows = read_rows(upload.file, kind.headers)
    if not rows:
        raise Unprocessable("文件中没有数据行", code="empty_import")
    if len(rows) > MAX_ROWS:
        raise Unprocessable(f"一次最多导入 {MAX_ROWS} 行", code="import_too_large")
    errors: list[dict[str, Any]] = []
    context: dict[str, Any] = {}
    for number, row in rows:
        savepoint = session.begin_nested()
        try:
            kind.create_row(session, principal, row, context)
            session.flush()
            savepoint.commit()
        except (ValidationError, AppError) as exc:
            savepoint.rollback()
            errors.extend(_errors(number, kind, exc))
    if errors:
        bad_rows = len({e["loc"][1] for e in errors})
        raise Unprocessable(
            f"共 {bad_rows} 行有误，未导入任何数据；请按提示修改后重新上传", code="import_failed", fields=errors
        )
    return {"kind": kind.name, "created": len(rows)}


def text(row: dict[str, Any], header: str) -> str | None:
    value = row.get(header)
    if value is None:
        return None
    result = str(value).strip()
    if isinstance(value, float) and value.is_integer():
        result = str(int(value))  # phone numbers and codes typed as numbers
    return result or None
