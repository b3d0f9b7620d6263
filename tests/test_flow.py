"""The Prefect flow in-process: incremental runs, deleted sources, run rows and artifacts."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import text

from etl import load
from tests.conftest import SEEDS

SEED_TEXT = (SEEDS / "000_4e1d2c4237baeed0.txt").read_text(encoding="utf-8")
OTHER = "وزير الخارجية يلتقي نظيره\n\nقال وزير الخارجية المصري سامح شكري إن المحادثات مع روسيا كانت مثمرة.\n"


def test_incremental_runs_report_new_changed_unchanged_and_deleted(tmp_path: Path) -> None:
    from flows.ingest import ingest

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(SEED_TEXT, encoding="utf-8")
    (src / "b.txt").write_text(OTHER, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'etl.db'}"

    first = ingest([str(src)], database_url=url)
    assert first["counts"]["articles_new"] == 2 and first["deleted"] == []
    assert first["flow_run_id"]

    (src / "b.txt").write_text(OTHER + "\nوأضاف أن الزيارة ستتكرر.\n", encoding="utf-8")
    (src / "a.txt").unlink()
    second = ingest([str(src)], database_url=url)
    c = second["counts"]
    assert (c["articles_new"], c["articles_replaced"], c["articles_unchanged"]) == (0, 1, 0)
    assert second["deleted"] == [str(src / "a.txt")]
    assert load.table_counts(url)["articles"] == 2  # reported, not dropped

    with load.get_engine(url).connect() as conn:
        runs = conn.execute(text("SELECT status, flow_run_id, counts, parameters FROM runs ORDER BY id")).all()
    assert [r[0] for r in runs] == ["completed", "completed"]
    assert runs[1][1] == second["flow_run_id"]
    counts = runs[1][2] if isinstance(runs[1][2], dict) else json.loads(runs[1][2])
    assert counts["articles_replaced"] == 1 and counts["deleted"] == 1


def test_flow_publishes_a_markdown_summary_artifact(tmp_path: Path) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    from flows.ingest import ingest

    url = f"sqlite:///{tmp_path / 'etl.db'}"
    summary = ingest([str(SEEDS)], database_url=url)
    with get_client(sync_client=True) as client:
        arts = client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["etl-run-summary"])))
    mine = [a for a in arts if str(a.flow_run_id) == summary["flow_run_id"]]
    assert mine and "| files | new |" in str(mine[0].data)
    assert summary["top_entities"] and summary["top_speakers"]
