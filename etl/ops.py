"""Operations: the example queries, read-only querying, Datasette metadata and the HTML report.

Everything here reads the database through ``etl.load.query_rows`` (a read-only transaction the
database enforces), so none of it can change data. Query files under ``queries/`` carry their own
documentation in a comment header, which feeds ``etl query --list``, parameter checking and the
Datasette canned queries alike.
"""

from __future__ import annotations

import csv
import html
import io
import json
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import lru_cache
from importlib.resources import files
from itertools import combinations
from pathlib import Path
from typing import Any

from etl import load
from etl.config import mask_url
from etl.errors import ConfigError, DatabaseError

log = logging.getLogger(__name__)

DIALECTS = ("sqlite", "postgresql")
QUERY_FORMATS = ("table", "csv", "json")

_PARAM_RE = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")
_HEADER_PARAM_RE = re.compile(r"^:([A-Za-z_]\w*)\s+(.*)$")
_WRITE_WORDS = frozenset({
    "insert", "update", "delete", "merge", "upsert", "replace", "create", "drop", "alter", "truncate",
    "grant", "revoke", "vacuum", "reindex", "analyze", "attach", "detach", "comment", "copy", "call",
    "do", "lock", "cluster", "refresh", "import",
})
_READ_ONLY_MARKERS = ("read-only", "readonly", "read only")
_CONNECTION_MARKERS = ("connection", "not answering", "authentication", "cannot open", "could not connect",
                       "database is locked", "timeout", "does not exist")


# --------------------------------------------------------------------------- query files


@dataclass(frozen=True, slots=True)
class QueryParam:
    name: str
    description: str


@dataclass(frozen=True, slots=True)
class QueryFile:
    """One documented query: ``name`` is the file stem without a dialect suffix."""

    name: str
    path: Path
    title: str
    description: str
    params: tuple[QueryParam, ...]
    sql: str  # the statement without its comment header (bind markers in comments would be bound)
    dialect: str | None = None  # set for ``name.sqlite.sql`` / ``name.postgresql.sql`` variants

    @property
    def param_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.params)


def default_queries_dir() -> Path:
    """``./queries`` when run from a checkout, else the one beside the installed package."""
    here = Path.cwd() / "queries"
    if here.is_dir():
        return here
    return Path(str(files("etl"))).resolve().parent / "queries"


def dialect_of(url: str) -> str:
    """``sqlite`` or ``postgresql`` from a database URL (a bare path is a SQLite file)."""
    if "://" not in url:
        return "sqlite"
    scheme = url.split("://", 1)[0].split("+", 1)[0].lower()
    return "postgresql" if scheme in ("postgresql", "postgres") else scheme


