"""Loading extractions into the database, one transaction per article.

This module (with ``etl.models``) is the only one that talks SQL. Writes are idempotent: an article is
identified by its ``source_uri``; re-loading the same content with the same pipeline version changes
nothing, changed content replaces exactly that article's rows. Entities are upserted with
``INSERT ... ON CONFLICT DO NOTHING`` on their unique (kind, norm_key), so concurrent writers never
create duplicates; deadlocks, serialization failures and a busy SQLite file are retried.
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal, TypeVar, cast

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import (
    Boolean,
    Connection,
    Engine,
    Integer,
    Table,
    bindparam,
    create_engine,
    delete,
    event,
    func,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError, SQLAlchemyError

from etl import models as m
from etl.config import get_settings, mask_secrets, mask_url
from etl.errors import DatabaseError, SchemaError
from etl.extract.entities import links_across
from etl.normalize import normalize_key
from etl.records import Extraction, SourceFailure

log = logging.getLogger(__name__)

Outcome = Literal["new", "unchanged", "replaced"]
T = TypeVar("T")

PG_CONNECT_TIMEOUT_S = 10
_TRANSIENT_PG_CODES = frozenset({"40001", "40P01", "57P01", "08006", "08001", "08003", "08004"})


def _table(model: type[m.Base]) -> Table:
    """The model's Core table (typed: ``__table__`` is declared as a bare ``FromClause``)."""
    return cast(Table, model.__table__)


# --------------------------------------------------------------------------- engines


def _resolve_url(url: str) -> str:
    """Accept ``postgresql://`` and bare paths as users type them."""
    if "://" not in url:
        return f"sqlite:///{url}"
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def get_engine(url: str, busy_timeout_s: float | None = None) -> Engine:
    """One engine per URL and process; SQLite gets foreign keys, WAL and a busy timeout.

    The busy timeout (how long a second SQLite writer waits) defaults to ``ETL_SQLITE_BUSY_TIMEOUT_S``.
    """
    if busy_timeout_s is None:
        busy_timeout_s = get_settings().sqlite_busy_timeout_s
    return _engine(url, busy_timeout_s)


@lru_cache(maxsize=8)
def _engine(url: str, busy_timeout_s: float) -> Engine:
    url = _resolve_url(url)
    try:
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite":
            engine = create_engine(url, connect_args={"timeout": busy_timeout_s})
            _sqlite_pragmas(engine, busy_timeout_s)
        else:
            # without a connect timeout an unroutable host hangs for minutes before failing
            args = {} if "connect_timeout" in parsed.query else {"connect_timeout": PG_CONNECT_TIMEOUT_S}
            engine = create_engine(url, pool_pre_ping=True, pool_size=2, max_overflow=2, connect_args=args)
    except (ArgumentError, NoSuchModuleError, ValueError) as exc:
        raise DatabaseError(mask_url(url), f"not a usable database URL ({type(exc).__name__})",
                            hint="use e.g. sqlite:///etl.db or postgresql+psycopg://user@host/db") from None
    _ENGINES.append(engine)
    return engine


_ENGINES: list[Engine] = []


def _forget_inherited_connections() -> None:
    """A forked worker must not reuse its parent's pooled connections (one socket, two users)."""
    for engine in _ENGINES:
        engine.dispose(close=False)


os.register_at_fork(after_in_child=_forget_inherited_connections)


def _sqlite_pragmas(engine: Engine, busy_timeout_s: float) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Python's sqlite3 opens transactions lazily; take the write lock at BEGIN instead so that
        # two writers queue on the busy timeout rather than failing on lock upgrade.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute(f"PRAGMA busy_timeout = {int(busy_timeout_s * 1000)}")
        try:
            cur.execute("PRAGMA journal_mode = WAL")
        except Exception:
            log.debug("could not switch SQLite to WAL")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get("readonly") else "BEGIN IMMEDIATE")


