"""问题单 rules: who issues, who rectifies, who closes off; evidence, monthly updates and re-checks."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi.responses import Response
from sqlalchemy.orm import Session

from app.authz.permissions import Permission
from app.authz.principal import Principal, authorize
from app.core import clock
from app.core.enums import InspectionType, OrgStatus, ProblemCategory, ProblemSource, ProblemStatus
from app.core.errors import Conflict, Forbidden, InvalidTransition, Unprocessable
from app.excel.workbook import Column, write_sheet, xlsx_response
from app.kit.etag import check_version
from app.kit.pagination import PageParams, fetch_page, order_by, page_of
from app.kit.prebuilt import PrebuiltPage
from app.models.problems import Inspection, Problem
from app.models.tracking import TrackedItem
from app.orgs import repository as org_repository
from app.problems import repository
from app.problems.schemas import (
    InspectionCreate,
    InspectionFilters,
    InspectionUpdate,
    ProblemCreate,
    ProblemFilters,
    ProblemUpdate,
    RectifyBody,
    SubmitBody,
)
from app.problems.workflow import PROBLEM
from app.stats import repository as stats_repository
from app.stats.rollups import ALL
from app.tracking import repository as tracking_repository
from app.tracking import service as tracking
from app.tracking.kinds import Kind, register
from app.tracking.schemas import MonthlyReportCreate, ReportCreate
from app.tracking.workflow import ISSUER, OWN_ORG

KIND = register(
    Kind(
        "problem",
        Problem,
        PROBLEM,
        read=Permission.problem_read,
        report=Permission.problem_report,
        monthly_statuses=frozenset({ProblemStatus.open, ProblemStatus.rectifying, ProblemStatus.submitted}),
        label="问题",
    )
)
SORTABLE = {
    "id": Problem.id,
    "deadline": Problem.deadline,
    "created_at": Problem.created_at,
    "status": Problem.status,
    "severity": Problem.severity,
    "org_id": Problem.org_id,
}
EDITABLE_STATUSES = {ProblemStatus.open, ProblemStatus.rectifying}
SOURCE_OF_INSPECTION = {
    InspectionType.inspection: ProblemSource.inspection,
    InspectionType.research: ProblemSource.research,
    InspectionType.observation: ProblemSource.observation,
}


def _title(description: str) -> str:
    first = description.strip().splitlines()[0]
    return first if len(first) <= 60 else first[:59] + "…"


def capabilities(principal: Principal, item: Any) -> list[str]:
    """What the caller may do besides workflow moves, so the client shows exactly these controls."""
    found = []
    own = OWN_ORG(Permission.problem_report).allows(principal, item)
    if own and item.is_open:
        found += ["report", "monthly_report", "complete_milestone"]
    if item.status in EDITABLE_STATUSES:
        if own:
            found.append("edit_rectification")
        if ISSUER(Permission.problem_issue).allows(principal, item):
            found.append("edit_problem")
    return found


def _detail(session: Session, principal: Principal, problem_id: int) -> dict[str, Any]:
    problem, org_name, responsible_name, issuer_name = repository.get_row(session, principal, problem_id)
    reported = problem.id in tracking_repository.reported_in(session, [problem.id], tracking.current_period())
    data = {c.key: getattr(problem, c.key) for c in Problem.__mapper__.column_attrs}
    return (
        data
        | tracking.present(problem, principal)
        | {
            "org_name": org_name,
            "responsible_user_name": responsible_name,
            "issuer_org_name": issuer_name,
            "reported_this_month": reported,
            "capabilities": capabilities(principal, problem),
            "milestones": tracking_repository.milestones(session, problem.id),
        }
    )


def _issuer(principal: Principal, org_path: str) -> tuple[int, str]:
    """The issuing org: the caller's deepest assignment that covers the target and may issue problems."""
    covering = [
        a
        for a in principal.assignments
        if Permission.problem_issue in a.permissions and org_path.startswith(a.org_path)
    ]
    deepest = max(covering, key=lambda a: len(a.org_path))
    return deepest.org_id, deepest.org_path


