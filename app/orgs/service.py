"""Org tree rules: who may create, edit, move and dissolve; how a move carries its subtree."""

from typing import Any

from fastapi.responses import Response
from sqlalchemy.orm import Session

from app.audit.recorder import mark
from app.authz.permissions import Permission
from app.authz.principal import Principal, authorize
from app.core.enums import OrgDomain, OrgKind, OrgLevel, OrgStatus
from app.core.errors import Conflict, InvalidTransition, NotFound, Unprocessable
from app.excel.workbook import Column, write_sheet, xlsx_response
from app.kit.etag import check_version
from app.kit.pagination import PageParams, fetch_page, order_by, page_of
from app.models.orgs import Org
from app.orgs import repository
from app.orgs.schemas import OrgCreate, OrgFilters, OrgUpdate
from app.stats import repository as stats_repository
from app.stats import rollups
from app.stats.rollups import ALL

SORTABLE = {
    "id": Org.id,
    "name": Org.name,
    "sort_order": Org.sort_order,
    "code": Org.code,
    "depth": Org.depth,
}
MAX_TREE_DEPTH = 6
MAX_TREE_NODES = 5000


def get_org(session: Session, principal: Principal, org_id: int) -> Org:
    return repository.get_readable(session, principal, org_id)


def list_orgs(session: Session, principal: Principal, params: PageParams, filters: OrgFilters) -> dict[str, Any]:
    root_path = repository.get_readable(session, principal, filters.root_id).path if filters.root_id else None
    paths = [root_path] if root_path else principal.scope_paths(Permission.org_read)
    whole_tree = len(paths) == 1 and repository.covers_whole_tree(session, paths[0])
    stmt = repository.search(principal, filters, root_path, whole_tree=whole_tree)
    known = None
    if not any((filters.parent_id, filters.level, filters.domain, filters.kind, filters.q)):
        known = stats_repository.total(session, paths, "org", filters.status or ALL)
    items, total = fetch_page(session, stmt, params, order_by(params, SORTABLE, "sort_order", Org.id), total=known)
    return page_of(items, total, params)


EXPORT_COLUMNS = [
    Column("组织编码", lambda o: o.code, 14),
    Column("名称", lambda o: o.name, 32),
    Column("简称", lambda o: o.short_name, 16),
    Column("组织类型", lambda o: o.kind, 10),
    Column("层级", lambda o: o.level, 14),
    Column("领域", lambda o: o.domain, 12),
    Column("上级组织编号", lambda o: o.parent_id, 12),
    Column("任期开始", lambda o: o.term_start, 12),
    Column("任期结束", lambda o: o.term_end, 12),
    Column("状态", lambda o: o.status, 8),
]


def export(session: Session, principal: Principal, filters: OrgFilters) -> Response:
    root_path = repository.get_readable(session, principal, filters.root_id).path if filters.root_id else None
    stmt = repository.search(principal, filters, root_path).order_by(Org.path)
    return xlsx_response(write_sheet("组织", EXPORT_COLUMNS, session.scalars(stmt)), "组织")


def list_children(session: Session, principal: Principal, org_id: int, params: PageParams) -> dict[str, Any]:
    repository.get_readable(session, principal, org_id)
    stmt = repository.children_of(principal, org_id)
    rows, total = fetch_page(session, stmt, params, order_by(params, SORTABLE, "sort_order", Org.id), rows=True)
    return page_of([_with_flag(org, flag) for org, flag in rows], total, params)


def tree(session: Session, principal: Principal, root_id: int | None, depth: int) -> list[dict[str, Any]]:
    """Nested nodes from the given root (default: each of the caller's scope roots), `depth` levels deep."""
    roots = (
        [repository.get_readable(session, principal, root_id)]
        if root_id
        else repository.scope_roots(session, principal)
    )
    result: list[dict[str, Any]] = []
    budget = MAX_TREE_NODES
    for root in roots:
        nodes: dict[int, dict[str, Any]] = {}
        rows = session.execute(repository.subtree(principal, root.path, root.depth + depth).limit(budget)).all()
        budget -= len(rows)
        for org, has_children in rows:
            node = _node(org, has_children)
            nodes[org.id] = node
            parent = nodes.get(org.parent_id) if org.parent_id is not None else None
            if parent is not None and org.id != root.id:
                parent["children"].append(node)
        if root.id in nodes:
            result.append(nodes[root.id])
        if budget <= 0:
            break
    return result


def create_org(session: Session, principal: Principal, body: OrgCreate) -> Org:
    parent = repository.get_readable(session, principal, body.parent_id)
    authorize(principal, Permission.org_write, parent.path)
    if parent.status != OrgStatus.active:
        raise Conflict("上级党组织已撤销，不能在其下新建", code="parent_dissolved")
    if body.code and repository.code_taken(session, body.code):
        raise Conflict("组织编码已被使用", code="duplicate_code")
    org_id = repository.next_id(session)
    org = Org(
        id=org_id,
        parent_id=parent.id,
        path=f"{parent.path}{org_id}/",
        depth=parent.depth + 1,
        status=OrgStatus.active,
        **body.model_dump(exclude={"parent_id"}),
    )
    session.add(org)
    session.flush()
    return org


