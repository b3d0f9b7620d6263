"""Scheduled ingestion: the ingest flow as a Prefect deployment with a cron schedule.

``etl serve`` builds the deployment here and serves it from its own process; ``prefect.yaml`` in the
repository describes the same deployment for a Prefect server with a process work pool and workers.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from etl.config import mask_url
from etl.errors import ConfigError
from flows.ingest import ingest

DEFAULT_DEPLOYMENT_NAME = "etl-ingest-scheduled"


def absolute_database_url(url: str) -> str:
    """A SQLite URL with an absolute path: the served flow must not depend on the current folder."""
    if "://" not in url:
        return f"sqlite:///{Path(url).resolve()}"
    scheme, rest = url.split("://", 1)
    if scheme.split("+", 1)[0] != "sqlite" or rest.startswith("//") or rest in ("", "/", "/:memory:"):
        return url
    path, sep, query = rest.removeprefix("/").partition("?")
    return f"{scheme}:///{Path(path).resolve()}{sep}{query}"


def validate_cron(cron: str) -> str:
    from prefect.client.schemas.schedules import CronSchedule

    try:
        CronSchedule(cron=cron)
    except ValueError as exc:
        errors = getattr(exc, "errors", None)
        reason = errors()[0]["msg"] if callable(errors) else str(exc).splitlines()[0]
        raise ConfigError(f"invalid cron expression {cron!r}: {reason}",
                          hint='five fields: minute hour day month weekday, e.g. "*/15 * * * *"') from None
    return cron


def ingest_deployment(paths: Sequence[str | Path], *, cron: str, database_url: str | None = None,
                      name: str = DEFAULT_DEPLOYMENT_NAME, timezone: str = "UTC") -> Any:
    """The ingest flow as a ``RunnerDeployment`` run on ``cron``, one run at a time.

    Paths and a SQLite file are made absolute. Without ``database_url`` each run reads
    ``ETL_DATABASE_URL`` from the serving process, which keeps a password out of Prefect's database.
    """
    from prefect.client.schemas.schedules import CronSchedule
    from prefect.deployments.runner import EntrypointType

    if not paths:
        raise ConfigError("etl serve needs at least one PATH to watch")
    validate_cron(cron)
    parameters: dict[str, Any] = {"paths": [str(Path(p).resolve()) for p in paths]}
    if database_url:
        parameters["database_url"] = absolute_database_url(database_url)
    target = mask_url(parameters.get("database_url", "$ETL_DATABASE_URL"))
    return ingest.to_deployment(
        name=name,
        schedules=[CronSchedule(cron=cron, timezone=timezone)],
        parameters=parameters,
        concurrency_limit=1,  # a slow run must not overlap the next one (SQLite has one writer)
        description=f"Ingest {', '.join(parameters['paths'])} into {target} on cron {cron!r} ({timezone}).",
        tags=["etl", "scheduled"],
        entrypoint_type=EntrypointType.MODULE_PATH,  # importable from any working directory
    )


def prefect_api_url() -> str | None:
    """The Prefect server this process talks to (environment or active profile), if any."""
    from prefect.settings import PREFECT_API_URL

    return os.environ.get("PREFECT_API_URL") or PREFECT_API_URL.value() or None


def serve_ingest(deployment: Any) -> None:
    """Serve ``deployment`` until interrupted: this process polls the server and runs due flow runs."""
    if not prefect_api_url():
        raise ConfigError("etl serve needs a running Prefect server: the temporary one `etl run` uses "
                          "has no scheduler",
                          hint="start one with `prefect server start`, then "
                               "`export PREFECT_API_URL=http://127.0.0.1:4200/api`")
    from prefect import serve

    serve(deployment, print_starting_message=True)