def parse_query_file(path: Path) -> QueryFile:
    """Read a query file and its header: title line, description, ``Parameters:`` block."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    header: list[str] = []
    i = 0
    while i < len(lines) and (lines[i].startswith("--") or not lines[i].strip()):
        if lines[i].startswith("--"):
            header.append(lines[i][2:].removeprefix(" "))
        i += 1
    body = "\n".join(lines[i:]).strip().rstrip(";").strip()
    if not header or not body:
        raise ConfigError(f"{path}: a query file needs a comment header and a statement")
    title = header[0].strip()
    description: list[str] = []
    params: list[list[str]] = []
    in_params = False
    for line in header[1:]:
        stripped = line.strip()
        if stripped.lower() == "parameters:":
            in_params = True
            continue
        if in_params and (m := _HEADER_PARAM_RE.match(stripped)):
            params.append([m[1], m[2].strip()])
        elif in_params and stripped and params:
            params[-1][1] += " " + stripped
        elif stripped:
            in_params = False
            description.append(stripped)
    name, _, suffix = path.name.removesuffix(".sql").partition(".")
    return QueryFile(
        name=name, path=path, title=title, description=" ".join(description),
        params=tuple(QueryParam(n, d) for n, d in params), sql=body,
        dialect=suffix if suffix in DIALECTS else None,
    )


def sql_params(sql: str) -> set[str]:
    """The ``:name`` bind parameters of a statement (PostgreSQL ``::`` casts are not parameters)."""
    return set(_PARAM_RE.findall(sql))


def list_queries(directory: Path | None = None, dialect: str = "sqlite") -> list[QueryFile]:
    """One query per name, the ``name.<dialect>.sql`` variant preferred over a portable ``name.sql``."""
    directory = directory or default_queries_dir()
    if not directory.is_dir():
        raise ConfigError(f"no query folder at {directory}", hint="run from the repository or pass --queries")
    chosen: dict[str, QueryFile] = {}
    for path in sorted(directory.glob("*.sql")):
        q = parse_query_file(path)
        if q.dialect not in (None, dialect):
            continue
        if q.name not in chosen or q.dialect == dialect:
            chosen[q.name] = q
    return [chosen[k] for k in sorted(chosen)]


def find_query(spec: str, dialect: str, directory: Path | None = None) -> QueryFile:
    """A query by file path (``queries/x.sql``, resolved to its dialect variant) or by name (``x``)."""
    path = Path(spec)
    if path.is_file():
        q = parse_query_file(path)
        if q.dialect not in (None, dialect):
            twin = path.with_name(f"{q.name}.{dialect}.sql")
            if not twin.is_file():
                raise ConfigError(f"{path} is written for {q.dialect}, the database is {dialect}")
            return parse_query_file(twin)
        return q
    name = path.name.removesuffix(".sql")
    for suffix in (f"{name}.{dialect}.sql", f"{name}.sql"):
        for folder in (path.parent, directory or default_queries_dir()):
            if (folder / suffix).is_file():
                return parse_query_file(folder / suffix)
    raise ConfigError(f"no query file {spec}", hint="see `etl query --list`")


def parse_param_options(items: Iterable[str]) -> dict[str, str]:
    """``["person=X", ...]`` from repeated ``--param`` options."""
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        key = key.strip().lstrip(":")
        if not sep or not re.fullmatch(r"[A-Za-z_]\w*", key):
            raise ConfigError(f"--param {item!r} is not NAME=VALUE")
        out[key] = value
    return out


def bind_params(query: QueryFile, given: Mapping[str, str]) -> dict[str, str | None]:
    """Every declared parameter bound (missing ones as NULL, which the queries read as 'default')."""
    unknown = sorted(set(given) - set(query.param_names))
    if unknown:
        known = ", ".join(query.param_names) or "none"
        raise ConfigError(f"{query.path.name} has no parameter {', '.join(unknown)} (it takes: {known})")
    return {name: given.get(name) for name in query.param_names}


# --------------------------------------------------------------------------- running queries


@dataclass(frozen=True, slots=True)
class QueryResult:
    columns: list[str]
    rows: list[tuple[Any, ...]]
    truncated: bool  # more rows existed than the limit


def run_query(url: str, sql: str, params: Mapping[str, Any] | None = None, *, limit: int | None = None) -> QueryResult:
    """Run read-only SQL; the database refuses writes, ``ConfigError`` says so in one line."""
    try:
        columns, rows = load.query_rows(url, sql, dict(params or {}), limit=limit + 1 if limit else None)
    except DatabaseError as exc:
        message = write_refusal(sql, exc.reason)
        if message:
            raise ConfigError(message, hint="") from None
        low = exc.reason.lower()
        if "multiple commands" in low or "one statement at a time" in low:
            raise ConfigError("etl query runs exactly one statement",
                              hint="remove the extra `;`-separated ones") from None
        if not any(marker in low for marker in _CONNECTION_MARKERS):
            raise ConfigError(f"query failed: {exc.reason}", hint="") from None
        raise
    truncated = bool(limit) and len(rows) > (limit or 0)
    return QueryResult(columns, rows[:limit] if limit else rows, truncated)


def first_keyword(sql: str) -> str:
    """The statement's first word, after comments: ``insert`` for ``-- x\\nINSERT INTO ...``."""
    text = re.sub(r"--[^\n]*|/\*.*?\*/", " ", sql, flags=re.S)
    m = re.search(r"[A-Za-z_]+", text)
    return m[0].lower() if m else ""


def write_refusal(sql: str, error: str) -> str | None:
    """The one-line message for a statement the read-only transaction refused, else ``None``."""
    word = first_keyword(sql)
    low = error.lower()
    if any(marker in low for marker in _READ_ONLY_MARKERS):
        what = f"{word.upper()} statements are" if word in _WRITE_WORDS else "this statement writes and is"
        return f"etl query is read-only: {what} refused (change data with `etl run` or `etl db`)"
    return None


