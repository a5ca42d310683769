"""Brand-new empty databases of the same kind as the test database."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, make_url, text


@contextmanager
def scratch_database(tmp_path: Path) -> Iterator[str]:
    base = os.environ["DATABASE_URL"]
    if base.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'scratch.sqlite3'}"
        return
    name = f"scratch_{uuid.uuid4().hex[:12]}"
    url = make_url(base.replace("postgresql://", "postgresql+psycopg://", 1))
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
