"""Shared fixtures: real SQLite files and a real PostgreSQL database per test (no mocks)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "seeds"
PG_URL = os.environ.get("ETL_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _pg_admin_conn():  # type: ignore[no-untyped-def]
    import psycopg
    from sqlalchemy.engine import make_url

    u = make_url(PG_URL)
    return psycopg.connect(host=u.host or "127.0.0.1", port=u.port or 5432, user=u.username or "postgres",
                           password=u.password, dbname=u.database or "postgres", autocommit=True,
                           connect_timeout=3)


def _pg_available() -> str | None:
    try:
        with _pg_admin_conn():
            return None
    except Exception as exc:
        return f"PostgreSQL at {PG_URL} is not answering: {str(exc).splitlines()[0]}"


_PG_PROBLEM = _pg_available()


def make_pg_database() -> str:
    """A fresh, empty PostgreSQL database; returns its URL."""
    if _PG_PROBLEM:
        if os.environ.get("CI"):
            pytest.fail(f"{_PG_PROBLEM} (PostgreSQL tests must run in CI)")
        pytest.skip(_PG_PROBLEM)
    from sqlalchemy.engine import make_url

    name = f"etl_t_{uuid.uuid4().hex[:12]}"
    with _pg_admin_conn() as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


def drop_pg_database(url: str) -> None:
    from sqlalchemy.engine import make_url

    from etl.load import get_engine

    get_engine(url).dispose()
    name = make_url(url).database
    with _pg_admin_conn() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'etl.db'}"


@pytest.fixture
def pg_url() -> Iterator[str]:
    url = make_pg_database()
    yield url
    drop_pg_database(url)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The same behaviour test runs against SQLite and PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'etl.db'}"
    else:
        url = make_pg_database()
        yield url
        drop_pg_database(url)


@pytest.fixture
def migrated(db_url: str) -> str:
    from etl import load

    load.upgrade(db_url)
    return db_url


def needs_shared() -> None:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the checkout")
