from typing import Annotated

from fastapi import APIRouter, File, UploadFile
from fastapi.responses import Response

from app.attachments import service
from app.attachments.schemas import AttachmentRead
from app.authz.permissions import Permission
from app.kit.caller import Caller, requires
from app.kit.schemas import IdPath, error_responses

router = APIRouter(prefix="/attachments", tags=["attachments"])


@router.post(
    "",
    response_model=AttachmentRead,
    status_code=201,
    summary="上传附件（证明材料、照片）",
    responses=error_responses(415),
)
async def upload(
    file: Annotated[UploadFile, File(description="照片、视频、PDF 或 Office 文档")],
    call: Annotated[Caller, requires(Permission.attachment_upload)],
) -> Response:
    return await call(service.upload, file)


@router.get("/{attachment_id}", response_model=AttachmentRead, summary="附件信息")
async def get_attachment(
    attachment_id: IdPath, call: Annotated[Caller, requires(Permission.attachment_read)]
) -> Response:
    return await call(service.readable, attachment_id)


@router.get(
    "/{attachment_id}/content",
    summary="下载附件",
    response_class=Response,
    responses={200: {"content": {"application/octet-stream": {}}, "description": "文件内容"}},
)
async def download(attachment_id: IdPath, call: Annotated[Caller, requires(Permission.attachment_read)]) -> Response:
    return await call(service.download, attachment_id)
