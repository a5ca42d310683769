"""The schema comes only from Alembic: upgrade an empty database to head, find no drift from the models,
and walk back down and up again."""

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from app.cli import alembic_config
from app.core.db import Base, build_engine
from tests.support.scratch import scratch_database


def _run(conn, revision: str, *, down: bool = False) -> None:  # type: ignore[no-untyped-def]
    config = alembic_config()
    config.attributes["connection"] = conn  # type: ignore[attr-defined]
    config.attributes["configure_logging"] = False  # type: ignore[attr-defined]
    (command.downgrade if down else command.upgrade)(config, revision)  # type: ignore[arg-type]


def test_upgrade_head_matches_the_models_then_downgrades_cleanly(tmp_path):
    with scratch_database(tmp_path) as url:
        engine = build_engine(url)
        try:
            with engine.begin() as conn:
                _run(conn, "head")
                context = MigrationContext.configure(conn, opts={"compare_type": True})
                assert compare_metadata(context, Base.metadata) == []
            with engine.begin() as conn:
                _run(conn, "base", down=True)
            assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
            with engine.begin() as conn:
                _run(conn, "head")
            assert set(Base.metadata.tables) <= set(inspect(engine).get_table_names())
        finally:
            engine.dispose()
