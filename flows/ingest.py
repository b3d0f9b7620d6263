"""The ingest flow: read sources in batches, extract in tasks, load one transaction per article."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any, TypeVar, cast

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.context import get_run_context
from prefect.utilities.annotations import quote
from pydantic import SecretStr

from etl import load, pipeline, report
from etl.config import get_settings, mask_url
from etl.errors import EtlError
from etl.records import Extraction, SourceArticle, SourceFailure

T = TypeVar("T")


def _transient_failure(task: Any, task_run: Any, state: Any) -> bool:
    """Retry a batch only when the database error may go away (a dropped connection, a deadlock)."""
    try:
        state.result()
    except EtlError as err:
        return err.transient
    except Exception:  # anything unexpected: worth one more try
        return True
    return False


@task(name="extract-and-load", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[2, 10],
      retry_condition_fn=_transient_failure)
def process_batch_task(url: str, articles: list[SourceArticle], run_id: int, version: str) -> pipeline.RunStats:
    return pipeline.process_in_pool(url, articles, run_id=run_id, version=version)


@task(name="extract", cache_policy=NO_CACHE)
def extract_batch_task(articles: list[SourceArticle]) -> list[Extraction | SourceFailure]:
    return pipeline.extract_in_pool(articles)


@task(name="load", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[2, 10],
      retry_condition_fn=_transient_failure)
def load_batch_task(url: str, results: list[Extraction | SourceFailure], run_id: int,
                    version: str) -> pipeline.RunStats:
    return pipeline.load_results(url, results, run_id=run_id, version=version)


@flow(name="etl-ingest", log_prints=False, validate_parameters=False)
def ingest(paths: Sequence[str], database_url: SecretStr | str | None = None, batch_size: int | None = None,
           workers: int = 1, force: bool = False) -> dict[str, Any]:
    """Process every source file under ``paths`` into ``database_url``.

    With one worker, batches run one after another in this process. With several, extraction runs in
    the flow's task runner (processes or a Dask cluster); on SQLite the flow process stays the only
    writer, on PostgreSQL the workers load their own batches.
    """
    settings = get_settings()
    # a SecretStr parameter is stored and shown by Prefect as "**********": the URL may hold a password
    secret = database_url.get_secret_value() if isinstance(database_url, SecretStr) else database_url
    url = secret or settings.database_url
    size = batch_size or settings.batch_size
    version = pipeline.pipeline_version()
    started = time.perf_counter()
    load.upgrade(url)
    flow_run_id = _flow_run_id()
    params = {"paths": [str(p) for p in paths], "database": mask_url(url), "batch_size": size,
              "workers": workers, "force": force}
    run_id = load.start_run(url, pipeline_version=version, parameters=params, flow_run_id=flow_run_id)
    total = pipeline.RunStats()
    status = "failed"
    seen: set[str] = set()
    try:
        batches = pipeline.iter_batches(paths, url, batch_size=size, version=version,
                                        max_chars=settings.max_article_chars,
                                        max_bytes=settings.max_file_bytes, force=force, seen=seen)
        if workers <= 1:
            pipeline.drive(batches, total, limit=1, finish=lambda stats: stats,
                           submit=lambda arts: process_batch_task(url, _opaque(arts), run_id, version))
        else:
            # tasks run in threads (or on Dask workers); the CPU work goes to a pool of processes
            with pipeline.worker_pool(1 if _on_dask() else workers):
                _run_parallel(batches, total, url=url, run_id=run_id, version=version, workers=workers)
        total.deleted = pipeline.deleted_sources(url, paths, seen)
        status = "partial" if total.failures else "completed"
    finally:
        total.timings["total"] = time.perf_counter() - started
        load.record_failures(url, run_id, total.failures)
        load.finish_run(url, run_id, status=status, counts=total.as_counts(),
                        timings={k: round(v, 3) for k, v in total.timings.items()})
    summary = report.run_summary(url, run_id, total, flow_run_id=flow_run_id)
    _publish(summary)
    return summary


def _opaque(value: T) -> T:
    """Hand ``value`` to a task without Prefect walking through it (see ``_run_parallel``)."""
    return cast(T, quote(value))


def _run_parallel(batches: Any, total: pipeline.RunStats, *, url: str, run_id: int, version: str,
                  workers: int) -> None:
    """Batches as concurrent tasks; on SQLite the flow process stays the only writer.

    Batches are passed ``quote``d: Prefect would otherwise walk every article and mention looking for
    futures to resolve, which costs more than the task itself.
    """
    # Dask serializes parameters itself and reads tuples (which quote is) as task specs
    wrap: Any = (lambda value: value) if _on_dask() else _opaque
    if load.is_sqlite(load.get_engine(url)):
        pipeline.drive(batches, total, limit=2 * workers,
                       submit=lambda arts: extract_batch_task.submit(wrap(arts)),
                       finish=lambda fut: load_batch_task(url, _opaque(fut.result()), run_id, version))
    else:
        pipeline.drive(batches, total, limit=2 * workers,
                       submit=lambda arts: process_batch_task.submit(url, wrap(arts), run_id, version),
                       finish=lambda fut: fut.result())


def _on_dask() -> bool:
    try:
        runner = get_run_context().task_runner  # type: ignore[union-attr]
    except Exception:  # outside a flow run
        return False
    return type(runner).__name__ == "DaskTaskRunner"


def _flow_run_id() -> str | None:
    try:
        ctx = get_run_context()
    except Exception:
        return None
    run = getattr(ctx, "flow_run", None)
    return str(run.id) if run is not None else None


def _publish(summary: dict[str, Any]) -> None:
    create_markdown_artifact(markdown=report.summary_markdown(summary), key="etl-run-summary",
                             description="Counts, failures and time per stage of this run")
    for key, rows in (("top-entities", summary.get("top_entities")), ("top-speakers", summary.get("top_speakers"))):
        if rows:
            create_table_artifact(table=rows, key=key, description=f"{key.replace('-', ' ')} of this run")



def configured(workers: int = 1, dask_address: str | None = None) -> Any:
    """The flow with a task runner for ``workers`` processes or an existing Dask cluster."""
    if dask_address:
        from prefect_dask import DaskTaskRunner

        return ingest.with_options(task_runner=DaskTaskRunner(address=dask_address))  # type: ignore[arg-type]
    if workers > 1:
        from prefect.task_runners import ThreadPoolTaskRunner

        # threads hand the CPU work to etl.pipeline.worker_pool's processes
        return ingest.with_options(task_runner=ThreadPoolTaskRunner(max_workers=workers))  # type: ignore[arg-type]
    return ingest
