from typing import Annotated

from pydantic import Field

from app.kit.schemas import IdField, InputModel, OutputModel, UtcDatetime


class ServiceAccountCreate(InputModel):
    name: Annotated[str, Field(min_length=1, max_length=64, description="如“数治柴桑”智慧党建平台")]
    org_id: IdField = Field(description="只读范围：该组织及其下级")


class ServiceAccountRead(OutputModel):
    id: int
    client_id: str
    name: str
    org_id: int
    is_active: bool
    created_at: UtcDatetime


class ServiceAccountWithSecret(ServiceAccountRead):
    client_secret: str = Field(description="只在创建和轮换时显示一次；服务端只保存其哈希")
