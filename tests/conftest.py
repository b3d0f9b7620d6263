"""Shared fixtures: real SQLite files and a real PostgreSQL database per test (no mocks)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
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


# --------------------------------------------------------------------------- a shared Prefect server

_SERVER_VAR = "_ETL_TEST_PREFECT_SERVER"
_KEEP: list[subprocess.Popen[bytes]] = []  # a Popen dropped while running warns


def _start_prefect_server(home: Path) -> str:
    """``prefect server start`` in its own session; returns its API URL once it answers.

    The CLI runs of these tests talk to it through ``PREFECT_API_URL`` (as a deployment would) instead
    of each starting a temporary server: that saves ~20 s of CPU per run on a 2-core machine.
    """
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_UI_ENABLED": "false",
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_SERVER_LOGGING_LEVEL": "WARNING"}
    env.pop("PREFECT_API_URL", None)
    for name in ("CANCELLATION_CLEANUP", "FOREMAN", "LATE_RUNS", "PAUSE_EXPIRATIONS", "REPOSSESSOR",
                 "SCHEDULER", "TRIGGERS", "EVENT_PERSISTER", "DB_VACUUM"):
        env[f"PREFECT_SERVER_SERVICES_{name}_ENABLED"] = "false"
    log = (home / "server.log").open("wb")
    proc = subprocess.Popen([sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
                             "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    url = f"http://127.0.0.1:{port}/api"
    os.environ[_SERVER_VAR] = f"{url} {proc.pid}"
    _KEEP.append(proc)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"prefect server exited: {(home / 'server.log').read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2):
                return url
        except OSError:
            time.sleep(0.3)
    pytest.fail("prefect server did not answer within 240 s")


def _stop_prefect_server() -> None:
    value = os.environ.pop(_SERVER_VAR, None)
    if not value:
        return
    pid = int(value.split()[1])
    try:
        os.killpg(pid, signal.SIGTERM)
        for _ in range(100):
            if os.waitpid(pid, os.WNOHANG) != (0, 0):
                return
            time.sleep(0.2)
        os.killpg(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass


@pytest.fixture(scope="session", autouse=True)
def prefect_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One Prefect server for the whole session: flows run in-process, CLI subprocesses and Dask
    workers all use it (through PREFECT_API_URL), and it is stopped at the end, leaving nothing behind.
    A test that wants Prefect's own temporary server removes PREFECT_API_URL from its subprocess."""
    if os.environ.get("PREFECT_API_URL"):
        yield os.environ["PREFECT_API_URL"]
        return
    from prefect.settings import PREFECT_API_URL, temporary_settings

    url = _start_prefect_server(tmp_path_factory.mktemp("prefect-home"))
    os.environ["PREFECT_API_URL"] = url
    try:
        with temporary_settings(updates={PREFECT_API_URL: url}):
            yield url
    finally:
        os.environ.pop("PREFECT_API_URL", None)
        _stop_prefect_server()
