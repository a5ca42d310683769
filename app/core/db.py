"""Engine, sessions and the column types every model shares.

SQLite runs in WAL mode with our own BEGIN: write transactions take the write lock up front (BEGIN IMMEDIATE)
so two writers queue on busy_timeout instead of failing with SQLITE_BUSY when a read transaction upgrades.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import JSON, BigInteger, DateTime, Engine, Integer, MetaData, String, create_engine, event
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

from app.core.config import get_settings

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator[datetime]):
    """Stores naive UTC, hands back aware UTC: SQLite has no time zones and we never want local times stored."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


# Materialized paths compare byte-wise so that `path >= p AND path < p_end` is an index range scan.
# SQLite's default BINARY collation already does; PostgreSQL needs the C collation.
PathString = String(1024).with_variant(String(1024, collation="C"), "postgresql")
JsonType = JSON().with_variant(JSONB(), "postgresql")
BigId = BigInteger().with_variant(Integer(), "sqlite")


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        options = conn.get_execution_options()
        if options.get("autocommit_reads"):
            return  # read-only unit of work: each statement reads the latest committed state
        conn.exec_driver_sql("BEGIN IMMEDIATE" if options.get("write") else "BEGIN")


# One connection per worker thread that may hold one: request handlers run in anyio's thread pool (40 threads
# by default). A smaller pool makes busy moments open and close overflow connections per request (for SQLite,
# with its PRAGMAs), which cost more than the queries. No pre-ping either: a round trip per checkout; a
# connection the server dropped fails one request and SQLAlchemy then discards the pool's stale connections.
# Last in, first out: a quiet moment reuses the few connections whose caches are warm (SQLite keeps a page
# cache and prepared statements per connection) instead of rotating through all forty.
POOL_SIZE = 40
POOL = {"pool_size": POOL_SIZE, "max_overflow": 10, "pool_use_lifo": True}


def build_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, **POOL)
        _configure_sqlite(engine)
        return engine
    return create_engine(url, **POOL)


class Database:
    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = build_engine(url)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        # Reads skip BEGIN/COMMIT (two round trips on a request that may take under a millisecond).
        reader = (
            self.engine.execution_options(autocommit_reads=True)
            if self.is_sqlite
            else self.engine.execution_options(isolation_level="AUTOCOMMIT")
        )
        self._read = sessionmaker(bind=reader, expire_on_commit=False, autoflush=True)
        self._write = sessionmaker(
            bind=self.engine.execution_options(write=True), expire_on_commit=False, autoflush=True
        )

    def session(self, *, write: bool) -> Session:
        return (self._write if write else self._read)()

    @contextmanager
    def transaction(self, *, write: bool = True) -> Iterator[Session]:
        """One unit of work: commit on success, roll back on any exception. A read-only unit of work has nothing
        to commit, and changing anything in one is a bug, refused rather than silently kept or lost."""
        session = self.session(write=write)
        try:
            yield session
            if write:
                session.commit()
            elif session.new or session.dirty or session.deleted:
                raise RuntimeError("a read-only unit of work tried to change data")
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()


@lru_cache
def get_database() -> Database:
    settings = get_settings()
    if not settings.database_url:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    return Database(settings.sqlalchemy_url)
