from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from app.authz.permissions import Permission
from app.core.enums import OrgDomain, OrgKind, OrgLevel, OrgStatus
from app.kit.caller import Caller, requires
from app.kit.params import IfMatch, Paging
from app.kit.schemas import IdPath, IdQuery, Page
from app.orgs import service
from app.orgs.schemas import OrgChild, OrgCreate, OrgFilters, OrgRead, OrgTreeNode, OrgUpdate

router = APIRouter(prefix="/orgs", tags=["orgs"])

Reader = Annotated[Caller, requires(Permission.org_read)]
Writer = Annotated[Caller, requires(Permission.org_write)]


async def org_filters(
    root_id: Annotated[IdQuery, Query(description="只列出该组织的整棵子树")] = None,
    parent_id: IdQuery = None,
    level: OrgLevel | None = None,
    domain: OrgDomain | None = None,
    kind: OrgKind | None = None,
    status: OrgStatus | None = None,
    q: Annotated[str | None, Query(max_length=50, description="名称包含")] = None,
) -> OrgFilters:
    return OrgFilters(root_id, parent_id, level, domain, kind, status, q)


@router.get("", response_model=Page[OrgRead], summary="组织列表（本人范围内）")
async def list_orgs(call: Reader, paging: Paging, filters: Annotated[OrgFilters, Depends(org_filters)]) -> Response:
    return await call(service.list_orgs, paging, filters)


@router.post("", response_model=OrgRead, status_code=201, summary="新建下级组织")
async def create_org(body: OrgCreate, call: Writer) -> Response:
    return await call(service.create_org, body)


@router.get("/tree", response_model=list[OrgTreeNode], summary="组织树")
async def org_tree(
    call: Reader,
    root_id: Annotated[IdQuery, Query(description="默认为本人各管辖范围的根")] = None,
    depth: Annotated[int, Query(ge=0, le=service.MAX_TREE_DEPTH, description="向下展开的层数")] = 2,
) -> Response:
    return await call(service.tree, root_id, depth)


@router.get("/{org_id}", response_model=OrgRead, summary="组织详情")
async def get_org(org_id: IdPath, call: Reader) -> Response:
    return await call(service.get_org, org_id)


@router.get("/{org_id}/children", response_model=Page[OrgChild], summary="直属下级组织")
async def list_children(org_id: IdPath, call: Reader, paging: Paging) -> Response:
    return await call(service.list_children, org_id, paging)


@router.patch("/{org_id}", response_model=OrgRead, summary="修改组织（含移动到新的上级）")
async def update_org(org_id: IdPath, body: OrgUpdate, call: Writer, if_match: IfMatch) -> Response:
    return await call(service.update_org, org_id, body, if_match)


@router.post("/{org_id}/dissolve", response_model=OrgRead, summary="撤销组织")
async def dissolve_org(org_id: IdPath, call: Writer, if_match: IfMatch) -> Response:
    return await call(service.dissolve, org_id, if_match)


@router.post("/{org_id}/restore", response_model=OrgRead, summary="恢复已撤销的组织")
async def restore_org(org_id: IdPath, call: Writer, if_match: IfMatch) -> Response:
    return await call(service.restore, org_id, if_match)
