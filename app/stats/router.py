from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from app.authz.permissions import Permission
from app.kit.caller import Caller, requires
from app.kit.schemas import IdQuery
from app.stats import service
from app.stats.schemas import MetricName, Overview, Ranking

router = APIRouter(prefix="/stats", tags=["stats"])
Reader = Annotated[Caller, requires(Permission.stats_read)]


@router.get("/overview", response_model=Overview, summary="下辖汇总（问题、任务、项目等）")
async def overview(
    call: Reader, org_id: Annotated[IdQuery, Query(description="默认为本人管辖范围的根")] = None
) -> Response:
    return await call(service.overview, org_id)


@router.get("/ranking", response_model=Ranking, summary="直属下级排名（排名通报）")
async def ranking(
    call: Reader,
    kind: Annotated[str, Query(max_length=32, pattern=r"^[a-z_]+$", description="problem、task_assignment 等")],
    metric: MetricName = "done_rate",
    org_id: IdQuery = None,
    descending: bool | None = None,
) -> Response:
    return await call(service.ranking, org_id, kind, metric, descending)