def _cell(value: Any) -> Any:
    """A JSON/CSV-friendly value: datetimes as ISO 8601, decimals as numbers, bytes as hex."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    return value


def rows_csv(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if v is None else _cell(v) for v in row])
    return buf.getvalue()


def rows_json(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    records = [{c: _cell(v) for c, v in zip(columns, row, strict=True)} for row in rows]
    return json.dumps(records, ensure_ascii=False, indent=2, default=str)


def rows_table(columns: Sequence[str], rows: Iterable[Sequence[Any]], *, max_width: int = 80) -> Any:
    """A ``rich`` table; long cells (statement content) fold instead of stretching the screen."""
    from rich.table import Table

    table = Table(show_lines=False, header_style="bold")
    for name in columns:
        table.add_column(name, overflow="fold", max_width=max_width)
    for row in rows:
        table.add_row(*("" if v is None else str(_cell(v)) for v in row))
    return table


# --------------------------------------------------------------------------- Datasette


def sqlite_path(url: str) -> Path:
    """The file behind a SQLite URL; ``ConfigError`` for any other database."""
    if dialect_of(url) != "sqlite":
        raise ConfigError(f"etl browse works on SQLite files only, not {mask_url(url).split('://', 1)[0]}",
                          hint="browse PostgreSQL with its own tools, or query it with `etl query`")
    path = url.split("://", 1)[1].removeprefix("/") if "://" in url else url
    path = path.split("?", 1)[0]
    if not path or path == ":memory:":
        raise ConfigError("etl browse needs a SQLite file, not an in-memory database")
    return Path(path)


@lru_cache(maxsize=1)
def _base_metadata() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((files("etl") / "resources" / "datasette" / "metadata.json").read_text("utf-8"))
    return data


def datasette_metadata(database_name: str, queries: Sequence[QueryFile]) -> dict[str, Any]:
    """Datasette metadata: table and column descriptions plus one canned query per query file."""
    base = json.loads(json.dumps(_base_metadata()))  # a deep copy
    tables = base.pop("tables")
    base.pop("_comment", None)
    canned = {
        q.name: {
            "title": q.title,
            "description": q.description + "".join(f" :{p.name}: {p.description}" for p in q.params),
            "sql": q.sql,
            "params": list(q.param_names),
        }
        for q in queries
    }
    base["databases"] = {database_name: {"tables": tables, "queries": canned}}
    return base


def datasette_args(db_file: Path, metadata_file: Path, *, host: str, port: int, open_browser: bool) -> list[str]:
    """Arguments for ``datasette serve``; the file is opened read-only by Datasette itself."""
    args = ["serve", str(db_file), "--metadata", str(metadata_file), "--host", host, "--port", str(port),
            "--setting", "sql_time_limit_ms", "5000"]
    if open_browser:
        args.append("--open")
    return args


def require_extra(module: str, extra: str, command: str) -> None:
    """``ConfigError`` naming the extra to install when an optional dependency is missing."""
    import importlib

    try:
        importlib.import_module(module)
    except ImportError:
        raise ConfigError(f"{command} needs {module}, which is not installed",
                          hint=f"install it with `uv sync --extra {extra}` or "
                               f"`pip install 'arabic-news-etl[{extra}]'`") from None


# --------------------------------------------------------------------------- HTML report

MAX_WEEKS = 26  # a longer span is shown per month

REPORT_TITLES = {
    "speakers": "Top speakers",
    "countries": "Countries over time",
    "cooccurrence": "Entity co-occurrence",
}

_TOTALS_SQL = """
SELECT (SELECT count(*) FROM articles) AS articles,
       (SELECT count(*) FROM articles WHERE published IS NULL) AS undated,
       (SELECT count(*) FROM mentions) AS mentions,
       (SELECT count(*) FROM entities) AS entities,
       (SELECT count(*) FROM statements) AS statements,
       (SELECT min(published) FROM articles) AS first_published,
       (SELECT max(published) FROM articles) AS last_published
"""
_TOP_SPEAKERS_SQL = """
SELECT COALESCE(speaker_entity_name, speaker_name) AS speaker_name, speaker_kind, count(*) AS statements,
       sum(CASE WHEN is_direct THEN 1 ELSE 0 END) AS direct_quotes
