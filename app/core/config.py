"""Settings, read only from environment variables.

Embedded mode (the default) runs on a SQLite file with safe defaults. Production mode refuses to start while a
secret is still at its default value, so a forgotten variable fails loudly instead of signing tokens with a
publicly known key.
"""

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_SECRET = "dev-only-secret-change-me-0000000000000000"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="", case_sensitive=False, extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    database_url: str = ""
    data_dir: Path = Path("data")

    secret_key: str = DEFAULT_SECRET
    jwt_algorithm: Literal["HS256", "HS384", "HS512"] = "HS256"
    access_token_minutes: int = Field(default=15, ge=1, le=24 * 60)
    refresh_token_days: int = Field(default=14, ge=1, le=365)

    # Failed logins tolerated per account name within one hour before answering 429.
    login_failure_limit: int = Field(default=20, ge=1)

    max_request_bytes: int = Field(default=1_048_576, ge=1024)
    attachment_max_bytes: int = Field(default=20 * 1_048_576, ge=1024)
    idempotency_hours: int = Field(default=24, ge=1)

    # Reminders (python -m app remind, and hourly inside serve)
    scheduler_enabled: bool = True
    reminder_interval_minutes: int = Field(default=60, ge=1)
    reminder_deadline_days: int = Field(default=3, ge=0, le=60)
    reminder_monthly_day: int = Field(default=20, ge=1, le=28)
    reminder_term_days: int = Field(default=60, ge=1, le=365)
    webhook_interval_seconds: int = Field(default=5, ge=1)
    # 书记联系点: visits each contact point needs per quarter (每季度深入联系点不少于 N 次).
    contact_visits_per_quarter: int = Field(default=2, ge=1, le=90)

    cors_origins: list[str] = []
    demo_password: str = "demo12345"
    log_level: str = "INFO"

    @model_validator(mode="after")
    def _refuse_default_secret_in_production(self) -> "Settings":
        if self.environment == "production":
            if self.secret_key == DEFAULT_SECRET or len(self.secret_key) < 32:
                raise ValueError("SECRET_KEY must be set to a random value of at least 32 characters in production")
            if not self.database_url:
                raise ValueError("DATABASE_URL must be set in production")
        return self

    @property
    def sqlalchemy_url(self) -> str:
        if self.database_url:
            url = self.database_url
            # Operators paste URLs in the libpq form; route them to psycopg 3.
            for prefix in ("postgres://", "postgresql://"):
                if url.startswith(prefix):
                    return "postgresql+psycopg://" + url[len(prefix) :]
            return url
        return f"sqlite:///{(self.data_dir / 'dangjian.sqlite3').as_posix()}"


@lru_cache
def get_settings() -> Settings:
    return Settings()
