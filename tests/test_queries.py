"""The example queries in queries/: documented, portable, and giving sensible answers on both databases.

The corpus is the seed article plus a few short dated wire stories written for this test, so that the
per-outlet and per-week queries have something to group.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from etl import load, ops, pipeline
from tests.conftest import ROOT, SEEDS, drop_pg_database, make_pg_database

QUERIES = ROOT / "queries"
QUERY_NAMES = sorted({p.name.split(".", 1)[0] for p in QUERIES.glob("*.sql")})
KANUNU = "محمد حسن قنونو"
HAFTAR = "خليفة حفتر"

# Short dated stories from two outlets, in two different weeks (Mondays 2024-03-04 and 2024-03-11).
WIRES = [
    {"id": "w1", "source": "wire-a", "published": "2024-03-05T12:00:00+00:00",
     "title": "ليبيا ومصر تبحثان الأزمة",
     "text": "قال وزير الخارجية المصري سامح شكري إن مصر تدعم الحل السياسي في ليبيا. "
             "وأضاف شكري أن الأمم المتحدة مطالبة بدور أكبر في ليبيا."},
    {"id": "w2", "source": "wire-a", "published": "2024-03-07T12:00:00+00:00",
     "title": "اجتماع في تونس",
     "text": "أكد المبعوث الأممي عبد الله باتيلي أن الانتخابات في ليبيا ممكنة هذا العام. "
             "وحضر الاجتماع ممثلون عن تونس والجزائر."},
    {"id": "w3", "source": "wire-b", "published": "2024-03-12T12:00:00+00:00",
     "title": "فرنسا تدعو إلى الحوار",
     "text": "دعت فرنسا إلى الحوار بين الأطراف الليبية، وقال وزير الخارجية الفرنسي إن الحل في ليبيا "
             "لن يكون عسكريا."},
]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def corpus_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("corpus")
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, folder)
    (folder / "wires.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in WIRES) + "\n",
                                        encoding="utf-8")
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'etl.db'}"
    else:
        url = make_pg_database()
    load.upgrade(url)
    stats = pipeline.run_direct([folder], url)
    assert not stats.failures, stats.failures
    yield url
    if request.param == "postgresql":
        drop_pg_database(url)


def run(url: str, name: str, **params: str) -> list[dict[str, object]]:
    q = ops.find_query(name, ops.dialect_of(url), QUERIES)
    result = ops.run_query(url, q.sql, ops.bind_params(q, params))
    return [dict(zip(result.columns, row, strict=True)) for row in result.rows]


# --------------------------------------------------------------------------- the files themselves


@pytest.mark.parametrize("path", sorted(QUERIES.glob("*.sql")), ids=lambda p: p.name)
def test_query_file_is_documented(path: Path) -> None:
    q = ops.parse_query_file(path)
    assert q.title and len(q.description) > 40
    assert set(q.param_names) == ops.sql_params(q.sql), "every :param is declared in the header and used"
    assert all(len(p.description) > 10 for p in q.params)
    assert "::" not in q.sql, "use CAST(), portable to SQLite"
    if q.dialect:
        for dialect in ops.DIALECTS:
            twin = path.with_name(f"{q.name}.{dialect}.sql")
            assert twin.is_file(), f"{path.name} needs its {dialect} twin"
            assert ops.parse_query_file(twin).param_names == q.param_names


def test_a_portable_path_resolves_to_the_dialect_variant() -> None:
    spec = str(QUERIES / "entity_timeline_by_week.sql")
    assert ops.find_query(spec, "sqlite").path.name == "entity_timeline_by_week.sqlite.sql"
    assert ops.find_query(spec, "postgresql").path.name == "entity_timeline_by_week.postgresql.sql"
    assert ops.find_query("statements_by_person", "postgresql", QUERIES).path.name == "statements_by_person.sql"
    names = [q.name for q in ops.list_queries(QUERIES, "postgresql")]
    assert names == QUERY_NAMES


# --------------------------------------------------------------------------- answers on both databases


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_every_query_answers_with_its_defaults(corpus_db: str, name: str) -> None:
    rows = run(corpus_db, name)
    assert rows, f"{name} returned nothing on {ops.dialect_of(corpus_db)}"


def test_statements_by_person(corpus_db: str) -> None:
    rows = run(corpus_db, "statements_by_person", person=KANUNU)
    assert len(rows) >= 5
    assert {r["speaker_name"] for r in rows} == {KANUNU}
    assert run(corpus_db, "statements_by_person") == rows, "the default is the most-quoted person"
    by_alias = run(corpus_db, "statements_by_person", person="قنونو")
    assert by_alias == rows, "a surname the pipeline has seen as an alias finds the person"
    assert run(corpus_db, "statements_by_person", person="لا أحد") == []


def test_what_kanunu_said_about_haftar(corpus_db: str) -> None:
    rows = run(corpus_db, "said_about", speaker=KANUNU, target=HAFTAR)
    assert len(rows) >= 3
    assert {r["about"] for r in rows} == {HAFTAR}
    assert all("حفتر" in str(r["content"]) for r in rows)
    assert run(corpus_db, "said_about", speaker="قنونو", target="حفتر") == rows
    assert run(corpus_db, "said_about") == rows, "default: the most-quoted person on their most frequent topic"


def test_most_quoted_speakers_per_outlet(corpus_db: str) -> None:
    rows = run(corpus_db, "most_quoted_per_outlet")
    by_outlet: dict[str, list[dict[str, object]]] = {}
    for r in rows:
        by_outlet.setdefault(str(r["outlet"]), []).append(r)
    assert by_outlet["(unknown)"][0]["speaker_name"] == KANUNU
    assert all(len(v) <= 5 for v in by_outlet.values())
    assert all([r["rank"] for r in v] == list(range(1, len(v) + 1)) for v in by_outlet.values())
    top1 = run(corpus_db, "most_quoted_per_outlet", top="1")
    assert [r["rank"] for r in top1] == [1] * len(by_outlet)


def test_countries_with_an_organization(corpus_db: str) -> None:
    rows = run(corpus_db, "countries_with_organization", organization="الأمم المتحدة")
    codes = [r["country_code"] for r in rows]
    assert codes[0] == "LY", "Libya shares the most articles with the UN in this corpus"
    assert {"LY", "US", "EG"} <= set(codes)
    assert all(int(str(r["articles"])) >= 1 for r in rows)


def test_entity_timeline_by_week_is_the_same_on_both(corpus_db: str) -> None:
    rows = run(corpus_db, "entity_timeline_by_week", entity="ليبيا")
    weeks = {str(r["week_start"]): int(str(r["articles"])) for r in rows}
    assert weeks == {"2024-03-04": 2, "2024-03-11": 1}, "undated seed article left out; weeks start Monday"
    assert all(date.fromisoformat(w).weekday() == 0 for w in weeks)


def test_top_entities_by_kind(corpus_db: str) -> None:
    rows = run(corpus_db, "top_entities", kind="country")
    assert rows[0]["canonical_name"] == "ليبيا"
    assert {r["entity_kind"] for r in rows} == {"country"}


def test_report_data_from_both_databases(corpus_db: str) -> None:
    data = ops.report_data(corpus_db)
    assert data.speakers[0]["speaker_name"] == KANUNU
    assert (data.period, data.periods) == ("week", ["2024-03-04", "2024-03-11"])
    assert data.country_series["ليبيا (LY)"] == [2, 1]
    i, j = data.entities.index("ليبيا"), data.entities.index("الأمم المتحدة")
    assert data.cooccurrence[i][j] == data.cooccurrence[j][i] == 2, "the seed article and the first wire"
    assert data.cooccurrence[i][i] is None
    assert data.totals["articles"] == 1 + len(WIRES) and data.totals["undated"] == 1
