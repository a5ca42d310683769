"""secretary projects: campaigns, their catalog of items, and projects on the tracked-item spine

Revision ID: 0005
Revises: 0002
Create Date: 2026-11-23 16:32:34.796480
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('project_campaigns',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('status', sa.Enum('draft', 'open', 'closed', name='campaignstatus', native_enum=False, length=32), nullable=False),
    sa.Column('min_claims', sa.Integer(), nullable=False),
    sa.Column('max_claims', sa.Integer(), nullable=False),
    sa.Column('opened_at', sa.DateTime(), nullable=True),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('preclaimed_at', sa.DateTime(), nullable=True),
    sa.Column('org_path', sa.String(length=1024).with_variant(sa.String(length=1024, collation='C'), 'postgresql'), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['org_id'], ['orgs.id'], name=op.f('fk_project_campaigns_org_id_orgs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_campaigns'))
    )
    with op.batch_alter_table('project_campaigns', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_campaigns_org_id'), ['org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_campaigns_org_path'), ['org_path'], unique=False)

    op.create_table('project_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('category', sa.Enum('regular', 'key', 'showcase', name='projectcategory', native_enum=False, length=32), nullable=False),
    sa.Column('domain', sa.Enum('rural', 'urban_community', 'government', 'public_institution', 'school', 'state_enterprise', 'private_enterprise', 'social_organization', 'public_hospital', name='orgdomain', native_enum=False, length=32), nullable=True),
    sa.Column('mandatory_levels', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('org_path', sa.String(length=1024).with_variant(sa.String(length=1024, collation='C'), 'postgresql'), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['campaign_id'], ['project_campaigns.id'], name=op.f('fk_project_items_campaign_id_project_campaigns'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['org_id'], ['orgs.id'], name=op.f('fk_project_items_org_id_orgs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_items')),
    sa.UniqueConstraint('campaign_id', 'title', name=op.f('uq_project_items_campaign_id_title'))
    )
    with op.batch_alter_table('project_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_items_campaign_id'), ['campaign_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_items_org_id'), ['org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_items_org_path'), ['org_path'], unique=False)

    op.create_table('projects',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('is_mandatory', sa.Boolean(), nullable=False),
    sa.Column('goals', sa.Text(), nullable=True),
    sa.Column('measures', sa.Text(), nullable=True),
    sa.Column('team', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('progress', sa.Integer(), nullable=False),
    sa.Column('progress_period', sa.String(length=16), nullable=True),
    sa.Column('grade', sa.Enum('excellent', 'good', 'qualified', 'unqualified', name='projectgrade', native_enum=False, length=32), nullable=True),
    sa.Column('acceptance_comment', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['campaign_id'], ['project_campaigns.id'], name=op.f('fk_projects_campaign_id_project_campaigns')),
    sa.ForeignKeyConstraint(['id'], ['tracked_items.id'], name=op.f('fk_projects_id_tracked_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['item_id'], ['project_items.id'], name=op.f('fk_projects_item_id_project_items')),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_projects_owner_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_projects'))
    )
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_projects_campaign_id'), ['campaign_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_projects_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_projects_owner_id'), ['owner_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_projects_owner_id'))
        batch_op.drop_index(batch_op.f('ix_projects_item_id'))
        batch_op.drop_index(batch_op.f('ix_projects_campaign_id'))

    op.drop_table('projects')
    with op.batch_alter_table('project_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_items_org_path'))
        batch_op.drop_index(batch_op.f('ix_project_items_org_id'))
        batch_op.drop_index(batch_op.f('ix_project_items_campaign_id'))

    op.drop_table('project_items')
    with op.batch_alter_table('project_campaigns', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_campaigns_org_path'))
        batch_op.drop_index(batch_op.f('ix_project_campaigns_org_id'))

    op.drop_table('project_campaigns')
