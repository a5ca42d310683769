"""Exports of the remaining ledgers (任务、项目、案例、评分结果、联系点走访). Each one pages through the
ledger's own list service, so an export holds exactly what the ledger shows the caller: same scope, same
filters, same masking, same order."""

from collections.abc import Callable, Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from fastapi.responses import Response
from sqlalchemy.orm import Session

from app.authz.permissions import Permission
from app.authz.principal import Principal
from app.cases import service as cases
from app.cases.router import CaseFilterDep
from app.contacts import service as contacts
from app.contacts.router import QuarterQuery, RootQuery
from app.core.errors import Unprocessable
from app.excel.workbook import XLSX, Column, write_sheet, xlsx_response
from app.kit.caller import Caller, requires
from app.kit.pagination import PageParams, page_params
from app.kit.schemas import IdPath, IdQuery
from app.projects import ledger as projects
from app.projects.router import Filters as ProjectFilterDep
from app.scoring import results as scoring
from app.tasks import assignments
from app.tasks.router import AssignmentFilterDep

MAX_ROWS = 50_000
PAGE = 100
router = APIRouter(prefix="/exports", tags=["exports"])
FILE: dict[int | str, dict[str, Any]] = {200: {"content": {XLSX: {}}, "description": "Excel 文件"}}
Sorting = Annotated[PageParams, Depends(page_params)]


def field(name: str) -> Callable[[Any], Any]:
    return lambda row: row.get(name) if isinstance(row, dict) else getattr(row, name, None)


