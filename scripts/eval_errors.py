#!/usr/bin/env python3
"""List what the shared scorer counts as errors, article by article: gold persons and organizations no
predicted name matches, predicted names no gold entity lists, gold statements no prediction overlaps,
statements found with another speaker, and predicted statements no gold statement takes.

For development sets only: reading a held-out set's errors makes it a development set.

    uv run etl run /tmp/batch5 --db sqlite:////tmp/b5.db
    python3 scripts/eval_errors.py --db /tmp/b5.db --scorer ../shared/eval/score.py /tmp/gold5 --kinds statements

It reuses the scorer's own matching (normalization, token overlap >= 0.5 both ways, speaker check), so
an error listed here is exactly one the summary line counts.
"""

from __future__ import annotations

import argparse
import importlib.util
import sqlite3
import sys
from pathlib import Path
from types import ModuleType

KINDS = ("persons", "organizations", "statements")


def load_scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("shared_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"{path}: not a Python file")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def entity_errors(sc: ModuleType, gold: dict, mentions: list[tuple], key: str, kind: str) -> list[str]:
    pred = {sc.norm(m[2]): m[2] for m in mentions if m[1] == kind and m[2]}
    used: set[str] = set()
    out = []
    for g in gold.get(key, []):
        hit = [p for p in pred if p in sc.names_of(g)]
        if hit:
            used |= set(hit)
        else:
            out.append(f"  MISS {kind}: {g['name']}  aliases={g.get('aliases', [])}")
    out += [f"  EXTRA {kind}: {pred[p]}" for p in pred if p not in used]
    return out


def statement_errors(sc: ModuleType, gold: dict, stmts: list[tuple]) -> list[str]:
    out = []
    taken: set[int] = set()
    for g in gold.get("statements", []):
        best, best_i = 0.0, None
        for i, s in enumerate(stmts):
            if i in taken:
                continue
            p, r = sc.overlap(s[3], g["content"])
            if p >= 0.5 and r >= 0.5 and p + r > best:
                best, best_i = p + r, i
        if best_i is None:
            out.append(f"  MISS statement [{g['speaker']} | {g.get('cue', '')}]: {g['content'][:120]}")
            continue
        taken.add(best_i)
        if not sc.speaker_ok(stmts[best_i][1], g, gold.get("persons", []), gold.get("organizations", [])):
            out.append(f"  SPEAKER got [{stmts[best_i][1]}] want [{g['speaker']}]: {g['content'][:90]}")
    out += [f"  EXTRA statement [{s[1]} | {s[2]}]: {s[3][:120]}" for i, s in enumerate(stmts) if i not in taken]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, required=True, help="SQLite file written by `etl run`")
    ap.add_argument("--scorer", type=Path, required=True, help="the shared score.py")
    ap.add_argument("--kinds", default=",".join(KINDS), help="comma-separated: " + ", ".join(KINDS))
    ap.add_argument("gold", nargs="+", help="gold files or directories")
    a = ap.parse_args()
    kinds = {k.strip() for k in a.kinds.split(",") if k.strip()}
    if not kinds <= set(KINDS):
        print(f"--kinds: unknown {sorted(kinds - set(KINDS))}", file=sys.stderr)
        return 2
    if not a.db.is_file():
        print(f"{a.db}: no such database", file=sys.stderr)
        return 2
    sc = load_scorer(a.scorer)
    con = sqlite3.connect(a.db)
    mentions = con.execute("select source_uri, entity_kind, canonical_name, surface from v_mentions").fetchall()
    stmts = con.execute("select source_uri, speaker_name, cue, content from v_statements").fetchall()
    for gold in sc.load_gold(a.gold):
        src = gold["source"]
        m = [r for r in mentions if Path(str(r[0]).split("#")[0]).name == src or str(r[0]).endswith("/" + src)]
        s = [r for r in stmts if Path(str(r[0]).split("#")[0]).name == src or str(r[0]).endswith("/" + src)]
        lines: list[str] = []
        if "persons" in kinds:
            lines += entity_errors(sc, gold, m, "persons", "person")
        if "organizations" in kinds:
            lines += entity_errors(sc, gold, m, "organizations", "organization")
        if "statements" in kinds:
            lines += statement_errors(sc, gold, s)
        if lines:
            print(src)
            print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
