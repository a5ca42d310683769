from dataclasses import dataclass
from typing import Annotated

from pydantic import AfterValidator, Field

from app.core.enums import Role
from app.kit.schemas import IdField, InputModel, OutputModel, UtcDatetime

Username = Annotated[str, Field(min_length=3, max_length=64, pattern=r"^[A-Za-z0-9_.@-]+$")]


def _letters_and_digits(value: str) -> str:
    if not (any(c.isalpha() for c in value) and any(c.isdigit() for c in value)):
        raise ValueError("密码须同时包含字母和数字")
    return value


Password = Annotated[str, Field(min_length=8, max_length=128), AfterValidator(_letters_and_digits)]
FullName = Annotated[str, Field(min_length=1, max_length=64)]
Phone = Annotated[str, Field(min_length=5, max_length=20, pattern=r"^\+?[0-9][0-9 -]{3,18}[0-9]$")]


class UserCreate(InputModel):
    username: Username
    password: Password
    full_name: FullName
    phone: Phone | None = None
    org_id: IdField


class UserUpdate(InputModel):
    full_name: FullName | None = None
    phone: Phone | None = None
    org_id: IdField | None = None
    password: Password | None = Field(default=None, description="管理员重置密码；该用户所有已登录会话随即失效")


class UserRead(OutputModel):
    id: int
    username: str
    full_name: str
    phone: str | None = Field(description="非管理员看到的是脱敏号码")
    org_id: int
    org_name: str
    is_active: bool
    is_service: bool
    version: int
    created_at: UtcDatetime
    updated_at: UtcDatetime


class RoleAssignmentCreate(InputModel):
    user_id: IdField
    role: Role
    org_id: IdField


class RoleAssignmentRead(OutputModel):
    id: int
    user_id: int
    user_full_name: str
    role: Role
    org_id: int
    org_name: str
    created_at: UtcDatetime


@dataclass(frozen=True)
class UserFilters:
    org_id: int | None = None
    root_id: int | None = None
    is_active: bool | None = None
    q: str | None = None


@dataclass(frozen=True)
class AssignmentFilters:
    user_id: int | None = None
    org_id: int | None = None
    role: Role | None = None