def read_connection(engine: Engine) -> Connection:
    """A connection for reading: on SQLite it does not take the write lock."""
    return engine.connect().execution_options(readonly=True)


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def describe_db_error(url: str, exc: BaseException) -> DatabaseError:
    """A one-line, password-free ``DatabaseError`` for any driver or SQLAlchemy error."""
    orig = getattr(exc, "orig", None) or exc
    text = " ".join(str(orig).split()) or type(orig).__name__
    low = text.lower()
    transient = _is_transient(exc)
    hint = None
    # the most specific cause first: psycopg wraps every connect error in "connection failed: ..."
    if "readonly" in low or "read-only" in low or "read only" in low:
        reason, hint = "the database is read-only", "make it writable or choose another --db"
    elif "unable to open database" in low:
        reason, hint = "cannot open the SQLite file", "check that its folder exists and is writable"
    elif "database" in low and "does not exist" in low:
        name = re.search(r'database "([^"]*)" does not exist', text)
        reason = f'database "{name[1]}" does not exist' if name else "the database does not exist"
        hint = "create it first (createdb) or fix the name in the URL"
    elif "password authentication failed" in low or "authentication" in low:
        reason, hint = "authentication failed", "check the user and password in the URL"
    elif "could not translate host name" in low or "name or service not known" in low:
        reason, hint = "unknown host name", "check the host in the URL"
    elif "timeout expired" in low or "timed out" in low:
        reason = f"server did not answer within {PG_CONNECT_TIMEOUT_S} s"
    elif "connection refused" in low or "could not connect" in low or "connection failed" in low:
        reason = "server is not answering (connection refused)"
    elif "disk i/o error" in low or "disk is full" in low or "no space left" in low:
        reason, hint = mask_secrets(text)[:200], "check free space and that the file is still writable"
    elif "file is not a database" in low or "file is encrypted" in low:
        reason, hint = "the file is not an SQLite database", "choose another --db"
    else:
        reason = mask_secrets(text)[:300]
    return DatabaseError(mask_url(url), reason, transient=transient, hint=hint)


def _is_transient(exc: BaseException) -> bool:
    orig = getattr(exc, "orig", None)
    code = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if code in _TRANSIENT_PG_CODES:
        return True
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    low = str(orig or exc).lower()
    return "database is locked" in low or "deadlock" in low or "could not serialize" in low


def with_retries(fn: Callable[[], T], *, url: str, retries: int | None = None, base_delay: float = 0.2) -> T:
    """Run ``fn``, retrying transient database errors with exponential backoff (``ETL_DB_RETRIES`` times)."""
    if retries is None:
        retries = get_settings().db_retries
    attempt = 0
    while True:
        try:
            return fn()
        except (OperationalError, DBAPIError) as exc:
            if attempt >= retries or not _is_transient(exc):
                err = describe_db_error(url, exc)
                # integrity / data errors concern the article being written, not the database
                err.fatal = isinstance(exc, OperationalError) or err.transient
                raise err from None
            attempt += 1
            delay = base_delay * 2 ** (attempt - 1)
            log.warning("transient database error (%s); retry %d/%d in %.1fs",
                        mask_secrets(str(getattr(exc, "orig", exc)).splitlines()[0]), attempt, retries, delay)
            time.sleep(delay)


# --------------------------------------------------------------------------- schema


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(str(files("migrations")))))
    cfg.set_main_option("sqlalchemy.url", _resolve_url(url).replace("%", "%%"))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    assert head is not None
    return head


