from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from app.accounts import service
from app.accounts.schemas import (
    AssignmentFilters,
    RoleAssignmentCreate,
    RoleAssignmentRead,
    UserCreate,
    UserFilters,
    UserRead,
    UserUpdate,
)
from app.authz.permissions import Permission
from app.core.enums import Role
from app.kit.caller import Caller, requires
from app.kit.params import IfMatch, Paging
from app.kit.schemas import IdPath, IdQuery, Page

users = APIRouter(prefix="/users", tags=["users"])
assignments = APIRouter(prefix="/role-assignments", tags=["role-assignments"])

UserReader = Annotated[Caller, requires(Permission.user_read)]
UserWriter = Annotated[Caller, requires(Permission.user_write)]
Assigner = Annotated[Caller, requires(Permission.role_assign)]


async def user_filters(
    org_id: Annotated[IdQuery, Query(description="所属组织（不含下级）")] = None,
    root_id: Annotated[IdQuery, Query(description="该组织及全部下级")] = None,
    is_active: bool | None = None,
    q: Annotated[str | None, Query(max_length=50, description="用户名或姓名包含")] = None,
) -> UserFilters:
    return UserFilters(org_id, root_id, is_active, q)


@users.get("", response_model=Page[UserRead], summary="用户列表")
async def list_users(
    call: UserReader, paging: Paging, filters: Annotated[UserFilters, Depends(user_filters)]
) -> Response:
    return await call(service.list_users, paging, filters)


@users.post("", response_model=UserRead, status_code=201, summary="新建用户")
async def create_user(body: UserCreate, call: UserWriter) -> Response:
    return await call(service.create_user, body)


@users.get("/{user_id}", response_model=UserRead, summary="用户详情")
async def get_user(user_id: IdPath, call: UserReader) -> Response:
    return await call(service.get_user, user_id)


@users.patch("/{user_id}", response_model=UserRead, summary="修改用户")
async def update_user(user_id: IdPath, body: UserUpdate, call: UserWriter, if_match: IfMatch) -> Response:
    return await call(service.update_user, user_id, body, if_match)


@users.post("/{user_id}/deactivate", response_model=UserRead, summary="停用用户（其登录随即失效）")
async def deactivate_user(user_id: IdPath, call: UserWriter, if_match: IfMatch) -> Response:
    return await call(service.set_active, user_id, False, if_match)


@users.post("/{user_id}/activate", response_model=UserRead, summary="启用用户")
async def activate_user(user_id: IdPath, call: UserWriter, if_match: IfMatch) -> Response:
    return await call(service.set_active, user_id, True, if_match)


@assignments.get("", response_model=Page[RoleAssignmentRead], summary="角色分配列表")
async def list_assignments(
    call: UserReader,
    paging: Paging,
    user_id: IdQuery = None,
    org_id: IdQuery = None,
    role: Role | None = None,
) -> Response:
    return await call(service.list_assignments, paging, AssignmentFilters(user_id, org_id, role))


@assignments.post("", response_model=RoleAssignmentRead, status_code=201, summary="分配角色")
async def create_assignment(body: RoleAssignmentCreate, call: Assigner) -> Response:
    return await call(service.create_assignment, body)


@assignments.get("/{assignment_id}", response_model=RoleAssignmentRead, summary="角色分配详情")
async def get_assignment(assignment_id: IdPath, call: UserReader) -> Response:
    return await call(service.get_assignment, assignment_id)


@assignments.delete("/{assignment_id}", status_code=204, summary="撤销角色")
async def delete_assignment(assignment_id: IdPath, call: Assigner) -> Response:
    return await call(service.delete_assignment, assignment_id)
