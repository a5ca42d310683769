"""Minimal files of each kind, as a phone or an office PC would upload them."""

import io
import zipfile

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + b"\x00" * 200
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200
PDF = b"%PDF-1.7\n" + b"0" * 200
HEIC = b"\x00\x00\x00\x18ftypheic" + b"\x00" * 200


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def upload(user, data: bytes = JPEG, name: str = "整改照片.jpg") -> int:  # type: ignore[no-untyped-def]
    response = user.post("/attachments", files={"file": (name, data, "application/octet-stream")})
    assert response.status_code == 201, response.text
    return int(response.json()["id"])