FROM v_statements
WHERE speaker_kind IN ('person', 'organization', 'country')
GROUP BY COALESCE(speaker_entity_name, speaker_name), speaker_kind
ORDER BY statements DESC, 1
LIMIT :n
"""
_COUNTRY_ARTICLES_SQL = """
SELECT DISTINCT m.article_id, m.country_code, k.name_ar, a.published
FROM v_mentions m
JOIN articles a ON a.id = m.article_id
JOIN countries k ON k.alpha2 = m.country_code
WHERE m.entity_kind = 'country' AND a.published IS NOT NULL
"""
_TOP_ENTITIES_SQL = """
SELECT entity_id, entity_name AS canonical_name, entity_kind, count(DISTINCT article_id) AS articles
FROM v_mentions
WHERE entity_kind IN ('person', 'organization', 'country')
GROUP BY entity_id, entity_name, entity_kind
ORDER BY articles DESC, entity_name
LIMIT :n
"""


@dataclass(frozen=True, slots=True)
class ReportData:
    totals: dict[str, Any]
    speakers: list[dict[str, Any]]  # speaker_name, speaker_kind, statements, direct_quotes
    period: str  # "week" or "month": the bucket of the countries-over-time chart
    periods: list[str]  # ISO dates of the Mondays (or first days of months), oldest first
    country_series: dict[str, list[int]]  # "name (CC)" -> articles per period, aligned with ``periods``
    entities: list[str]  # labels of the co-occurrence matrix
    cooccurrence: list[list[int | None]]  # articles mentioning both; the diagonal is None


def _as_datetime(value: Any) -> datetime | None:
    """SQLite returns stored datetimes as text; PostgreSQL as aware datetimes."""
    if value is None or isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


def week_start(value: datetime) -> date:
    """The Monday of the ISO week ``value`` falls in, in UTC when the time is zone-aware."""
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    day = value.date()
    return day - timedelta(days=day.weekday())


def _records(url: str, sql: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    columns, rows = load.query_rows(url, sql, params)
    return [dict(zip(columns, row, strict=True)) for row in rows]


def report_data(url: str, *, speakers: int = 15, countries: int = 8, entities: int = 15) -> ReportData:
    """Everything the report shows, read in a handful of aggregate queries."""
    totals = _records(url, _TOTALS_SQL)[0]
    top_speakers = _records(url, _TOP_SPEAKERS_SQL, {"n": speakers})
    period, periods, series = _country_periods(_records(url, _COUNTRY_ARTICLES_SQL), countries)
    labels, matrix = _cooccurrence(url, entities)
    return ReportData(totals, top_speakers, period, periods, series, labels, matrix)


def _country_periods(rows: list[dict[str, Any]], top: int,
                     max_weeks: int = MAX_WEEKS) -> tuple[str, list[str], dict[str, list[int]]]:
    """Articles per country and week; per month when weeks would be too many to read."""
    per_country: Counter[str] = Counter()
    per_week: dict[str, Counter[date]] = defaultdict(Counter)
    for row in rows:
        when = _as_datetime(row["published"])
        if when is None:
            continue
        label = f"{row['name_ar']} ({row['country_code']})"
        per_country[label] += 1
        per_week[label][week_start(when)] += 1
    if not per_country:
        return "week", [], {}
    chosen = [label for label, _ in sorted(per_country.items(), key=lambda kv: (-kv[1], kv[0]))[:top]]
    first = min(min(per_week[c]) for c in chosen)
    last = max(max(per_week[c]) for c in chosen)
    weeks = [first + timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]
    if len(weeks) <= max_weeks:
        return "week", [w.isoformat() for w in weeks], {c: [per_week[c].get(w, 0) for w in weeks] for c in chosen}
    per_month: dict[str, Counter[date]] = defaultdict(Counter)
    for c in chosen:
        for week, n in per_week[c].items():
            per_month[c][week.replace(day=1)] += n  # a week belongs to the month of its Monday
    months = sorted({m for c in chosen for m in per_month[c]})
    months = [date(y, mo, 1) for y in range(months[0].year, months[-1].year + 1) for mo in range(1, 13)
              if months[0] <= date(y, mo, 1) <= months[-1]]
    return "month", [m.isoformat() for m in months], {c: [per_month[c].get(m, 0) for m in months] for c in chosen}


def _cooccurrence(url: str, top: int) -> tuple[list[str], list[list[int | None]]]:
    ents = _records(url, _TOP_ENTITIES_SQL, {"n": top})
    if not ents:
        return [], []
    ids = [int(e["entity_id"]) for e in ents]
    names = Counter(e["canonical_name"] for e in ents)
    labels = [e["canonical_name"] if names[e["canonical_name"]] == 1 else f"{e['canonical_name']} ({e['entity_kind']})"
              for e in ents]
    # ids are integers read from the database, so inlining them is safe; text() has no list binding
    _, rows = load.query_rows(url, "SELECT DISTINCT article_id, entity_id FROM mentions "
                                   f"WHERE entity_id IN ({', '.join(str(i) for i in ids)})")
    per_article: dict[int, set[int]] = defaultdict(set)
    for article_id, entity_id in rows:
        per_article[article_id].add(entity_id)
    pairs: Counter[tuple[int, int]] = Counter()
    for members in per_article.values():
        for a, b in combinations(sorted(members), 2):
            pairs[(a, b)] += 1
    index = {eid: i for i, eid in enumerate(ids)}
    matrix: list[list[int | None]] = [[0] * len(ids) for _ in ids]
    for (a, b), n in pairs.items():
        matrix[index[a]][index[b]] = matrix[index[b]][index[a]] = n
    for i in range(len(ids)):
        matrix[i][i] = None
    return labels, matrix


def _figures(data: ReportData) -> list[tuple[str, Any]]:
    import plotly.graph_objects as go

    figures: list[tuple[str, Any]] = []
    speakers = list(reversed(data.speakers))  # largest bar on top
    fig = go.Figure()
    for kind in ("person", "organization", "country"):
        rows = [s for s in speakers if s["speaker_kind"] == kind]
        if rows:
            fig.add_bar(y=[s["speaker_name"] for s in rows], x=[int(s["statements"]) for s in rows],
                        orientation="h", name=kind,
                        customdata=[int(s["direct_quotes"] or 0) for s in rows],
                        hovertemplate="%{y}: %{x} statements (%{customdata} direct)<extra></extra>")
    fig.update_layout(title=REPORT_TITLES["speakers"], barmode="stack", xaxis_title="statements",
                      yaxis={"categoryorder": "array", "categoryarray": [s["speaker_name"] for s in speakers]},
                      height=max(320, 28 * len(speakers) + 140), legend_title_text="speaker kind")
    figures.append(("speakers", fig))

    fig = go.Figure()
    for label, counts in data.country_series.items():
        fig.add_scatter(x=data.periods, y=counts, mode="lines+markers", name=label)
    fig.update_layout(title=REPORT_TITLES["countries"],
                      xaxis_title="week (Monday)" if data.period == "week" else "month",
                      yaxis_title="articles mentioning the country", height=460)
    if not data.country_series:
        fig.add_annotation(text="no dated articles mention a country", showarrow=False,
                           xref="paper", yref="paper", x=0.5, y=0.5)
    figures.append(("countries", fig))

    fig = go.Figure(go.Heatmap(z=data.cooccurrence, x=data.entities, y=data.entities, colorscale="Blues",
                               hovertemplate="%{y} + %{x}: %{z} articles<extra></extra>",
                               colorbar={"title": {"text": "articles"}}))
    fig.update_layout(title=REPORT_TITLES["cooccurrence"], height=max(420, 30 * len(data.entities) + 220),
                      yaxis={"autorange": "reversed"}, xaxis={"tickangle": -45})
    figures.append(("cooccurrence", fig))
    return figures


def render_report(data: ReportData, *, database: str, generated: datetime | None = None) -> str:
    """A self-contained HTML page (plotly.js inline) that works offline."""
    require_extra("plotly", "report", "etl report")
    generated = generated or datetime.now(UTC)
    t = data.totals
    parts = []
    for i, (key, fig) in enumerate(_figures(data)):
        div = fig.to_html(full_html=False, include_plotlyjs=(i == 0), div_id=f"chart-{key}",
                          config={"displaylogo": False, "responsive": True})
        parts.append(f'<section id="{key}">{div}</section>')
    span = ""
    if t.get("first_published"):
        first, last = str(t["first_published"])[:10], str(t["last_published"])[:10]
        span = f", published {html.escape(first)} to {html.escape(last)}"
    summary = (f"{t['articles']} articles ({t['undated']} without a date){span}; {t['entities']} entities, "
               f"{t['mentions']} mentions, {t['statements']} statements.")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Arabic news ETL report</title>
<style>
body {{ font-family: system-ui, "Noto Sans", "Noto Sans Arabic", sans-serif; margin: 1.5rem auto;
       max-width: 1100px; padding: 0 1rem; color: #222; }}
h1 {{ font-size: 1.5rem; margin-bottom: .25rem; }}
p.meta {{ color: #555; margin-top: 0; }}
section {{ margin: 1.5rem 0; border-top: 1px solid #ddd; padding-top: .5rem; }}
</style>
</head>
<body>
<h1>Arabic news ETL report</h1>
<p class="meta">Database <code>{html.escape(mask_url(database))}</code>, generated
{generated.strftime("%Y-%m-%d %H:%M UTC")}.</p>
<p>{html.escape(summary)} Countries over time counts dated articles per {data.period}; co-occurrence
counts the articles that mention both entities.</p>
{"".join(parts)}
</body>
</html>
"""


def write_report(url: str, out: Path) -> ReportData:
    """Build the report for ``url`` into ``out``; returns the numbers it shows."""
    require_extra("plotly", "report", "etl report")
    data = report_data(url)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_report(data, database=url), encoding="utf-8")
    log.info("report written to %s", out)
    return data
