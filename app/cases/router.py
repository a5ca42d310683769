from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from app.authz.permissions import Permission
from app.cases import library, objections, public, rounds, service
from app.cases.rounds import RoundFilters
from app.cases.schemas import (
    AnnounceBody,
    AnnouncedCase,
    Announcement,
    AnnouncementSummary,
    CaseCreate,
    CaseDetail,
    CaseFilters,
    CaseRow,
    CaseUpdate,
    FeedbackCreate,
    FeedbackRead,
    LibraryDetail,
    LibraryFilters,
    LibraryRow,
    ObjectionIn,
    ObjectionRead,
    ObjectionReceipt,
    ResolveBody,
    RoundCreate,
    RoundRead,
    RoundUpdate,
    SelectBody,
    StartReview,
    VerifyBody,
)
from app.core.enums import CaseChannel, CaseStatus
from app.kit.caller import Caller, client_ip, requires, run_public
from app.kit.params import IfMatch, Paging
from app.kit.schemas import IdPath, IdQuery, Page, error_responses
from app.tracking.schemas import TimelineEntry

rounds_router = APIRouter(prefix="/case-rounds", tags=["case-rounds"])
cases_router = APIRouter(prefix="/cases", tags=["cases"])
library_router = APIRouter(prefix="/case-library", tags=["case-library"])
feedback_router = APIRouter(prefix="/case-feedback", tags=["case-feedback"])
public_router = APIRouter(prefix="/public/announcements", tags=["public"])

Reader = Annotated[Caller, requires(Permission.case_read)]
RoundManager = Annotated[Caller, requires(Permission.case_round_manage)]
Submitter = Annotated[Caller, requires(Permission.case_submit)]
Verifier = Annotated[Caller, requires(Permission.case_verify)]
Learner = Annotated[Caller, requires(Permission.case_feedback)]
Text = Annotated[str | None, Query(max_length=50)]

# Case rounds (优秀案例征集) -------------------------------------------------------------------------------------


@rounds_router.get("", response_model=Page[RoundRead], summary="案例征集（本单位及上级发起的）")
async def list_rounds(
    call: Reader,
    paging: Paging,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
    org_id: IdQuery = None,
) -> Response:
    return await call(rounds.list_rounds, paging, RoundFilters(year, org_id))


@rounds_router.post("", response_model=RoundRead, status_code=201, summary="发起案例征集")
async def create_round(body: RoundCreate, call: RoundManager) -> Response:
    return await call(rounds.create, body)


@rounds_router.get("/{round_id}", response_model=RoundRead, summary="案例征集详情")
async def get_round(round_id: IdPath, call: Reader) -> Response:
    return await call(rounds.get_round, round_id)


@rounds_router.patch("/{round_id}", response_model=RoundRead, summary="修改案例征集")
async def update_round(round_id: IdPath, body: RoundUpdate, call: RoundManager, if_match: IfMatch) -> Response:
    return await call(rounds.update, round_id, body, if_match)


@rounds_router.post("/{round_id}/start-review", response_model=RoundRead, summary="核查通过的案例进入评审（新建评分）")
async def start_review(round_id: IdPath, body: StartReview, call: RoundManager, if_match: IfMatch) -> Response:
    return await call(rounds.start_review, round_id, body, if_match)


@rounds_router.post("/{round_id}/select", response_model=RoundRead, summary="按评审排名确定入选案例（竞争择优）")
async def select(round_id: IdPath, body: SelectBody, call: RoundManager, if_match: IfMatch) -> Response:
    return await call(rounds.select, round_id, body, if_match)


@rounds_router.post("/{round_id}/announce", response_model=RoundRead, summary="公示入选案例")
async def announce(round_id: IdPath, body: AnnounceBody, call: RoundManager, if_match: IfMatch) -> Response:
    return await call(rounds.announce, round_id, body, if_match)


@rounds_router.post("/{round_id}/publish", response_model=RoundRead, summary="公示期满，入选案例入库")
async def publish(round_id: IdPath, call: RoundManager, if_match: IfMatch) -> Response:
    return await call(rounds.publish, round_id, if_match)


# Cases ------------------------------------------------------------------------------------------------------


async def case_filters(
    root_id: Annotated[IdQuery, Query(description="该组织及其下级")] = None,
    round_id: IdQuery = None,
    status: CaseStatus | None = None,
    domain: Text = None,
    channel: CaseChannel | None = None,
    q: Text = None,
) -> CaseFilters:
    return CaseFilters(root_id, round_id, status, domain, channel, q)


CaseFilterDep = Annotated[CaseFilters, Depends(case_filters)]


@cases_router.get("", response_model=Page[CaseRow], summary="案例")
async def list_cases(call: Reader, paging: Paging, filters: CaseFilterDep) -> Response:
    return await call(service.list_cases, paging, filters)


@cases_router.post("", response_model=CaseDetail, status_code=201, summary="报送案例")
async def create_case(body: CaseCreate, call: Submitter) -> Response:
    return await call(service.create, body)


