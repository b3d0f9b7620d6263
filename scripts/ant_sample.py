#!/usr/bin/env python3
"""Write ANT articles as seed-layout text files (title, blank line, paragraphs), for hand annotation
with ../shared/eval/ANNOTATION-GUIDE.md and scoring with ../shared/eval/score.py.

The articles of docs/quality.md are rebuilt with their ids:

    python3 scripts/ant_sample.py --ant ../shared/data/ant/ant-v2.1.jsonl.gz --out /tmp/devset \\
        --ids AL-internationalNews-1753-20180624 AL-internationalNews-30-20180217 ...

or a new sample is drawn (quoting articles of 150-420 words, after the first 2,000 lines, which
development reads in bulk; a fixed seed, the same number from each outlet):

    python3 scripts/ant_sample.py --ant ../shared/data/ant/ant-v2.1.jsonl.gz --out /tmp/devset \\
        --per-outlet 3 --seed 20261130

Nothing of ANT is stored in the repository: the files go to ``--out`` only.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import random
from pathlib import Path


def as_text(record: dict[str, str]) -> str:
    paragraphs = [p.strip() for p in record["text"].split("\n") if p.strip()]
    return record["title"].strip() + "\n\n" + "\n\n".join(paragraphs) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ant", type=Path, required=True, help="ant-v2.1.jsonl.gz")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--ids", nargs="*", default=[], help="article ids to write")
    ap.add_argument("--per-outlet", type=int, default=0, help="draw this many quoting articles per outlet")
    ap.add_argument("--seed", type=int, default=20261130)
    ap.add_argument("--skip", type=int, default=2000, help="leading lines never drawn from")
    a = ap.parse_args()
    quoting: set[str] = set()
    manifest = a.ant.parent / "MANIFEST.tsv"
    if a.per_outlet and manifest.exists():
        with manifest.open(encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                if row["has_quote_and_reporting_verb"] == "1" and 150 <= int(row["n_words"]) <= 420:
                    quoting.add(Path(row["path"]).stem)
    wanted = set(a.ids)
    by_outlet: dict[str, list[dict[str, str]]] = {}
    picked: list[dict[str, str]] = []
    with gzip.open(a.ant, "rt", encoding="utf-8") as f:
        for n, line in enumerate(f):
            record = json.loads(line)
            if record["id"] in wanted:
                picked.append(record)
            elif a.per_outlet and n >= a.skip and record["id"] in quoting:
                by_outlet.setdefault(record["source"], []).append(record)
    rng = random.Random(a.seed)
    for outlet in sorted(by_outlet):
        picked += rng.sample(by_outlet[outlet], min(a.per_outlet, len(by_outlet[outlet])))
    a.out.mkdir(parents=True, exist_ok=True)
    for record in picked:
        (a.out / f"{record['id']}.txt").write_text(as_text(record), encoding="utf-8")
        print(record["id"])
    missing = wanted - {r["id"] for r in picked}
    if missing:
        print(f"not in {a.ant}: {' '.join(sorted(missing))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
