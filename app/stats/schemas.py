from typing import Literal

from pydantic import BaseModel, Field


class KindStats(BaseModel):
    kind: str
    label: str
    total: int
    open: int
    done: int
    done_rate: float = Field(description="完成（销号、验收）占比，0–1，保留四位小数")
    overdue: int
    by_status: dict[str, int]


class Overview(BaseModel):
    org_id: int
    org_name: str
    orgs: int
    users: int
    kinds: list[KindStats]


MetricName = Literal["done_rate", "overdue", "total", "open"]


class RankedChild(BaseModel):
    org_id: int
    org_name: str
    value: float
    rank: int = Field(description="竞争排名（1, 2, 2, 4）")
    total: int


class Ranking(BaseModel):
    org_id: int
    kind: str
    metric: MetricName
    descending: bool
    items: list[RankedChild]
