"""Operations: `etl query` (read-only), scheduling, Datasette and the HTML report."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from etl import load, ops, pipeline
from etl.errors import ConfigError
from tests.conftest import ROOT, SEEDS

KANUNU = "محمد حسن قنونو"


def etl_main(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    """Run the `etl` console entry point in-process; returns its exit status."""
    from etl.cli import main

    monkeypatch.setattr(sys, "argv", ["etl", *args])
    with pytest.raises(SystemExit) as exc:
        main()
    return int(exc.value.code or 0)


@pytest.fixture(scope="module")
def seeded_sqlite(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('seeded') / 'etl.db'}"
    load.upgrade(url)
    stats = pipeline.run_direct([SEEDS], url)
    assert not stats.failures, stats.failures
    return url


# --------------------------------------------------------------------------- query files and parameters


def test_query_header_parsing(tmp_path: Path) -> None:
    path = tmp_path / "speaker_count.sql"
    path.write_text("-- Statements per speaker\n--\n-- How many statements each speaker has,\n-- most first.\n"
                    "--\n-- Parameters:\n--   :kind  the speaker kind,\n--          e.g. person\n"
                    "SELECT speaker_name, count(*) FROM v_statements WHERE speaker_kind = :kind GROUP BY 1;\n",
                    encoding="utf-8")
    q = ops.parse_query_file(path)
    assert (q.name, q.title, q.dialect) == ("speaker_count", "Statements per speaker", None)
    assert q.description == "How many statements each speaker has, most first."
    assert q.params == (ops.QueryParam("kind", "the speaker kind, e.g. person"),)
    assert q.sql.startswith("SELECT") and not q.sql.endswith(";")
    assert ops.bind_params(q, {}) == {"kind": None}
    with pytest.raises(ConfigError, match="no parameter person"):
        ops.bind_params(q, {"person": "x"})


def test_param_options_and_sql_params() -> None:
    assert ops.parse_param_options(["person=محمد = X", ":top=3"]) == {"person": "محمد = X", "top": "3"}
    with pytest.raises(ConfigError):
        ops.parse_param_options(["no-equals-sign"])
    assert ops.sql_params("SELECT CAST(:a AS INTEGER), x::text, ':b' FROM t WHERE c = :c_2") >= {"a", "c_2"}
    assert "text" not in ops.sql_params("SELECT x::text")


def test_write_refusal_message() -> None:
    assert ops.write_refusal("  -- note\nINSERT INTO t VALUES (1)", "attempt to write a readonly database") == (
        "etl query is read-only: INSERT statements are refused (change data with `etl run` or `etl db`)")
    assert ops.write_refusal("SELECT nextval('s')", "cannot execute nextval() in a read-only transaction")
    assert ops.write_refusal("SELECT * FROM nope", "no such table: nope") is None


# --------------------------------------------------------------------------- read-only querying, both databases


@pytest.mark.parametrize("sql", [
    "DELETE FROM countries",
    "UPDATE countries SET name_en = 'x'",
    "DROP TABLE countries",
    "CREATE TABLE t (x INTEGER)",
    "INSERT INTO countries (alpha2, alpha3, numeric, name_en, name_ar) VALUES ('QQ', 'QQQ', '999', 'q', 'q')",
])
def test_writes_are_refused_by_the_database(migrated: str, sql: str) -> None:
    with pytest.raises(ConfigError, match=r"^etl query is read-only: \w+ statements are refused"):
        ops.run_query(migrated, sql)
    assert load.query_rows(migrated, "SELECT count(*) FROM countries")[1] == [(249,)]


def test_a_second_statement_cannot_escape_the_read_only_transaction(migrated: str) -> None:
    for sql in ("COMMIT; DELETE FROM countries", "SELECT 1; DELETE FROM countries"):
        with pytest.raises(ConfigError, match="exactly one statement"):
            ops.run_query(migrated, sql)
    assert load.query_rows(migrated, "SELECT count(*) FROM countries")[1] == [(249,)]


def test_run_query_limit_and_params(migrated: str) -> None:
    sql = "SELECT alpha2, name_ar FROM countries WHERE alpha2 >= :first ORDER BY alpha2"
    res = ops.run_query(migrated, sql, {"first": "LY"}, limit=2)
    assert res.columns == ["alpha2", "name_ar"]
    assert res.rows == [("LY", "ليبيا"), ("MA", "المغرب")] and res.truncated
    assert not ops.run_query(migrated, sql, {"first": "ZW"}, limit=2).truncated


def test_cli_query_formats(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                           sqlite_url: str) -> None:
    load.upgrade(sqlite_url)
    sql = "SELECT alpha2, name_ar, numeric FROM countries WHERE alpha2 IN ('LY', 'EG') ORDER BY alpha2"
    assert etl_main(monkeypatch, "query", sql, "--db", sqlite_url, "--format", "json") == 0
    out, err = capsys.readouterr()
    assert json.loads(out) == [{"alpha2": "EG", "name_ar": "مصر", "numeric": "818"},
                               {"alpha2": "LY", "name_ar": "ليبيا", "numeric": "434"}]
    assert err.strip() == "2 rows"
    assert etl_main(monkeypatch, "query", sql, "--db", sqlite_url, "--format", "csv") == 0
    assert capsys.readouterr().out == "alpha2,name_ar,numeric\nEG,مصر,818\nLY,ليبيا,434\n"
    assert etl_main(monkeypatch, "query", sql, "--db", sqlite_url) == 0
    assert "ليبيا" in capsys.readouterr().out


def test_cli_query_refuses_writes_with_one_line(monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str], sqlite_url: str) -> None:
    load.upgrade(sqlite_url)
    assert etl_main(monkeypatch, "query", "DELETE FROM countries", "--db", sqlite_url) == 2
    err = capsys.readouterr().err
    assert err == ("error: etl query is read-only: DELETE statements are refused "
                   "(change data with `etl run` or `etl db`)\n")


def test_cli_query_file_with_params(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                    seeded_sqlite: str) -> None:
    assert etl_main(monkeypatch, "query", "--file", str(ROOT / "queries" / "said_about.sql"), "--db", seeded_sqlite,
                    "--param", "speaker=قنونو", "--param", "target=حفتر", "--format", "json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and {r["speaker_name"] for r in rows} == {KANUNU}
    assert etl_main(monkeypatch, "query", "--file", "statements_by_person", "--db", seeded_sqlite,
                    "--queries", str(ROOT / "queries"), "--param", "nobody=1") == 2
    assert "no parameter nobody" in capsys.readouterr().err


# --------------------------------------------------------------------------- scheduling


def test_serve_builds_a_cron_deployment_of_the_ingest_flow(tmp_path: Path) -> None:
    from flows.deployments import ingest_deployment
    from flows.ingest import ingest

    dep = ingest_deployment(["seeds"], cron="*/15 * * * *", database_url="sqlite:///etl.db", name="every-15")
    assert dep.name == "every-15" and dep.flow_name == ingest.name
    assert dep.entrypoint == "flows.ingest.ingest"
    assert [s.schedule.cron for s in dep.schedules] == ["*/15 * * * *"]
    assert dep.parameters == {"paths": [str(Path("seeds").resolve())],
                              "database_url": f"sqlite:///{Path('etl.db').resolve()}"}
    assert dep.concurrency_limit == 1
    no_db = ingest_deployment([tmp_path], cron="0 3 * * *")
    assert no_db.parameters == {"paths": [str(tmp_path)]}, "without --db each run reads ETL_DATABASE_URL"
    with pytest.raises(ConfigError, match="invalid cron"):
        ingest_deployment(["seeds"], cron="*/75 * * *")


def test_serve_needs_a_prefect_server(monkeypatch: pytest.MonkeyPatch) -> None:
    from flows import deployments

    monkeypatch.setattr(deployments, "prefect_api_url", lambda: None)
    with pytest.raises(ConfigError, match="needs a running Prefect server"):
        deployments.serve_ingest(object())


def test_prefect_yaml_defines_the_same_flow() -> None:
    from prefect.cli.deploy._models import PrefectYamlModel
    from prefect.client.schemas.schedules import CronSchedule
    from prefect.flows import load_flow_from_entrypoint

    raw = yaml.safe_load((ROOT / "prefect.yaml").read_text(encoding="utf-8"))
    model = PrefectYamlModel.model_validate(raw)
    (dep,) = model.deployments
    assert dep.entrypoint == "flows/ingest.py:ingest"
    flow = load_flow_from_entrypoint(str(ROOT / dep.entrypoint))
    assert flow.name == "etl-ingest"
    assert set(dep.parameters) <= set(flow.parameters.properties)
    assert dep.work_pool is not None and dep.work_pool.name == "etl-process"
    (schedule,) = raw["deployments"][0]["schedules"]
    assert CronSchedule(cron=schedule["cron"], timezone=schedule["timezone"]).cron == "*/15 * * * *"


# --------------------------------------------------------------------------- Datasette


def test_datasette_metadata_describes_every_table_and_query(migrated: str) -> None:
    from etl import models

    queries = ops.list_queries(ROOT / "queries", "sqlite")
    meta = ops.datasette_metadata("etl", queries)
    db = meta["databases"]["etl"]
    assert set(db["queries"]) == {q.name for q in queries}
    assert db["queries"]["statements_by_person"]["params"] == ["person"]
    assert "-- " not in db["queries"]["said_about"]["sql"], "header comments stay out of the canned SQL"
    described = db["tables"]
    for table in models.Base.metadata.sorted_tables:
        assert table.name in described, table.name
        assert set(described[table.name]["columns"]) <= set(table.columns.keys()), table.name
    for view in ("v_mentions", "v_statements"):
        cols = load.query_rows(migrated, f"SELECT * FROM {view} WHERE 1 = 0")[0]
        assert set(described[view]["columns"]) == set(cols), view


def test_browse_is_sqlite_only() -> None:
    with pytest.raises(ConfigError, match="SQLite files only"):
        ops.sqlite_path("postgresql+psycopg://u:secret@db/etl")
    assert ops.sqlite_path("sqlite:////tmp/x.db") == Path("/tmp/x.db")
    assert ops.sqlite_path("sqlite:///etl.db") == Path("etl.db")


def test_browse_without_datasette_says_what_to_install(monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str], sqlite_url: str) -> None:
    load.upgrade(sqlite_url)
    monkeypatch.setitem(sys.modules, "datasette", None)
    assert etl_main(monkeypatch, "browse", "--db", sqlite_url, "--queries", str(ROOT / "queries")) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "uv sync --extra browse" in err


def test_browse_writes_its_metadata(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                    tmp_path: Path) -> None:
    out = tmp_path / "metadata.json"
    assert etl_main(monkeypatch, "browse", "--db", f"sqlite:///{tmp_path / 'news.db'}", "--queries",
                    str(ROOT / "queries"), "--metadata-out", str(out)) == 0
    meta = json.loads(out.read_text(encoding="utf-8"))
    assert "said_about" in meta["databases"]["news"]["queries"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get_json(url: str) -> object:
    with urllib.request.urlopen(url, timeout=5) as resp:
        return json.loads(resp.read().decode("utf-8"))


def test_browse_serves_canned_queries(seeded_sqlite: str, tmp_path: Path) -> None:
    pytest.importorskip("datasette")
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "etl.cli", "browse", "--db", seeded_sqlite, "--port", str(port),
                             "--queries", str(ROOT / "queries")],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}/etl"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _get_json(f"http://127.0.0.1:{port}/-/versions.json")
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(proc.stderr.read().decode() if proc.stderr else "no output") from None
                time.sleep(0.3)
        person = urllib.parse.quote("قنونو")
        rows = _get_json(f"{base}/statements_by_person.json?person={person}&_shape=array")
        assert isinstance(rows, list) and len(rows) >= 5
        assert {r["speaker_name"] for r in rows} == {KANUNU}
        default = _get_json(f"{base}/said_about.json?_shape=array")
        assert isinstance(default, list) and default and {r["about"] for r in default} == {"خليفة حفتر"}
        table = _get_json(f"{base}/v_statements.json?_shape=array&_size=1")
        assert isinstance(table, list) and len(table) == 1
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# --------------------------------------------------------------------------- report


def _sample_report() -> ops.ReportData:
    return ops.ReportData(
        totals={"articles": 3, "undated": 1, "mentions": 40, "entities": 9, "statements": 12,
                "first_published": "2024-03-05 12:00:00", "last_published": "2024-03-12 12:00:00"},
        speakers=[{"speaker_name": KANUNU, "speaker_kind": "person", "statements": 9, "direct_quotes": 6},
                  {"speaker_name": "البيت الأبيض", "speaker_kind": "organization", "statements": 4,
                   "direct_quotes": 1}],
        period="week",
        periods=["2024-03-04", "2024-03-11"],
        country_series={"ليبيا (LY)": [2, 1], "مصر (EG)": [1, 0]},
        entities=["ليبيا", "خليفة حفتر", "الأمم المتحدة"],
        cooccurrence=[[None, 1, 2], [1, None, 1], [2, 1, None]],
    )


def test_report_html_has_three_charts_with_their_data() -> None:
    pytest.importorskip("plotly")
    page = ops.render_report(_sample_report(), database="postgresql://u:secret@h/db",
                             generated=datetime(2024, 3, 15, tzinfo=UTC))
    for title in ops.REPORT_TITLES.values():
        assert f'"text":"{title}"' in page
    for key in ops.REPORT_TITLES:
        assert f'id="chart-{key}"' in page
    assert '"y":["البيت الأبيض"]' in page and f'"y":["{KANUNU}"]' in page and '"x":[9]' in page
    assert '"name":"ليبيا (LY)"' in page and '"y":[2,1]' in page and '"x":["2024-03-04","2024-03-11"]' in page
    assert '"z":[[null,1,2],[1,null,1],[2,1,null]]' in page
    assert "secret" not in page, "the password is masked"
    assert page.count("<script src=") == 0 and len(page) > 3_000_000, "plotly.js is inline: works offline"


def test_countries_over_a_long_span_are_counted_per_month() -> None:
    rows = [{"country_code": "LY", "name_ar": "ليبيا", "published": f"2024-{m:02d}-15 10:00:00.000000"}
            for m in (1, 1, 2, 9)]
    rows.append({"country_code": "EG", "name_ar": "مصر", "published": datetime(2024, 3, 4, 23, tzinfo=UTC)})
    period, periods, series = ops._country_periods(rows, top=5)
    assert period == "month" and periods[0] == "2024-01-01" and periods[-1] == "2024-09-01" and len(periods) == 9
    assert series["ليبيا (LY)"] == [2, 1, 0, 0, 0, 0, 0, 0, 1] and sum(series["مصر (EG)"]) == 1
    period, periods, series = ops._country_periods(rows[:2], top=5)
    assert (period, periods, series) == ("week", ["2024-01-15"], {"ليبيا (LY)": [2]})


def test_report_without_plotly_says_what_to_install(monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str], sqlite_url: str,
                                                    tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "plotly", None)  # makes `import plotly` fail
    out = tmp_path / "r.html"
    assert etl_main(monkeypatch, "report", "--db", sqlite_url, "--out", str(out)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "uv sync --extra report" in err and not out.exists()


def test_cli_report_writes_the_file(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                    seeded_sqlite: str, tmp_path: Path) -> None:
    pytest.importorskip("plotly")
    out = tmp_path / "sub" / "report.html"
    assert etl_main(monkeypatch, "report", "--db", seeded_sqlite, "--out", str(out)) == 0
    assert capsys.readouterr().out.startswith(f"wrote {out}: articles 1, statements ")
    page = out.read_text(encoding="utf-8")
    assert KANUNU in page and "Entity co-occurrence" in page