def create_root(session: Session, *, name: str, short_name: str | None = None) -> Org:
    """The county (or higher) root, created from the command line only."""
    org_id = repository.next_id(session)
    org = Org(
        id=org_id,
        parent_id=None,
        path=f"/{org_id}/",
        depth=0,
        name=name,
        short_name=short_name,
        kind=OrgKind.party_committee,
        level=OrgLevel.county,
        domain=OrgDomain.government,
        status=OrgStatus.active,
        sort_order=0,
    )
    session.add(org)
    session.flush()
    return org


def update_org(
    session: Session, principal: Principal, org_id: int, body: OrgUpdate, expected_version: int | None
) -> Org:
    org = repository.get_readable(session, principal, org_id)
    authorize(principal, Permission.org_write, org.path)
    check_version(org.version, expected_version)
    changes = body.model_dump(exclude_unset=True)
    new_parent_id = changes.pop("parent_id", None)
    moving = new_parent_id is not None and new_parent_id != org.parent_id
    if moving:
        mark(session, org, "moved")
    required_nulls = [
        f for f in ("name", "kind", "level", "domain", "sort_order") if f in changes and changes[f] is None
    ]
    if required_nulls:
        raise Unprocessable(fields=[{"loc": ["body", f], "message": "不能为空"} for f in required_nulls])
    if changes.get("code") and repository.code_taken(session, changes["code"], except_id=org.id):
        raise Conflict("组织编码已被使用", code="duplicate_code")
    term_start = changes.get("term_start", org.term_start)
    term_end = changes.get("term_end", org.term_end)
    if term_start and term_end and term_end < term_start:
        raise Unprocessable(
            "任期结束日期不能早于开始日期", fields=[{"loc": ["body", "term_end"], "message": "早于开始日期"}]
        )
    for field, value in changes.items():
        setattr(org, field, value)
    if moving:
        _move(session, principal, org, new_parent_id)
    session.flush()
    return org


def _move(session: Session, principal: Principal, org: Org, new_parent_id: int) -> None:
    if org.parent_id is None:
        raise Conflict("根组织不能移动", code="invalid_move")
    try:
        parent = repository.get_readable(session, principal, new_parent_id)
    except NotFound as exc:
        raise NotFound("目标上级党组织不存在") from exc
    authorize(principal, Permission.org_write, parent.path)
    if parent.path.startswith(org.path):
        raise Conflict("不能移动到自身或下级组织之下", code="invalid_move")
    if parent.status != OrgStatus.active:
        raise Conflict("目标上级党组织已撤销", code="parent_dissolved")
    old_path, new_path = org.path, f"{parent.path}{org.id}/"
    delta = parent.depth + 1 - org.depth
    repository.rebase_subtree(session, old_path, new_path, delta, exclude_id=org.id)
    rollups.move_subtree(session, org.id, old_path, new_path)
    org.parent_id, org.path, org.depth = parent.id, new_path, org.depth + delta


def dissolve(session: Session, principal: Principal, org_id: int, expected_version: int | None) -> Org:
    org = repository.get_readable(session, principal, org_id)
    authorize(principal, Permission.org_write, org.path)
    check_version(org.version, expected_version)
    if org.status != OrgStatus.active:
        raise InvalidTransition()
    if org.parent_id is None:
        raise Conflict("根组织不能撤销", code="invalid_transition")
    if repository.active_child_exists(session, org.id):
        raise Conflict("请先撤销或移走其下级党组织", code="has_active_children")
    mark(session, org, "dissolved")
    org.status = OrgStatus.dissolved
    session.flush()
    return org


def restore(session: Session, principal: Principal, org_id: int, expected_version: int | None) -> Org:
    org = repository.get_readable(session, principal, org_id)
    authorize(principal, Permission.org_write, org.path)
    check_version(org.version, expected_version)
    if org.status != OrgStatus.dissolved:
        raise InvalidTransition()
    parent = repository.get(session, org.parent_id) if org.parent_id else None
    if parent is not None and parent.status != OrgStatus.active:
        raise Conflict("上级党组织已撤销", code="parent_dissolved")
    mark(session, org, "restored")
    org.status = OrgStatus.active
    session.flush()
    return org


def _with_flag(org: Org, has_children: bool) -> dict[str, Any]:
    data = {c.key: getattr(org, c.key) for c in Org.__table__.columns}
    data["has_children"] = bool(has_children)
    return data


def _node(org: Org, has_children: bool) -> dict[str, Any]:
    return {
        "id": org.id,
        "parent_id": org.parent_id,
        "path": org.path,
        "name": org.name,
        "short_name": org.short_name,
        "kind": org.kind,
        "level": org.level,
        "domain": org.domain,
        "status": org.status,
        "depth": org.depth,
        "has_children": bool(has_children),
        "children": [],
    }
