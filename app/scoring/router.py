from typing import Annotated

from fastapi import APIRouter, Body, Query
from fastapi.responses import Response

from app.authz.permissions import Permission
from app.core.enums import ScoringPurpose, ScoringStatus, ScoringSubjectType
from app.kit.caller import Caller, requires
from app.kit.params import IfMatch, Paging
from app.kit.schemas import IdPath, IdQuery, Page
from app.scoring import results, scorer, service
from app.scoring.schemas import (
    AssignedSession,
    ConflictIn,
    ConflictRead,
    QueueEntry,
    Results,
    ScoreRead,
    ScoresIn,
    SessionCreate,
    SessionRead,
    SessionUpdate,
    Sheet,
)
from app.scoring.service import SessionFilters

router = APIRouter(prefix="/scoring-sessions", tags=["scoring-sessions"])

Reader = Annotated[Caller, requires(Permission.scoring_read)]
Manager = Annotated[Caller, requires(Permission.scoring_manage)]
Scorer = Annotated[Caller, requires(Permission.score_submit)]


@router.get("", response_model=Page[SessionRead], summary="评分活动（案例评审、逐社观摩、项目评估、述职评议）")
async def list_sessions(
    call: Reader,
    paging: Paging,
    root_id: Annotated[IdQuery, Query(description="该组织及其下级组织的评分")] = None,
    status: ScoringStatus | None = None,
    purpose: ScoringPurpose | None = None,
    subject_type: ScoringSubjectType | None = None,
) -> Response:
    return await call(service.list_sessions, paging, SessionFilters(root_id, status, purpose, subject_type))


@router.post("", response_model=SessionRead, status_code=201, summary="新建评分（草稿）")
async def create_session(body: SessionCreate, call: Manager) -> Response:
    return await call(service.create, body)


@router.get("/assigned", response_model=Page[AssignedSession], summary="我参与的评分（评委）及进度")
async def assigned_sessions(call: Scorer, paging: Paging) -> Response:
    return await call(scorer.assigned_sessions, paging)


@router.get("/{session_id}", response_model=SessionRead, summary="评分详情")
async def get_session(session_id: IdPath, call: Reader) -> Response:
    return await call(service.get_session, session_id)


@router.patch("/{session_id}", response_model=SessionRead, summary="修改评分方案（仅草稿）")
async def update_session(session_id: IdPath, body: SessionUpdate, call: Manager, if_match: IfMatch) -> Response:
    return await call(service.update, session_id, body, if_match)


@router.post("/{session_id}/open", response_model=SessionRead, summary="开始评分")
async def open_session(session_id: IdPath, call: Manager, if_match: IfMatch) -> Response:
    return await call(service.transition, session_id, "open", if_match)


@router.post("/{session_id}/close", response_model=SessionRead, summary="截止评分（此后不能再改分）")
async def close_session(session_id: IdPath, call: Manager, if_match: IfMatch) -> Response:
    return await call(service.transition, session_id, "close", if_match)


@router.post("/{session_id}/publish", response_model=SessionRead, summary="公布评分结果")
async def publish_session(session_id: IdPath, call: Manager, if_match: IfMatch) -> Response:
    return await call(service.transition, session_id, "publish", if_match)


@router.get("/{session_id}/results", response_model=Results, summary="评分结果：排名、分类、评委进度与离散度、缺评")
async def get_results(session_id: IdPath, call: Reader) -> Response:
    return await call(results.results, session_id)


@router.get("/{session_id}/sheets", response_model=Page[Sheet], summary="计分表（每个对象的评分明细与计算过程）")
async def get_sheets(session_id: IdPath, call: Reader, paging: Paging, subject_id: IdQuery = None) -> Response:
    return await call(results.sheets, session_id, paging, subject_id)


@router.get("/{session_id}/queue", response_model=Page[QueueEntry], summary="我的评分任务（评委）")
async def get_queue(session_id: IdPath, call: Scorer, paging: Paging) -> Response:
    return await call(scorer.queue, session_id, paging)


@router.post("/{session_id}/scores", response_model=list[ScoreRead], summary="提交评分（一条或多条，截止前可修改）")
async def submit_scores(session_id: IdPath, body: Annotated[ScoresIn, Body()], call: Scorer) -> Response:
    return await call(scorer.submit, session_id, body)


@router.post("/{session_id}/conflicts", response_model=ConflictRead, status_code=201, summary="申报回避")
async def declare_conflict(session_id: IdPath, body: ConflictIn, call: Scorer) -> Response:
    return await call(scorer.declare_conflict, session_id, body)