def current_revision(url: str) -> str | None:
    engine = get_engine(url)
    try:
        with read_connection(engine) as conn:
            return MigrationContext.configure(conn).get_current_revision()
    except SQLAlchemyError as exc:
        raise describe_db_error(url, exc) from None


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the schema to ``revision``; refuses a database newer than this code."""
    current = current_revision(url)
    script = ScriptDirectory.from_config(alembic_config(url))
    if current is not None and not _safe_rev(script, current):
        raise SchemaError(mask_url(url), f"schema revision {current} is newer than this code "
                          f"(head {head_revision()})", hint="upgrade the etl package")
    _run_alembic(url, lambda cfg: command.upgrade(cfg, revision))
    check_writable(url)


def check_writable(url: str) -> None:
    """Fail now, with one line, if the database refuses writes (read-only file, mount or replica).

    An up-to-date schema makes ``upgrade`` a pure read, so without this a read-only database would
    only fail once the run has started.
    """
    engine = get_engine(url)

    def go() -> None:
        with engine.connect() as conn, conn.begin() as tx:
            conn.exec_driver_sql("UPDATE alembic_version SET version_num = version_num")
            tx.rollback()

    try:
        with_retries(go, url=url, retries=1)
    except DatabaseError:
        raise
    except SQLAlchemyError as exc:
        raise describe_db_error(url, exc) from None


def _safe_rev(script: ScriptDirectory, rev: str) -> bool:
    try:
        return script.get_revision(rev) is not None
    except Exception:
        return False


def downgrade(url: str, revision: str = "-1") -> None:
    _run_alembic(url, lambda cfg: command.downgrade(cfg, revision))


def _run_alembic(url: str, action: Callable[[Config], None]) -> None:
    clear_caches()
    cfg = alembic_config(url)
    engine = get_engine(url)
    try:
        with engine.connect() as conn:
            if is_sqlite(engine):
                conn.exec_driver_sql("PRAGMA foreign_keys = OFF")  # batch mode rebuilds tables
            cfg.attributes["connection"] = conn
            action(cfg)
            conn.commit()
            if is_sqlite(engine):
                conn.exec_driver_sql("PRAGMA foreign_keys = ON")
    except SQLAlchemyError as exc:
        raise describe_db_error(url, exc) from None
    except CommandError as exc:
        raise SchemaError(mask_url(url), " ".join(str(exc).split()), hint="see `etl db current`") from None


def check_schema(url: str) -> None:
    """Raise ``SchemaError`` unless the database is at this code's head revision."""
    current = current_revision(url)
    head = head_revision()
    if current != head:
        raise SchemaError(mask_url(url), f"schema at revision {current or 'none'}, this code needs {head}",
                          hint="run `etl db upgrade`")


# --------------------------------------------------------------------------- runs and errors


def start_run(url: str, *, pipeline_version: str, parameters: dict[str, Any],
              flow_run_id: str | None = None) -> int:
    engine = get_engine(url)

    def go() -> int:
        with engine.begin() as conn:
            return int(conn.execute(
                _table(m.Run).insert().returning(_table(m.Run).c.id),
                {"flow_run_id": flow_run_id, "started_at": datetime.now(UTC), "status": "running",
                 "pipeline_version": pipeline_version, "parameters": parameters, "counts": {},
                 "timings": {}},
            ).scalar_one())

    return with_retries(go, url=url)


def finish_run(url: str, run_id: int, *, status: str, counts: dict[str, Any],
               timings: dict[str, Any]) -> None:
    engine = get_engine(url)

    def go() -> None:
        with engine.begin() as conn:
            conn.execute(update(m.Run).where(m.Run.id == run_id).values(
                status=status, counts=counts, timings=timings, finished_at=datetime.now(UTC)))

    with_retries(go, url=url)


def record_failures(url: str, run_id: int | None, failures: Sequence[SourceFailure]) -> None:
    if not failures:
        return
    engine = get_engine(url)
    rows = [{"run_id": run_id, "source_uri": f.source_uri[:1024], "stage": f.stage, "reason": f.reason}
            for f in failures]

    def go() -> None:
        with engine.begin() as conn:
            conn.execute(_table(m.IngestError).insert(), rows)

    with_retries(go, url=url)


def known_versions(url: str, uris: Sequence[str]) -> dict[str, tuple[str, str]]:
    """source_uri -> (content_hash, pipeline_version) for the articles already stored."""
    if not uris:
        return {}
    engine = get_engine(url)
    a = _table(m.Article).c
    out: dict[str, tuple[str, str]] = {}

    def go() -> None:
        with read_connection(engine) as conn:
            for chunk in _chunks(list(uris), 500):
                for uri, h, pv in conn.execute(
                        select(a.source_uri, a.content_hash, a.pipeline_version).where(a.source_uri.in_(chunk))):
                    out[uri] = (h, pv)

    with_retries(go, url=url)
    return out


