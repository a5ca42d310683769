"""Inventory entries for imports and exports (see tests/support/inventory.py)."""

import io
from typing import Any

from openpyxl import Workbook

from tests.support.api import Api
from tests.support.inventory import Write


def _xlsx(rows: list[list[Any]]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _find(api: Api, path: str, params: dict[str, Any]) -> str:
    return str(api.as_("county_admin").get(path, params=params).json()["items"][0]["id"])


WRITES = {
    ("POST", "/api/v1/imports/orgs"): Write(
        "ta_admin",
        lambda a: a.as_("ta_admin").post(
            "/imports/orgs",
            files={
                "file": (
                    "a.xlsx",
                    _xlsx(
                        [
                            [
                                "名称*",
                                "简称",
                                "上级组织编码*",
                                "组织类型*",
                                "层级*",
                                "领域*",
                                "组织编码",
                                "任期开始",
                                "任期结束",
                                "排序",
                            ],
                            ["导入支部", None, "T-A-1", "党支部", "网格", "农村", "IMP-1", None, None, None],
                        ]
                    ),
                    "x",
                )
            },
        ),
        "org",
        "created",
        lambda a, _: _find(a, "/orgs", {"q": "导入支部"}),
    ),
    ("POST", "/api/v1/imports/users"): Write(
        "ta_admin",
        lambda a: a.as_("ta_admin").post(
            "/imports/users",
            files={
                "file": (
                    "a.xlsx",
                    _xlsx(
                        [
                            ["用户名*", "姓名*", "手机号", "所属组织编码*", "初始密码*", "角色", "角色所在组织编码"],
                            ["imported_user", "导入用户", None, "T-A-1", "Start2026", None, None],
                        ]
                    ),
                    "x",
                )
            },
        ),
        "user",
        "created",
        lambda a, _: _find(a, "/users", {"q": "imported_user"}),
    ),
    ("POST", "/api/v1/imports/problems"): Write(
        "ta_organizer",
        lambda a: a.as_("ta_organizer").post(
            "/imports/problems",
            files={
                "file": (
                    "a.xlsx",
                    _xlsx(
                        [
                            ["组织编码*", "来源*", "问题描述*", "类别*", "严重程度", "整改时限", "责任人用户名"],
                            ["T-A-1", "督查", "导入的问题", "立行立改", None, None, None],
                        ]
                    ),
                    "x",
                )
            },
        ),
        "problem",
        "created",
        lambda a, _: _find(a, "/problems", {"q": "导入的问题"}),
    ),
}

GET_EXEMPT = {
    "/api/v1/exports/orgs": ".xlsx of the same scoped query as GET /orgs; scope tested in tests/excel",
    "/api/v1/exports/users": ".xlsx of the same scoped query as GET /users; scope tested in tests/excel",
    "/api/v1/exports/problems": ".xlsx of the same scoped query as GET /problems; scope tested in tests/excel",
    "/api/v1/imports/orgs/template": "a blank template, no data",
    "/api/v1/imports/users/template": "a blank template, no data",
    "/api/v1/imports/problems/template": "a blank template, no data",
}

GET_EXEMPT |= {
    "/api/v1/exports/task-assignments": ".xlsx of GET /task-assignments (same service); scope tested in tests/excel",
    "/api/v1/exports/projects": ".xlsx of GET /projects (same service); scope tested in tests/excel",
    "/api/v1/exports/cases": ".xlsx of GET /cases (same service); scope tested in tests/excel",
    "/api/v1/exports/contact-compliance": ".xlsx of the compliance list (same service); scope tested in tests/excel",
    "/api/v1/exports/scoring-sessions/{session_id}": ".xlsx of the session's results; scope tested in tests/excel",
}
