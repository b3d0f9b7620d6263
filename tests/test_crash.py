"""Crash safety: ``etl run`` killed with SIGKILL mid-corpus, then re-run, equals one clean run.

Every article is one transaction, so a kill can only lose the article being written, and the re-run
picks it up again because it is not stored. The comparison is over every table except ``runs``, with
surrogate ids replaced by natural keys (ids are allowed to differ: PostgreSQL sequences skip numbers
after a rollback).
"""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from itertools import islice
from pathlib import Path
from typing import Any

from sqlalchemy import inspect, text

from etl import load
from tests.conftest import ROOT, SHARED

ANT = SHARED / "data" / "ant" / "ant-v2.1.jsonl.gz"

#: the tables compared and, for each, a query of its rows by natural keys (no ids, runs or timestamps)
CANONICAL = {
    "countries": "SELECT alpha2, alpha3, numeric, name_en, name_ar FROM countries",
    "articles": "SELECT source_uri, external_id, url, outlet, title, published, body, content_hash, language, "
                "encoding, pipeline_version FROM articles",
    "entities": "SELECT kind, norm_key, canonical_name, country_code FROM entities",
    "entity_aliases": "SELECT e.kind, e.norm_key, a.alias, a.norm_key FROM entity_aliases a "
                      "JOIN entities e ON e.id = a.entity_id",
    "entity_roles": "SELECT ar.source_uri, e.kind, e.norm_key, r.role FROM entity_roles r "
                    "JOIN articles ar ON ar.id = r.article_id JOIN entities e ON e.id = r.entity_id",
    "article_entities": "SELECT ar.source_uri, e.kind, e.norm_key, x.name FROM article_entities x "
                        "JOIN articles ar ON ar.id = x.article_id JOIN entities e ON e.id = x.entity_id",
    "mentions": "SELECT ar.source_uri, e.kind, e.norm_key, m.start_char, m.end_char, m.surface, m.method "
                "FROM mentions m JOIN articles ar ON ar.id = m.article_id JOIN entities e ON e.id = m.entity_id",
    "statements": "SELECT ar.source_uri, e.kind, e.norm_key, s.speaker_text, s.speaker_kind, s.cue, s.cue_lemma, "
                  "s.content, s.is_direct, s.start_char, s.end_char, s.content_start, s.content_end "
                  "FROM statements s JOIN articles ar ON ar.id = s.article_id "
                  "LEFT JOIN entities e ON e.id = s.speaker_entity_id",
    "statement_targets": "SELECT ar.source_uri, s.start_char, s.content_start, s.content_end, e.kind, e.norm_key "
                         "FROM statement_targets t JOIN statements s ON s.id = t.statement_id "
                         "JOIN articles ar ON ar.id = s.article_id JOIN entities e ON e.id = t.entity_id",
    "ingest_errors": "SELECT source_uri, stage, reason FROM ingest_errors",
}