def _chunks(items: list[T], size: int) -> Iterator[list[T]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


# --------------------------------------------------------------------------- articles


@dataclass(frozen=True, slots=True)
class LoadResult:
    source_uri: str
    outcome: Outcome
    mentions: int = 0
    statements: int = 0


class _EntityCache:
    """Entity ids and alias rows this process knows to be committed, for one database.

    Entities are never deleted (only a schema downgrade drops them, which clears the cache), so a
    committed id stays valid for every writer. Only what a committed transaction saw is added, and
    the cache is emptied when it grows past ``limit`` entries, so memory stays flat on any corpus.
    """

    def __init__(self, limit: int = 25_000) -> None:
        self.limit = limit
        self.ids: dict[tuple[str, str], int] = {}
        self.aliases: set[tuple[int, str]] = set()

    def add(self, ids: dict[tuple[str, str], int], aliases: set[tuple[int, str]]) -> None:
        if len(self.ids) + len(ids) > self.limit or len(self.aliases) + len(aliases) > self.limit:
            self.ids.clear()
            self.aliases.clear()
        self.ids.update(ids)
        self.aliases.update(aliases)


_ENTITY_CACHES: dict[str, _EntityCache] = {}


def clear_caches() -> None:
    """Forget cached entity ids (after the schema is dropped or recreated)."""
    _ENTITY_CACHES.clear()


def load_extraction(url: str, ex: Extraction, *, pipeline_version: str, run_id: int | None,
                    retries: int | None = None) -> LoadResult:
    """Write one article and everything extracted from it in a single transaction."""
    engine = get_engine(url)
    cache = _ENTITY_CACHES.setdefault(_resolve_url(url), _EntityCache())

    def go() -> LoadResult:
        seen_ids: dict[tuple[str, str], int] = {}
        seen_aliases: set[tuple[int, str]] = set()
        with engine.begin() as conn:
            result = _load(conn, ex, pipeline_version, run_id, cache, seen_ids, seen_aliases)
        cache.add(seen_ids, seen_aliases)  # committed: safe to remember
        return result

    return with_retries(go, url=url, retries=retries)


def _load(conn: Connection, ex: Extraction, pipeline_version: str, run_id: int | None, cache: _EntityCache,
          seen_ids: dict[tuple[str, str], int], seen_aliases: set[tuple[int, str]]) -> LoadResult:
    art = ex.article
    at = _table(m.Article)
    values = {
        "source_uri": art.source_uri, "external_id": art.external_id, "url": art.url,
        "outlet": art.outlet, "title": art.title,
        # stored in UTC: SQLite keeps no offset, so local wall-clock times would not compare
        "published": art.published.astimezone(UTC) if art.published else None, "body": art.body,
        "content_hash": art.content_hash, "language": ex.language, "encoding": art.encoding,
        "pipeline_version": pipeline_version, "run_id": run_id,
    }
    stmts = _statements(conn.dialect.name)
    # the common case, a new article, costs one statement; an existing one is locked and compared
    article_id: int | None = conn.execute(stmts.insert_article, values).scalar()
    outcome: Outcome = "new"
    if article_id is None:
        row = conn.execute(stmts.select_article, {"uri": art.source_uri}).one()
        if row.content_hash == art.content_hash and row.pipeline_version == pipeline_version:
            return LoadResult(art.source_uri, "unchanged")
        article_id = row.id
        conn.execute(update(at).where(at.c.id == article_id).values(values))
        for table in (m.Mention, m.Statement, m.EntityRole, m.ArticleEntity):
            conn.execute(delete(table).where(table.article_id == article_id))
        outcome = "replaced"

    ids = _upsert_entities(conn, ex, cache, seen_ids, seen_aliases)
    mention_rows = [
        (article_id, ids[(mn.kind, mn.entity_key)], mn.start, mn.end, mn.surface[:512], mn.method)
        for mn in ex.mentions if (mn.kind, mn.entity_key) in ids
    ]
    _insert(conn, m.Mention, _MENTION_COLS, mention_rows)
    role_rows = list(dict.fromkeys(
        (article_id, ids[(e.kind, e.key)], role[:512]) for e in ex.entities for role in e.roles
    ))
    _insert(conn, m.EntityRole, _ROLE_COLS, role_rows)
    _insert(conn, m.ArticleEntity, _ARTICLE_ENTITY_COLS, _article_names(ex, article_id, ids))
    n_statements = _insert_statements(conn, ex, article_id, ids)
    return LoadResult(art.source_uri, outcome, len(mention_rows), n_statements)


def _article_names(ex: Extraction, article_id: int, ids: dict[tuple[str, str], int]) -> list[tuple[int, int, str]]:
    """(article, entity, the fullest name this article writes): a lone "ماكرون" linked to the entity
    "إيمانويل ماكرون" of an earlier article is still "ماكرون" here. Two article-level names that the
    database links to one entity keep the longer."""
    names: dict[int, str] = {}
    for e in ex.entities:
        eid = ids.get((e.kind, e.key))
        if eid is not None and len(e.canonical_name) > len(names.get(eid, "")):
            names[eid] = e.canonical_name[:512]
    return [(article_id, eid, name) for eid, name in sorted(names.items())]


@dataclass(frozen=True)
class _Statements:
    """The loader's two article statements, built once per dialect (SQLAlchemy reuses their compiled form).

    The article row goes through SQLAlchemy Core (its dates and types need the dialect's handling);
    the many small rows after it go through ``_insert``.
    """

    insert_article: Any
    select_article: Any


@lru_cache(maxsize=4)
def _statements(dialect: str) -> _Statements:
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    at = _table(m.Article)
    return _Statements(
        insert_article=insert(at).on_conflict_do_nothing(index_elements=["source_uri"]).returning(at.c.id),
        select_article=select(at.c.id, at.c.content_hash, at.c.pipeline_version)
        .where(at.c.source_uri == bindparam("uri")).with_for_update(),
    )


#: rows per multi-row INSERT ... RETURNING on SQLite (32,766 parameters a statement at most)
_MULTI_ROWS = 500
_ENTITY_COLS = ("kind", "norm_key", "canonical_name", "country_code")
_ALIAS_COLS = ("entity_id", "alias", "norm_key")
_MENTION_COLS = ("article_id", "entity_id", "start_char", "end_char", "surface", "method")
_ROLE_COLS = ("article_id", "entity_id", "role")
_ARTICLE_ENTITY_COLS = ("article_id", "entity_id", "name")
_TARGET_COLS = ("statement_id", "entity_id")
_STATEMENT_COLS = ("article_id", "speaker_entity_id", "speaker_text", "speaker_kind", "cue", "cue_lemma", "content",
                   "is_direct", "start_char", "end_char", "content_start", "content_end")


def _pg_array(column: Any) -> str:
    if isinstance(column.type, Boolean):
        return "bool[]"
    return "int8[]" if isinstance(column.type, Integer) else "text[]"


@lru_cache(maxsize=64)
def _insert_sql(dialect: str, model: type[m.Base], cols: tuple[str, ...], conflict: tuple[str, ...],
                returning: tuple[str, ...], n_rows: int) -> str:
    """INSERT text for ``cols`` of ``model``, generated from the model's table so it cannot drift.

    PostgreSQL: one ``INSERT ... SELECT FROM unnest(arrays)`` whatever the number of rows, so the
    text never changes and psycopg prepares it once. SQLite: ``n_rows`` rows of ``?`` placeholders.
    """
    t = _table(model)
    columns = [t.c[c] for c in cols]  # a KeyError here means a column list drifted from the model
    names = ", ".join(c.name for c in columns)
    if dialect == "postgresql":
        arrays = ", ".join(f"%s::{_pg_array(c)}" for c in columns)
        sql = f"INSERT INTO {t.name} ({names}) SELECT * FROM unnest({arrays})"
    else:
        row = "(" + ", ".join(["?"] * len(cols)) + ")"
        sql = f"INSERT INTO {t.name} ({names}) VALUES {', '.join([row] * n_rows)}"
    if conflict:
        sql += f" ON CONFLICT ({', '.join(conflict)}) DO NOTHING"
    if returning:
        sql += f" RETURNING {', '.join(returning)}"
    return sql


def _insert(conn: Connection, model: type[m.Base], cols: tuple[str, ...], rows: Sequence[tuple[Any, ...]], *,
            conflict: tuple[str, ...] = (), returning: tuple[str, ...] = ()) -> list[tuple[Any, ...]]:
    """Insert many small rows (ints and strings) as plain driver SQL; rows come back in no promised order.

    This skips SQLAlchemy's statement compilation and parameter processing, which was half the
    loader's CPU time per article. PostgreSQL gets every row in one statement of column arrays;
    SQLite gets ``executemany`` (or multi-row VALUES when ids must come back).
    """
    if not rows:
        return []
    dialect = conn.dialect.name
    if dialect == "postgresql":
        sql = _insert_sql(dialect, model, cols, conflict, returning, 0)
        result = conn.exec_driver_sql(sql, tuple(list(col) for col in zip(*rows, strict=True)))
        return [tuple(r) for r in result] if returning else []
    if not returning:
        conn.exec_driver_sql(_insert_sql(dialect, model, cols, conflict, (), 1), list(rows))
        return []
    out: list[tuple[Any, ...]] = []
    for chunk in _chunks(list(rows), _MULTI_ROWS):
        sql = _insert_sql(dialect, model, cols, conflict, returning, len(chunk))
        out.extend(tuple(r) for r in conn.exec_driver_sql(sql, tuple(v for row in chunk for v in row)))
    return out


def _upsert_entities(conn: Connection, ex: Extraction, cache: _EntityCache, seen_ids: dict[tuple[str, str], int],
                     seen_aliases: set[tuple[int, str]]) -> dict[tuple[str, str], int]:
    """Entity ids for every (kind, key) of the article, linking lone aliases to known entities."""
    by_key = {(e.kind, e.key): e for e in ex.entities}
    if not by_key:
        return {}
    keys = sorted(by_key)  # a fixed order keeps concurrent writers from deadlocking
    existing: dict[tuple[str, str], int] = {k: cache.ids[k] for k in keys if k in cache.ids}
    lookup = [k for k in keys if k not in existing]
    if lookup:
        exact, linked = _find_entities(conn, lookup)
        existing.update(exact)
        seen_ids.update(exact)
        existing.update(linked)  # not cached: a later namesake can make an alias ambiguous
    missing = [k for k in keys if k not in existing]
    if missing:
        rows = [(k[0], k[1], by_key[k].canonical_name[:512], by_key[k].country_code) for k in missing]
        created = {(kind, key): eid for kind, key, eid in _insert(
            conn, m.Entity, _ENTITY_COLS, rows, conflict=("kind", "norm_key"), returning=("kind", "norm_key", "id"))}
        raced = [k for k in missing if k not in created]  # inserted meanwhile by another writer
        if raced:
            created.update(_entity_ids(conn, raced))
        existing.update(created)
        seen_ids.update(created)
    alias_rows: dict[tuple[int, str], tuple[int, str, str]] = {}
    for k in keys:
        e = by_key[k]
        for alias in (e.canonical_name, *e.aliases):
            akey = normalize_key(alias)[:512]
            ident = (existing[k], akey)
            if akey and ident not in cache.aliases:
                alias_rows[ident] = (existing[k], alias[:512], akey)
    if alias_rows:
        _insert(conn, m.EntityAlias, _ALIAS_COLS, [alias_rows[k] for k in sorted(alias_rows)],
                conflict=("entity_id", "norm_key"))
        seen_aliases.update(alias_rows)
    return existing


def _find_entities(conn: Connection, keys: Sequence[tuple[str, str]]
                   ) -> tuple[dict[tuple[str, str], int], dict[tuple[str, str], int]]:
    """Known entities for ``keys``: exact (kind, key) matches, and persons / organizations known under
    that key as an alias of exactly one entity ("حفتر" alone -> "خليفة حفتر") when the name is specific
    enough for that (``links_across``: not a lone given name or a country's generic ministry).

    One query: every entity is stored with its own canonical name among its aliases.
    """
    et, al = _table(m.Entity), _table(m.EntityAlias)
    exact: dict[tuple[str, str], int] = {}
    owners: dict[tuple[str, str], set[int]] = {}
    own_keys: dict[int, str] = {}
    wanted = set(keys)
    for chunk in _chunks(list(keys), 400):
        # plain IN on the indexed column: SQLite scans the whole table for a row-value IN
        q = (select(et.c.kind, al.c.norm_key, et.c.id, et.c.norm_key)
             .join(et, et.c.id == al.c.entity_id)
             .where(al.c.norm_key.in_({k for _, k in chunk})))
        for kind, alias_key, eid, own_key in conn.execute(q):
            if (kind, alias_key) not in wanted:
                continue
            if own_key == alias_key:
                exact[(kind, alias_key)] = eid
            owners.setdefault((kind, alias_key), set()).add(eid)
            own_keys[eid] = own_key
    linked: dict[tuple[str, str], int] = {}
    for k, ids in owners.items():
        if k not in exact and len(ids) == 1:
            eid = next(iter(ids))
            if links_across(k[0], k[1], own_keys[eid]):  # a lone given name is nobody in particular
                linked[k] = eid
    return exact, linked


def _entity_ids(conn: Connection, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], int]:
    et = _table(m.Entity)
    out: dict[tuple[str, str], int] = {}
    wanted = set(keys)
    for chunk in _chunks(list(keys), 400):
        q = select(et.c.kind, et.c.norm_key, et.c.id).where(
            et.c.kind.in_({k for k, _ in chunk}), et.c.norm_key.in_({k for _, k in chunk}))
        for kind, key, eid in conn.execute(q):
            if (kind, key) in wanted:
                out[(kind, key)] = eid
    return out


