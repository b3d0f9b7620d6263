"""Settings: one typed object read from ``ETL_*`` environment variables.

Secrets (a password inside the database URL) come only from the environment or the command line and
are masked by ``mask_url`` wherever a URL is logged or shown.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite:///etl.db"

_PASSWORD_RE = re.compile(r"(?P<head>[a-zA-Z][a-zA-Z0-9+.\-]*://[^:/@\s]*:)(?P<pw>[^@\s]*)(?P<tail>@)")


class Settings(BaseSettings):
    """Everything a run can be configured with; each field reads ``ETL_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="ETL_", extra="ignore")

    database_url: str = Field(DEFAULT_DATABASE_URL, description="SQLAlchemy URL of the target database")
    batch_size: int = Field(200, ge=1, description="articles per flow task")
    workers: int = Field(1, ge=1, description="parallel extraction processes")
    max_article_chars: int = Field(1_000_000, ge=1000, description="longer articles are rejected")
    max_file_bytes: int = Field(512 * 1024 * 1024, ge=1024, description="larger files are rejected")
    sqlite_busy_timeout_s: float = Field(60.0, gt=0, description="how long a second SQLite writer waits")
    db_retries: int = Field(3, ge=0, description="retries of a transient database error")
    default_paths: list[Path] = Field(default_factory=lambda: [Path("seeds")])


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def mask_url(url: str) -> str:
    """The URL with any password replaced by ``***``: safe to log."""
    return _PASSWORD_RE.sub(lambda m: f"{m['head']}***{m['tail']}", str(url))


def mask_secrets(text: str) -> str:
    """Mask every URL password inside a free-form message (driver errors quote the URL)."""
    return _PASSWORD_RE.sub(lambda m: f"{m['head']}***{m['tail']}", text)
