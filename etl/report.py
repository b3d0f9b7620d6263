"""Run summaries: the numbers the CLI prints and the flow publishes as Prefect artifacts."""

from __future__ import annotations

from typing import Any

from etl import load
from etl.config import mask_url
from etl.pipeline import RunStats


def run_summary(url: str, run_id: int, stats: RunStats, *, flow_run_id: str | None = None) -> dict[str, Any]:
    """A JSON-able summary of one run (counts, failures, time per stage, top entities/speakers)."""
    return {
        "run_id": run_id,
        "flow_run_id": flow_run_id,
        "database": mask_url(url),
        "counts": stats.as_counts(),
        "failures": [{"source": f.source_uri, "stage": f.stage, "reason": f.reason} for f in stats.failures],
        "timings": {k: round(v, 3) for k, v in stats.timings.items()},
        "deleted": stats.deleted,
        "top_entities": load.run_top_entities(url, run_id),
        "top_speakers": load.run_top_speakers(url, run_id),
    }


def summary_markdown(summary: dict[str, Any], max_failures: int = 50) -> str:
    c = summary["counts"]
    lines = [
        f"# ETL run {summary['run_id']}",
        "",
        f"Database: `{summary['database']}`",
        "",
        "| files | new | unchanged | replaced | failed | mentions | statements |",
        "|---:|---:|---:|---:|---:|---:|---:|",
        f"| {c['files']} | {c['articles_new']} | {c['articles_unchanged']} | {c['articles_replaced']} "
        f"| {c['articles_failed']} | {c['mentions']} | {c['statements']} |",
        "",
        "## Time per stage (seconds, summed over workers)",
        "",
        "| stage | seconds |",
        "|---|---:|",
    ]
    lines += [f"| {k} | {v:.2f} |" for k, v in summary["timings"].items()]
    deleted = summary.get("deleted") or []
    if deleted:
        lines += ["", f"## Sources no longer found ({len(deleted)}; their rows are kept)", ""]
        lines += [f"- `{uri}`" for uri in deleted[:max_failures]]
    failures = summary["failures"]
    if failures:
        lines += ["", f"## Failures ({len(failures)})", "", "| source | stage | reason |", "|---|---|---|"]
        for f in failures[:max_failures]:
            lines.append(f"| `{f['source']}` | {f['stage']} | {f['reason'].replace('|', '/')} |")
        if len(failures) > max_failures:
            lines.append(f"| … | | {len(failures) - max_failures} more in the `ingest_errors` table |")
    return "\n".join(lines) + "\n"
