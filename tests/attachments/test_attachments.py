from tests.problems.helpers import issue, rectify
from tests.support.api import error_code
from tests.support.files import HEIC, JPEG, PDF, PNG, docx, upload

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_accepted_formats_are_decided_by_content(api):
    user = api.as_("va1_secretary")
    for name, data, expected in [
        ("a.jpg", JPEG, "image/jpeg"),
        ("b.png", PNG, "image/png"),
        ("c.pdf", PDF, "application/pdf"),
        ("IMG_0001.HEIC", HEIC, "image/heic"),
        ("方案.docx", docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("mislabelled.png", JPEG, "image/jpeg"),
    ]:
        response = user.post("/attachments", files={"file": (name, data, "image/png")})
        assert response.status_code == 201, (name, response.text)
        assert response.json()["content_type"] == expected
        assert response.json()["owner_type"] is None


def test_refused_formats_and_sizes(api, db):
    user = api.as_("va1_secretary")
    for name, data in [
        ("x.exe", b"MZ\x90\x00" + b"\x00" * 100),
        ("notes.txt", "纯文本".encode()),
        ("fake.docx", b"PK\x03\x04garbage"),
        ("page.html", b"<html><script>"),
    ]:
        response = user.post("/attachments", files={"file": (name, data, "image/jpeg")})
        assert response.status_code == 415, name
        assert error_code(response) == "unsupported_media_type"
    empty = user.post("/attachments", files={"file": ("a.jpg", b"", "image/jpeg")})
    assert empty.status_code == 422
    huge = user.post("/attachments", files={"file": ("a.jpg", JPEG + b"\x00" * (21 * 1024 * 1024), "image/jpeg")})
    assert huge.status_code == 413 and error_code(huge) == "payload_too_large"
    assert (
        api.as_("county_viewer").post("/attachments", files={"file": ("a.jpg", JPEG, "image/jpeg")}).status_code == 403
    )


def test_unbound_uploads_are_visible_only_to_the_uploader(api):
    mine = upload(api.as_("va1_secretary"))
    assert api.as_("va1_secretary").get(f"/attachments/{mine}").status_code == 200
    assert api.as_("va1_worker").get(f"/attachments/{mine}").status_code == 404
    assert api.as_("county_admin").get(f"/attachments/{mine}/content").status_code == 404


def test_evidence_is_readable_exactly_by_readers_of_the_problem(api):
    problem = issue(api)
    rectify(api, problem)
    user = api.as_("va1_secretary")
    photo = upload(user, PNG, "会议照片.png")
    assert (
        user.post(
            f"/problems/{problem['id']}/submit", json={"content": "已整改", "attachment_ids": [photo]}
        ).status_code
        == 200
    )
    meta = api.as_("ta_organizer").get(f"/attachments/{photo}").json()
    assert meta["owner_type"] == "progress_report" and meta["filename"] == "会议照片.png"
    for reader in ("va1_worker", "ta_organizer", "county_viewer", "ta_secretary"):
        content = api.as_(reader).get(f"/attachments/{photo}/content")
        assert content.status_code == 200, reader
        assert content.content == PNG and content.headers["content-type"] == "image/png"
        assert content.headers["x-content-type-options"] == "nosniff"
    for outsider in ("tb_organizer", "vb1_secretary", "va2_secretary"):
        assert api.as_(outsider).get(f"/attachments/{photo}/content").status_code == 404, outsider
        assert api.as_(outsider).get(f"/attachments/{photo}").status_code == 404, outsider
    # bound evidence cannot be reused for another object
    other = issue(api)
    rectify(api, other)
    reuse = user.post(f"/problems/{other['id']}/submit", json={"content": "x", "attachment_ids": [photo]})
    assert reuse.status_code == 422


def test_download_names_survive_unicode(api):
    user = api.as_("va1_secretary")
    attachment = upload(user, PDF, "整改报告（终稿）.pdf")
    response = user.get(f"/attachments/{attachment}/content")
    assert response.status_code == 200
    assert "filename*=utf-8''" in response.headers["content-disposition"].lower()


def test_idempotent_upload_retry_stores_one_file(api, db):
    from sqlalchemy import func, select

    from app.models.tracking import Attachment

    user = api.as_("va1_secretary")
    send = lambda data: user.post(  # noqa: E731
        "/attachments", files={"file": ("照片.jpg", data, "image/jpeg")}, headers={"Idempotency-Key": "upload-1"}
    )
    first, retry = send(JPEG), send(JPEG)
    assert first.status_code == retry.status_code == 201
    assert first.json() == retry.json() and retry.headers["idempotent-replayed"] == "true"
    other = send(PNG)  # same key, different file
    assert other.status_code == 422 and error_code(other) == "idempotency_key_reused"
    with db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(Attachment)) == 1