_C = repository.LEDGER_COLUMNS
DEFAULT_VIEW = PrebuiltPage(
    repository.LEDGER_BASE,
    _C["path"],
    {k: _C[k] for k in SORTABLE},
    _C["id"],
    equals={"status": _C["status"]},
    kind=(_C["kind"], KIND.name),
)


def _present_rows(principal: Principal, rows: list[Any], today: date, reported: set[int]) -> list[dict[str, Any]]:
    # Rows of one org in one status allow the same actions: evaluate the rules once per such shape.
    actions: dict[tuple[Any, ...], tuple[list[str], list[str]]] = {}
    items = []
    for row in rows:
        shape = (row.status, row.is_open, row.org_path, row.issuer_org_path, row.responsible_user_id)
        if shape not in actions:
            actions[shape] = (PROBLEM.allowed_actions(principal, row), capabilities(principal, row))
        item = row._asdict()
        item["overdue"] = tracking.is_overdue(row.is_open, row.deadline, today)
        item["allowed_actions"], item["capabilities"] = actions[shape]
        item["reported_this_month"] = row.id in reported
        items.append(item)
    return items


def list_problems(
    session: Session, principal: Principal, params: PageParams, filters: ProblemFilters
) -> dict[str, Any]:
    root_path = org_repository.get_readable(session, principal, filters.root_id).path if filters.root_id else None
    today = clock.today_local()
    ordering = order_by(params, SORTABLE, "-id", Problem.id)
    paths = [root_path] if root_path else principal.scope_paths(Permission.problem_read)
    if filters.only("root_id", "status") and len(paths) == 1:  # (reported_this_month is a filter too)
        # The view almost everyone opens: prebuilt statements and the maintained counters.
        whole_tree = org_repository.covers_whole_tree(session, paths[0])
        rows = DEFAULT_VIEW.rows(session, paths[0], params, "-id", whole_tree=whole_tree, status=filters.status)
        total = stats_repository.total(session, paths, KIND.name, filters.status or ALL)
    else:
        stmt = repository.ledger(principal, filters, today, root_path, tracking.current_period())
        rows, total = fetch_page(session, stmt, params, ordering, rows=True)
    reported = tracking_repository.reported_in(session, [r.id for r in rows], tracking.current_period())
    return page_of(_present_rows(principal, rows, today, reported), total, params)


EXPORT_COLUMNS = [
    Column("编号", lambda r: r.id, 8),
    Column("所属组织", lambda r: r.org_name, 24),
    Column("来源", lambda r: r.source, 10),
    Column("问题描述", lambda r: r.description, 48),
    Column("类别", lambda r: r.category, 10),
    Column("严重程度", lambda r: r.severity, 10),
    Column("整改措施", lambda r: r.measures, 40),
    Column("责任人", lambda r: r.responsible_user_name, 10),
    Column("整改时限", lambda r: r.deadline, 12),
    Column("状态", lambda r: ProblemStatus(r.status), 10),
    Column("是否超期", lambda r: tracking.is_overdue(r.is_open, r.deadline, clock.today_local()), 10),
    Column("销号时间", lambda r: r.closed_at, 18),
    Column("下发时间", lambda r: r.created_at, 18),
]
MAX_EXPORT_ROWS = 50_000


def export(session: Session, principal: Principal, filters: ProblemFilters) -> Response:
    """问题整改台账 as .xlsx: the caller's scope and filters, exactly as the ledger shows them."""
    root_path = org_repository.get_readable(session, principal, filters.root_id).path if filters.root_id else None
    stmt = repository.ledger(principal, filters, clock.today_local(), root_path, tracking.current_period())
    rows = list(session.execute(stmt.order_by(Problem.id).limit(MAX_EXPORT_ROWS + 1)))
    if len(rows) > MAX_EXPORT_ROWS:
        raise Unprocessable(f"导出超过 {MAX_EXPORT_ROWS} 行，请缩小范围或增加筛选条件", code="export_too_large")
    return xlsx_response(write_sheet("问题整改台账", EXPORT_COLUMNS, rows), "问题整改台账")


