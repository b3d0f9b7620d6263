"""Ingest benchmark: the real Prefect flow over the first N articles of a JSON Lines corpus.

    uv run python benchmarks/ingest.py --corpus ../shared/data/ant/ant-v2.1.jsonl.gz --limit 3000
    uv run python benchmarks/ingest.py --corpus ... --limit 10000 --db postgresql+psycopg://postgres@127.0.0.1/bench

For each N it prints: articles/s and rows/s end to end, peak RSS (the pipeline's processes, not
Prefect's server), time per stage (read, normalize, extract, load; summed over workers), the re-run of
the unchanged corpus (speed-up, and whether any row changed), and the Prefect overhead: the flow's
wall time over the same library functions called directly (``etl.pipeline.run_direct``) on the same
input in the same process run, in wall time and in CPU seconds (``--pairs K`` alternates K flow and
direct runs and reports the medians). The database is emptied (schema downgraded and upgraded) before each
measured run. Prints figures only; asserts nothing.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import signal
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import psutil

import flows  # noqa: F401  - applies the project's Prefect defaults before Prefect is imported
from etl import load, pipeline
from etl.config import mask_url


class ProcSampler:
    """Peak memory and CPU seconds of this process plus its worker processes, and Prefect's server's CPU.

    Memory is summed as PSS (proportional set size): forked workers share pages with the fork server,
    and plain RSS would count each shared page once per process. CPU time (user + system) is the last
    reading of every process seen, so workers that exit during the run still count; time the shared
    host gives to others is not in it, so it drifts less than wall time (but a busy host still slows a
    process down: compare pairs of runs, ``--pairs``).
    """

    def __init__(self, server_pids: set[int], every: float = 0.2) -> None:
        self.server = server_pids
        self.every = every
        self.peak = 0
        self._cpu: dict[int, float] = {}
        self._start: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> ProcSampler:
        self._sample()  # CPU already spent by long-lived processes is not this run's
        self._start = dict(self._cpu)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()

    def cpu_s(self, server: bool = False) -> float:
        return sum(c - self._start.get(pid, 0.0) for pid, c in self._cpu.items() if (pid in self.server) == server)

    def _sample(self) -> int:
        me = psutil.Process()
        total = 0
        try:
            procs = [me, *me.children(recursive=True)]
        except psutil.Error:
            return 0
        for p in procs:
            try:
                t = p.cpu_times()
                self._cpu[p.pid] = t.user + t.system
                if p.pid not in self.server:
                    total += p.memory_full_info().pss
            except psutil.Error:
                pass
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            self._stop.wait(self.every)


def write_subset(corpus: Path, limit: int, out: Path) -> int:
    opener = gzip.open if corpus.suffix == ".gz" else open
    n = 0
    with opener(corpus, "rt", encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for line in src:
            if not line.strip():
                continue
            dst.write(line)
            n += 1
            if n >= limit:
                break
    return n


def reset(url: str) -> None:
    if load.current_revision(url) is not None:
        load.downgrade(url, "base")
    load.upgrade(url)


def data_rows(url: str) -> dict[str, int]:
    return {k: v for k, v in load.table_counts(url).items() if k not in ("runs", "countries", "ingest_errors")}


def start_prefect_server() -> tuple[Any, set[int]]:
    """Start Prefect's local server once, outside the timings (as a long-running deployment would)."""
    if os.environ.get("PREFECT_API_URL"):
        return None, set()
    from prefect.server.api.server import SubprocessASGIServer

    before = {p.pid for p in psutil.Process().children(recursive=True)}
    server = SubprocessASGIServer()
    server.start(timeout=300)
    os.environ["PREFECT_API_URL"] = server.api_url
    after = {p.pid for p in psutil.Process().children(recursive=True)}
    return server, after - before


def measure(fn: Any, server_pids: set[int]) -> tuple[float, ProcSampler, Any]:
    with ProcSampler(server_pids) as sampler:
        t0 = time.perf_counter()
        result = fn()
        wall = time.perf_counter() - t0
    return wall, sampler, result