def canonical(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows by natural keys, sorted: equal dumps mean equal database contents."""
    tables = set(inspect(load.get_engine(url)).get_table_names()) - {"runs", "alembic_version"}
    assert tables == set(CANONICAL), f"compare these tables too: {tables ^ set(CANONICAL)}"
    out = {}
    with load.read_connection(load.get_engine(url)) as conn:
        for name, sql in CANONICAL.items():
            out[name] = sorted((tuple(str(v) if v is not None else None for v in r)
                                for r in conn.execute(text(sql))), key=repr)
    return out


def duplicates(url: str) -> dict[str, int]:
    """Rows that break the one-row-per-natural-key rule (must all be 0)."""
    checks = {
        "articles": "SELECT count(*) FROM (SELECT source_uri FROM articles GROUP BY source_uri "
                    "HAVING count(*) > 1) d",
        "entities": "SELECT count(*) FROM (SELECT kind, norm_key FROM entities GROUP BY kind, norm_key "
                    "HAVING count(*) > 1) d",
        "entity_aliases": "SELECT count(*) FROM (SELECT entity_id, norm_key FROM entity_aliases "
                          "GROUP BY entity_id, norm_key HAVING count(*) > 1) d",
        "mentions": "SELECT count(*) FROM (SELECT article_id, entity_id, start_char, end_char FROM mentions "
                    "GROUP BY article_id, entity_id, start_char, end_char HAVING count(*) > 1) d",
        "statements": "SELECT count(*) FROM (SELECT article_id, start_char, content_start FROM statements "
                      "GROUP BY article_id, start_char, content_start HAVING count(*) > 1) d",
    }
    with load.read_connection(load.get_engine(url)) as conn:
        return {name: int(conn.execute(text(sql)).scalar_one()) for name, sql in checks.items()}


# --------------------------------------------------------------------------- one Prefect server

#: "URL PID" of the running server, kept in the environment because pytest imports this file twice
#: (as ``test_crash`` and, from the other reliability tests, as ``tests.test_crash``)
# --------------------------------------------------------------------------- corpora

_PEOPLE = ["محمد بن سلمان", "عبد الفتاح السيسي", "رجب طيب أردوغان", "أنطونيو غوتيريش", "سامح شكري",
           "عادل الجبير", "غسان سلامة", "فايز السراج", "خليفة حفتر", "إيمانويل ماكرون"]
_ROLES = ["وزير الخارجية", "الرئيس", "المتحدث باسم الحكومة", "الأمين العام للأمم المتحدة", "رئيس الوزراء"]
_PLACES = ["مصر", "السعودية", "تركيا", "ليبيا", "فرنسا", "الأردن", "العراق", "تونس", "المغرب", "قطر"]
_CUES = ["قال", "أكد", "أعلن", "أوضح", "صرح"]
_TOPICS = ["الحل السياسي", "وقف إطلاق النار", "التعاون الاقتصادي", "مكافحة الإرهاب", "عودة اللاجئين"]


def generated_records(n: int) -> list[dict[str, Any]]:
    """Varied Arabic news records in the crawl layout, for when the ANT corpus is not available."""
    out = []
    for i in range(n):
        p, q = _PEOPLE[i % len(_PEOPLE)], _PEOPLE[(i * 7 + 3) % len(_PEOPLE)]
        role, cue = _ROLES[i % len(_ROLES)], _CUES[i % len(_CUES)]
        a, b = _PLACES[i % len(_PLACES)], _PLACES[(i * 3 + 1) % len(_PLACES)]
        topic = _TOPICS[i % len(_TOPICS)]
        paras = [f"{cue} {role} {p} إن {a} تدعم {topic} مع {b}، مشيرا إلى أن المحادثات ستستمر.",
                 f"وأضاف أن \"{topic} هو الطريق الوحيد\" وفق ما نقلت وكالة الأنباء في اليوم {i}.",
                 f"من جهته، أكد {q} أن بلاده ترحب بالمبادرة وتدعو إلى اجتماع جديد في {b}."]
        out.append({"id": f"gen-{i}", "title": f"{p} يبحث {topic} مع {q}", "text": "\n\n".join(paras),
                    "source": "generated", "published": f"2019-04-{i % 28 + 1:02d}T10:00:00Z"})
    return out


def corpus(path: Path, n: int) -> Path:
    """``n`` real ANT articles as .jsonl when ../shared is present, else generated ones."""
    if ANT.is_file():
        with gzip.open(ANT, "rt", encoding="utf-8") as fh:
            lines = [line.rstrip("\n") for line in islice(fh, n)]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    else:
        path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in generated_records(n)) + "\n",
                        encoding="utf-8")
    return path


def etl_popen(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """The CLI in its own session, so a kill reaches the Prefect server it starts as well."""
    return subprocess.Popen([sys.executable, "-m", "etl.cli", *args], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})},
                            start_new_session=True)


def article_count(url: str) -> int:
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
        return 0  # connecting would create the file under the CLI's feet
    try:
        with load.read_connection(load.get_engine(url)) as conn:
            return int(conn.execute(text("SELECT count(*) FROM articles")).scalar_one())
    except Exception:
        return 0


def kill_when_loaded(proc: subprocess.Popen[str], url: str, at_least: int, timeout: float = 400) -> int:
    """SIGKILL the process group once ``at_least`` articles are committed; returns the count then."""
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            n = article_count(url)
            if n >= at_least:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=30)
                return n
            if proc.poll() is not None:
                _out, err = proc.communicate()
                raise AssertionError(f"run ended (rc={proc.returncode}) before it could be killed: {err[-2000:]}")
            time.sleep(0.05)
        raise AssertionError("no articles committed in time")
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)


# --------------------------------------------------------------------------- the test

N_ARTICLES = 200


def test_sigkill_mid_run_then_rerun_equals_a_clean_run(tmp_path: Path, prefect_api: str) -> None:
    from etl.pipeline import run_direct

    src = corpus(tmp_path / "corpus.jsonl", N_ARTICLES)
    crashed = f"sqlite:///{tmp_path / 'crashed.db'}"
    env = {"ETL_BATCH_SIZE": "7", "PREFECT_API_URL": prefect_api}
    proc = etl_popen("run", str(src), "--db", crashed, env=env)
    at_kill = kill_when_loaded(proc, crashed, at_least=N_ARTICLES // 3)
    stored = article_count(crashed)
    assert 0 < stored < N_ARTICLES, "the kill must land mid-corpus"
    assert rows_where(crashed, "SELECT status FROM runs") == [("running",)]  # killed, never finished
    assert at_kill <= stored

    again = subprocess.run([sys.executable, "-m", "etl.cli", "run", str(src), "--db", crashed, "--json"], cwd=ROOT,
                           capture_output=True, text=True, env={**os.environ, **env}, timeout=600)
    assert again.returncode in (0, 1) and "Traceback" not in again.stderr, again.stderr[-3000:]
    summary = json.loads(again.stdout)
    assert summary["counts"]["articles_unchanged"] == stored
    assert again.returncode == (1 if summary["failures"] else 0)

    assert duplicates(crashed) == dict.fromkeys(duplicates(crashed), 0)
    clean = f"sqlite:///{tmp_path / 'clean.db'}"
    load.upgrade(clean)
    ref_stats = run_direct([src], clean, batch_size=7)
    load.record_failures(clean, None, ref_stats.failures)
    expected = canonical(clean)
    assert summary["counts"]["articles_failed"] == len(ref_stats.failures)
    assert summary["counts"]["articles_new"] + stored == len(expected["articles"])
    got = canonical(crashed)
    for table in CANONICAL:
        assert got[table] == expected[table], f"{table} differs after crash and re-run"
    assert len(expected["articles"]) > 0.9 * N_ARTICLES and len(expected["mentions"]) > N_ARTICLES


def rows_where(url: str, sql: str) -> list[tuple[Any, ...]]:
    with load.read_connection(load.get_engine(url)) as conn:
        return [tuple(r) for r in conn.execute(text(sql))]
