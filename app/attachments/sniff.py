"""Decide a file's type from its bytes, never from the name or the client's Content-Type. Only evidence formats
are accepted: photos (incl. phone HEIC), short videos, PDF and Office documents."""

from __future__ import annotations

import zipfile
from typing import BinaryIO

OOXML = {
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "word/"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xl/"),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "ppt/"),
}
OLE = {"doc": "application/msword", "xls": "application/vnd.ms-excel", "ppt": "application/vnd.ms-powerpoint"}
HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"mif1", b"msf1"}
MP4_BRANDS = {b"isom", b"iso2", b"mp41", b"mp42", b"avc1", b"M4V ", b"qt  "}

ALLOWED_LABEL = "JPG、PNG、GIF、WEBP、HEIC 图片，MP4/MOV 视频，PDF 与 Word/Excel/PowerPoint 文档"
ACCEPTED_TYPES = sorted(
    {
        "image/jpeg",
        "image/png",
        "image/gif",
        "image/webp",
        "image/heic",
        "video/mp4",
        "video/quicktime",
        "application/pdf",
        *OLE.values(),
        *(t for t, _ in OOXML.values()),
    }
)


def sniff(head: bytes, filename: str, stream: BinaryIO) -> str | None:
    """The content type, or None when the bytes are not an accepted format."""
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in HEIF_BRANDS:
            return "image/heic"
        if brand in MP4_BRANDS:
            return "video/quicktime" if brand == b"qt  " else "video/mp4"
        return None
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return OLE.get(ext)
    if head.startswith(b"PK\x03\x04") and ext in OOXML:
        content_type, folder = OOXML[ext]
        try:
            stream.seek(0)
            with zipfile.ZipFile(stream) as archive:
                names = archive.namelist()
        except zipfile.BadZipFile:
            return None
        finally:
            stream.seek(0)
        if "[Content_Types].xml" in names and any(n.startswith(folder) for n in names):
            return content_type
    return None
