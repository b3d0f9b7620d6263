"""Parallel paths give the same database as one process: a process pool and a local Dask cluster."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from etl import load, pipeline
from tests.conftest import SEEDS

ARTICLES = [
    "قال وزير الخارجية الروسي سيرغي لافروف إن موسكو مستعدة للحوار مع واشنطن.",
    "أكد الرئيس المصري عبد الفتاح السيسي أن مصر تدعم الحل السياسي في ليبيا.",
    "وقالت وزارة الخارجية الأمريكية في بيان إن الولايات المتحدة تراقب الوضع في سوريا عن كثب.",
    "ذكرت وكالة رويترز أن الأمم المتحدة دعت إلى وقف إطلاق النار في اليمن.",
    "وأضاف المتحدث باسم الحكومة العراقية أن بغداد لن تسمح بأي تدخل تركي.",
]


def corpus(tmp_path: Path) -> Path:
    src = tmp_path / "corpus"
    src.mkdir()
    seed = (SEEDS / "000_4e1d2c4237baeed0.txt").read_text(encoding="utf-8")
    for i in range(12):
        body = "\n\n".join(ARTICLES[j % len(ARTICLES)] for j in range(i, i + 3))
        (src / f"{i:02d}.txt").write_text(f"خبر رقم {i}\n\n{body}\n", encoding="utf-8")
    (src / "seed.txt").write_text(seed, encoding="utf-8")
    return src


def snapshot(url: str) -> dict[str, list[tuple]]:
    """Table contents without surrogate ids, so that runs in any order compare equal."""
    queries = {
        "articles": "SELECT source_uri, content_hash, language FROM articles",
        "mentions": "SELECT source_uri, entity_kind, canonical_name, surface, start_char, end_char, country_code "
                    "FROM v_mentions",
        "statements": "SELECT source_uri, speaker_kind, speaker_name, cue, content, is_direct, start_char "
                      "FROM v_statements",
        "entities": "SELECT kind, canonical_name, norm_key, country_code FROM entities",
        "aliases": "SELECT e.kind, e.norm_key, a.norm_key FROM entity_aliases a JOIN entities e ON e.id = a.entity_id",
        "targets": "SELECT s.source_uri, s.start_char, e.norm_key FROM statement_targets t "
                   "JOIN v_statements s ON s.statement_id = t.statement_id JOIN entities e ON e.id = t.entity_id",
    }
    with load.get_engine(url).connect() as conn:
        return {k: sorted(tuple(bool(v) if isinstance(v, bool) else v for v in r) for r in conn.execute(text(q)))
                for k, q in queries.items()}


def test_process_pool_equals_single_process(tmp_path: Path, pg_url: str) -> None:
    src = corpus(tmp_path)
    single = f"sqlite:///{tmp_path / 'single.db'}"
    load.upgrade(single)
    pipeline.run_direct([str(src)], single, batch_size=4)
    load.upgrade(pg_url)
    stats = pipeline.run_direct([str(src)], pg_url, batch_size=4, workers=2)
    assert stats.articles["new"] == 13 and not stats.failures
    assert snapshot(pg_url) == snapshot(single)


def test_dask_cluster_flow_equals_single_process(tmp_path: Path, pg_url: str) -> None:
    distributed = pytest.importorskip("distributed")
    pytest.importorskip("prefect_dask")
    from flows.ingest import configured

    src = corpus(tmp_path)
    single = f"sqlite:///{tmp_path / 'single.db'}"
    load.upgrade(single)
    pipeline.run_direct([str(src)], single, batch_size=4)

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        flow = configured(workers=2, dask_address=cluster.scheduler_address)
        summary = flow([str(src)], database_url=pg_url, batch_size=4, workers=2)
    assert summary["counts"]["articles_new"] == 13 and not summary["failures"]
    assert snapshot(pg_url) == snapshot(single)
