from app.kit.schemas import OutputModel, UtcDatetime


class AttachmentRead(OutputModel):
    id: int
    filename: str
    content_type: str
    size: int
    sha256: str
    owner_type: str | None
    owner_id: int | None
    uploaded_by_id: int
    created_at: UtcDatetime
