"""The importable kinds: orgs, users and problems, row by row through their own services."""

from typing import Any

from sqlalchemy.orm import Session

from app.accounts import service as accounts
from app.accounts.schemas import RoleAssignmentCreate, UserCreate
from app.authz.principal import Principal
from app.core.enums import OrgDomain, OrgKind, OrgLevel, ProblemCategory, ProblemSeverity, ProblemSource, Role
from app.core.errors import Unprocessable
from app.excel import repository as lookups
from app.excel.imports import ImportKind, text
from app.excel.workbook import enum_value, to_date
from app.orgs import service as orgs
from app.orgs.schemas import OrgCreate
from app.problems import service as problems
from app.problems.schemas import ProblemCreate


def _date(row: dict[str, Any], header: str, field: str) -> Any:
    try:
        return to_date(row.get(header))
    except ValueError as exc:
        raise Unprocessable(fields=[{"loc": [field], "message": "日期格式应为 2026-11-30"}]) from exc


def _org_row(session: Session, principal: Principal, row: dict[str, Any], context: dict[str, Any]) -> None:
    body = OrgCreate.model_validate(
        {
            "name": text(row, "名称"),
            "short_name": text(row, "简称"),
            "parent_id": lookups.org_id(session, principal, text(row, "上级组织编码"), "parent_id"),
            "kind": enum_value(OrgKind, row.get("组织类型")),
            "level": enum_value(OrgLevel, row.get("层级")),
            "domain": enum_value(OrgDomain, row.get("领域")),
            "code": text(row, "组织编码"),
            "term_start": _date(row, "任期开始", "term_start"),
            "term_end": _date(row, "任期结束", "term_end"),
            "sort_order": int(row["排序"]) if row.get("排序") not in (None, "") else 0,
        }
    )
    orgs.create_org(session, principal, body)


def _user_row(session: Session, principal: Principal, row: dict[str, Any], context: dict[str, Any]) -> None:
    org_id = lookups.org_id(session, principal, text(row, "所属组织编码"), "org_id")
    user = accounts.create_user(
        session,
        principal,
        UserCreate.model_validate(
            {
                "username": text(row, "用户名"),
                "full_name": text(row, "姓名"),
                "phone": text(row, "手机号"),
                "org_id": org_id,
                "password": text(row, "初始密码"),
            }
        ),
    )
    role = enum_value(Role, row.get("角色"))
    if role:
        at = (
            lookups.org_id(session, principal, text(row, "角色所在组织编码"), "org_id")
            if text(row, "角色所在组织编码")
            else org_id
        )
        accounts.create_assignment(
            session, principal, RoleAssignmentCreate.model_validate({"user_id": user.id, "role": role, "org_id": at})
        )


def _problem_row(session: Session, principal: Principal, row: dict[str, Any], context: dict[str, Any]) -> None:
    responsible = text(row, "责任人用户名")
    problems.create(
        session,
        principal,
        ProblemCreate.model_validate(
            {
                "org_id": lookups.org_id(session, principal, text(row, "组织编码"), "org_id"),
                "source": enum_value(ProblemSource, row.get("来源")),
                "description": text(row, "问题描述"),
                "category": enum_value(ProblemCategory, row.get("类别")),
                "severity": enum_value(ProblemSeverity, row.get("严重程度")) or "general",
                "deadline": _date(row, "整改时限", "deadline"),
                "responsible_user_id": lookups.user_id(session, principal, responsible) if responsible else None,
            }
        ),
    )


ORGS = ImportKind(
    "orgs",
    "组织",
    ["名称*", "简称", "上级组织编码*", "组织类型*", "层级*", "领域*", "组织编码", "任期开始", "任期结束", "排序"],
    ["东升村党支部", "东升村", "CS-04", "党支部", "村（社区）级", "农村", "CS-04-21", "2026-03-01", "2031-03-01", 21],
    [
        "带 * 的列必填；上级组织可以是本文件中前面各行新建的组织（按组织编码引用）。",
        "组织类型：党委 / 党工委 / 党总支 / 党支部 / 党小组；层级、领域按系统中的中文名称填写。",
        "日期格式：2026-11-30。任何一行有误时整个文件都不会导入，请按错误提示修改后重新上传。",
    ],
    _org_row,
    {
        "name": "名称",
        "short_name": "简称",
        "parent_id": "上级组织编码",
        "kind": "组织类型",
        "level": "层级",
        "domain": "领域",
        "code": "组织编码",
        "term_start": "任期开始",
        "term_end": "任期结束",
        "sort_order": "排序",
    },
)
USERS = ImportKind(
    "users",
    "用户",
    ["用户名*", "姓名*", "手机号", "所属组织编码*", "初始密码*", "角色", "角色所在组织编码"],
    ["dongsheng_shuji", "张建国", "13800000000", "CS-04-21", "Start2026", "党组织书记", ""],
    [
        "带 * 的列必填；初始密码至少 8 位且同时包含字母和数字，用户首次登录后请自行修改。",
        "角色可不填；填写时按系统中的中文名称（如：党组织书记、党务工作者），角色所在组织默认为所属组织。",
    ],
    _user_row,
    {
        "username": "用户名",
        "full_name": "姓名",
        "phone": "手机号",
        "org_id": "所属组织编码",
        "password": "初始密码",
        "role": "角色",
        "user_id": "用户名",
    },
)
PROBLEMS = ImportKind(
    "problems",
    "问题",
    ["组织编码*", "来源*", "问题描述*", "类别*", "严重程度", "整改时限", "责任人用户名"],
    ["CS-04-21", "督查", "“三会一课”记录不规范", "限期整改", "一般", "2026-12-31", ""],
    [
        "带 * 的列必填；来源：督查 / 调研 / 考核 / 自查 / 述职 / 观摩 / 问题反馈单。",
        "类别：立行立改 / 限期整改 / 长期整治；严重程度：一般 / 较重 / 严重。",
        "问题下发给填写的组织，由导入人所在的党组织作为下发单位。",
    ],
    _problem_row,
    {
        "org_id": "组织编码",
        "source": "来源",
        "description": "问题描述",
        "category": "类别",
        "severity": "严重程度",
        "deadline": "整改时限",
        "responsible_user_id": "责任人用户名",
    },
)
