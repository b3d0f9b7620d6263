"""Bad input and operator errors: one clear line each, the rest of the run completes, nothing is lost.

Real files, real SQLite and PostgreSQL, the real CLI. Running as root, file permissions stop nothing,
so "unreadable" is a FIFO named like an article (reading it would block forever) and a read-only
database is an immutable file (``chattr +i``) or a SQLite ``mode=ro`` URL.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from sqlalchemy.engine import make_url

from etl import load
from etl.errors import EtlError
from etl.normalize import normalize
from etl.records import SourceArticle, SourceFailure
from etl.sources import discover, read_file, read_paths
from tests.conftest import _PG_PROBLEM, PG_URL, ROOT, SEEDS

SEED = SEEDS / "000_4e1d2c4237baeed0.txt"
GOOD = ("قمة عربية في الرياض\n\n"
        "قال وزير الخارجية المصري سامح شكري إن مصر تدعم الحل السياسي في ليبيا. "
        "وأضاف أن الاجتماع مع نظيره السعودي كان مثمرا.\n")
ENGLISH = ("Summit in Riyadh\n\nThe Egyptian foreign minister said on Monday that his country supports a "
           "political solution in Libya and that talks with his Saudi counterpart had been fruitful.\n")
PASSWORD = "hunter2-secret"


def etl(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "etl.cli", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=600)


def rows(url: str, sql: str) -> list[tuple]:
    with load.get_engine(url).connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql))]


def jsonl(records: list[dict]) -> str:
    return "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n"


def make_bad_corpus(root: Path) -> tuple[list[tuple[str, str]], list[str]]:
    """Every kind of bad input beside good articles.

    Returns the expected failures as (source suffix, reason fragment) and the source_uri suffixes of
    the articles that must load.
    """
    root.mkdir()
    fail: list[tuple[str, str]] = []
    good: list[str] = []
    (root / "seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (root / "good.txt").write_text(GOOD, encoding="utf-8")
    (root / "cp1256.txt").write_bytes(GOOD.replace("الرياض", "جدة").encode("cp1256"))
    (root / "utf16.txt").write_bytes(GOOD.replace("الرياض", "عمان").encode("utf-16"))
    (root / "english.txt").write_text(ENGLISH, encoding="utf-8")
    good += ["seed.txt", "good.txt", "cp1256.txt", "utf16.txt", "english.txt"]

    (root / "empty.txt").write_bytes(b"")
    (root / "blank.txt").write_bytes(b" \n\t\r\n  \n")
    (root / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)))
    (root / "badutf8.txt").write_bytes(GOOD.encode() + b"\xff\xfe\xc3\x28" + GOOD.encode())
    fail += [("empty.txt", "empty"), ("blank.txt", "whitespace only"), ("binary.txt", "binary file"),
             ("badutf8.txt", "invalid UTF-8")]

    recs = [{"id": f"t{i}", "title": f"خبر رقم {i}", "text": f"{GOOD} {i} " * 8 + str(i * 7919)} for i in range(60)]
    blob = gzip.compress(jsonl(recs).encode())
    (root / "cut.jsonl.gz").write_bytes(blob[: len(blob) * 2 // 3])
    fail.append(("cut.jsonl.gz", "truncated gzip"))

    lines = jsonl([{"id": "m1", "text": GOOD}]) + '{"id": "m2", "text": "نص\n' + jsonl([{"id": "m3", "text": GOOD}])
    (root / "mixed.jsonl").write_text(lines, encoding="utf-8")
    good += ["mixed.jsonl#m1", "mixed.jsonl#m3"]
    fail.append(("mixed.jsonl#L2", "invalid JSON on line 2"))

    (root / "records.json").write_text(json.dumps([
        {"id": "r1", "title": "بلا نص"},
        {"id": "r2", "text": ["قال", "الوزير"]},
        {"id": "r3", "text": GOOD, "title": 7},
        {"id": "r4", "text": "نص فيه \u0000 محرف"},
        {"id": "r5", "text": GOOD, "published": 1e300},  # absurd date: ignored, the article loads
    ], ensure_ascii=False), encoding="utf-8")
    fail += [("records.json#r1", "missing field 'text'"), ("records.json#r2", "'text' must be a string, not list"),
             ("records.json#r3", "'title' must be a string"), ("records.json#r4", "NUL character")]
    good.append("records.json#r5")
    (root / "deep.json").write_text("[" * 50_000 + "]" * 50_000)
    (root / "bigint.json").write_text('{"id": ' + "9" * 5000 + ', "text": "نص"}')
    fail += [("deep.json", "nested too deeply"), ("bigint.json", "Exceeds the limit (4300 digits)")]

    (root / "nav.html").write_text(
        "<html><head><script>var menu = ['الرئيسية', 'أخبار'];</script></head><body><nav><ul>"
        "<li><a href='/'>الرئيسية</a></li><li><a href='/news'>أخبار</a></li><li><a href='/s'>رياضة</a></li>"
        "</ul></nav><script>document.write('اشترك');</script></body></html>", encoding="utf-8")
    fail.append(("nav.html", "no main article text"))
    (root / "huge.txt").write_text("عنوان\n\n" + "قال الوزير إن الوضع مستقر. " * 300, encoding="utf-8")
    fail.append(("huge.txt", "exceeds the limit of 4,000"))

    os.mkfifo(root / "pipe.txt")
    fail.append(("pipe.txt", "not a regular file: a named pipe (FIFO)"))
    (root / "sub").mkdir()
    (root / "sub" / "inner.txt").write_text(GOOD.replace("الرياض", "الدوحة"), encoding="utf-8")
    good.append("sub/inner.txt")
    os.symlink(root / "sub", root / "sub" / "loop")
    os.symlink(root / "self.txt", root / "self.txt")
    os.symlink(root / "gone.txt", root / "dangling.txt")
    fail += [("sub/loop", "symlink loop"), ("self.txt", "symlink loop"), ("dangling.txt", "broken symlink")]
    return fail, good


def test_every_kind_of_bad_input_in_one_cli_run(tmp_path: Path, prefect_api: str) -> None:
    src = tmp_path / "in"
    fail, good = make_bad_corpus(src)
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    fail += [("missing", "no such file or directory"), ("notes.pdf", "unsupported file type '.pdf'")]
    url = f"sqlite:///{tmp_path / 'etl.db'}"
    res = etl("run", str(src), str(tmp_path / "missing"), str(tmp_path / "notes.pdf"), "--db", url,
              env={"ETL_MAX_ARTICLE_CHARS": "4000", "ETL_BATCH_SIZE": "3", "PREFECT_API_URL": prefect_api})

    assert res.returncode == 1, res.stderr
    assert "Traceback" not in res.stderr + res.stdout
    errors = [line for line in res.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == len(fail), "\n".join(errors)
    stored = rows(url, "SELECT source_uri, stage, reason FROM ingest_errors")
    assert len(stored) == len(fail)
    for suffix, reason in fail:
        path = str(src / suffix) if not suffix.startswith(("missing", "notes")) else str(tmp_path / suffix)
        line = [e for e in errors if e.startswith(f"error: {path}: ")]
        assert len(line) == 1 and reason in line[0], (suffix, reason, errors)
        assert [r for r in stored if r[0] == path and reason in r[2]], (suffix, stored)

    articles = dict(rows(url, "SELECT source_uri, language FROM articles"))
    truncated = [u for u in articles if "cut.jsonl.gz#" in u]
    assert 0 < len(truncated) < 60  # the records before the cut are kept
    assert {u for u in articles if "cut.jsonl.gz" not in u} == {str(src / g) for g in good}
    assert articles.pop(str(src / "english.txt")) != "ar"
    assert set(articles.values()) == {"ar"}
    english_rows = rows(url, "SELECT (SELECT count(*) FROM mentions m WHERE m.article_id = a.id), "
                             "(SELECT count(*) FROM statements s WHERE s.article_id = a.id) "
                             f"FROM articles a WHERE source_uri = '{src / 'english.txt'}'")
    assert english_rows == [(0, 0)]
    # re-encoded articles are read, not mangled: the same sentence as the UTF-8 one
    bodies = dict(rows(url, "SELECT source_uri, body FROM articles"))
    assert bodies[str(src / "cp1256.txt")] == GOOD.replace("الرياض", "جدة").rstrip("\n")
    assert bodies[str(src / "utf16.txt")] == GOOD.replace("الرياض", "عمان").rstrip("\n")
    assert rows(url, "SELECT count(*) FROM statements s JOIN articles a ON a.id = s.article_id "
                     f"WHERE a.source_uri = '{src / 'cp1256.txt'}'")[0][0] >= 1
    status = rows(url, "SELECT status FROM runs")
    assert status == [("partial",)]


# --------------------------------------------------------------------------- files vanishing mid-run


def test_file_deleted_or_replaced_between_discovery_and_reading(tmp_path: Path) -> None:
    for name in ("a.txt", "b.jsonl", "c.txt", "d.html"):
        (tmp_path / name).write_text(GOOD if name != "b.jsonl" else jsonl([{"text": GOOD}]), encoding="utf-8")
    found = list(discover([tmp_path]))
    assert [p.name for p in found if isinstance(p, Path)] == ["a.txt", "b.jsonl", "c.txt", "d.html"]
    (tmp_path / "a.txt").unlink()
    (tmp_path / "b.jsonl").unlink()
    (tmp_path / "c.txt").unlink()
    os.mkfifo(tmp_path / "c.txt")  # swapped for a pipe: must not block
    (tmp_path / "d.html").unlink()
    (tmp_path / "d.html").mkdir()
    reasons = [next(iter(read_file(p))) for p in found if isinstance(p, Path)]
    assert all(isinstance(r, SourceFailure) for r in reasons)
    assert [r.reason for r in reasons] == [  # type: ignore[union-attr]
        "file disappeared before it could be read", "file disappeared before it could be read",
        "not a regular file: a named pipe (FIFO)", "is a directory, not a file"]


def test_undecodable_file_name_gets_a_storable_uri(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9.txt")  # Latin-1 bytes: not UTF-8
    (tmp_path / name).write_text(GOOD, encoding="utf-8")
    (item,) = list(read_paths([tmp_path]))
    assert isinstance(item, SourceArticle) and item.source_uri.endswith("caf\\xe9.txt")
    item.source_uri.encode("utf-8")  # storable


# --------------------------------------------------------------------------- operator errors


def _run_all(commands: list[tuple[list[str], dict[str, str]]]) -> list[tuple[int, str, str]]:
    """Run CLI commands side by side (each fails before Prefect starts) to keep the suite fast."""
    procs = [subprocess.Popen([sys.executable, "-m", "etl.cli", *args], cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env={**os.environ, **env})
             for args, env in commands]
    out = []
    for p in procs:
        stdout, stderr = p.communicate(timeout=300)
        out.append((p.returncode, stdout, stderr))
    return out


def _immutable(path: Path) -> bool:
    if shutil.which("chattr") is None:
        return False
    return subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode == 0


def _cli_in_process(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    from etl.cli import main

    capsys.readouterr()
    old = sys.argv
    sys.argv = ["etl", *args]
    try:
        with pytest.raises(SystemExit) as exc:
            main()
    finally:
        sys.argv = old
    out, err = capsys.readouterr()
    return int(exc.value.code or 0), out, err


def _check_one_line(args: list[str], reason: str, rc: int, stdout: str, stderr: str, *, only_line: bool) -> None:
    errors = [line for line in stderr.splitlines() if line.startswith("error: ")]
    assert rc == 2, (args, stderr[-2000:])
    assert len(errors) == 1 and reason in errors[0], (args, errors)
    assert "Traceback" not in stderr and PASSWORD not in stdout + stderr, (args, stderr[-2000:])
    if only_line:
        assert stderr == errors[0] + "\n", (args, stderr)


def _readonly_and_future_dbs(tmp_path: Path) -> tuple[Path, Path]:
    lite = tmp_path / "ro.db"
    load.upgrade(f"sqlite:///{lite}")
    load.get_engine(f"sqlite:///{lite}").dispose()
    future = tmp_path / "future.db"
    load.upgrade(f"sqlite:///{future}")
    with load.get_engine(f"sqlite:///{future}").begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffff_future'"))
    return lite, future


def test_operator_errors_are_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lite, future = _readonly_and_future_dbs(tmp_path)
    cases: list[tuple[list[str], str]] = [
        (["run", "seeds", "--db", f"nosuchdialect://admin:{PASSWORD}@h/x"], "not a usable database URL"),
        (["run", "seeds", "--db", f"postgresql://admin:{PASSWORD}@127.0.0.1:1/x"], "connection refused"),
        (["run", "seeds", "--db", f"postgresql://admin:{PASSWORD}@no-such-host.invalid/x"], "unknown host"),
        (["run", "seeds", "--db", f"sqlite:///file:{lite}?mode=ro&uri=true"], "read-only"),
        (["run", "seeds", "--db", f"sqlite:///{tmp_path}"], "cannot open the SQLite file"),
        (["run", "seeds", "--db", f"sqlite:///{future}"], "newer than this code"),
        (["db", "upgrade", "--db", f"sqlite:///{future}"], "newer than this code"),
        (["db", "current", "--db", f"sqlite:///{tmp_path / 'no' / 'such' / 'dir.db'}"], "cannot open"),
    ]
    if not _PG_PROBLEM:
        missing = make_url(PG_URL).set(password=PASSWORD, database="etl_no_such_database")
        cases.append((["run", "--db", missing.render_as_string(hide_password=False)],
                      'database "etl_no_such_database" does not exist'))
    for args, reason in cases:
        _check_one_line(args, reason, *_cli_in_process(args, capsys), only_line=True)
    assert rows(f"sqlite:///{lite}", "SELECT count(*) FROM runs") == [(0,)]


def test_operator_errors_hide_passwords_at_debug_level(tmp_path: Path) -> None:
    """Separate processes: the URL comes from the environment, and DEBUG logging is really on."""
    lite, _ = _readonly_and_future_dbs(tmp_path)
    debug = {"ETL_LOG_LEVEL": "DEBUG"}
    cases: list[tuple[list[str], dict[str, str], str]] = [
        (["run", "seeds"], {**debug, "ETL_DATABASE_URL": f"postgresql://admin:{PASSWORD}@127.0.0.1:1/x"},
         "connection refused"),
    ]
    immutable = _immutable(lite)
    try:
        if immutable:  # root ignores permissions, not the immutable attribute
            cases.append((["run", "seeds", "--db", f"sqlite:///{lite}"], debug, "read-only"))
        results = _run_all([(args, env) for args, env, _ in cases])
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(lite)], check=True)
    for (args, _, reason), result in zip(cases, results, strict=True):
        _check_one_line(args, reason, *result, only_line=False)
    assert "DEBUG" in results[0][2] or "INFO" in results[0][2]  # the logging really was verbose


def test_database_password_is_not_stored_by_prefect(pg_url: str, prefect_api: str) -> None:
    import urllib.request

    url = make_url(pg_url).set(password=PASSWORD).render_as_string(hide_password=False)  # trust auth ignores it
    res = etl("run", "--db", url, "--json", env={"PREFECT_API_URL": prefect_api})
    assert res.returncode == 0, res.stderr[-2000:]
    assert PASSWORD not in res.stdout + res.stderr
    assert PASSWORD not in json.dumps(rows(pg_url, "SELECT parameters FROM runs"), default=str)
    flow_run_id = json.loads(res.stdout)["flow_run_id"]
    with urllib.request.urlopen(f"{prefect_api}/flow_runs/{flow_run_id}", timeout=10) as resp:
        stored = resp.read().decode()
    assert flow_run_id in stored and PASSWORD not in stored


# --------------------------------------------------------------------------- migrations keep data


def test_upgrade_of_a_loaded_database_keeps_every_row_and_rerun_is_unchanged(db_url: str) -> None:
    from etl.pipeline import run_direct

    load.upgrade(db_url)
    first = run_direct([SEEDS], db_url)
    assert first.articles["new"] == 1
    before = snapshot(db_url)
    names = view_names(db_url)
    # the database as revision 0001 kept it (0001 has no article-level names), then upgraded again
    load.downgrade(db_url, "0001")
    load.upgrade(db_url)
    assert load.current_revision(db_url) == load.head_revision()
    after = snapshot(db_url)
    assert after.pop("article_entities") == [] and before.pop("article_entities")
    assert after == before
    # rows loaded before the revision show the entity's own name, which the seed's names are
    assert view_names(db_url) == names
    again = run_direct([SEEDS], db_url)
    assert again.articles["unchanged"] == 1 and again.articles["new"] == 0 and not again.failures
    after = snapshot(db_url)
    after.pop("article_entities")
    assert after == before


def view_names(url: str) -> list[tuple]:
    with load.get_engine(url).connect() as conn:
        return sorted(tuple(r) for r in conn.execute(text(
            "SELECT canonical_name, entity_name, start_char FROM v_mentions")))


def snapshot(url: str) -> dict[str, list[tuple]]:
    """Every row of every table, sorted (the comparison the crash and concurrency tests use too)."""
    from etl.models import Base

    out = {}
    with load.get_engine(url).connect() as conn:
        for table in Base.metadata.sorted_tables:
            out[table.name] = sorted((tuple(r) for r in conn.execute(table.select())), key=repr)
    return out


# --------------------------------------------------------------------------- fuzzing

ARABIC = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
MARKS = st.sampled_from(["\u064b", "\u064e", "\u0650", "\u0651", "\u0652", "\u0640", "\u200f", "\u200e",
                         "\u202b", "\u202c", "\u2066", "\u2069", "\u200c", "\u200d", "\ufeff", "\u00a0"])
LATIN = st.characters(min_codepoint=0x20, max_codepoint=0x7E)
WORDS = st.sampled_from(["قال", "أكد", "وزير", "الخارجية", "محمد", "بن", "سلمان", "إن", "أن", "مصر", "الأمم",
                         "المتحدة", "الليبي", "\"", "«", "»", ":", "،", ".", "\n\n", "وأضاف", "الرئيس",
                         "حفتر", "ترامب", "Trump", "2019", "ﻻ", "ﷺ", "أعلنت", "المتحدث", "باسم"])
ARABICISH = st.lists(st.one_of(WORDS, ARABIC, MARKS, LATIN, st.just(" ")), max_size=120).map("".join)


def _sprinkle(word: str, marks: list[str]) -> str:
    """Insert diacritics, tatweel and bidi/zero-width marks after letters of ``word``."""
    out = []
    for i, ch in enumerate(word):
        out.append(ch)
        if marks and i < len(marks) and marks[i]:
            out.append(marks[i])
    return "".join(out)


_NOISY_WORD = st.builds(_sprinkle, WORDS, st.lists(st.one_of(st.just(""), MARKS), max_size=6))
_SENTENCE = st.builds(
    lambda cue, role, name, sep, content, end: f"{cue} {role} {name}{sep}{' '.join(content)}{end}",
    st.sampled_from(["قال", "وقال", "أكد", "وأضاف", "أعلن", "أوضح", "قالت", "صرح"]),
    st.sampled_from(["", "وزير الخارجية", "الرئيس", "المتحدث باسم الحكومة", "رئيس الوزراء"]),
    st.sampled_from(["محمد بن سلمان", "سامح شكري", "غسان سلامة", "خليفة حفتر", "الأمم المتحدة", "مصر", ""]),
    st.sampled_from([" إن ", " أن ", ": \"", ": «", " ", "، "]),
    st.lists(st.one_of(_NOISY_WORD, ARABIC, MARKS, LATIN), min_size=1, max_size=25),
    st.sampled_from([".", "\".", "».", "", "\n\n", "، "]),
)
#: text shaped like news sentences (so statements are found) with noise marks and stray characters
NEWSISH = st.lists(st.one_of(_SENTENCE, ARABICISH), min_size=1, max_size=8).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(ARABICISH)
def test_normalizer_offsets_map_back_on_arabic_with_marks(s: str) -> None:
    doc = normalize(s)
    prev = 0
    for i in range(len(doc.text) + 1):
        a, _b = doc.span_to_original(i, i)
        assert 0 <= a <= len(s) and a >= prev
        prev = a
    if doc.text:
        start, end = doc.span_to_original(0, len(doc.text))
        assert 0 <= start <= end <= len(s)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NEWSISH)
def test_extraction_never_raises_and_offsets_hold(body: str) -> None:
    from etl.pipeline import extract_article
    from etl.sources import content_hash

    if not body.strip():
        return
    ex = extract_article(SourceArticle("fuzz.txt", body, content_hash(body)))
    for mn in ex.mentions:
        assert body[mn.start:mn.end] == mn.surface, mn
    for s in ex.statements:
        assert body[s.content_start:s.content_end] == s.content, s
        assert 0 <= s.start <= s.end <= len(body)


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                           lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=8), kids,
                                                                                     max_size=4), max_leaves=12)
RECORDS = st.fixed_dictionaries({}, optional={
    "id": JSON_VALUES, "text": st.one_of(JSON_VALUES, ARABICISH, st.text()), "title": JSON_VALUES | st.text(),
    "url": JSON_VALUES, "source": JSON_VALUES, "published": JSON_VALUES | st.sampled_from(
        ["2019-04-12T10:00:00Z", "Sun, 18 Feb 2018 21:35:43 +0400", "99999-01-01", "-1"])})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(RECORDS, JSON_VALUES), min_size=1, max_size=4), st.sampled_from([".json", ".jsonl"]))
def test_any_json_records_become_storable_articles_or_failures(tmp_path: Path, recs: list, suffix: str) -> None:
    p = tmp_path / f"f{suffix}"
    payload = json.dumps(recs) if suffix == ".json" else "\n".join(json.dumps(r) for r in recs)
    p.write_text(payload, encoding="utf-8")
    for item in read_file(p, max_chars=5000):
        assert isinstance(item, SourceArticle | SourceFailure)
        item.source_uri.encode("utf-8")
        if isinstance(item, SourceArticle):
            for value in (item.body, item.title, item.url, item.outlet, item.external_id):
                assert value is None or ("\x00" not in value and value.encode("utf-8"))
            assert item.body.strip() and len(item.body) <= 5000


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=600) | ARABICISH.map(lambda s: s.encode("utf-8")),
       st.sampled_from(["utf-8", "utf-16", "utf-16-le", "cp1256", "raw"]),
       st.sampled_from([".txt", ".html", ".json", ".jsonl", ".txt.gz", ".jsonl.gz"]))
def test_any_bytes_in_any_encoding_never_escape(tmp_path: Path, data: bytes, encoding: str, suffix: str) -> None:
    if encoding != "raw":
        data = data.decode("utf-8", "replace").encode(encoding, "replace")
    if suffix.endswith(".gz"):
        data = gzip.compress(data)[: max(10, len(data))]
    p = tmp_path / f"f{suffix}"
    p.write_bytes(data)
    try:
        items = list(read_file(p))
    except EtlError:
        pytest.fail("a reader raised instead of yielding a SourceFailure")
    for item in items:
        assert isinstance(item, SourceArticle | SourceFailure)
        if isinstance(item, SourceArticle):
            item.body.encode("utf-8")
            assert "\x00" not in item.body