def run_one(n_wanted: int, corpus: Path, url: str, workers: int, batch_size: int, direct: bool,
            server_pids: set[int], pairs: int = 1) -> dict[str, Any]:
    from flows.ingest import configured

    flow = configured(workers)
    with tempfile.TemporaryDirectory() as tmp:
        subset = Path(tmp) / f"ant-first-{n_wanted}.jsonl"
        n = write_subset(corpus, n_wanted, subset)
        paths = [str(subset)]

        reset(url)
        wall, used, summary = measure(lambda: flow(paths, database_url=url, batch_size=batch_size,
                                                   workers=workers), server_pids)
        rows = data_rows(url)
        rerun_wall, _, rerun = measure(lambda: flow(paths, database_url=url, batch_size=batch_size,
                                                    workers=workers), server_pids)
        unchanged = data_rows(url) == rows
        out: dict[str, Any] = {
            "articles": n,
            "loaded": summary["counts"]["articles_new"],
            "failed": summary["counts"]["articles_failed"],
            "wall_s": wall,
            "articles_per_s": n / wall,
            "rows": sum(rows.values()),
            "rows_per_s": sum(rows.values()) / wall,
            "peak_rss_mb": used.peak / 2**20,  # PSS, see ProcSampler
            "cpu_s": used.cpu_s(),
            "server_cpu_s": used.cpu_s(server=True),
            "stages_s": {k: summary["timings"].get(k, 0.0) for k in ("read", "normalize", "extract", "load")},
            "rerun_s": rerun_wall,
            "rerun_speedup": wall / rerun_wall,
            "rerun_unchanged": rerun["counts"]["articles_unchanged"],
            "rerun_rows_changed": not unchanged,
        }
        if direct:
            # flow and direct runs alternate, each pair close in time, so that the host's drifting
            # speed hits both sides of a ratio alike; the median over pairs is reported
            walls, cpus = [], []
            fwall, fcpu = wall, out["cpu_s"] + out["server_cpu_s"]
            for k in range(pairs):
                if k:
                    reset(url)
                    fwall, again, _ = measure(lambda: flow(paths, database_url=url, batch_size=batch_size,
                                                           workers=workers), server_pids)
                    fcpu = again.cpu_s() + again.cpu_s(server=True)
                reset(url)
                dwall, dused, _ = measure(lambda: pipeline.run_direct(paths, url, batch_size=batch_size,
                                                                      workers=workers), server_pids)
                dcpu = dused.cpu_s() + dused.cpu_s(server=True)
                walls.append(fwall / dwall - 1)
                cpus.append(fcpu / dcpu - 1)
            out.update(direct_s=dwall, direct_peak_rss_mb=dused.peak / 2**20, direct_cpu_s=dcpu,
                       prefect_overhead=statistics.median(walls), prefect_cpu_overhead=statistics.median(cpus),
                       prefect_overhead_pairs=walls, prefect_cpu_overhead_pairs=cpus)
        return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, required=True, help="JSON Lines corpus, optionally .gz")
    ap.add_argument("--limit", type=int, nargs="+", default=[1000], help="first N articles (several: scaling)")
    ap.add_argument("--db", default=None, help="database URL (default: a fresh SQLite file in a temp dir)")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=200)
    ap.add_argument("--no-direct", action="store_true", help="skip the Prefect-free comparison run")
    ap.add_argument("--direct-max", type=int, default=None,
                    help="run the Prefect-free comparison only for N up to this (it doubles the time)")
    ap.add_argument("--pairs", type=int, default=1,
                    help="flow / direct run pairs for the Prefect overhead (median reported; the host's speed drifts)")
    ap.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    a = ap.parse_args()

    # a terminated benchmark still stops the Prefect server it started (the finally below)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    tmpdir = tempfile.mkdtemp(prefix="etl-bench-")
    url = a.db or f"sqlite:///{tmpdir}/bench.db"
    t0 = time.perf_counter()
    server, server_pids = start_prefect_server()
    print(f"machine: {os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB; "
          f"database {mask_url(url)}; workers {a.workers}; "
          f"batch {a.batch_size}; Prefect server start {time.perf_counter() - t0:.1f}s (not counted)")
    results = []
    try:
        for n in a.limit:
            direct = not a.no_direct and (a.direct_max is None or n <= a.direct_max)
            r = run_one(n, a.corpus, url, a.workers, a.batch_size, direct, server_pids, a.pairs)
            results.append(r)
            st = r["stages_s"]
            print(f"N={r['articles']}: {r['articles_per_s']:.1f} articles/s, {r['rows_per_s']:.0f} rows/s "
                  f"({r['rows']} rows, {r['loaded']} loaded, {r['failed']} failed) in {r['wall_s']:.1f}s; "
                  f"peak memory {r['peak_rss_mb']:.0f} MB (PSS)")
            print(f"  CPU: {r['cpu_s']:.0f}s in the pipeline's processes ({1000 * r['cpu_s'] / r['articles']:.1f} ms "
                  f"an article), {r['server_cpu_s']:.0f}s in Prefect's server")
            print(f"  stages: read {st['read']:.1f}s, normalize {st['normalize']:.1f}s, "
                  f"extract {st['extract']:.1f}s, load {st['load']:.1f}s")
            print(f"  re-run unchanged: {r['rerun_s']:.1f}s = {r['rerun_speedup']:.0f}x faster, "
                  f"{r['rerun_unchanged']} unchanged, rows changed: {r['rerun_rows_changed']}")
            if "direct_s" in r:
                print(f"  direct (no Prefect): {r['direct_s']:.1f}s; Prefect overhead "
                      f"{100 * r['prefect_overhead']:+.1f}% in wall time, "
                      f"{100 * r['prefect_cpu_overhead']:+.1f}% in CPU time ({r['direct_cpu_s']:.0f}s direct)")
                if len(r["prefect_overhead_pairs"]) > 1:
                    each = [", ".join(f"{100 * x:+.1f}%" for x in r[key])
                            for key in ("prefect_overhead_pairs", "prefect_cpu_overhead_pairs")]
                    print(f"  (medians; each pair: wall {each[0]}; CPU {each[1]})")
        if len(results) > 1:
            first, last = results[0], results[-1]
            print(f"scaling {first['articles']} -> {last['articles']}: articles/s ratio "
                  f"{last['articles_per_s'] / first['articles_per_s']:.2f}, peak RSS ratio "
                  f"{last['peak_rss_mb'] / first['peak_rss_mb']:.2f}")
            print(f"median articles/s over runs: {statistics.median(r['articles_per_s'] for r in results):.1f}")
    finally:
        if server is not None:
            server.stop()
    if a.json:
        a.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
