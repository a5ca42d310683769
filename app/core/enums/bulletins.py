"""问题通报 and 书记联系点."""

from enum import StrEnum


class BulletinStatus(StrEnum):
    draft = "draft"
    published = "published"


class ContactPointStatus(StrEnum):
    active = "active"
    ended = "ended"


LABELS: dict[type[StrEnum], dict[str, str]] = {
    BulletinStatus: {"draft": "草稿", "published": "已发布"},
    ContactPointStatus: {"active": "联系中", "ended": "已结束"},
}
