"""The pipeline as plain functions: read -> normalize -> extract -> load.

Prefect flows (``flows/``) wrap these functions in tasks; benchmarks and tests call them directly.
Nothing here raises for bad input: a failed file, record or article becomes a ``SourceFailure``.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import multiprocessing
import re
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import TypeVar

from etl import __version__
from etl.errors import EtlError
from etl.extract.countries import country_entity, find_countries
from etl.extract.entities import resolve_entities
from etl.extract.ner import tag
from etl.extract.statements import extract_statements
from etl.normalize import normalize
from etl.records import Entity, Extraction, Mention, SourceArticle, SourceFailure
from etl.sources import read_paths

log = logging.getLogger(__name__)
F = TypeVar("F")

STAGES = ("read", "normalize", "extract", "load")


#: the code whose output is stored: a change to any of it re-extracts, as a change of a resource does
_EXTRACTION_CODE = ("normalize.py", "pipeline.py", "extract")


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """Package version plus a digest of every resource (lexicons, model) and of the extraction code.

    An upgrade that changes what is extracted (a lexicon entry, a tagger rule, normalization) gives a
    new version, so the next run re-extracts every article instead of keeping its old rows.
    """
    return source_version(Path(str(files("etl"))))


def source_version(package: Path) -> str:
    """``pipeline_version`` of the package tree at ``package``."""
    digest = hashlib.sha256()
    paths = [p for p in (package / "resources").rglob("*") if p.suffix not in (".py", ".pyc")]
    for name in _EXTRACTION_CODE:
        target = package / name
        paths += sorted(target.rglob("*.py")) if target.is_dir() else [target]
    for path in sorted(paths):
        if path.is_file():
            digest.update(str(path.relative_to(package)).encode())
            digest.update(path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:12]}"


_ARABIC_LETTER = re.compile("[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]")
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")


def detect_language(text: str) -> str:
    """'ar' when Arabic letters dominate; otherwise the dominant script, so it is flagged, not extracted."""
    sample = text[:3000]
    visible = len(sample) - sample.count(" ") - sample.count("\n")
    arabic = len(_ARABIC_LETTER.findall(sample))
    latin = len(_LATIN_LETTER.findall(sample))
    if arabic + latin < 0.3 * visible:  # another script, or no words at all
        return "und"
    return "ar" if arabic >= latin else "und-Latn"


def extract_article(article: SourceArticle) -> Extraction:
    """Everything the pipeline finds in one article, with offsets into ``article.body``."""
    t0 = time.perf_counter()
    doc = normalize(article.body)
    t1 = time.perf_counter()
    language = detect_language(doc.text)
    if language != "ar":
        return Extraction(article, language, timings={"normalize": t1 - t0, "extract": 0.0})
    country_mentions = find_countries(doc)
    spans = tag(doc)
    entities, mentions = resolve_entities(doc, spans, country_mentions)
    country_mentions = _outside_person_names(country_mentions, mentions)
    countries = _country_entities(country_mentions)
    all_entities = (*entities, *countries)
    all_mentions = tuple(sorted((*mentions, *country_mentions), key=lambda x: (x.start, x.end)))
    statements = extract_statements(doc, all_entities, all_mentions)
    t2 = time.perf_counter()
    return Extraction(
        article=article,
        language=language,
        entities=all_entities,
        mentions=all_mentions,
        statements=tuple(statements),
        timings={"normalize": t1 - t0, "extract": t2 - t1},
    )


def _outside_person_names(countries: list[Mention], mentions: Sequence[Mention]) -> list[Mention]:
    """Drop nationality adjectives that are part of a person's name (أحمد المصري is not Egypt).

    A role phrase standing for a person (المخرج الياباني، وزير الخارجية الأمريكي) is not a name: its
    nationality adjective still names the country.
    """
    persons = [(mn.start, mn.end) for mn in mentions if mn.kind == "person" and mn.method != "role"]
    if not persons:
        return countries
    return [c for c in countries
            if c.method != "demonym" or not any(s <= c.start and c.end <= e for s, e in persons)]


def _country_entities(mentions: Sequence[Mention]) -> tuple[Entity, ...]:
    surfaces: dict[str, list[str]] = {}
    for mn in mentions:
        surfaces.setdefault(mn.entity_key, [])
        if mn.surface not in surfaces[mn.entity_key]:
            surfaces[mn.entity_key].append(mn.surface)
    out = []
    for code, seen in surfaces.items():
        base = country_entity(code)
        aliases = tuple(s for s in seen if s != base.canonical_name)
        out.append(Entity(base.kind, base.key, base.canonical_name, aliases, (), base.country_code))
    return tuple(out)


def safe_extract(article: SourceArticle) -> Extraction | SourceFailure:
    """``extract_article`` that turns any failure into a recorded ``SourceFailure``."""
    try:
        return extract_article(article)
    except EtlError as err:
        return SourceFailure(article.source_uri, "extract", str(err))
    except Exception as exc:
        log.exception("extraction failed for %s", article.source_uri)
        return SourceFailure(article.source_uri, "extract", f"internal error: {type(exc).__name__}: {exc}")


def extract_batch(articles: Sequence[SourceArticle]) -> list[Extraction | SourceFailure]:
    warm_up()
    return [safe_extract(a) for a in articles]


_WARM = False


def warm_up() -> None:
    """Load the tagger and lexicons, then move them out of the garbage collector's sight.

    The loaded resources are millions of long-lived objects; every full collection would walk them
    all again (a quarter of the extraction time, measured). ``gc.freeze`` parks everything alive
    now in a permanent generation, so collections only look at what articles create.
    """
    global _WARM
    if _WARM:
        return
    _WARM = True
    safe_extract(SourceArticle("warm-up", "قال الرئيس إن مصر بخير.", ""))
    gc.collect()
    gc.freeze()


# --------------------------------------------------------------------------- statistics


@dataclass
class RunStats:
    """Counts and timings of a run (or of one batch; ``merge`` adds them up)."""

    files: int = 0
    articles: Counter[str] = field(default_factory=Counter)
    mentions: int = 0
    statements: int = 0
    failures: list[SourceFailure] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    #: stored articles whose source was not found by this run (reported, rows kept)
    deleted: list[str] = field(default_factory=list)

    def merge(self, other: RunStats) -> RunStats:
        self.files += other.files
        self.deleted.extend(other.deleted)
        self.articles.update(other.articles)
        self.mentions += other.mentions
        self.statements += other.statements
        self.failures.extend(other.failures)
        self.add_time(other.timings)
        return self

    def add_time(self, timings: dict[str, float]) -> None:
        for stage, seconds in timings.items():
            self.timings[stage] = self.timings.get(stage, 0.0) + seconds

    def as_counts(self) -> dict[str, int]:
        return {
            "files": self.files,
            "articles_new": self.articles["new"],
            "articles_unchanged": self.articles["unchanged"],
            "articles_replaced": self.articles["replaced"],
            "articles_failed": self.articles["failed"],
            "failures": len(self.failures),
            "deleted": len(self.deleted),
            "mentions": self.mentions,
            "statements": self.statements,
        }


def load_results(url: str, results: Iterable[Extraction | SourceFailure], *, run_id: int | None,
                 version: str) -> RunStats:
    """Load extractions one transaction each; failures are counted and kept for recording."""
    from etl.load import load_extraction

    stats = RunStats()
    for item in results:
        if isinstance(item, SourceFailure):
            stats.failures.append(item)
            stats.articles["failed"] += 1
            continue
        stats.add_time(item.timings)
        t0 = time.perf_counter()
        try:
            res = load_extraction(url, item, pipeline_version=version, run_id=run_id)
        except EtlError as err:
            if getattr(err, "transient", False) or getattr(err, "fatal", False):
                raise  # the database is unusable: stop (transient ones are retried by the caller)
            stats.failures.append(SourceFailure(item.article.source_uri, "load", str(err)))
            stats.articles["failed"] += 1
            continue
        stats.add_time({"load": time.perf_counter() - t0})
        stats.articles[res.outcome] += 1
        stats.mentions += res.mentions
        stats.statements += res.statements
    return stats


def process_batch(url: str, articles: Sequence[SourceArticle], *, run_id: int | None, version: str) -> RunStats:
    """Extract and load a batch in this process."""
    return load_results(url, extract_batch(articles), run_id=run_id, version=version)


# --------------------------------------------------------------------------- reading in batches


@dataclass
class Batch:
    """Articles that need work, plus what reading already decided (failures, unchanged)."""

    articles: list[SourceArticle] = field(default_factory=list)
    stats: RunStats = field(default_factory=RunStats)


def iter_batches(paths: Sequence[str | Path], url: str, *, batch_size: int, version: str,
                 max_chars: int = 1_000_000, max_bytes: int = 512 << 20, force: bool = False,
                 seen: set[str] | None = None) -> Iterator[Batch]:
    """Read sources and group them into batches, dropping articles already loaded unchanged.

    ``seen`` collects the source_uri of every article read (to find deleted sources afterwards).
    """
    from etl.load import known_versions

    pending: list[SourceArticle] = []
    stats = RunStats()
    seen_files: set[str] = set()
    read_time = 0.0

    def flush() -> Batch:
        nonlocal pending, stats, read_time
        known = {} if force else known_versions(url, [a.source_uri for a in pending])
        batch = Batch(stats=stats)
        for a in pending:
            if known.get(a.source_uri) == (a.content_hash, version):
                batch.stats.articles["unchanged"] += 1
            else:
                batch.articles.append(a)
        batch.stats.add_time({"read": read_time})
        pending, stats, read_time = [], RunStats(), 0.0
        return batch

    t0 = time.perf_counter()
    seen_uris: set[str] = seen if seen is not None else set()
    for item in read_paths(paths, max_chars=max_chars, max_bytes=max_bytes):
        file_uri = item.source_uri.split("#", 1)[0]
        if file_uri not in seen_files:
            seen_files.add(file_uri)
            stats.files += 1
        if isinstance(item, SourceFailure):
            stats.failures.append(item)
            if item.stage != "discover":
                stats.articles["failed"] += 1
        elif item.source_uri in seen_uris:
            stats.failures.append(SourceFailure(item.source_uri, "read", "duplicate record id in the same run"))
            stats.articles["failed"] += 1
        else:
            seen_uris.add(item.source_uri)
            pending.append(item)
        if len(pending) >= batch_size:
            read_time += time.perf_counter() - t0
            yield flush()
            t0 = time.perf_counter()
    read_time += time.perf_counter() - t0
    if pending or stats.files or stats.failures:
        yield flush()


def deleted_sources(url: str, paths: Sequence[str | Path], seen: set[str]) -> list[str]:
    """Stored articles under ``paths`` that this run did not find: reported, never dropped."""
    from etl.load import stored_sources_under

    roots = [str(p) for p in paths if Path(p).is_dir() or Path(p).is_file()]
    gone_roots = [str(p) for p in paths if not Path(p).exists()]
    stored = stored_sources_under(url, roots + gone_roots)
    return sorted(stored - seen)


def drive(batches: Iterable[Batch], total: RunStats, *, submit: Callable[[list[SourceArticle]], F],
          finish: Callable[[F], RunStats], limit: int) -> RunStats:
    """Feed batches to ``submit`` with at most ``limit`` in flight; ``finish`` turns each into stats.

    Bounding the work in flight keeps memory flat whatever the corpus size.
    """
    in_flight: deque[F] = deque()
    for batch in batches:
        total.merge(batch.stats)
        if batch.articles:
            in_flight.append(submit(batch.articles))
        while len(in_flight) >= limit:
            total.merge(finish(in_flight.popleft()))
    while in_flight:
        total.merge(finish(in_flight.popleft()))
    return total


# --------------------------------------------------------------------------- worker processes

_POOL: ProcessPoolExecutor | None = None


@contextmanager
def worker_pool(workers: int) -> Iterator[ProcessPoolExecutor | None]:
    """A pool of ``workers`` extraction processes (None for one worker), shared by this process's tasks.

    Workers come from a fork server that has already imported the pipeline, so they start in well
    under a second and do not carry the parent's threads, connections or Prefect client.
    """
    global _POOL
    if workers <= 1:
        yield None
        return
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["etl.pipeline"])
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=warm_up) as pool:
        previous, _POOL = _POOL, pool
        try:
            yield pool
        finally:
            _POOL = previous


def extract_in_pool(articles: Sequence[SourceArticle]) -> list[Extraction | SourceFailure]:
    """``extract_batch`` in the shared worker pool when one is open, else here."""
    if _POOL is None:
        return extract_batch(articles)
    return _POOL.submit(extract_batch, articles).result()


def process_in_pool(url: str, articles: Sequence[SourceArticle], *, run_id: int | None,
                    version: str) -> RunStats:
    """``process_batch`` (extract and load) in the shared worker pool when one is open, else here."""
    if _POOL is None:
        return process_batch(url, articles, run_id=run_id, version=version)
    return _POOL.submit(_process_batch_kw, url, articles, run_id, version).result()


def _process_batch_kw(url: str, articles: Sequence[SourceArticle], run_id: int | None, version: str) -> RunStats:
    return process_batch(url, articles, run_id=run_id, version=version)


def run_direct(paths: Sequence[str | Path], url: str, *, batch_size: int = 200, force: bool = False,
               workers: int = 1) -> RunStats:
    """The whole pipeline without Prefect: what the flow does, as plain calls (benchmarks compare them).

    With ``workers`` > 1, extraction runs in a process pool; loading stays in this process on SQLite
    (one writer) and moves to the workers on PostgreSQL, as in the flow.
    """
    from etl.load import get_engine, is_sqlite

    version = pipeline_version()
    total = RunStats()
    batches = iter_batches(paths, url, batch_size=batch_size, version=version, force=force)
    if workers <= 1:
        return drive(batches, total, limit=1, finish=lambda stats: stats,
                     submit=lambda arts: process_batch(url, arts, run_id=None, version=version))
    single_writer = is_sqlite(get_engine(url))
    with worker_pool(workers) as pool:
        assert pool is not None
        if single_writer:
            return drive(batches, total, limit=2 * workers,
                         submit=lambda arts: pool.submit(extract_batch, arts),
                         finish=lambda fut: load_results(url, fut.result(), run_id=None, version=version))
        return drive(batches, total, limit=2 * workers,
                     submit=lambda arts: pool.submit(_process_batch_kw, url, arts, None, version),
                     finish=lambda fut: fut.result())