def _insert_statements(conn: Connection, ex: Extraction, article_id: int,
                       ids: dict[tuple[str, str], int]) -> int:
    if not ex.statements:
        return 0
    rows = [
        (article_id, ids.get(s.speaker_entity) if s.speaker_entity else None, s.speaker_text, s.speaker_kind,
         s.cue[:128], s.cue_lemma[:64], s.content, s.is_direct, s.start, s.end, s.content_start, s.content_end)
        for s in ex.statements
    ]
    if not any(s.targets for s in ex.statements):
        _insert(conn, m.Statement, _STATEMENT_COLS, rows)
        return len(rows)
    # the returned ids are matched back by span: two statements with the same spans are the same text
    returned = _insert(conn, m.Statement, _STATEMENT_COLS, rows,
                       returning=("id", "start_char", "end_char", "content_start", "content_end"))
    by_span: dict[tuple[int, int, int, int], list[int]] = {}
    for sid, *span in sorted(returned):
        by_span.setdefault((span[0], span[1], span[2], span[3]), []).append(sid)
    targets: dict[tuple[int, int], None] = {}
    for s in ex.statements:
        sid = by_span[(s.start, s.end, s.content_start, s.content_end)].pop(0)
        for t in s.targets:
            if t in ids:
                targets[(sid, ids[t])] = None
    _insert(conn, m.StatementTarget, _TARGET_COLS, list(targets))
    return len(rows)


