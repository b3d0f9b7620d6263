"""``etl ner``: train, evaluate and build word clusters for the CRF tagger (mounted by etl.cli)."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Annotated

import typer

from etl.errors import EtlError
from etl.extract.ner import default_model_path
from etl.ner_training import (
    DEFAULT_SEED,
    DOC_SENTENCES,
    TrainParams,
    build_clusters,
    evaluate,
    format_scores,
    open_model,
    scores_json,
    train,
)

ner_app = typer.Typer(help="Train and evaluate the statistical NER tagger.", no_args_is_help=True)

DEFAULT_CLUSTERS = default_model_path().parent / "clusters.tsv"
DEFAULT_FOLD_CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "etl" / "ner"


def _fail(err: EtlError) -> None:
    typer.echo(f"error: {err}", err=True)
    raise typer.Exit(1)


@ner_app.command("train")
def train_cmd(
    corpus: Annotated[Path, typer.Option(exists=True, dir_okay=False, help="CoNLL training file")],
    out: Annotated[Path, typer.Option(help="model file to write (NAME.crfsuite; NAME.json beside it)")],
    clusters: Annotated[
        Path | None, typer.Option(help="word cluster file from `etl ner clusters` ('' for none)")
    ] = DEFAULT_CLUSTERS,
    c1: Annotated[float, typer.Option(help="L1 penalty")] = 0.05,
    c2: Annotated[float, typer.Option(help="L2 penalty")] = 0.05,
    max_iterations: Annotated[int, typer.Option()] = 200,
    holdout: Annotated[
        float, typer.Option(help="fraction at the END of the corpus kept out of training and scored as dev")
    ] = 0.0,
    seed: Annotated[int, typer.Option()] = DEFAULT_SEED,
    ant: Annotated[
        Path | None,
        typer.Option(help="unlabeled news (ANT jsonl.gz) for entity-rate features ('' for none)"),
    ] = None,
    ant_limit: Annotated[int | None, typer.Option(help="use only the first N articles of --ant")] = None,
    fold_c1: Annotated[float, typer.Option(help="L1 penalty of the two half models behind --ant")] = 0.05,
    fold_c2: Annotated[float, typer.Option(help="L2 penalty of the two half models behind --ant")] = 0.05,
    fold_cache: Annotated[
        Path | None,
        typer.Option(help="directory caching the half models' counts over --ant ('' for none)"),
    ] = DEFAULT_FOLD_CACHE,
) -> None:
    """Train the CRF on a CoNLL corpus (use --holdout 0.1 to choose settings, then retrain on all)."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    cpath = clusters if clusters and str(clusters) not in ("", ".") else None
    try:
        apath = ant if ant and str(ant) not in ("", ".") else None
        params = TrainParams(c1, c2, max_iterations, seed)
        folds = TrainParams(fold_c1, fold_c2, 200, seed)
        cache = fold_cache if fold_cache and str(fold_cache) not in ("", ".") else None
        result = train(corpus, out, cpath, params, holdout, apath, ant_limit, folds, cache)
    except EtlError as err:
        _fail(err)
        return
    typer.echo(f"model written to {out}")
    if "dev" in result:
        for line in format_scores(result["dev"]):
            typer.echo(line)


@ner_app.command("eval")
def eval_cmd(
    corpus: Annotated[Path, typer.Option(exists=True, dir_okay=False, help="CoNLL file to score")],
    model: Annotated[Path | None, typer.Option(help="model file (default: the shipped one)")] = None,
    limit_lines: Annotated[int | None, typer.Option(help="read only the first N lines")] = None,
    doc_sentences: Annotated[
        int, typer.Option(help="consecutive sentences scored as one document (name consistency)")
    ] = DOC_SENTENCES,
    record: Annotated[
        bool, typer.Option(help="store the scores in the model's JSON metadata under 'scores'")
    ] = False,
) -> None:
    """Exact-span precision, recall and F1 per type and micro-averaged."""
    path = model or default_model_path()
    try:
        m = open_model(path)
    except EtlError as err:
        _fail(err)
        return
    scores = evaluate(corpus, m, limit_lines, doc_sentences)
    if record:
        meta_file = path.with_suffix(".json")
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        meta.setdefault("scores", {})[corpus.name] = scores_json(scores)
        meta_file.write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for line in format_scores(scores):
        typer.echo(line)


@ner_app.command("clusters")
def clusters_cmd(
    corpus: Annotated[Path, typer.Option(exists=True, dir_okay=False, help="ANT jsonl(.gz)")],
    out: Annotated[Path, typer.Option(help="cluster file to write")] = DEFAULT_CLUSTERS,
    vocab_size: Annotated[int, typer.Option()] = 50_000,
    context_size: Annotated[int, typer.Option()] = 1_500,
    dims: Annotated[int, typer.Option()] = 128,
    ks: Annotated[str, typer.Option(help="comma-separated cluster counts, coarse to fine")] = "64,256,1024",
    seed: Annotated[int, typer.Option()] = DEFAULT_SEED,
    limit: Annotated[int | None, typer.Option(help="read only the first N articles")] = None,
) -> None:
    """Build distributional word clusters from unlabeled news text."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    k_list = [int(k) for k in ks.split(",") if k.strip()]
    info = build_clusters(corpus, out, vocab_size, context_size, dims, k_list, seed, limit)
    typer.echo(json.dumps(info))


if __name__ == "__main__":
    ner_app()
