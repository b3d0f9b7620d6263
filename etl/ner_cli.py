"""``etl ner``: train, evaluate and build word clusters for the CRF tagger (mounted by etl.cli)."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Annotated

import typer

from etl.errors import ConfigError, EtlError
from etl.extract.ner import FEATURE_VERSION, SUPPORTED_VERSIONS, default_model_path
from etl.ner_training import (
    DEFAULT_SEED,
    DOC_SENTENCES,
    TrainParams,
    TrainSetup,
    build_clusters,
    cross_validate,
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


ClustersOpt = Annotated[Path | None, typer.Option(help="word cluster file from `etl ner clusters` ('' for none)")]
C1Opt = Annotated[float, typer.Option(help="L1 penalty")]
C2Opt = Annotated[float, typer.Option(help="L2 penalty")]
AntOpt = Annotated[
    Path | None, typer.Option(help="unlabeled news (ANT jsonl.gz) for entity-rate features ('' for none)")
]
FoldCacheOpt = Annotated[
    Path | None, typer.Option(help="directory caching the half models' counts over --ant ('' for none)")
]
PossibleStatesOpt = Annotated[
    bool, typer.Option(help="weights for every (feature, label) pair, also labels a feature was never seen with")
]
FeatureVersionOpt = Annotated[int, typer.Option(help="feature set to build (an older one only to compare against)")]
MaxIterationsOpt = Annotated[int, typer.Option(help="L-BFGS iterations (as `etl ner cv` chose them)")]
SeedOpt = Annotated[int, typer.Option()]


def _path_or_none(p: Path | None) -> Path | None:
    """A path option given as '' means none."""
    return p if p and str(p) not in ("", ".") else None


def _setup(
    clusters: Path | None,
    c1: float,
    c2: float,
    max_iterations: int,
    seed: int,
    possible_states: bool,
    ant: Path | None,
    fold_cache: Path | None,
    feature_version: int,
    ant_limit: int | None = None,
    fold_params: TrainParams | None = None,
) -> TrainSetup:
    """The training inputs of `train` and `cv`, '' paths read as none; an unknown feature set fails here."""
    if feature_version not in SUPPORTED_VERSIONS:
        raise ConfigError(
            f"--feature-version {feature_version}: this code builds feature sets {sorted(SUPPORTED_VERSIONS)}",
            hint=f"use one of them; {FEATURE_VERSION} is the current one",
        )
    params = TrainParams(c1, c2, max_iterations, seed, possible_states)
    return TrainSetup(
        _path_or_none(clusters), params, _path_or_none(ant), ant_limit, fold_params, _path_or_none(fold_cache),
        feature_version,
    )


@ner_app.command("train")
def train_cmd(
    corpus: Annotated[Path, typer.Option(exists=True, dir_okay=False, help="CoNLL training file")],
    out: Annotated[Path, typer.Option(help="model file to write (NAME.crfsuite; NAME.json beside it)")],
    clusters: ClustersOpt = DEFAULT_CLUSTERS,
    c1: C1Opt = 0.05,
    c2: C2Opt = 0.05,
    max_iterations: MaxIterationsOpt = 100,
    holdout: Annotated[
        float, typer.Option(help="fraction at the END of the corpus kept out of training and scored as dev")
    ] = 0.0,
    seed: SeedOpt = DEFAULT_SEED,
    ant: AntOpt = None,
    ant_limit: Annotated[int | None, typer.Option(help="use only the first N articles of --ant")] = None,
    fold_c1: Annotated[float, typer.Option(help="L1 penalty of the two half models behind --ant")] = 0.05,
    fold_c2: Annotated[float, typer.Option(help="L2 penalty of the two half models behind --ant")] = 0.05,
    fold_cache: FoldCacheOpt = DEFAULT_FOLD_CACHE,
    feature_version: FeatureVersionOpt = FEATURE_VERSION,
    possible_states: PossibleStatesOpt = True,
) -> None:
    """Train the CRF on a CoNLL corpus (choose settings with `etl ner cv`, then train on all of it)."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        setup = _setup(clusters, c1, c2, max_iterations, seed, possible_states, ant, fold_cache, feature_version,
                       ant_limit, TrainParams(fold_c1, fold_c2, 200, seed))
        result = train(corpus, out, setup, holdout)
    except EtlError as err:
        _fail(err)
        return
    typer.echo(f"model written to {out}")
    if "dev" in result:
        for line in format_scores(result["dev"]):
            typer.echo(line)


