"""Upload, bind and download evidence."""

from __future__ import annotations

import hashlib
import unicodedata
import uuid
from collections.abc import Sequence

from fastapi import UploadFile
from fastapi.responses import FileResponse
from sqlalchemy.orm import Session

from app.attachments import repository
from app.attachments.owners import ensure_owner_readable
from app.attachments.sniff import ALLOWED_LABEL, sniff
from app.attachments.storage import get_storage
from app.authz.principal import Principal
from app.core import clock
from app.core.config import get_settings
from app.core.errors import AppError, NotFound, PayloadTooLarge, Unprocessable
from app.models.accounts import User
from app.models.tracking import Attachment

MAX_PER_OBJECT = 20


class UnsupportedMediaType(AppError):
    status_code = 415
    code = "unsupported_media_type"
    message = f"不支持的文件类型。可上传：{ALLOWED_LABEL}"


def _clean_name(name: str | None) -> str:
    base = (name or "附件").replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(c for c in unicodedata.normalize("NFC", base) if c.isprintable()).strip(" .")
    return (cleaned or "附件")[:255]


def upload(session: Session, principal: Principal, file: UploadFile) -> Attachment:
    settings = get_settings()
    source = file.file
    source.seek(0, 2)
    size = source.tell()
    source.seek(0)
    if size == 0:
        raise Unprocessable("文件为空", fields=[{"loc": ["body", "file"], "message": "文件为空"}])
    if size > settings.attachment_max_bytes:
        raise PayloadTooLarge(f"文件过大（上限 {settings.attachment_max_bytes // (1024 * 1024)} MB）")
    filename = _clean_name(file.filename)
    content_type = sniff(source.read(64), filename, source)
    if content_type is None:
        raise UnsupportedMediaType()
    source.seek(0)
    digest = hashlib.sha256()
    for chunk in iter(lambda: source.read(1024 * 1024), b""):
        digest.update(chunk)
    source.seek(0)
    now = clock.now()
    key = f"{now:%Y/%m}/{uuid.uuid4().hex}"
    get_storage().put(key, source)
    user = session.get(User, principal.user_id)
    assert user is not None
    attachment = Attachment(
        org_id=user.org_id,
        uploaded_by_id=principal.user_id,
        filename=filename,
        content_type=content_type,
        size=size,
        sha256=digest.hexdigest(),
        storage_key=key,
    )
    session.add(attachment)
    session.flush()
    return attachment


def readable(session: Session, principal: Principal, attachment_id: int) -> Attachment:
    attachment = repository.get(session, attachment_id)
    if attachment is None:
        raise NotFound()
    if attachment.owner_type is None or attachment.owner_id is None:
        if attachment.uploaded_by_id != principal.user_id:
            raise NotFound()
        return attachment
    ensure_owner_readable(session, principal, attachment.owner_type, attachment.owner_id)
    return attachment


def download(session: Session, principal: Principal, attachment_id: int) -> FileResponse:
    attachment = readable(session, principal, attachment_id)
    return FileResponse(
        get_storage().path(attachment.storage_key),
        media_type=attachment.content_type,
        filename=attachment.filename,
        content_disposition_type="inline" if attachment.content_type.startswith("image/") else "attachment",
        headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "private, max-age=3600"},
    )


def bind(
    session: Session,
    principal: Principal,
    ids: Sequence[int],
    *,
    owner_type: str,
    owner_id: int,
    org_id: int,
    field: str = "attachment_ids",
) -> list[Attachment]:
    """Attach the caller's freshly uploaded files to an object. Files already bound, or uploaded by someone
    else, are refused: evidence cannot be moved between objects."""
    unique = list(dict.fromkeys(ids))
    if len(unique) > MAX_PER_OBJECT:
        raise Unprocessable(fields=[{"loc": ["body", field], "message": f"最多 {MAX_PER_OBJECT} 个附件"}])
    found = repository.unbound_of(session, principal.user_id, unique)
    if len(found) != len(unique):
        missing = sorted(set(unique) - {a.id for a in found})
        raise Unprocessable(
            "附件不存在、不是本人上传或已被使用",
            fields=[{"loc": ["body", field], "message": f"无效的附件：{', '.join(map(str, missing))}"}],
        )
    for attachment in found:
        attachment.owner_type, attachment.owner_id, attachment.org_id = owner_type, owner_id, org_id
    return found
