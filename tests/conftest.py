"""Test harness: a real database (SQLite file by default, PostgreSQL when TEST_DATABASE_URL is set) whose schema
comes from the Alembic migrations; every test starts from empty tables plus a small org tree with one user
per role; clients log in through the real login endpoint."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

_TMP = Path(tempfile.mkdtemp(prefix="dangjian-tests-"))
os.environ["ENVIRONMENT"] = "test"
os.environ["DATA_DIR"] = str(_TMP)
os.environ["DATABASE_URL"] = os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{_TMP / 'test.sqlite3'}"
os.environ.setdefault("SECRET_KEY", "test-secret-key-that-is-long-enough-0123456789")
os.environ["SCHEDULER_ENABLED"] = "false"  # tests drive jobs themselves

import pytest  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from pwdlib import PasswordHash  # noqa: E402
from pwdlib.hashers.argon2 import Argon2Hasher  # noqa: E402
from sqlalchemy import text  # noqa: E402

from app.core import clock, security  # noqa: E402
from app.core.db import Base, Database, get_database  # noqa: E402
from tests.support.api import Api  # noqa: E402
from tests.support.world import World, build_world  # noqa: E402

# Stored hashes carry their own parameters; cheap ones keep hundreds of logins fast.
security.use_password_hasher(PasswordHash((Argon2Hasher(time_cost=1, memory_cost=1024, parallelism=1),)))


def _migrate(db: Database) -> None:
    from alembic import command

    from app.cli import alembic_config

    if not db.is_sqlite:
        with db.engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    command.upgrade(alembic_config(), "head")  # type: ignore[arg-type]


def truncate_all(db: Database) -> None:
    tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
    with db.engine.begin() as conn:
        if db.is_sqlite:
            conn.execute(text("PRAGMA defer_foreign_keys=ON"))  # orgs <-> users form a cycle
            for name in tables:
                conn.execute(text(f'DELETE FROM "{name}"'))
        else:
            conn.execute(text("TRUNCATE " + ", ".join(f'"{n}"' for n in tables) + " RESTART IDENTITY CASCADE"))


@pytest.fixture(scope="session")
def db() -> Database:
    database = get_database()
    _migrate(database)
    return database


@pytest.fixture
def clean_db(db: Database) -> Iterator[Database]:
    truncate_all(db)
    clock.set_clock(None)
    yield db
    clock.set_clock(None)


@pytest.fixture
def world(clean_db: Database) -> World:
    with clean_db.transaction() as session:
        return build_world(session)


@pytest.fixture(scope="session")
def app():  # type: ignore[no-untyped-def]
    from app.main import create_app

    return create_app()


@pytest.fixture
def client(app, clean_db: Database) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    with TestClient(app, base_url="http://testserver", raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def api(client: TestClient, world: World) -> Api:
    return Api(client, world)


@pytest.fixture
def fake_clock(clean_db: Database):  # type: ignore[no-untyped-def]
    from tests.support.clock import FakeClock

    return FakeClock()