def get_problem(session: Session, principal: Principal, problem_id: int) -> dict[str, Any]:
    return _detail(session, principal, problem_id)


def summary(session: Session, principal: Principal, root_id: int | None) -> dict[str, Any]:
    root_path = org_repository.get_readable(session, principal, root_id).path if root_id else None
    counts = repository.summary(session, principal, root_path, clock.today_local(), tracking.current_period())
    by_status = {s: counts["by_status"].get(s, 0) for s in ProblemStatus}
    total = sum(by_status.values())
    closed = by_status[ProblemStatus.closed]
    return {
        "total": total,
        "open": total - closed,
        "closed": closed,
        "overdue": counts["overdue"],
        "closure_rate": round(closed / total, 4) if total else 0.0,
        "by_status": by_status,
        "missing_monthly_report": counts["missing_monthly_report"],
    }


def create(session: Session, principal: Principal, body: ProblemCreate) -> dict[str, Any]:
    org = org_repository.get_readable(session, principal, body.org_id)
    authorize(principal, Permission.problem_issue, org.path)
    if org.status != OrgStatus.active:
        raise Conflict("该组织已撤销", code="org_dissolved")
    if body.inspection_id is not None:
        inspection = repository.get_inspection(session, principal, body.inspection_id)
        _check_finding(session, inspection, org.path, body.source)
    issuer_id, issuer_path = _issuer(principal, org.path)
    problem = Problem(
        org_id=org.id,
        issuer_org_id=issuer_id,
        issuer_org_path=issuer_path,
        title=_title(body.description),
        status=PROBLEM.initial,
        is_open=True,
        **body.model_dump(exclude={"org_id"}),
    )
    problem.org_path = org.path
    tracking.check_responsible(session, problem, body.responsible_user_id)
    session.add(problem)
    session.flush()
    return _detail(session, principal, problem.id)


def _check_finding(session: Session, inspection: Inspection, org_path: str, source: ProblemSource) -> None:
    if SOURCE_OF_INSPECTION[inspection.type] != source:
        raise Unprocessable(
            "问题来源须与督查/调研/观摩的类型一致",
            fields=[{"loc": ["body", "source"], "message": f"应为 {SOURCE_OF_INSPECTION[inspection.type]}"}],
        )
    if not any(org_path.startswith(p) for p in repository.visited_paths(session, inspection.id)):
        raise Unprocessable(
            "该组织不在本次督查/调研/观摩的范围内", fields=[{"loc": ["body", "org_id"], "message": "不是被督查单位"}]
        )


def update(
    session: Session, principal: Principal, problem_id: int, body: ProblemUpdate, expected_version: int | None
) -> dict[str, Any]:
    problem = tracking.get_item(session, principal, KIND, problem_id)
    check_version(problem.version, expected_version)
    changes = body.model_dump(exclude_unset=True)
    issuer_fields = {"description", "category", "severity"} & changes.keys()
    org_fields = {"measures", "responsible_user_id", "milestones"} & changes.keys()
    if issuer_fields and not ISSUER(Permission.problem_issue).allows(principal, problem):
        raise Forbidden("只有发起单位可以修改问题内容")
    if org_fields and not OWN_ORG(Permission.problem_report).allows(principal, problem):
        raise Forbidden("只有本组织或责任人可以修改整改措施")
    if "deadline" in changes and not (
        ISSUER(Permission.problem_issue).allows(principal, problem)
        or OWN_ORG(Permission.problem_report).allows(principal, problem)
    ):
        raise Forbidden()
    if problem.status not in EDITABLE_STATUSES:
        raise InvalidTransition("已申请销号或已销号的问题不能修改")
    nulls = [
        f
        for f in ("description", "category", "severity", "measures", "responsible_user_id")
        if f in changes and changes[f] is None and (f != "measures" or problem.status == ProblemStatus.rectifying)
    ]
    if nulls:
        raise Unprocessable(fields=[{"loc": ["body", f], "message": "不能为空"} for f in nulls])
    tracking.check_responsible(session, problem, changes.get("responsible_user_id"))
    milestones = changes.pop("milestones", None)
    for field, value in changes.items():
        setattr(problem, field, value)
    if "description" in changes:
        problem.title = _title(problem.description)
    if milestones is not None:
        _check_milestones(problem.category, body.milestones or [])
        tracking.replace_milestones(session, problem, body.milestones or [])
    session.flush()
    return _detail(session, principal, problem.id)


