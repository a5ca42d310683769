"""orgs: an index in the org list's default order

A county root's org list sorted its whole tree (48k orgs) for every page; with no path predicate for the only
root's subtree, a page reads twenty entries of (sort_order, id).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 02:10:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_orgs_sort_order_id", "orgs", ["sort_order", "id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_orgs_sort_order_id", table_name="orgs")
