from typing import Annotated

from pydantic import AnyHttpUrl, Field

from app.kit.schemas import IdField, InputModel, OutputModel, UtcDatetime

EventPattern = Annotated[str, Field(pattern=r"^(\*|[a-z_]+\.(\*|[a-z_]+))$", max_length=96)]


class WebhookCreate(InputModel):
    name: Annotated[str, Field(min_length=1, max_length=100)]
    org_id: IdField = Field(description="推送该组织及其下级的事件")
    url: AnyHttpUrl
    event_types: Annotated[list[EventPattern], Field(min_length=1, max_length=50)] = Field(
        description="如 problem.closed、problem.*、*"
    )
    from_beginning: bool = Field(default=False, description="是否从最早的事件开始补推；默认只推送此后的事件")


class WebhookUpdate(InputModel):
    name: Annotated[str, Field(min_length=1, max_length=100)] | None = None
    url: AnyHttpUrl | None = None
    event_types: Annotated[list[EventPattern], Field(min_length=1, max_length=50)] | None = None
    is_active: bool | None = None


class WebhookRead(OutputModel):
    id: int
    name: str
    org_id: int
    url: str
    event_types: list[str]
    is_active: bool
    cursor: int = Field(description="已成功推送的最后一个事件 id")
    failure_count: int
    next_attempt_at: UtcDatetime | None
    last_error: str | None
    version: int
    created_at: UtcDatetime
    updated_at: UtcDatetime


class WebhookWithSecret(WebhookRead):
    secret: str = Field(description="签名密钥，只在创建和轮换时显示一次")


class DeliveryRead(OutputModel):
    id: int
    event_id: int
    attempt: int
    status_code: int | None
    error: str | None
    duration_ms: int
    created_at: UtcDatetime