def _check_milestones(category: ProblemCategory, milestones: list[Any]) -> None:
    if category == ProblemCategory.long_term and not milestones:
        raise Unprocessable(
            "长期整治的问题须设置阶段节点", fields=[{"loc": ["body", "milestones"], "message": "至少一个阶段节点"}]
        )


def _transition(
    session: Session, principal: Principal, problem_id: int, action: str, expected_version: int | None
) -> tuple[Problem, Any, str]:
    return tracking.act(
        session, principal, KIND, tracking.get_item(session, principal, KIND, problem_id), action, expected_version
    )


def rectify(
    session: Session, principal: Principal, problem_id: int, body: RectifyBody, expected_version: int | None
) -> dict[str, Any]:
    problem, transition, before = _transition(session, principal, problem_id, "rectify", expected_version)
    tracking.check_responsible(session, problem, body.responsible_user_id)
    _check_milestones(problem.category, body.milestones)
    problem.measures, problem.responsible_user_id, problem.deadline = (
        body.measures,
        body.responsible_user_id,
        body.deadline,
    )
    if body.milestones:
        tracking.replace_milestones(session, problem, body.milestones)
    tracking.record_transition(session, principal, problem, transition, before, note=body.measures)
    session.flush()
    return _detail(session, principal, problem.id)


def submit(
    session: Session, principal: Principal, problem_id: int, body: SubmitBody, expected_version: int | None
) -> dict[str, Any]:
    """申请销号: rectification done, with evidence."""
    problem, transition, before = _transition(session, principal, problem_id, "submit", expected_version)
    if not body.attachment_ids:
        raise Unprocessable(
            "申请销号须上传整改佐证材料",
            code="evidence_required",
            fields=[{"loc": ["body", "attachment_ids"], "message": "至少一个附件"}],
        )
    tracking.record_transition(
        session, principal, problem, transition, before, note=body.content, attachment_ids=body.attachment_ids
    )
    problem.last_report_at = clock.now()  # the completion report is the item's latest report
    session.flush()
    return _detail(session, principal, problem.id)


def review(
    session: Session,
    principal: Principal,
    problem_id: int,
    action: str,
    note: str | None,
    expected_version: int | None,
) -> dict[str, Any]:
    """close / reject / recheck / reopen: always by someone above the problem's org."""
    problem, transition, before = _transition(session, principal, problem_id, action, expected_version)
    if action in {"recheck", "reopen"}:
        problem.recheck_count += 1
    tracking.record_transition(session, principal, problem, transition, before, note=note)
    session.flush()
    return _detail(session, principal, problem.id)


def add_report(session: Session, principal: Principal, problem_id: int, body: ReportCreate) -> dict[str, Any]:
    problem = tracking.get_item(session, principal, KIND, problem_id)
    tracking.add_report(session, principal, problem, content=body.content, attachment_ids=body.attachment_ids)
    session.flush()
    return _detail(session, principal, problem.id)


def add_monthly_report(
    session: Session, principal: Principal, problem_id: int, body: MonthlyReportCreate
) -> dict[str, Any]:
    problem = tracking.get_item(session, principal, KIND, problem_id)
    period = body.period or tracking.current_period()
    if period > tracking.current_period():
        raise Unprocessable(fields=[{"loc": ["body", "period"], "message": "不能为以后的月份上报"}])
    if not problem.is_open:
        raise InvalidTransition("已销号的问题无需月报")
    tracking.add_periodic_report(
        session,
        principal,
        problem,
        period=period,
        entry_kind="monthly",
        content=body.content,
        attachment_ids=body.attachment_ids,
        progress=body.progress,
    )
    session.flush()
    return _detail(session, principal, problem.id)


