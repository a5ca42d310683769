"""Writing and reading .xlsx with Chinese headers (openpyxl, write-only / read-only modes for large sheets)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import IO, Any
from urllib.parse import quote

from fastapi.responses import Response
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from starlette.background import BackgroundTask
from starlette.responses import FileResponse

from app.core import clock
from app.core.enums import LABELS
from app.core.errors import Unprocessable

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="C0392B")


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]
    width: int = 16


def cell_value(value: Any) -> Any:
    """What a user should see in a cell: Chinese labels for enums, local times, 是/否."""
    if isinstance(value, StrEnum):
        return LABELS.get(type(value), {}).get(value.value, value.value)
    if isinstance(value, datetime):
        return value.astimezone(clock.LOCAL_TZ).replace(tzinfo=None)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list | tuple):
        return "、".join(str(cell_value(v)) for v in value)
    return value


def write_sheet(title: str, columns: Sequence[Column], rows: Iterable[Any]) -> IO[bytes]:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    for index, column in enumerate(columns):
        sheet.column_dimensions[chr(ord("A") + index) if index < 26 else "A"].width = column.width
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, Alignment(horizontal="center")
        header.append(cell)
    sheet.append(header)
    sheet.freeze_panes = "A2"
    for row in rows:
        sheet.append([cell_value(column.value(row)) for column in columns])
    out = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 (handed to the response)
    workbook.save(out)
    out.seek(0)
    return out


def xlsx_response(data: IO[bytes], filename: str) -> Response:
    stamped = f"{filename}-{clock.today_local():%Y%m%d}.xlsx"
    tmp = tempfile.NamedTemporaryFile(suffix=".xlsx", delete=False)  # noqa: SIM115 (removed after sending)
    with tmp, data:
        tmp.write(data.read())

    def cleanup() -> None:
        os.unlink(tmp.name)

    return FileResponse(
        tmp.name,
        media_type=XLSX,
        background=BackgroundTask(cleanup),
        headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(stamped)}",
            "Cache-Control": "no-store",
        },
    )


def read_rows(source: IO[bytes], expected: Sequence[str]) -> list[tuple[int, dict[str, Any]]]:
    """Rows of the first sheet as (Excel row number, {header: value}); headers must match the template."""
    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises a zoo of errors for non-xlsx input
        raise Unprocessable("无法读取文件，请使用下载的 .xlsx 模板", code="invalid_workbook") from exc
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [str(h).strip().rstrip("*") if h is not None else "" for h in next(rows, ())]
    missing = [h for h in expected if h.rstrip("*") not in header]
    if missing:
        raise Unprocessable(
            "表头与模板不一致",
            code="invalid_template",
            fields=[{"loc": ["file", "header"], "message": f"缺少列：{'、'.join(missing)}"}],
        )
    found = []
    for number, values in enumerate(rows, start=2):
        if values is None or all(v is None or str(v).strip() == "" for v in values):
            continue
        found.append((number, {header[i]: v for i, v in enumerate(values) if i < len(header) and header[i]}))
    workbook.close()
    return found


def template(title: str, headers: Sequence[str], example: Sequence[Any], notes: Sequence[str]) -> IO[bytes]:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(list(headers))
    for index, _ in enumerate(headers):
        cell = sheet.cell(row=1, column=index + 1)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        sheet.column_dimensions[cell.column_letter].width = 18
    sheet.append(list(example))
    help_sheet = workbook.create_sheet("填写说明")
    for line in notes:
        help_sheet.append([line])
    help_sheet.column_dimensions["A"].width = 100
    out = tempfile.SpooledTemporaryFile(max_size=1024 * 1024)  # noqa: SIM115
    workbook.save(out)
    out.seek(0)
    return out


def to_date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value).strip())


def enum_value(enum_cls: type[StrEnum], value: Any) -> str | None:
    """Accept a value or its Chinese label."""
    if value in (None, ""):
        return None
    text = str(value).strip()
    labels = LABELS.get(enum_cls, {})
    for key, label in labels.items():
        if text in (key, label):
            return key
    return text  # let validation name it as invalid
