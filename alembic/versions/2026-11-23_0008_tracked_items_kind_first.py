"""tracked items: lead the scope index with the kind

Every scoped read names one kind; with (kind, org_path, …) a subtree range seeks only that kind's rows instead
of walking all kinds' rows in the subtree, and with the status and the key in the index a ledger page's keys
come from the index alone.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23 19:40:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_tracked_items_kind_org_path_status_id", "tracked_items", ["kind", "org_path", "status", "id"], unique=False
    )
    op.drop_index("ix_tracked_items_org_path_kind_id", table_name="tracked_items")


def downgrade() -> None:
    op.create_index("ix_tracked_items_org_path_kind_id", "tracked_items", ["org_path", "kind", "id"], unique=False)
    op.drop_index("ix_tracked_items_kind_org_path_status_id", table_name="tracked_items")
