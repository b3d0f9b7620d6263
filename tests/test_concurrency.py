"""Two ``etl run`` processes at once over overlapping inputs: no duplicates, both succeed, nothing lost.

On PostgreSQL the two loaders really write side by side (row locks, ``ON CONFLICT`` upserts); on
SQLite the second writer waits on the busy timeout instead of failing. All four processes run at the
same time to keep the suite fast. The test holds a lock on each database until the runs are
queued behind it, so the writers really overlap however fast the machine is: on PostgreSQL both wait
on their first article, on SQLite both wait on the write lock (busy timeout) and neither fails.

Compared with a single run, everything is identical except which entity a mention is linked to
across articles: the loader links a lone short name to the one entity already stored under that
alias, and keeps the first canonical spelling it sees, so that part depends on load order. The same
difference appears between two single runs given the files in another order, so it is a property of
entity resolution, not of concurrency; it is excluded from the comparison (``order_free``).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url

from etl import load
from tests.conftest import ROOT, drop_pg_database, make_pg_database
from tests.test_crash import canonical, corpus, duplicates

PASSWORD = "hunter2-concurrency"
PARTS = 4
PER_PART = 30

#: positions of the columns naming an entity by its key in ``test_crash.CANONICAL`` rows
ENTITY_KEY_COLUMNS = {
    "mentions": (2,), "statements": (2,), "statement_targets": (5,), "entity_roles": (2,), "article_entities": (2,),
}


def order_free(dump: dict[str, list[tuple]]) -> dict[str, list[tuple]]:
    """The dump without the entity links that depend on load order (see the module docstring)."""
    out = {}
    for table, rows in dump.items():
        if table in ("entities", "entity_aliases"):
            continue
        drop = ENTITY_KEY_COLUMNS.get(table, ())
        out[table] = sorted((tuple(v for i, v in enumerate(r) if i not in drop) for r in rows), key=repr)
    out["ingest_errors"] = sorted(set(out["ingest_errors"]))  # each run logs its own failures
    out["entity_kind_and_alias"] = sorted({(r[0], r[3]) for r in dump["entity_aliases"]})
    return out


def split_corpus(root: Path) -> list[Path]:
    """The corpus as ``PARTS`` .jsonl files, so that two runs can share some of them."""
    whole = corpus(root / "all.jsonl.tmp", PARTS * PER_PART).read_text(encoding="utf-8").splitlines()
    paths = []
    for i in range(PARTS):
        p = root / f"part{i}.jsonl"
        p.write_text("\n".join(whole[i * PER_PART:(i + 1) * PER_PART]) + "\n", encoding="utf-8")
        paths.append(p)
    return paths


def start(paths: list[Path], url: str, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "etl.cli", "run", *map(str, paths), "--db", url, "--json"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "ETL_BATCH_SIZE": "5", **env})


def run_intervals(url: str) -> list[tuple[datetime, datetime]]:
    with load.read_connection(load.get_engine(url)) as conn:
        rows = conn.execute(text("SELECT started_at, finished_at, status FROM runs ORDER BY id")).all()
    assert [r.status for r in rows] == ["completed", "completed"], rows
    return [(_dt(r.started_at), _dt(r.finished_at)) for r in rows]


def _dt(value: datetime | str) -> datetime:
    """UTC without tzinfo (SQLite hands back naive UTC, PostgreSQL aware datetimes)."""
    dt = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return dt.astimezone(UTC).replace(tzinfo=None) if dt.tzinfo else dt


def pg_lock_waiters(url: str) -> int:
    with load.read_connection(load.get_engine(url)) as conn:
        return int(conn.execute(text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                     "AND wait_event_type = 'Lock'")).scalar_one())


def wait_for(check: Callable[[], bool], procs: dict[str, subprocess.Popen[str]], timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        for name, p in procs.items():
            if p.poll() is not None:
                raise AssertionError(f"{name} ended early (rc={p.returncode}): {p.communicate()[1][-3000:]}")
        if time.monotonic() > deadline:
            raise AssertionError("the runs never queued behind the test's lock")
        time.sleep(0.1)


def test_two_runs_at_once_lose_and_duplicate_nothing(tmp_path: Path, prefect_api: str) -> None:
    from etl.pipeline import run_direct

    parts = split_corpus(tmp_path)
    first, second = parts[:3], parts[1:]  # parts 1 and 2 go to both runs
    pg_plain = make_pg_database()
    pg_ref = make_pg_database()
    try:
        pg = make_url(pg_plain).set(password=PASSWORD).render_as_string(hide_password=False)  # trust auth
        lite = f"sqlite:///{tmp_path / 'both.db'}"
        # migrate first: two processes creating the same schema at once is a different race
        load.upgrade(pg_plain)
        load.upgrade(lite)
        # hold both databases: PostgreSQL's articles table against writes (reads still pass), SQLite's
        # write lock; the runs start, queue behind the locks, and are released together
        pg_block = load.get_engine(pg_plain).connect()
        pg_tx = pg_block.begin()
        pg_block.exec_driver_sql("LOCK TABLE articles IN EXCLUSIVE MODE")
        lite_block = sqlite3.connect(str(tmp_path / "both.db"), isolation_level=None)
        lite_block.execute("BEGIN IMMEDIATE")
        api = {"PREFECT_API_URL": prefect_api}
        wait = {**api, "ETL_SQLITE_BUSY_TIMEOUT_S": "600"}
        procs = {
            "pg-1": start(first, pg, {**api, "ETL_LOG_LEVEL": "DEBUG"}),
            "pg-2": start(second, pg, api),
            "sqlite-1": start(first, lite, wait),
            "sqlite-2": start(second, lite, wait),
        }
        # the references, a single run over everything, go while the CLIs start
        refs = {"pg": pg_ref, "sqlite": f"sqlite:///{tmp_path / 'ref.db'}"}
        for ref in refs.values():
            load.upgrade(ref)
            stats = run_direct(parts, ref, batch_size=5)
            assert not stats.failures, stats.failures[:3]
        # both PostgreSQL runs wait on their first article; the SQLite runs, one step earlier in the
        # same start-up, have been waiting on the write lock since before that
        wait_for(lambda: pg_lock_waiters(pg_plain) >= 2, procs)
        pg_tx.commit()
        pg_block.close()
        lite_block.execute("COMMIT")
        lite_block.close()
        results = {name: p.communicate(timeout=600) for name, p in procs.items()}
        for name, p in procs.items():
            out, err = results[name]
            assert p.returncode == 0, (name, err[-3000:])
            assert PASSWORD not in out + err, name
            assert "Traceback" not in err, (name, err[-3000:])
            counts = json.loads(out)["counts"]
            assert counts["articles_failed"] == 0 and counts["files"] == 3

        for db, url in (("pg", pg_plain), ("sqlite", lite)):
            assert duplicates(url) == dict.fromkeys(duplicates(url), 0), db
            (a0, a1), (b0, b1) = run_intervals(url)
            if db == "pg":  # both loaders were busy at the same moment, not one after the other
                assert a0 < b1 and b0 < a1, (db, a0, a1, b0, b1)
            got, expected = order_free(canonical(url)), order_free(canonical(refs[db]))
            for table in got:
                assert got[table] == expected[table], f"{db}: {table} differs from a single run"
            with load.read_connection(load.get_engine(url)) as conn:
                params = conn.execute(text("SELECT parameters FROM runs")).scalars().all()
            assert PASSWORD not in json.dumps(params, default=str)
            # together the two runs saw every article exactly once as new
            with load.read_connection(load.get_engine(url)) as conn:
                runs = conn.execute(text("SELECT counts FROM runs")).scalars().all()
            runs = [json.loads(c) if isinstance(c, str) else c for c in runs]
            assert sum(c["articles_new"] for c in runs) == PARTS * PER_PART == len(got["articles"])
    finally:
        drop_pg_database(pg_plain)
        drop_pg_database(pg_ref)