def table_counts(url: str) -> dict[str, int]:
    """Row count of every table: for summaries and for checking that a re-run changed nothing."""
    engine = get_engine(url)
    out = {}
    with read_connection(engine) as conn:
        for table in m.Base.metadata.sorted_tables:
            out[table.name] = int(conn.execute(select(func.count()).select_from(table)).scalar_one())
    return out


def query_rows(url: str, sql: str, params: dict[str, Any] | None = None, *,
               limit: int | None = None) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run exactly one statement in a read-only transaction; returns column names and rows.

    The database itself refuses writes (PostgreSQL ``READ ONLY`` transaction, SQLite ``query_only``),
    so this is safe for SQL typed by a user. On PostgreSQL the statement is prepared: psycopg would
    otherwise send it through the simple query protocol, which runs several statements, and
    ``COMMIT; DELETE ...`` would end the read-only transaction before the DELETE. SQLite's driver
    already refuses more than one statement.
    """
    from sqlalchemy import text

    engine = get_engine(url)
    try:
        with read_connection(engine) as conn:
            sqlite_db = is_sqlite(engine)
            raw: Any = None if sqlite_db else conn.connection.driver_connection  # a psycopg.Connection
            threshold = raw.prepare_threshold if raw is not None else None
            if raw is not None:
                raw.prepare_threshold = 0  # prepare at the first execution
            conn.exec_driver_sql("PRAGMA query_only = ON" if sqlite_db else "SET TRANSACTION READ ONLY")
            try:
                res = conn.execute(text(sql), params or {})
                if not res.returns_rows:
                    return [], []
                rows = res.fetchmany(limit) if limit else res.fetchall()
                return list(res.keys()), [tuple(r) for r in rows]
            finally:
                if raw is not None:
                    raw.prepare_threshold = threshold
                conn.rollback()
                if sqlite_db:
                    conn.exec_driver_sql("PRAGMA query_only = OFF")
                    conn.commit()
    except SQLAlchemyError as exc:
        raise describe_db_error(url, exc) from None


def run_top_entities(url: str, run_id: int, limit: int = 10) -> list[dict[str, Any]]:
    """The most-mentioned entities in the articles a run loaded."""
    a, e, mn = _table(m.Article), _table(m.Entity), _table(m.Mention)
    q = (select(e.c.kind, e.c.canonical_name, func.count().label("mentions"),
                func.count(func.distinct(mn.c.article_id)).label("articles"))
         .select_from(mn.join(a, a.c.id == mn.c.article_id).join(e, e.c.id == mn.c.entity_id))
         .where(a.c.run_id == run_id)
         .group_by(e.c.id, e.c.kind, e.c.canonical_name)
         .order_by(func.count().desc(), e.c.canonical_name).limit(limit))
    with read_connection(get_engine(url)) as conn:
        return [dict(r._mapping) for r in conn.execute(q)]


def run_top_speakers(url: str, run_id: int, limit: int = 10) -> list[dict[str, Any]]:
    """The most-quoted speakers in the articles a run loaded."""
    a, e, st = _table(m.Article), _table(m.Entity), _table(m.Statement)
    name = func.coalesce(e.c.canonical_name, st.c.speaker_text)
    q = (select(name.label("speaker"), st.c.speaker_kind, func.count().label("statements"))
         .select_from(st.join(a, a.c.id == st.c.article_id).outerjoin(e, e.c.id == st.c.speaker_entity_id))
         .where(a.c.run_id == run_id)
         .group_by(name, st.c.speaker_kind)
         .order_by(func.count().desc(), name).limit(limit))
    with read_connection(get_engine(url)) as conn:
        return [dict(r._mapping) for r in conn.execute(q)]


def stored_sources_under(url: str, roots: Sequence[str]) -> set[str]:
    """source_uris already stored whose file lies at or under one of ``roots``."""
    at = _table(m.Article)
    out: set[str] = set()
    with read_connection(get_engine(url)) as conn:
        for root in roots:
            root = root.rstrip("/") or "/"
            esc = root.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            q = select(at.c.source_uri).where(
                (at.c.source_uri == root)
                | at.c.source_uri.like(f"{esc}/%", escape="\\")
                | at.c.source_uri.like(f"{esc}#%", escape="\\"))
            out.update(r[0] for r in conn.execute(q))
    return out