def all_rows(fetch: Callable[[PageParams], dict[str, Any]], sort: str | None) -> Iterator[Any]:
    """Every row of the ledger, page by page. The first page is fetched now, so that a refusal (out of scope,
    too large) happens before the workbook is started rather than half-way through writing it."""
    first = fetch(PageParams(page=1, page_size=PAGE, sort=sort))
    if first["total"] > MAX_ROWS:
        raise Unprocessable(f"导出超过 {MAX_ROWS} 行，请缩小范围或增加筛选条件", code="export_too_large")

    def rows() -> Iterator[Any]:
        yield from first["items"]
        for page in range(2, -(-first["total"] // PAGE) + 1):
            yield from fetch(PageParams(page=page, page_size=PAGE, sort=sort))["items"]

    return rows()


def _export(title: str, columns: list[Column], rows: Iterator[Any]) -> Response:
    return xlsx_response(write_sheet(title, columns, rows), title)


ASSIGNMENT_COLUMNS = [
    Column("任务清单", field("task_list_title"), 28),
    Column("期次", field("period"), 10),
    Column("任务", field("title"), 32),
    Column("重点任务", field("is_key"), 8),
    Column("领域", field("domain"), 10),
    Column("承办组织", field("org_name"), 24),
    Column("层级", field("org_level"), 12),
    Column("责任人", field("responsible_user_name"), 10),
    Column("完成时限", field("deadline"), 12),
    Column("状态", field("status"), 10),
    Column("是否超期", field("overdue"), 8),
    Column("退回次数", field("return_count"), 8),
    Column("验收时间", field("closed_at"), 18),
]
PROJECT_COLUMNS = [
    Column("项目", field("title"), 32),
    Column("目录项目", field("item_title"), 24),
    Column("类别", field("category"), 8),
    Column("必选", field("is_mandatory"), 6),
    Column("党组织", field("org_name"), 24),
    Column("书记", field("owner_name"), 10),
    Column("完成时限", field("deadline"), 12),
    Column("状态", field("status"), 10),
    Column("进度（%）", field("progress"), 10),
    Column("本月已调度", field("reported_this_month"), 10),
    Column("滞后于节点", field("behind_milestone"), 10),
    Column("验收等次", field("grade"), 8),
]
CASE_COLUMNS = [
    Column("案例", field("title"), 36),
    Column("征集活动", field("round_title"), 24),
    Column("报送组织", field("org_name"), 24),
    Column("领域", field("domain"), 12),
    Column("征集方式", field("channel"), 10),
    Column("状态", field("status"), 10),
    Column("评审得分", field("score"), 10),
    Column("排名", field("rank"), 6),
    Column("标签", field("tags"), 20),
]
COMPLIANCE_COLUMNS = [
    Column("书记", field("user_name"), 12),
    Column("所在党组织", field("host_org_name"), 24),
    Column("联系点", field("org_name"), 24),
    Column("季度", field("quarter"), 10),
    Column("走访次数", field("visits"), 10),
    Column("应走访", field("required"), 10),
    Column("是否达标", field("met"), 8),
    Column("尚差", field("shortfall"), 6),
]


@router.get("/task-assignments", summary="导出任务落实台账（.xlsx）", response_class=Response, responses=FILE)
async def export_assignments(
    call: Annotated[Caller, requires(Permission.task_read)], filters: AssignmentFilterDep, sorting: Sorting
) -> Response:
    def run(session: Session, principal: Principal) -> Response:
        rows = all_rows(lambda p: assignments.list_assignments(session, principal, p, filters), sorting.sort)
        return _export("任务落实台账", ASSIGNMENT_COLUMNS, rows)

    return await call(run)


@router.get("/projects", summary="导出项目台账（.xlsx）", response_class=Response, responses=FILE)
async def export_projects(
    call: Annotated[Caller, requires(Permission.project_read)], filters: ProjectFilterDep, sorting: Sorting
) -> Response:
    def run(session: Session, principal: Principal) -> Response:
        rows = all_rows(lambda p: projects.list_projects(session, principal, p, filters), sorting.sort)
        return _export("项目台账", PROJECT_COLUMNS, rows)

    return await call(run)


@router.get("/cases", summary="导出案例（.xlsx）", response_class=Response, responses=FILE)
async def export_cases(
    call: Annotated[Caller, requires(Permission.case_read)], filters: CaseFilterDep, sorting: Sorting
) -> Response:
    def run(session: Session, principal: Principal) -> Response:
        return _export(
            "案例", CASE_COLUMNS, all_rows(lambda p: cases.list_cases(session, principal, p, filters), sorting.sort)
        )

    return await call(run)


@router.get("/contact-compliance", summary="导出联系点走访达标情况（.xlsx）", response_class=Response, responses=FILE)
async def export_compliance(
    call: Annotated[Caller, requires(Permission.contact_point_read)],
    sorting: Sorting,
    quarter: QuarterQuery = None,
    root_id: RootQuery = None,
    user_id: IdQuery = None,
    met: bool | None = None,
) -> Response:
    def run(session: Session, principal: Principal) -> Response:
        rows = all_rows(
            lambda p: contacts.compliance(session, principal, p, quarter, root_id, user_id, met), sorting.sort
        )
        return _export("联系点走访达标情况", COMPLIANCE_COLUMNS, rows)

    return await call(run)


@router.get("/scoring-sessions/{session_id}", summary="导出评分结果（.xlsx）", response_class=Response, responses=FILE)
async def export_scores(session_id: IdPath, call: Annotated[Caller, requires(Permission.scoring_read)]) -> Response:
    def run(session: Session, principal: Principal) -> Response:
        result = scoring.results(session, principal, session_id)
        criteria = [
            m.criterion if hasattr(m, "criterion") else m["criterion"]
            for m in (result["rows"][0]["means"] if result["rows"] else [])
        ]

        def mean(index: int) -> Callable[[Any], Any]:
            return lambda row: (
                row["means"][index]["mean"] if isinstance(row["means"][index], dict) else row["means"][index].mean
            )

        columns = [
            Column("名次", field("rank"), 6),
            Column("评审对象", field("label"), 32),
            Column("所属组织", field("org_name"), 24),
        ]
        columns += [Column(name, mean(i), 12) for i, name in enumerate(criteria)]
        columns += [
            Column("总分", field("total"), 10),
            Column("等次", field("classification"), 8),
            Column("有效评分数", field("score_count"), 10),
        ]
        return _export("评分结果", columns, iter(result["rows"]))

    return await call(run)
