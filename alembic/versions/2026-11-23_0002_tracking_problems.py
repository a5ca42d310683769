"""tracked item spine, attachments, problems and inspections

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 15:57:35.182929
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('inspections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('type', sa.Enum('inspection', 'research', 'observation', name='inspectiontype', native_enum=False, length=32), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('inspectors', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('visited_org_ids', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.Column('org_path', sa.String(length=1024).with_variant(sa.String(length=1024, collation='C'), 'postgresql'), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['org_id'], ['orgs.id'], name=op.f('fk_inspections_org_id_orgs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspections'))
    )
    with op.batch_alter_table('inspections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inspections_org_id'), ['org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_inspections_org_path'), ['org_path'], unique=False)

    op.create_table('attachments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('org_path', sa.String(length=1024).with_variant(sa.String(length=1024, collation='C'), 'postgresql'), nullable=False),
    sa.Column('owner_type', sa.String(length=32), nullable=True),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('storage_key', sa.String(length=255), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['orgs.id'], name=op.f('fk_attachments_org_id_orgs')),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_attachments_uploaded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachments')),
    sa.UniqueConstraint('storage_key', name=op.f('uq_attachments_storage_key'))
    )
    with op.batch_alter_table('attachments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attachments_org_path'), ['org_path'], unique=False)
        batch_op.create_index('ix_attachments_owner_type_owner_id', ['owner_type', 'owner_id'], unique=False)

    op.create_table('inspection_orgs',
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspections.id'], name=op.f('fk_inspection_orgs_inspection_id_inspections'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['org_id'], ['orgs.id'], name=op.f('fk_inspection_orgs_org_id_orgs')),
    sa.PrimaryKeyConstraint('inspection_id', 'org_id', name=op.f('pk_inspection_orgs'))
    )
    with op.batch_alter_table('inspection_orgs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inspection_orgs_org_id'), ['org_id'], unique=False)

    op.create_table('tracked_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('issuer_org_id', sa.Integer(), nullable=True),
    sa.Column('issuer_org_path', sa.String(length=1024).with_variant(sa.String(length=1024, collation='C'), 'postgresql'), nullable=True),
    sa.Column('responsible_user_id', sa.Integer(), nullable=True),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('is_open', sa.Boolean(), nullable=False),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('last_report_at', sa.DateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('org_path', sa.String(length=1024).with_variant(sa.String(length=1024, collation='C'), 'postgresql'), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['issuer_org_id'], ['orgs.id'], name=op.f('fk_tracked_items_issuer_org_id_orgs')),
    sa.ForeignKeyConstraint(['org_id'], ['orgs.id'], name=op.f('fk_tracked_items_org_id_orgs')),
    sa.ForeignKeyConstraint(['responsible_user_id'], ['users.id'], name=op.f('fk_tracked_items_responsible_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tracked_items'))
    )
    with op.batch_alter_table('tracked_items', schema=None) as batch_op:
        batch_op.create_index('ix_tracked_items_kind_is_open_deadline', ['kind', 'is_open', 'deadline'], unique=False)
        batch_op.create_index(batch_op.f('ix_tracked_items_org_id'), ['org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_tracked_items_org_path'), ['org_path'], unique=False)
        batch_op.create_index('ix_tracked_items_org_path_kind_id', ['org_path', 'kind', 'id'], unique=False)
        batch_op.create_index('ix_tracked_items_responsible_user_id', ['responsible_user_id'], unique=False)

    op.create_table('milestones',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('org_path', sa.String(length=1024).with_variant(sa.String(length=1024, collation='C'), 'postgresql'), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('completed_at', sa.DateTime(), nullable=True),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['tracked_items.id'], name=op.f('fk_milestones_item_id_tracked_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['org_id'], ['orgs.id'], name=op.f('fk_milestones_org_id_orgs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_milestones'))
    )
    with op.batch_alter_table('milestones', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_milestones_item_id'), ['item_id'], unique=False)

    op.create_table('problems',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source', sa.Enum('inspection', 'research', 'assessment', 'self_check', 'report', 'observation', 'feedback', name='problemsource', native_enum=False, length=32), nullable=False),
    sa.Column('inspection_id', sa.Integer(), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('category', sa.Enum('immediate', 'deadline', 'long_term', name='problemcategory', native_enum=False, length=32), nullable=False),
    sa.Column('severity', sa.Enum('general', 'serious', 'critical', name='problemseverity', native_enum=False, length=32), nullable=False),
    sa.Column('measures', sa.Text(), nullable=True),
    sa.Column('recheck_count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['id'], ['tracked_items.id'], name=op.f('fk_problems_id_tracked_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspections.id'], name=op.f('fk_problems_inspection_id_inspections')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_problems'))
    )
    with op.batch_alter_table('problems', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_problems_inspection_id'), ['inspection_id'], unique=False)

    op.create_table('progress_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('org_path', sa.String(length=1024).with_variant(sa.String(length=1024, collation='C'), 'postgresql'), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('period', sa.String(length=16), nullable=True),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('progress', sa.Integer(), nullable=True),
    sa.Column('data', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_progress_reports_author_id_users')),
    sa.ForeignKeyConstraint(['item_id'], ['tracked_items.id'], name=op.f('fk_progress_reports_item_id_tracked_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['org_id'], ['orgs.id'], name=op.f('fk_progress_reports_org_id_orgs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_progress_reports')),
    sa.UniqueConstraint('item_id', 'period', name=op.f('uq_progress_reports_item_id_period'))
    )
    with op.batch_alter_table('progress_reports', schema=None) as batch_op:
        batch_op.create_index('ix_progress_reports_item_id_created_at', ['item_id', 'created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_progress_reports_org_path'), ['org_path'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('progress_reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_progress_reports_org_path'))
        batch_op.drop_index('ix_progress_reports_item_id_created_at')

    op.drop_table('progress_reports')
    with op.batch_alter_table('problems', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_problems_inspection_id'))

    op.drop_table('problems')
    with op.batch_alter_table('milestones', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_milestones_item_id'))

    op.drop_table('milestones')
    with op.batch_alter_table('tracked_items', schema=None) as batch_op:
        batch_op.drop_index('ix_tracked_items_responsible_user_id')
        batch_op.drop_index('ix_tracked_items_org_path_kind_id')
        batch_op.drop_index(batch_op.f('ix_tracked_items_org_path'))
        batch_op.drop_index(batch_op.f('ix_tracked_items_org_id'))
        batch_op.drop_index('ix_tracked_items_kind_is_open_deadline')

    op.drop_table('tracked_items')
    with op.batch_alter_table('inspection_orgs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inspection_orgs_org_id'))

    op.drop_table('inspection_orgs')
    with op.batch_alter_table('attachments', schema=None) as batch_op:
        batch_op.drop_index('ix_attachments_owner_type_owner_id')
        batch_op.drop_index(batch_op.f('ix_attachments_org_path'))

    op.drop_table('attachments')
    with op.batch_alter_table('inspections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inspections_org_path'))
        batch_op.drop_index(batch_op.f('ix_inspections_org_id'))

    op.drop_table('inspections')