@cases_router.get("/{case_id}", response_model=CaseDetail, summary="案例详情")
async def get_case(case_id: IdPath, call: Reader) -> Response:
    return await call(service.get_case, case_id)


@cases_router.patch("/{case_id}", response_model=CaseDetail, summary="修改案例（核查前）或标签")
async def update_case(case_id: IdPath, body: CaseUpdate, call: Reader, if_match: IfMatch) -> Response:
    return await call(service.update, case_id, body, if_match)


@cases_router.get("/{case_id}/timeline", response_model=list[TimelineEntry], summary="案例办理过程")
async def case_timeline(case_id: IdPath, call: Reader) -> Response:
    return await call(service.timeline, case_id)


@cases_router.post("/{case_id}/verify", response_model=CaseDetail, summary="实地核查通过")
async def verify(case_id: IdPath, body: VerifyBody, call: Verifier, if_match: IfMatch) -> Response:
    return await call(service.verify, case_id, "verify", body, if_match)


@cases_router.post("/{case_id}/reject", response_model=CaseDetail, summary="实地核查未通过")
async def reject(case_id: IdPath, body: VerifyBody, call: Verifier, if_match: IfMatch) -> Response:
    return await call(service.verify, case_id, "reject", body, if_match)


@cases_router.get("/{case_id}/objections", response_model=Page[ObjectionRead], summary="公示异议")
async def list_objections(case_id: IdPath, call: RoundManager, paging: Paging) -> Response:
    return await call(objections.list_objections, case_id, paging)


@cases_router.post(
    "/{case_id}/objections/{objection_id}/uphold", response_model=ObjectionRead, summary="异议成立（撤销案例）"
)
async def uphold(
    case_id: IdPath, objection_id: IdPath, body: ResolveBody, call: RoundManager, if_match: IfMatch
) -> Response:
    return await call(objections.resolve, case_id, objection_id, "upheld", body, if_match)


@cases_router.post("/{case_id}/objections/{objection_id}/dismiss", response_model=ObjectionRead, summary="异议不成立")
async def dismiss(
    case_id: IdPath, objection_id: IdPath, body: ResolveBody, call: RoundManager, if_match: IfMatch
) -> Response:
    return await call(objections.resolve, case_id, objection_id, "dismissed", body, if_match)


# Library and learning feedback ------------------------------------------------------------------------------


@library_router.get("", response_model=Page[LibraryRow], summary="优秀案例库（按内容、领域、年度、标签检索）")
async def list_library(
    call: Reader,
    paging: Paging,
    q: Text = None,
    domain: Text = None,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
    tag: Annotated[list[Annotated[str, Query(max_length=20)]], Query(max_length=5)] = [],  # noqa: B006
) -> Response:
    return await call(library.list_library, paging, LibraryFilters(q, domain, year, tuple(tag)))


@library_router.get("/{case_id}", response_model=LibraryDetail, summary="案例库中的案例")
async def get_library_case(case_id: IdPath, call: Reader) -> Response:
    return await call(library.get_library_case, case_id)


@feedback_router.get("", response_model=Page[FeedbackRead], summary="案例学习研讨反馈")
async def list_feedback(call: Reader, paging: Paging, case_id: IdQuery = None, root_id: IdQuery = None) -> Response:
    return await call(library.list_feedback, paging, case_id, root_id)


@feedback_router.post("", response_model=FeedbackRead, status_code=201, summary="记录案例学习研讨反馈")
async def create_feedback(body: FeedbackCreate, call: Learner) -> Response:
    return await call(library.create_feedback, body)


# Public announcement (公示), without login ------------------------------------------------------------------


@public_router.get("", response_model=Page[AnnouncementSummary], summary="案例公示（无需登录）")
async def list_announcements(request: Request, paging: Paging) -> Any:
    return await run_public(request, public.list_announcements, paging, write=False)


@public_router.get(
    "/{round_id}", response_model=Announcement, summary="公示内容（无需登录）", responses=error_responses(404)
)
async def get_announcement(round_id: IdPath, request: Request) -> Any:
    return await run_public(request, public.get_announcement, round_id, write=False)


@public_router.get(
    "/{round_id}/cases/{case_id}",
    response_model=AnnouncedCase,
    summary="公示案例及计分表（无需登录）",
    responses=error_responses(404),
)
async def get_announced_case(round_id: IdPath, case_id: IdPath, request: Request) -> Any:
    return await run_public(request, public.get_announced_case, round_id, case_id, write=False)


@public_router.post(
    "/{round_id}/cases/{case_id}/objections",
    response_model=ObjectionReceipt,
    status_code=201,
    summary="对公示案例提出异议（无需登录，限频）",
    responses=error_responses(404, 409),
)
async def file_objection(round_id: IdPath, case_id: IdPath, body: ObjectionIn, request: Request) -> Any:
    return await run_public(request, objections.file, round_id, case_id, body, client_ip(request))
