"""The ``etl`` command line. Presents results; all work is done by ``etl.*`` and ``flows.*``."""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from etl.config import get_settings, mask_secrets, mask_url
from etl.errors import EtlError

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Arabic news ETL: who said what, about whom.")
db_app = typer.Typer(no_args_is_help=True, help="Database schema (Alembic migrations).")
app.add_typer(db_app, name="db")

DbOption = Annotated[str | None, typer.Option("--db", help="database URL (default: $ETL_DATABASE_URL, "
                                              "else sqlite:///etl.db)", show_default=False)]

def _url(db: str | None) -> str:
    return db or get_settings().database_url


def _err(message: str) -> None:
    typer.echo(f"error: {mask_secrets(message)}", err=True)


@app.command()
def run(
    paths: Annotated[list[Path] | None, typer.Argument(help="files and folders (default: seeds/)")] = None,
    db: DbOption = None,
    workers: Annotated[int | None, typer.Option(min=1, help="parallel extraction processes "
                                                "(default: $ETL_WORKERS, else 1)", show_default=False)] = None,
    batch_size: Annotated[int | None, typer.Option(min=1, help="articles per task")] = None,
    dask_address: Annotated[str | None, typer.Option(help="run tasks on this Dask scheduler")] = None,
    force: Annotated[bool, typer.Option(help="re-extract articles even when unchanged")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="print the summary as JSON")] = False,
) -> None:
    """Process PATHS into the database through the Prefect flow and print a summary."""
    from etl import load

    url = _url(db)
    workers = workers or get_settings().workers
    targets = [str(p) for p in (paths or get_settings().default_paths)]
    load.upgrade(url)  # fail fast, before Prefect starts, on a bad or unreachable database
    from pydantic import SecretStr

    from flows.ingest import configured

    # Prefect logs a failed flow's exception with its traceback; ours get their one line from main()
    logging.getLogger("prefect.flow_runs").addFilter(_not_an_etl_error)
    summary = configured(workers, dask_address)(targets, database_url=SecretStr(url), batch_size=batch_size,
                                                 workers=max(workers, 2 if dask_address else 1), force=force)
    if as_json:
        typer.echo(json.dumps(summary, ensure_ascii=False, indent=2, default=str))
    else:
        _print_summary(summary)
    if summary["failures"]:
        raise typer.Exit(1)


def _not_an_etl_error(record: logging.LogRecord) -> bool:
    return not (record.exc_info and isinstance(record.exc_info[1], EtlError))


def _print_summary(summary: dict[str, Any]) -> None:
    c = summary["counts"]
    for f in summary["failures"]:
        typer.echo(f"error: {f['source']}: {f['reason']}", err=True)
    for uri in summary.get("deleted", []):
        typer.echo(f"warning: {uri}: source no longer found; its rows are kept", err=True)
    typer.echo(f"run {summary['run_id']} into {summary['database']}")
    typer.echo(f"files read:  {c['files']}")
    typer.echo(f"articles:    {c['articles_new']} new, {c['articles_unchanged']} unchanged, "
               f"{c['articles_replaced']} replaced, {c['articles_failed']} failed")
    typer.echo(f"mentions:    {c['mentions']}")
    typer.echo(f"statements:  {c['statements']}")
    if c.get("deleted"):
        typer.echo(f"deleted:     {c['deleted']} sources no longer found (rows kept)")
    t = summary["timings"]
    stages = ", ".join(f"{k} {t[k]:.2f}s" for k in ("read", "normalize", "extract", "load") if k in t)
    typer.echo(f"time:        {t.get('total', 0):.1f}s ({stages})")


@db_app.command("upgrade")
def db_upgrade(db: DbOption = None, revision: Annotated[str, typer.Argument()] = "head") -> None:
    """Upgrade the schema (default: to the latest revision)."""
    from etl import load

    url = _url(db)
    load.upgrade(url, revision)
    typer.echo(f"{mask_url(url)}: at revision {load.current_revision(url)}")


@db_app.command("downgrade")
def db_downgrade(db: DbOption = None, revision: Annotated[str, typer.Argument()] = "-1") -> None:
    """Downgrade the schema (default: one revision; `base` removes everything)."""
    from etl import load

    url = _url(db)
    load.downgrade(url, revision)
    typer.echo(f"{mask_url(url)}: at revision {load.current_revision(url) or 'base (empty)'}")


@db_app.command("current")
def db_current(db: DbOption = None) -> None:
    """Show the schema revision of the database and of this code."""
    from etl import load

    url = _url(db)
    typer.echo(f"{mask_url(url)}: revision {load.current_revision(url) or 'none'} (code head {load.head_revision()})")


def _mount_subcommands() -> None:
    from etl.cli_ops import register
    from etl.ner_cli import ner_app

    app.add_typer(ner_app, name="ner", help="Train and evaluate the NER tagger.")
    register(app)


_mount_subcommands()


def main() -> None:
    """Console entry point: one-line errors, no tracebacks for user errors."""
    logging.basicConfig(level=os.environ.get("ETL_LOG_LEVEL", "WARNING").upper(),
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        rc = app(standalone_mode=False)  # returns the code of typer.Exit instead of raising it
    except EtlError as err:
        _err(str(err))
        sys.exit(2)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        _err("aborted")
        sys.exit(130)
    except KeyboardInterrupt:
        _err("interrupted; articles committed so far are kept, re-run to continue")
        sys.exit(130)
    except Exception as exc:  # click usage errors and friends
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        raise
    sys.exit(rc if isinstance(rc, int) else 0)


if __name__ == "__main__":
    main()


__all__ = ["app", "main"]