@ner_app.command("cv")
def cv_cmd(
    corpus: Annotated[Path, typer.Option(exists=True, dir_okay=False, help="CoNLL training file")],
    work: Annotated[Path, typer.Option(help="directory for the fold corpora and models")],
    folds: Annotated[int, typer.Option(help="contiguous blocks, each held out once")] = 5,
    clusters: ClustersOpt = DEFAULT_CLUSTERS,
    c1: C1Opt = 0.05,
    c2: C2Opt = 0.05,
    max_iterations: MaxIterationsOpt = 100,
    seed: SeedOpt = DEFAULT_SEED,
    ant: AntOpt = None,
    fold_cache: FoldCacheOpt = DEFAULT_FOLD_CACHE,
    feature_version: FeatureVersionOpt = FEATURE_VERSION,
    possible_states: PossibleStatesOpt = True,
) -> None:
    """Cross-validate training settings on the training corpus (choose settings here, never on test)."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        setup = _setup(clusters, c1, c2, max_iterations, seed, possible_states, ant, fold_cache, feature_version)
        result = cross_validate(corpus, work, folds, setup)
    except EtlError as err:
        _fail(err)
        return
    per_fold = " ".join(f"{f['rules']['micro3'].f1:.3f}" for f in result["folds"])
    typer.echo(f"micro-3 per fold (rules on): {per_fold}")
    off = result["pooled"]["no rules"]
    typer.echo(f"pooled without the document rules: micro-4 {off['micro'].f1:.4f}  micro-3 {off['micro3'].f1:.4f}")
    typer.echo("pooled with the document rules:")
    for line in format_scores(result["pooled"]["rules"]):
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
    rules: Annotated[
        bool, typer.Option(help="apply the document rules after tagging (quoted titles, club names)")
    ] = True,
) -> None:
    """Exact-span precision, recall and F1 per type and micro-averaged."""
    path = model or default_model_path()
    try:
        m = open_model(path)
    except EtlError as err:
        _fail(err)
        return
    m.rules = rules
    scores = evaluate(corpus, m, limit_lines, doc_sentences)
    if record:
        meta_file = path.with_suffix(".json")
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        key = corpus.name
        if not rules or doc_sentences != DOC_SENTENCES:  # an ablation does not replace the main figure
            key += f" ({'' if rules else 'no rules, '}{doc_sentences}-sentence documents)"
        meta.setdefault("scores", {})[key] = scores_json(scores)
        meta_file.write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for line in format_scores(scores):
        typer.echo(line)


@ner_app.command("clusters")
def clusters_cmd(
    corpus: Annotated[Path, typer.Option(exists=True, dir_okay=False, help="ANT jsonl(.gz)")],
    out: Annotated[Path, typer.Option(help="cluster file to write")] = DEFAULT_CLUSTERS,
    vocab_size: Annotated[int, typer.Option()] = 50_000,
    context_size: Annotated[int, typer.Option(help="context words (stems) counted around each word")] = 3_000,
    dims: Annotated[int, typer.Option()] = 128,
    ks: Annotated[str, typer.Option(help="comma-separated cluster counts, coarse to fine")] = "64,256,1024",
    seed: Annotated[int, typer.Option()] = DEFAULT_SEED,
    limit: Annotated[int | None, typer.Option(help="read only the first N articles")] = None,
    context_stems: Annotated[
        bool, typer.Option(help="count context words clitic-stripped (والرئيس as رئيس)")
    ] = True,
) -> None:
    """Build distributional word clusters from unlabeled news text."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    k_list = [int(k) for k in ks.split(",") if k.strip()]
    info = build_clusters(corpus, out, vocab_size, context_size, dims, k_list, seed, limit, context_stems)
    typer.echo(json.dumps(info))


if __name__ == "__main__":
    ner_app()
