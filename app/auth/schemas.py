from typing import Annotated

from pydantic import BaseModel, Field

from app.accounts.schemas import Password, UserRead
from app.authz.permissions import Permission
from app.core.enums import Role
from app.kit.schemas import InputModel


class LoginBody(InputModel):
    username: Annotated[str, Field(min_length=1, max_length=64)]
    password: Annotated[str, Field(min_length=1, max_length=128)]


class RefreshBody(InputModel):
    refresh_token: Annotated[str, Field(min_length=1, max_length=4096)]


class PasswordChange(InputModel):
    current_password: Annotated[str, Field(min_length=1, max_length=128)]
    new_password: Password


class TokenResponse(BaseModel):
    access_token: str
    refresh_token: str | None = Field(description="服务账号（client_credentials）不签发刷新令牌")
    token_type: str = "bearer"
    expires_in: int = Field(description="访问令牌有效秒数")


class MeAssignment(BaseModel):
    id: int
    role: Role
    org_id: int
    org_name: str
    org_path: str
    permissions: list[Permission]


class MeResponse(BaseModel):
    user: UserRead
    org_name: str | None
    assignments: list[MeAssignment]
    permissions: list[Permission]
