"""Tagging speed of the CRF NER tagger on one core.

Usage: uv run python benchmarks/ner_speed.py [CONLL_FILE] [--model MODEL]

Two figures over the same sentences (default: ANERcorp test from ../shared):
  * tag():  the pipeline's entry point on raw text (normalize, tokenize, split, tag, map offsets),
            one sentence a line, fed as one document per 20 sentences (an article-sized chunk);
  * words:  ``NerModel.tag_words`` on pre-tokenized normalized sentences.
Each is timed on a cold feature cache (fresh model load) and then once more warm, ``--repeat`` times
(default 5); the median and the best run are printed, since one run on a shared host moves by 30 %.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from etl.extract.ner import NerModel, load_model
from etl.ner_training import open_model, read_conll
from etl.normalize import normalize

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "anercorp" / "ANERCorp_CamelLabStyle_test.txt"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--model", type=Path, default=None)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    sents = read_conll(args.corpus)
    n_sent = len(sents)
    n_tok = sum(len(s.words) for s in sents)
    docs = ["\n".join(" ".join(s.words) for s in sents[i : i + 20]) for i in range(0, n_sent, 20)]
    print(f"{args.corpus.name}: {n_sent} sentences, {n_tok} tokens")

    def fresh() -> NerModel:
        return open_model(args.model) if args.model else load_model.__wrapped__(None)

    def run_tag(model: NerModel) -> None:
        for doc in docs:
            model.tag(normalize(doc))

    def run_words(model: NerModel) -> None:
        for s in sents:
            model.tag_words(s.words)

    for name, run in (("tag()", run_tag), ("words", run_words)):
        for label in ("cold", "warm"):
            rates = []
            for _ in range(args.repeat):
                model = fresh()
                if label == "warm":
                    run_words(model)
                t0 = time.perf_counter()
                run(model)
                rates.append(n_sent / (time.perf_counter() - t0))
            med = statistics.median(rates)
            print(
                f"{name:6} {label}: {med:8.0f} sentences/s {med * n_tok / n_sent:9.0f} tokens/s"
                f"   (median of {args.repeat}; best {max(rates):.0f})"
            )


if __name__ == "__main__":
    main()
