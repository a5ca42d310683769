"""问题通报 (bulletins, numbering counters), 书记联系点 (contact points) and their visits

Revision ID: 0004
Revises: 0002
Create Date: 2026-11-23 16:33:22.423942
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('bulletin_counters',
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('last_number', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['orgs.id'], name=op.f('fk_bulletin_counters_org_id_orgs')),
    sa.PrimaryKeyConstraint('org_id', 'year', name=op.f('pk_bulletin_counters'))
    )
    op.create_table('bulletins',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'published', name='bulletinstatus', native_enum=False, length=32), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.Column('body', sa.Text(), nullable=True),
    sa.Column('problem_ids', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('ranking_title', sa.String(length=200), nullable=True),
    sa.Column('rankings', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('problems_snapshot', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('number', sa.Integer(), nullable=True),
    sa.Column('published_at', sa.DateTime(), nullable=True),
    sa.Column('published_by_id', sa.Integer(), nullable=True),
    sa.Column('org_path', sa.String(length=1024).with_variant(sa.String(length=1024, collation='C'), 'postgresql'), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("(status = 'draft') = (number IS NULL)", name=op.f('ck_bulletins_number_iff_published')),
    sa.ForeignKeyConstraint(['org_id'], ['orgs.id'], name=op.f('fk_bulletins_org_id_orgs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bulletins')),
    sa.UniqueConstraint('org_id', 'year', 'number', name=op.f('uq_bulletins_org_id_year_number'))
    )
    with op.batch_alter_table('bulletins', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bulletins_org_id'), ['org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_bulletins_org_path'), ['org_path'], unique=False)

    op.create_table('contact_points',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('host_org_id', sa.Integer(), nullable=False),
    sa.Column('host_org_path', sa.String(length=1024).with_variant(sa.String(length=1024, collation='C'), 'postgresql'), nullable=False),
    sa.Column('started_on', sa.Date(), nullable=False),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('note', sa.String(length=500), nullable=True),
    sa.Column('org_path', sa.String(length=1024).with_variant(sa.String(length=1024, collation='C'), 'postgresql'), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['host_org_id'], ['orgs.id'], name=op.f('fk_contact_points_host_org_id_orgs')),
    sa.ForeignKeyConstraint(['org_id'], ['orgs.id'], name=op.f('fk_contact_points_org_id_orgs')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_contact_points_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact_points'))
    )
    with op.batch_alter_table('contact_points', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_points_org_id'), ['org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_points_org_path'), ['org_path'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_points_user_id'), ['user_id'], unique=False)

    op.create_table('visits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('contact_point_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('visited_at', sa.DateTime(), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('attendees', sa.Integer(), nullable=False),
    sa.Column('problems_found', sa.Text(), nullable=True),
    sa.Column('org_path', sa.String(length=1024).with_variant(sa.String(length=1024, collation='C'), 'postgresql'), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['contact_point_id'], ['contact_points.id'], name=op.f('fk_visits_contact_point_id_contact_points')),
    sa.ForeignKeyConstraint(['org_id'], ['orgs.id'], name=op.f('fk_visits_org_id_orgs')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_visits_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visits'))
    )
    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.create_index('ix_visits_contact_point_id_visited_at', ['contact_point_id', 'visited_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_visits_org_id'), ['org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_visits_org_path'), ['org_path'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visits_org_path'))
        batch_op.drop_index(batch_op.f('ix_visits_org_id'))
        batch_op.drop_index('ix_visits_contact_point_id_visited_at')

    op.drop_table('visits')
    with op.batch_alter_table('contact_points', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contact_points_user_id'))
        batch_op.drop_index(batch_op.f('ix_contact_points_org_path'))
        batch_op.drop_index(batch_op.f('ix_contact_points_org_id'))

    op.drop_table('contact_points')
    with op.batch_alter_table('bulletins', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bulletins_org_path'))
        batch_op.drop_index(batch_op.f('ix_bulletins_org_id'))

    op.drop_table('bulletins')
    op.drop_table('bulletin_counters')
