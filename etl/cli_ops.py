"""Operations commands (query, serve, browse, report), registered on the main ``etl`` app."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

import typer

from etl.config import get_settings, mask_url
from etl.errors import ConfigError

DbOption = Annotated[str | None, typer.Option("--db", help="database URL (default: $ETL_DATABASE_URL, "
                                              "else sqlite:///etl.db)", show_default=False)]
QueriesOption = Annotated[Path | None, typer.Option("--queries", help="folder of .sql query files "
                                                    "(default: ./queries)", show_default=False)]


def _url(db: str | None) -> str:
    return db or get_settings().database_url


def query(
    sql: Annotated[str | None, typer.Argument(help="one read-only SQL statement", show_default=False)] = None,
    db: DbOption = None,
    file: Annotated[str | None, typer.Option("--file", "-f", help="a query file (queries/x.sql) or its name",
                                             show_default=False)] = None,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE for a :NAME in the query "
                                                    "(repeatable)", show_default=False)] = None,
    limit: Annotated[int, typer.Option(min=0, help="rows to show; 0 for all")] = 100,
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json")] = "table",
    list_queries: Annotated[bool, typer.Option("--list", help="list the query files and their parameters")] = False,
    queries: QueriesOption = None,
) -> None:
    """Run read-only SQL (or a query file) and print the rows; writes are refused by the database."""
    from etl import ops

    url = _url(db)
    dialect = ops.dialect_of(url)
    if list_queries:
        for q in ops.list_queries(queries, dialect):
            shown = q.path.relative_to(Path.cwd()) if q.path.is_relative_to(Path.cwd()) else q.path
            typer.echo(f"{shown}\n  {q.title}: {q.description}")
            for p in q.params:
                typer.echo(f"  --param {p.name}=...  {p.description}")
        return
    if fmt not in ops.QUERY_FORMATS:
        raise ConfigError(f"--format must be one of {', '.join(ops.QUERY_FORMATS)}, not {fmt!r}")
    given = ops.parse_param_options(param or [])
    if (sql is None) == (file is None):
        raise ConfigError("give either SQL or --file", hint='e.g. etl query "SELECT * FROM v_statements"')
    if file is not None:
        qf = ops.find_query(file, dialect, queries)
        statement, params = qf.sql, ops.bind_params(qf, given)
    else:
        statement, params = str(sql), dict(given)
    result = ops.run_query(url, statement, params, limit=limit or None)
    if fmt == "csv":
        typer.echo(ops.rows_csv(result.columns, result.rows), nl=False)
    elif fmt == "json":
        typer.echo(ops.rows_json(result.columns, result.rows))
    else:
        from rich.console import Console

        Console(soft_wrap=False).print(ops.rows_table(result.columns, result.rows))
    note = f"{len(result.rows)} row{'s' if len(result.rows) != 1 else ''}"
    if result.truncated:
        note += f" (first {limit}; --limit 0 shows all)"
    typer.echo(note, err=True)


def serve(
    cron: Annotated[str, typer.Option(help='when to run, as a cron expression, e.g. "*/15 * * * *"',
                                      show_default=False)],
    paths: Annotated[list[Path] | None, typer.Argument(help="files and folders (default: seeds/)")] = None,
    db: Annotated[str | None, typer.Option("--db", help="database URL (default: each run reads "
                                           "$ETL_DATABASE_URL, else sqlite:///etl.db)", show_default=False)] = None,
    name: Annotated[str, typer.Option(help="deployment name")] = "etl-ingest-scheduled",
    timezone: Annotated[str, typer.Option(help="time zone of the cron expression")] = "UTC",
) -> None:
    """Serve the ingest flow as a Prefect deployment on a cron schedule (needs a Prefect server)."""
    from flows.deployments import ingest_deployment, serve_ingest

    targets = [str(p) for p in (paths or get_settings().default_paths)]
    if db and mask_url(db) != db:
        typer.echo("warning: the password in --db is stored in the deployment's parameters on the Prefect "
                   "server; prefer ETL_DATABASE_URL in this process's environment", err=True)
    deployment = ingest_deployment(targets, cron=cron, database_url=db, name=name, timezone=timezone)
    serve_ingest(deployment)


def browse(
    db: DbOption = None,
    port: Annotated[int, typer.Option(min=0, max=65535, help="port (0: any free port)")] = 8001,
    host: Annotated[str, typer.Option(help="interface to listen on")] = "127.0.0.1",
    open_browser: Annotated[bool, typer.Option("--open", help="open a web browser")] = False,
    queries: QueriesOption = None,
    metadata_out: Annotated[Path | None, typer.Option("--metadata-out", help="write the Datasette metadata "
                                                      "to this file and exit", show_default=False)] = None,
) -> None:
    """Open a SQLite database in Datasette, with descriptions and the queries/ as canned queries."""
    import json

    from etl import ops

    url = _url(db)
    db_file = ops.sqlite_path(url)
    metadata = ops.datasette_metadata(db_file.stem, ops.list_queries(queries, "sqlite"))
    text = json.dumps(metadata, ensure_ascii=False, indent=2)
    if metadata_out is not None:
        metadata_out.write_text(text + "\n", encoding="utf-8")
        typer.echo(f"wrote {metadata_out}")
        return
    if not db_file.is_file():
        raise ConfigError(f"no SQLite database at {db_file}", hint="create it with `etl run`")
    ops.require_extra("datasette", "browse", "etl browse")
    from datasette.cli import cli as datasette_cli

    with tempfile.TemporaryDirectory(prefix="etl-browse-") as tmp:
        meta_file = Path(tmp) / "metadata.json"
        meta_file.write_text(text, encoding="utf-8")
        args = ops.datasette_args(db_file, meta_file, host=host, port=port, open_browser=open_browser)
        typer.echo(f"Datasette on http://{host}:{port}/{db_file.stem} (Ctrl-C stops it)", err=True)
        datasette_cli.main(args=args, prog_name="etl browse", standalone_mode=False)


def report(
    db: DbOption = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="the HTML file to write")] = Path("report.html"),
) -> None:
    """Write a self-contained HTML report: top speakers, countries over time, entity co-occurrence."""
    from etl import ops

    ops.require_extra("plotly", "report", "etl report")
    data = ops.write_report(_url(db), out)
    t = data.totals
    typer.echo(f"wrote {out}: articles {t['articles']}, statements {t['statements']}; charts of "
               f"{len(data.speakers)} speakers, {len(data.country_series)} countries over "
               f"{len(data.periods)} {data.period}s, "
               f"{len(data.entities)} co-occurring entities")


def register(app: typer.Typer) -> None:
    """Add the operations commands to ``app``."""
    app.command()(query)
    app.command()(serve)
    app.command()(browse)
    app.command()(report)


__all__ = ["register"]
