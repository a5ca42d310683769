"""responsibility letters and items, task lists, tasks and assignments

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 16:34:05.165337
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('responsibility_letters',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('issuer_org_id', sa.Integer(), nullable=False),
    sa.Column('issuer_org_path', sa.String(length=1024).with_variant(sa.String(length=1024, collation='C'), 'postgresql'), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('content', sa.Text(), nullable=True),
    sa.Column('status', sa.Enum('draft', 'issued', 'signed', name='responsibilityletterstatus', native_enum=False, length=32), nullable=False),
    sa.Column('issued_at', sa.DateTime(), nullable=True),
    sa.Column('issued_by_id', sa.Integer(), nullable=True),
    sa.Column('signed_at', sa.DateTime(), nullable=True),
    sa.Column('signed_by_id', sa.Integer(), nullable=True),
    sa.Column('org_path', sa.String(length=1024).with_variant(sa.String(length=1024, collation='C'), 'postgresql'), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['issuer_org_id'], ['orgs.id'], name=op.f('fk_responsibility_letters_issuer_org_id_orgs')),
    sa.ForeignKeyConstraint(['org_id'], ['orgs.id'], name=op.f('fk_responsibility_letters_org_id_orgs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_responsibility_letters')),
    sa.UniqueConstraint('issuer_org_id', 'org_id', 'year', name=op.f('uq_responsibility_letters_issuer_org_id_org_id_year'))
    )
    with op.batch_alter_table('responsibility_letters', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_responsibility_letters_org_id'), ['org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_responsibility_letters_org_path'), ['org_path'], unique=False)
        batch_op.create_index('ix_responsibility_letters_org_path_year', ['org_path', 'year'], unique=False)

    op.create_table('task_lists',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('period', sa.String(length=7), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('status', sa.Enum('draft', 'issued', name='taskliststatus', native_enum=False, length=32), nullable=False),
    sa.Column('issued_at', sa.DateTime(), nullable=True),
    sa.Column('issued_by_id', sa.Integer(), nullable=True),
    sa.Column('org_path', sa.String(length=1024).with_variant(sa.String(length=1024, collation='C'), 'postgresql'), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['org_id'], ['orgs.id'], name=op.f('fk_task_lists_org_id_orgs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_task_lists'))
    )
    with op.batch_alter_table('task_lists', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_task_lists_org_id'), ['org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_lists_org_path'), ['org_path'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_lists_period'), ['period'], unique=False)

    op.create_table('tasks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_list_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('domain', sa.Enum('rural', 'urban_community', 'government', 'public_institution', 'school', 'state_enterprise', 'private_enterprise', 'social_organization', 'public_hospital', name='orgdomain', native_enum=False, length=32), nullable=True),
    sa.Column('is_key', sa.Boolean(), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=False),
    sa.Column('target_org_ids', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('target_level', sa.Enum('province', 'city', 'county', 'township', 'village', 'grid', 'group', 'institution', name='orglevel', native_enum=False, length=32), nullable=True),
    sa.Column('target_domain', sa.Enum('rural', 'urban_community', 'government', 'public_institution', 'school', 'state_enterprise', 'private_enterprise', 'social_organization', 'public_hospital', name='orgdomain', native_enum=False, length=32), nullable=True),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('org_path', sa.String(length=1024).with_variant(sa.String(length=1024, collation='C'), 'postgresql'), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['org_id'], ['orgs.id'], name=op.f('fk_tasks_org_id_orgs')),
    sa.ForeignKeyConstraint(['task_list_id'], ['task_lists.id'], name=op.f('fk_tasks_task_list_id_task_lists')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tasks'))
    )
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tasks_org_id'), ['org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_tasks_org_path'), ['org_path'], unique=False)
        batch_op.create_index(batch_op.f('ix_tasks_task_list_id'), ['task_list_id'], unique=False)

    op.create_table('responsibility_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('letter_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('secretary', 'deputy', 'member', name='responsibilityrole', native_enum=False, length=32), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['id'], ['tracked_items.id'], name=op.f('fk_responsibility_items_id_tracked_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['letter_id'], ['responsibility_letters.id'], name=op.f('fk_responsibility_items_letter_id_responsibility_letters')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_responsibility_items'))
    )
    with op.batch_alter_table('responsibility_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_responsibility_items_letter_id'), ['letter_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_responsibility_items_year'), ['year'], unique=False)

    op.create_table('task_assignments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('task_list_id', sa.Integer(), nullable=False),
    sa.Column('return_count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['id'], ['tracked_items.id'], name=op.f('fk_task_assignments_id_tracked_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['task_id'], ['tasks.id'], name=op.f('fk_task_assignments_task_id_tasks')),
    sa.ForeignKeyConstraint(['task_list_id'], ['task_lists.id'], name=op.f('fk_task_assignments_task_list_id_task_lists')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_task_assignments'))
    )
    with op.batch_alter_table('task_assignments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_task_assignments_task_id'), ['task_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_assignments_task_list_id'), ['task_list_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('task_assignments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_task_assignments_task_list_id'))
        batch_op.drop_index(batch_op.f('ix_task_assignments_task_id'))

    op.drop_table('task_assignments')
    with op.batch_alter_table('responsibility_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_responsibility_items_year'))
        batch_op.drop_index(batch_op.f('ix_responsibility_items_letter_id'))

    op.drop_table('responsibility_items')
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tasks_task_list_id'))
        batch_op.drop_index(batch_op.f('ix_tasks_org_path'))
        batch_op.drop_index(batch_op.f('ix_tasks_org_id'))

    op.drop_table('tasks')
    with op.batch_alter_table('task_lists', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_task_lists_period'))
        batch_op.drop_index(batch_op.f('ix_task_lists_org_path'))
        batch_op.drop_index(batch_op.f('ix_task_lists_org_id'))

    op.drop_table('task_lists')
    with op.batch_alter_table('responsibility_letters', schema=None) as batch_op:
        batch_op.drop_index('ix_responsibility_letters_org_path_year')
        batch_op.drop_index(batch_op.f('ix_responsibility_letters_org_path'))
        batch_op.drop_index(batch_op.f('ix_responsibility_letters_org_id'))

    op.drop_table('responsibility_letters')
