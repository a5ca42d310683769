from datetime import date

from sqlalchemy import Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db import Base, PathString
from app.core.enums import OrgDomain, OrgKind, OrgLevel, OrgStatus
from app.models.base import Timestamped, Versioned, enum_column


class Org(Versioned, Timestamped, Base):
    __tablename__ = "orgs"
    __audit__ = "org"

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("orgs.id"), nullable=True)
    # "/1/5/23/": ids from the root, slash-terminated so that a prefix never matches a sibling ("/1/2/" vs "/1/23/").
    path: Mapped[str] = mapped_column(PathString, nullable=False, unique=True)
    depth: Mapped[int] = mapped_column(Integer, nullable=False)
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    short_name: Mapped[str | None] = mapped_column(String(50))
    kind: Mapped[OrgKind] = mapped_column(enum_column(OrgKind), nullable=False)
    level: Mapped[OrgLevel] = mapped_column(enum_column(OrgLevel), nullable=False)
    domain: Mapped[OrgDomain] = mapped_column(enum_column(OrgDomain), nullable=False)
    code: Mapped[str | None] = mapped_column(String(50), unique=True)
    secretary_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", use_alter=True))
    term_start: Mapped[date | None] = mapped_column(Date)
    term_end: Mapped[date | None] = mapped_column(Date)
    status: Mapped[OrgStatus] = mapped_column(enum_column(OrgStatus), nullable=False, default=OrgStatus.active)
    sort_order: Mapped[int] = mapped_column(Integer, nullable=False, default=0)

    __table_args__ = (
        Index("ix_orgs_parent_id_sort_order_id", "parent_id", "sort_order", "id"),
        # The whole tree's org list in its default order, a page at a time (orgs.repository.search).
        Index("ix_orgs_sort_order_id", "sort_order", "id"),
    )
