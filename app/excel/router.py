"""Spreadsheet imports (orgs, users, problems) with their templates, and the exports of the backbone's lists.
Each domain's ledger export lives beside its ledger (e.g. GET /exports/problems in app/problems/router.py)."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel
from sqlalchemy.orm import Session

from app.accounts import service as accounts
from app.accounts.router import user_filters
from app.accounts.schemas import UserFilters
from app.authz.permissions import Permission
from app.authz.principal import Principal
from app.excel import imports
from app.excel.kinds import ORGS, PROBLEMS, USERS
from app.excel.workbook import XLSX, template, xlsx_response
from app.kit.caller import Caller, requires
from app.kit.schemas import error_responses
from app.orgs import service as orgs
from app.orgs.router import org_filters
from app.orgs.schemas import OrgFilters

exports = APIRouter(prefix="/exports", tags=["exports"])
imports_router = APIRouter(prefix="/imports", tags=["imports"])
FILE: dict[int | str, dict[str, Any]] = {200: {"content": {XLSX: {}}, "description": "Excel 文件"}}


class ImportResult(BaseModel):
    kind: str
    created: int


@exports.get("/orgs", summary="导出组织（.xlsx）", response_class=Response, responses=FILE)
async def export_orgs(
    call: Annotated[Caller, requires(Permission.org_read)], filters: Annotated[OrgFilters, Depends(org_filters)]
) -> Response:
    return await call(orgs.export, filters)


@exports.get("/users", summary="导出用户（.xlsx，手机号按权限脱敏）", response_class=Response, responses=FILE)
async def export_users(
    call: Annotated[Caller, requires(Permission.user_read)], filters: Annotated[UserFilters, Depends(user_filters)]
) -> Response:
    return await call(accounts.export, filters)


def _template(kind: imports.ImportKind) -> Any:
    def build(session: Session, principal: Principal) -> Response:
        return xlsx_response(template(kind.title, kind.headers, kind.example, kind.notes), f"{kind.title}导入模板")

    return build


def _runner(kind: imports.ImportKind) -> Any:
    def run(session: Session, principal: Principal, upload: UploadFile) -> dict[str, Any]:
        return imports.run(session, principal, kind, upload)

    return run


Upload = Annotated[UploadFile, File(description="按模板填写的 .xlsx 文件")]
ImportDocs: dict[str, Any] = {"response_model": ImportResult, "status_code": 201, "responses": error_responses(415)}


@imports_router.get("/orgs/template", summary="组织导入模板", response_class=Response, responses=FILE)
async def org_template(call: Annotated[Caller, requires(Permission.org_write)]) -> Response:
    return await call(_template(ORGS))


@imports_router.post("/orgs", summary="导入组织（全部通过才写入）", **ImportDocs)
async def import_orgs(file: Upload, call: Annotated[Caller, requires(Permission.org_write)]) -> Response:
    return await call(_runner(ORGS), file)


@imports_router.get("/users/template", summary="用户导入模板", response_class=Response, responses=FILE)
async def user_template(call: Annotated[Caller, requires(Permission.user_write)]) -> Response:
    return await call(_template(USERS))


@imports_router.post("/users", summary="导入用户（全部通过才写入）", **ImportDocs)
async def import_users(file: Upload, call: Annotated[Caller, requires(Permission.user_write)]) -> Response:
    return await call(_runner(USERS), file)


@imports_router.get("/problems/template", summary="问题导入模板", response_class=Response, responses=FILE)
async def problem_template(call: Annotated[Caller, requires(Permission.problem_issue)]) -> Response:
    return await call(_template(PROBLEMS))


@imports_router.post("/problems", summary="导入问题（全部通过才写入）", **ImportDocs)
async def import_problems(file: Upload, call: Annotated[Caller, requires(Permission.problem_issue)]) -> Response:
    return await call(_runner(PROBLEMS), file)