def complete_milestone(session: Session, principal: Principal, problem_id: int, milestone_id: int) -> dict[str, Any]:
    problem = tracking.get_item(session, principal, KIND, problem_id)
    if not OWN_ORG(Permission.problem_report).allows(principal, problem):
        raise Forbidden("只有本组织或责任人可以办理")
    if not problem.is_open:
        raise InvalidTransition()
    tracking.complete_milestone(session, problem, milestone_id)
    session.flush()
    return _detail(session, principal, problem.id)


def timeline(session: Session, principal: Principal, problem_id: int) -> list[dict[str, Any]]:
    problem: TrackedItem = tracking.get_item(session, principal, KIND, problem_id)
    return tracking.timeline(session, problem)


# 督查 / 调研 / 观摩 ---------------------------------------------------------------------------------------------

INSPECTION_SORTABLE = {"id": Inspection.id, "held_on": Inspection.held_on}


def _inspections(session: Session, inspections: list[Inspection]) -> list[dict[str, Any]]:
    """Inspections with the names of their organizing and visited orgs (one lookup for the whole page)."""
    counts = repository.problem_counts(session, [i.id for i in inspections])
    names = repository.org_names(session, {o for i in inspections for o in [i.org_id, *i.visited_org_ids]})
    return [
        {c.key: getattr(i, c.key) for c in Inspection.__table__.columns}
        | {
            "problem_count": counts.get(i.id, 0),
            "org_name": names.get(i.org_id, ""),
            "visited_orgs": [{"id": o, "name": names.get(o, "")} for o in i.visited_org_ids],
        }
        for i in inspections
    ]


def _inspection(session: Session, inspection: Inspection) -> dict[str, Any]:
    return _inspections(session, [inspection])[0]


def _visited(session: Session, principal: Principal, org_path: str, org_ids: list[int]) -> list[int]:
    for org_id in org_ids:
        org = org_repository.get_readable(session, principal, org_id)
        if not org.path.startswith(org_path):
            raise Unprocessable(
                fields=[{"loc": ["body", "visited_org_ids"], "message": f"组织 {org_id} 不在本单位范围内"}]
            )
    return org_ids


def list_inspections(
    session: Session, principal: Principal, params: PageParams, filters: InspectionFilters
) -> dict[str, Any]:
    root_path = org_repository.get_readable(session, principal, filters.root_id).path if filters.root_id else None
    stmt = repository.search_inspections(principal, filters, root_path)
    rows, total = fetch_page(session, stmt, params, order_by(params, INSPECTION_SORTABLE, "-held_on", Inspection.id))
    return page_of(_inspections(session, rows), total, params)


def get_inspection(session: Session, principal: Principal, inspection_id: int) -> dict[str, Any]:
    return _inspection(session, repository.get_inspection(session, principal, inspection_id))


def create_inspection(session: Session, principal: Principal, body: InspectionCreate) -> dict[str, Any]:
    org = org_repository.get_readable(session, principal, body.org_id)
    authorize(principal, Permission.problem_issue, org.path)
    visited = _visited(session, principal, org.path, body.visited_org_ids)
    inspection = Inspection(org_id=org.id, **body.model_dump(exclude={"org_id"}))
    session.add(inspection)
    session.flush()
    repository.set_visited(session, inspection.id, visited)
    return _inspection(session, inspection)


def update_inspection(
    session: Session, principal: Principal, inspection_id: int, body: InspectionUpdate, expected_version: int | None
) -> dict[str, Any]:
    inspection = repository.get_inspection(session, principal, inspection_id)
    authorize(principal, Permission.problem_issue, inspection.org_path)
    check_version(inspection.version, expected_version)
    changes = body.model_dump(exclude_unset=True)
    nulls = [f for f, v in changes.items() if v is None and f != "summary"]
    if nulls:
        raise Unprocessable(fields=[{"loc": ["body", f], "message": "不能为空"} for f in nulls])
    if "visited_org_ids" in changes:
        _visited(session, principal, inspection.org_path, changes["visited_org_ids"])
        repository.set_visited(session, inspection.id, changes["visited_org_ids"])
    for field, value in changes.items():
        setattr(inspection, field, value)
    session.flush()
    return _inspection(session, inspection)
