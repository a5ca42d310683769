import pytest
from pydantic import ValidationError

from app.core.config import DEFAULT_SECRET, Settings


def test_production_needs_a_real_secret_and_database():
    with pytest.raises(ValidationError, match="SECRET_KEY"):
        Settings(environment="production", secret_key=DEFAULT_SECRET, database_url="postgresql://x/y")
    with pytest.raises(ValidationError, match="SECRET_KEY"):
        Settings(environment="production", secret_key="short", database_url="postgresql://x/y")
    with pytest.raises(ValidationError, match="DATABASE_URL"):
        Settings(environment="production", secret_key="k" * 40, database_url="")
    ok = Settings(environment="production", secret_key="k" * 40, database_url="postgres://u@h/db")
    assert ok.sqlalchemy_url == "postgresql+psycopg://u@h/db"


def test_embedded_default_is_a_sqlite_file(tmp_path):
    settings = Settings(data_dir=tmp_path, database_url="")
    assert settings.sqlalchemy_url == f"sqlite:///{tmp_path.as_posix()}/dangjian.sqlite3"
