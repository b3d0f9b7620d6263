"""End to end: the README's command on seeds/, through the Prefect flow, on both databases."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from etl import load
from tests.conftest import ROOT, SEEDS, SHARED

SEED = SEEDS / "000_4e1d2c4237baeed0.txt"


def etl(*args: str, env: dict[str, str] | None = None, ephemeral: bool = False) -> subprocess.CompletedProcess[str]:
    """Run the CLI; ``ephemeral`` drops PREFECT_API_URL so that it starts Prefect's temporary server,
    as on a fresh machine (otherwise it uses the session's shared server)."""
    full = {**os.environ, **(env or {})}
    if ephemeral:
        full.pop("PREFECT_API_URL", None)
    return subprocess.run([sys.executable, "-m", "etl.cli", *args], cwd=ROOT, capture_output=True, text=True,
                          env=full, timeout=600)


def offsets_hold(url: str) -> int:
    with load.get_engine(url).connect() as conn:
        rows = conn.execute(text("SELECT a.body, m.surface, m.start_char, m.end_char FROM v_mentions m "
                                 "JOIN articles a ON a.id = m.article_id")).all()
        for body, surface, start, end in rows:
            assert body[start:end] == surface
        bad = conn.execute(text("SELECT count(*) FROM v_mentions m JOIN articles a ON a.id = m.article_id "
                                "WHERE substr(a.body, m.start_char + 1, m.end_char - m.start_char) <> m.surface"))
        assert bad.scalar() == 0
    return len(rows)


def test_cli_run_on_seeds_is_idempotent(tmp_path: Path) -> None:
    db = tmp_path / "etl.db"
    url = f"sqlite:///{db}"
    first = etl("run", "--db", url, ephemeral=True)  # default paths: seeds/; Prefect as on a fresh machine
    assert first.returncode == 0, first.stderr
    assert "1 new, 0 unchanged, 0 replaced, 0 failed" in first.stdout
    assert "Traceback" not in first.stdout + first.stderr
    assert "ERROR" not in first.stderr and "telemetry" not in first.stderr  # offline and quiet
    counts = load.table_counts(url)
    assert counts["articles"] == 1 and counts["mentions"] > 20 and counts["statements"] > 10
    assert offsets_hold(url) == counts["mentions"]

    second = etl("run", "seeds", "--db", url)
    assert second.returncode == 0, second.stderr
    assert "0 new, 1 unchanged, 0 replaced, 0 failed" in second.stdout
    after = load.table_counts(url)
    assert {k: v for k, v in after.items() if k != "runs"} == {k: v for k, v in counts.items() if k != "runs"}
    assert after["runs"] == counts["runs"] + 1

    if (SHARED / "eval" / "score.py").is_file():
        score = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), "--db", str(db),
                                str(SHARED / "eval" / "gold")], capture_output=True, text=True, check=True)
        assert "countries P=1.00 R=1.00 F1=1.00" in score.stdout, score.stdout


def test_cli_reports_bad_files_and_exits_non_zero(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    (src / "bin.txt").write_bytes(b"\x00\x01\x02\x00binary")
    url = f"sqlite:///{tmp_path / 'x.db'}"
    res = etl("run", str(src), str(tmp_path / "missing"), "--db", url)
    assert res.returncode == 1
    err_lines = [line for line in res.stderr.splitlines() if line.startswith("error:")]
    assert len(err_lines) == 3, res.stderr
    assert any("empty.txt" in line and "empty" in line for line in err_lines)
    assert any("bin.txt" in line and "binary" in line for line in err_lines)
    assert "Traceback" not in res.stderr
    counts = load.table_counts(url)
    assert counts["articles"] == 1 and counts["ingest_errors"] == 3


@pytest.mark.parametrize("args", [["run", "--db", "postgresql://u:hunter2@127.0.0.1:1/x"],
                                  ["db", "current", "--db", "nosuch://x"]])
def test_operator_errors_are_one_line_without_secrets(args: list[str]) -> None:
    res = etl(*args)
    assert res.returncode == 2
    assert res.stderr.count("\n") == 1 and res.stderr.startswith("error: database")
    assert "hunter2" not in res.stderr and "Traceback" not in res.stderr


def test_flow_gives_the_same_rows_on_postgresql_and_sqlite(pg_url: str, tmp_path: Path) -> None:
    from flows.ingest import ingest

    lite = f"sqlite:///{tmp_path / 'a.db'}"
    for url in (lite, pg_url):
        summary = ingest([str(SEEDS)], database_url=url)
        assert summary["counts"]["articles_new"] == 1 and not summary["failures"]

    def content(url: str) -> tuple[list[tuple], list[tuple]]:
        with load.get_engine(url).connect() as conn:
            ments = conn.execute(text("SELECT entity_kind, canonical_name, surface, start_char, end_char, "
                                      "country_code FROM v_mentions ORDER BY start_char, end_char, entity_kind")).all()
            stmts = conn.execute(text("SELECT speaker_kind, speaker_name, cue, content, is_direct, start_char "
                                      "FROM v_statements ORDER BY start_char")).all()
        return [tuple(r) for r in ments], [(*r[:4], bool(r[4]), r[5]) for r in stmts]

    assert content(lite) == content(pg_url)
    assert offsets_hold(pg_url) > 0


def test_pipeline_version_follows_extraction_code_and_resources(tmp_path: Path) -> None:
    """An upgrade that changes what is extracted re-extracts on the next run; a loader change does not."""
    import shutil

    from etl.pipeline import source_version

    pkg = tmp_path / "etl"
    shutil.copytree(ROOT / "etl", pkg, ignore=shutil.ignore_patterns("__pycache__"))
    before = source_version(pkg)
    assert before == source_version(ROOT / "etl")
    with (pkg / "load.py").open("a", encoding="utf-8") as fh:
        fh.write("\n# a loader change\n")
    assert source_version(pkg) == before
    for changed in ("extract/ner.py", "normalize.py", "resources/titles.txt"):
        with (pkg / changed).open("a", encoding="utf-8") as fh:
            fh.write("\n# changed\n")
        after = source_version(pkg)
        assert after != before, changed
        before = after
