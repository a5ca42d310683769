"""scoring engine (sessions, scores, conflicts) and the case system (rounds, cases, objections, library)

Revision ID: 0006
Revises: 0002
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('scoring_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('purpose', sa.Enum('case_review', 'observation', 'project_evaluation', 'report_evaluation', 'other', name='scoringpurpose', native_enum=False, length=32), nullable=False),
    sa.Column('subject_type', sa.Enum('case', 'org', 'project', name='scoringsubjecttype', native_enum=False, length=32), nullable=False),
    sa.Column('rubric', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('subject_ids', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('scorer_ids', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('normalize', sa.Boolean(), nullable=False),
    sa.Column('classification', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=True),
    sa.Column('subjects_fixed', sa.Boolean(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'open', 'closed', 'published', name='scoringstatus', native_enum=False, length=32), nullable=False),
    sa.Column('opened_at', sa.DateTime(), nullable=True),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('published_at', sa.DateTime(), nullable=True),
    sa.Column('org_path', sa.String(length=1024).with_variant(sa.String(length=1024, collation='C'), 'postgresql'), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['org_id'], ['orgs.id'], name=op.f('fk_scoring_sessions_org_id_orgs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scoring_sessions'))
    )
    with op.batch_alter_table('scoring_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_scoring_sessions_org_id'), ['org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_scoring_sessions_org_path'), ['org_path'], unique=False)

    op.create_table('case_rounds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('theme', sa.Text(), nullable=False),
    sa.Column('domains', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('channels', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('submit_from', sa.Date(), nullable=False),
    sa.Column('submit_until', sa.Date(), nullable=False),
    sa.Column('announce_days', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=True),
    sa.Column('selection', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=True),
    sa.Column('selected_at', sa.DateTime(), nullable=True),
    sa.Column('announce_from', sa.DateTime(), nullable=True),
    sa.Column('announce_until', sa.DateTime(), nullable=True),
    sa.Column('published_at', sa.DateTime(), nullable=True),
    sa.Column('org_path', sa.String(length=1024).with_variant(sa.String(length=1024, collation='C'), 'postgresql'), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['org_id'], ['orgs.id'], name=op.f('fk_case_rounds_org_id_orgs')),
    sa.ForeignKeyConstraint(['session_id'], ['scoring_sessions.id'], name=op.f('fk_case_rounds_session_id_scoring_sessions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_rounds'))
    )
    with op.batch_alter_table('case_rounds', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_rounds_org_id'), ['org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_rounds_org_path'), ['org_path'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_rounds_session_id'), ['session_id'], unique=False)

    op.create_table('scores',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('scorer_id', sa.Integer(), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('criterion', sa.String(length=50), nullable=False),
    sa.Column('points', sa.Integer(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('org_path', sa.String(length=1024).with_variant(sa.String(length=1024, collation='C'), 'postgresql'), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['org_id'], ['orgs.id'], name=op.f('fk_scores_org_id_orgs')),
    sa.ForeignKeyConstraint(['scorer_id'], ['users.id'], name=op.f('fk_scores_scorer_id_users')),
    sa.ForeignKeyConstraint(['session_id'], ['scoring_sessions.id'], name=op.f('fk_scores_session_id_scoring_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scores')),
    sa.UniqueConstraint('session_id', 'scorer_id', 'subject_id', 'criterion', name=op.f('uq_scores_session_id_scorer_id_subject_id_criterion'))
    )
    with op.batch_alter_table('scores', schema=None) as batch_op:
        batch_op.create_index('ix_scores_session_id_subject_id', ['session_id', 'subject_id'], unique=False)

    op.create_table('scoring_conflicts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('scorer_id', sa.Integer(), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('org_path', sa.String(length=1024).with_variant(sa.String(length=1024, collation='C'), 'postgresql'), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['orgs.id'], name=op.f('fk_scoring_conflicts_org_id_orgs')),
    sa.ForeignKeyConstraint(['scorer_id'], ['users.id'], name=op.f('fk_scoring_conflicts_scorer_id_users')),
    sa.ForeignKeyConstraint(['session_id'], ['scoring_sessions.id'], name=op.f('fk_scoring_conflicts_session_id_scoring_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scoring_conflicts')),
    sa.UniqueConstraint('session_id', 'scorer_id', 'subject_id', name=op.f('uq_scoring_conflicts_session_id_scorer_id_subject_id'))
    )
    op.create_table('scoring_scorers',
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['scoring_sessions.id'], name=op.f('fk_scoring_scorers_session_id_scoring_sessions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_scoring_scorers_user_id_users')),
    sa.PrimaryKeyConstraint('session_id', 'user_id', name=op.f('pk_scoring_scorers'))
    )
    with op.batch_alter_table('scoring_scorers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_scoring_scorers_user_id'), ['user_id'], unique=False)

    op.create_table('scoring_subjects',
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['scoring_sessions.id'], name=op.f('fk_scoring_subjects_session_id_scoring_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('session_id', 'subject_id', name=op.f('pk_scoring_subjects'))
    )
    op.create_table('cases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('domain', sa.String(length=50), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('channel', sa.Enum('open_call', 'invitation', 'recommendation', name='casechannel', native_enum=False, length=32), nullable=False),
    sa.Column('tags', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('score', sa.Integer(), nullable=True),
    sa.Column('rank', sa.Integer(), nullable=True),
    sa.Column('published_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['id'], ['tracked_items.id'], name=op.f('fk_cases_id_tracked_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['round_id'], ['case_rounds.id'], name=op.f('fk_cases_round_id_case_rounds')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cases'))
    )
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cases_round_id'), ['round_id'], unique=False)

    op.create_table('case_feedback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('studied_on', sa.Date(), nullable=False),
    sa.Column('participants', sa.Integer(), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('measures', sa.Text(), nullable=True),
    sa.Column('org_path', sa.String(length=1024).with_variant(sa.String(length=1024, collation='C'), 'postgresql'), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_feedback_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['org_id'], ['orgs.id'], name=op.f('fk_case_feedback_org_id_orgs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_feedback'))
    )
    with op.batch_alter_table('case_feedback', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_feedback_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_feedback_org_id'), ['org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_feedback_org_path'), ['org_path'], unique=False)

    op.create_table('case_objections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('org_path', sa.String(length=1024).with_variant(sa.String(length=1024, collation='C'), 'postgresql'), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=True),
    sa.Column('contact', sa.String(length=100), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('client_ip', sa.String(length=64), nullable=False),
    sa.Column('status', sa.Enum('pending', 'upheld', 'dismissed', name='objectionstatus', native_enum=False, length=32), nullable=False),
    sa.Column('resolution', sa.Text(), nullable=True),
    sa.Column('resolved_by_id', sa.Integer(), nullable=True),
    sa.Column('resolved_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_objections_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['org_id'], ['orgs.id'], name=op.f('fk_case_objections_org_id_orgs')),
    sa.ForeignKeyConstraint(['resolved_by_id'], ['users.id'], name=op.f('fk_case_objections_resolved_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_objections'))
    )
    with op.batch_alter_table('case_objections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_objections_case_id'), ['case_id'], unique=False)
        batch_op.create_index('ix_case_objections_client_ip_created_at', ['client_ip', 'created_at'], unique=False)

    op.create_table('case_tags',
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('tag', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_tags_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('case_id', 'tag', name=op.f('pk_case_tags'))
    )
    with op.batch_alter_table('case_tags', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_tags_tag'), ['tag'], unique=False)

    op.create_table('case_verifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('org_path', sa.String(length=1024).with_variant(sa.String(length=1024, collation='C'), 'postgresql'), nullable=False),
    sa.Column('passed', sa.Boolean(), nullable=False),
    sa.Column('visited_on', sa.Date(), nullable=False),
    sa.Column('inspectors', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('findings', sa.Text(), nullable=False),
    sa.Column('verifier_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_verifications_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['org_id'], ['orgs.id'], name=op.f('fk_case_verifications_org_id_orgs')),
    sa.ForeignKeyConstraint(['verifier_id'], ['users.id'], name=op.f('fk_case_verifications_verifier_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_verifications'))
    )
    with op.batch_alter_table('case_verifications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_verifications_case_id'), ['case_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('case_verifications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_verifications_case_id'))

    op.drop_table('case_verifications')
    with op.batch_alter_table('case_tags', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_tags_tag'))

    op.drop_table('case_tags')
    with op.batch_alter_table('case_objections', schema=None) as batch_op:
        batch_op.drop_index('ix_case_objections_client_ip_created_at')
        batch_op.drop_index(batch_op.f('ix_case_objections_case_id'))

    op.drop_table('case_objections')
    with op.batch_alter_table('case_feedback', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_feedback_org_path'))
        batch_op.drop_index(batch_op.f('ix_case_feedback_org_id'))
        batch_op.drop_index(batch_op.f('ix_case_feedback_case_id'))

    op.drop_table('case_feedback')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cases_round_id'))

    op.drop_table('cases')
    op.drop_table('scoring_subjects')
    with op.batch_alter_table('scoring_scorers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_scoring_scorers_user_id'))

    op.drop_table('scoring_scorers')
    op.drop_table('scoring_conflicts')
    with op.batch_alter_table('scores', schema=None) as batch_op:
        batch_op.drop_index('ix_scores_session_id_subject_id')

    op.drop_table('scores')
    with op.batch_alter_table('case_rounds', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_rounds_session_id'))
        batch_op.drop_index(batch_op.f('ix_case_rounds_org_path'))
        batch_op.drop_index(batch_op.f('ix_case_rounds_org_id'))

    op.drop_table('case_rounds')
    with op.batch_alter_table('scoring_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_scoring_sessions_org_path'))
        batch_op.drop_index(batch_op.f('ix_scoring_sessions_org_id'))

    op.drop_table('scoring_sessions')
