"""Training, evaluation and cluster building for the CRF tagger in ``etl.extract.ner``.

Kept out of the extraction hot path: nothing here is imported by the pipeline. Evaluation uses exact
span matching with conlleval / seqeval (default mode) chunk semantics.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import re
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pycrfsuite

import etl.normalize as normalize_module
from etl.errors import ConfigError
from etl.extract.lexicons import RESOURCES, load_labeled, load_lexicon, read_rows
from etl.extract.ner import (
    FEATURE_SUMMARY,
    FEATURE_VERSION,
    LABELS,
    MODEL_NAME,
    PHRASES_VERSION,
    Clusters,
    EntityRates,
    Featurizer,
    NerModel,
    TrainPhrases,
    bio_spans,
    fold_final,
    meta_path,
    sentences,
    strip_clitics,
    tokenize_offsets,
    written_word,
)
from etl.normalize import normalize, normalize_key, normalize_token

logger = logging.getLogger(__name__)

DEFAULT_SEED = 20261129
CORE_TYPES = ("PERS", "ORG", "LOC")
ALL_TYPES = ("PERS", "ORG", "LOC", "MISC")
#: lexicons snapshotted into the model metadata as features (names under etl/resources, without .txt)
LEXICONS = ("titles", "org_heads", "given_names", "known_orgs")
COUNTRY_FILE = "country_names_ar.tsv"
RATES_FILE = "entity_rates.tsv"
PHRASES_FILE = "train_phrases.tsv"
ISO_FILE = "iso3166.tsv"
#: feature set of the two half models behind the entity rates: they only tag unlabeled text, and
#: keeping them fixed keeps the rates (an expensive pass over ANT) independent of later feature work
FOLD_FEATURE_VERSION = 5
#: inflections of a nationality-adjective stem (masc. sing. indefinite ending in ي)
_DEMONYM_FORMS = ("{}", "ال{}", "{}ه", "ال{}ه", "{}ون", "ال{}ون", "{}ين", "ال{}ين", "{}ات", "ال{}ات")


@dataclass(frozen=True, slots=True)
class Sentence:
    words: tuple[str, ...]
    labels: tuple[str, ...]


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _conll_blocks(path: Path, limit_lines: int | None = None) -> list[list[str]]:
    """The sentences of a CoNLL ``token TAG`` file as their raw lines (a blank line ends a sentence).

    Raw, so that a cross-validation fold file is the corpus re-ordered line for line.
    """
    out: list[list[str]] = []
    cur: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if limit_lines is not None and n >= limit_lines:
                break
            if len(line.split()) < 2:
                if cur:
                    out.append(cur)
                    cur = []
            else:
                cur.append(line.rstrip("\n"))
    if cur:
        out.append(cur)
    return out


def _word(raw: str) -> str:
    """A corpus token normalized, its final ى kept as written (``written_word``)."""
    doc = normalize(raw)
    return written_word(doc, 0, len(doc.text))


def _sentence(block: Sequence[str]) -> Sentence:
    parts = [line.split() for line in block]
    return Sentence(tuple(_word(p[0]) for p in parts), tuple(p[-1] for p in parts))


def read_conll(path: Path, limit_lines: int | None = None) -> list[Sentence]:
    """Sentences of a CoNLL ``token TAG`` file (blank lines between sentences), words normalized."""
    return [_sentence(b) for b in _conll_blocks(path, limit_lines)]


def snapshot_gazetteers() -> dict[str, list[str]]:
    """The lexicon entries used as features, frozen into the model's metadata.

    Lexicon files that are absent (or still empty) are skipped; the snapshot makes a trained model
    independent of later lexicon edits until it is retrained.
    """
    gaz: dict[str, list[str]] = {}
    for name in LEXICONS:
        if (RESOURCES / f"{name}.txt").is_file():
            labels = load_labeled(name)  # a title's modifiers (القدير) are no titles
            entries = sorted(e for e in load_lexicon(name) if e and labels.get(e) != "modifier")
            if entries:
                gaz[name] = entries
    countries: set[str] = set()
    demonyms: set[str] = set()
    if (RESOURCES / COUNTRY_FILE).is_file():
        for row in read_rows(COUNTRY_FILE):
            if len(row) < 3 or row[0] == "-":
                continue
            kind, form = row[1], normalize_key(row[2])
            if kind == "name":
                countries.add(form)
            elif kind == "demonym":
                demonyms.update(f.format(form) for f in _DEMONYM_FORMS)
            elif kind == "form":
                demonyms.add(form)
    if (RESOURCES / ISO_FILE).is_file():
        countries.update(normalize_key(row[4]) for row in read_rows(ISO_FILE) if len(row) >= 5 and row[4])
    if countries:
        gaz["country"] = sorted(c for c in countries if c)
    if demonyms:
        gaz["demonym"] = sorted(d for d in demonyms if d)
    return gaz


@dataclass(frozen=True, slots=True)
class TrainParams:
    c1: float = 0.05
    c2: float = 0.05
    max_iterations: int = 200
    seed: int = DEFAULT_SEED
    #: crfsuite's ``feature.possible_states``: a weight for every (attribute, label) pair, including
    #: labels the attribute was never seen with, so a feature can also argue *against* a label.
    #: Off by default (crfsuite's default, and what the entity-rate half models use); the final
    #: model turns it on (+0.004 micro-3 in cross-validation, docs/ner.md)
    possible_states: bool = False


def _trainer(params: TrainParams) -> pycrfsuite.Trainer:
    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.set_params(
        {
            "c1": params.c1,
            "c2": params.c2,
            "max_iterations": params.max_iterations,
            "feature.possible_transitions": True,
            "feature.possible_states": params.possible_states,
            # the generated (attribute, label) pairs have frequency 0: a minimum of 1 would drop them all
            "feature.minfreq": 0 if params.possible_states else 1,
        }
    )
    return trainer


def train_model(
    pairs: Sequence[tuple[Sentence, Featurizer]],
    out: Path,
    gazetteers: dict[str, list[str]],
    params: TrainParams,
    extra_meta: dict[str, Any],
    feature_version: int = FEATURE_VERSION,
) -> None:
    """Train a CRF on (sentence, featurizer) pairs and write ``out`` plus its JSON metadata.

    L-BFGS is deterministic given the data order; the seed is recorded (and fixes the cluster
    k-means), so the same corpus, resources and parameters give the same model.
    """
    trainer = _trainer(params)
    for s, fz in pairs:
        trainer.append(fz.features(s.words), list(s.labels))
    out.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    trainer.train(str(out))
    logger.info("trained %s in %.1fs", out, time.perf_counter() - t0)
    meta = {
        "feature_version": feature_version,
        "features": FEATURE_SUMMARY,
        "params": {
            "c1": params.c1,
            "c2": params.c2,
            "max_iterations": params.max_iterations,
            "possible_states": params.possible_states,
        },
        "seed": params.seed,
        "gazetteers": gazetteers,
        **extra_meta,
    }
    meta_path(out).write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def make_featurizer(
    clusters_path: Path | None,
    gazetteers: dict[str, list[str]],
    rates: EntityRates | None = None,
    version: int = FEATURE_VERSION,
    phrases: TrainPhrases | None = None,
) -> Featurizer:
    clusters = Clusters.read(clusters_path) if clusters_path is not None else None
    return Featurizer(clusters, {k: frozenset(v) for k, v in gazetteers.items()}, rates, version, phrases=phrases)


def _place_clusters(clusters_path: Path | None, out: Path) -> dict[str, Any]:
    """Copy the cluster file next to the model (a model directory is self-contained)."""
    if clusters_path is None:
        return {}
    target = out.parent / clusters_path.name
    out.parent.mkdir(parents=True, exist_ok=True)
    if target.resolve() != clusters_path.resolve():
        shutil.copyfile(clusters_path, target)
    return {"clusters": {"file": clusters_path.name, "sha256": sha256_file(clusters_path)}}


def _train_fold(
    sents: list[Sentence], out: Path, clusters_path: Path | None, gaz: dict[str, list[str]], params: TrainParams
) -> Path:
    """Worker: a plain model (no entity rates) used only to tag unlabeled text."""
    extra = _place_clusters(clusters_path, out)
    fz = make_featurizer(clusters_path, gaz, version=FOLD_FEATURE_VERSION)
    train_model([(s, fz) for s in sents], out, gaz, params, extra, FOLD_FEATURE_VERSION)
    return out


def _rate_counts(model_path: Path, ant: Path, limit: int | None) -> dict[str, list[int]]:
    """Worker: word -> [occurrences, PERS, ORG, LOC, MISC] over the unlabeled corpus."""
    model = open_model(model_path)
    index: dict[str, int] = {t: i + 1 for i, t in enumerate(LABELS)}
    counts: dict[str, list[int]] = {}
    for text in iter_ant_texts(ant, limit):
        all_words = [[text[a:b] for a, b in sent] for sent in sentences(text, tokenize_offsets(text))]
        for words, labels in zip(all_words, model.tag_many(all_words), strict=True):
            for w, lab in zip(words, labels, strict=True):
                c = counts.get(w)
                if c is None:
                    c = counts[w] = [0, 0, 0, 0, 0]
                c[0] += 1
                if lab != "O":
                    c[index[lab[2:]]] += 1
    return {w: c for w, c in counts.items() if c[0] >= 2}


@dataclass(frozen=True)
class FoldInputs:
    """What the two half models' counts over the unlabeled corpus depend on (their feature code is
    frozen at ``FOLD_FEATURE_VERSION``)."""

    train_sents: list[Sentence]
    clusters_path: Path | None
    gazetteers: dict[str, list[str]]
    params: TrainParams
    ant: Path
    ant_limit: int | None

    def cache_key(self) -> str:
        h = hashlib.sha256()
        for s in self.train_sents:
            h.update("\x1f".join(map(fold_final, s.words)).encode())  # what the half models' features see
            h.update("\x1e".join(s.labels).encode())
        key = {
            "sentences": h.hexdigest(),
            "clusters": sha256_file(self.clusters_path) if self.clusters_path else None,
            "gazetteers": self.gazetteers,
            "params": [self.params.c1, self.params.c2, self.params.max_iterations, self.params.seed]
            + ([True] if self.params.possible_states else []),  # keys of earlier caches stay valid
            "ant": sha256_file(self.ant),
            "ant_limit": self.ant_limit,
            "fold_feature_version": FOLD_FEATURE_VERSION,
            # how the unlabeled text is normalized and split into words (hashtag underscores, ...)
            "normalize": sha256_file(Path(normalize_module.__file__ or "")),
        }
        return hashlib.sha256(json.dumps(key, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:24]


def _entity_rates(
    inputs: FoldInputs, cache_dir: Path | None = None
) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    """Entity-rate counts from two half models (first / second half of the training sentences).

    Tagging the whole unlabeled corpus twice is most of a training run, and the half models do not
    change while the final model's features are tuned, so their counts are cached under ``cache_dir``.
    """
    cache_file = None
    if cache_dir is not None:
        cache_file = cache_dir / f"fold-counts-{inputs.cache_key()}.json.gz"
        if cache_file.exists():
            logger.info("entity-rate counts from cache %s", cache_file)
            with gzip.open(cache_file, "rt", encoding="utf-8") as fh:
                cached = json.load(fh)
            return cached[0], cached[1]
    a, b = _compute_entity_rates(inputs)
    if cache_file is not None:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache_file.with_suffix(".tmp")
        with gzip.open(tmp, "wt", encoding="utf-8") as fh:
            json.dump([a, b], fh, ensure_ascii=False)
        tmp.replace(cache_file)
    return a, b


def _compute_entity_rates(inputs: FoldInputs) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    half = len(inputs.train_sents) // 2
    folds = [inputs.train_sents[:half], inputs.train_sents[half:]]
    with tempfile.TemporaryDirectory() as tmp, ProcessPoolExecutor(max_workers=2) as pool:
        paths = [Path(tmp) / f"fold{i}" / "ner.crfsuite" for i in range(2)]
        models = list(pool.map(_train_fold, folds, paths, [inputs.clusters_path] * 2, [inputs.gazetteers] * 2,
                               [inputs.params] * 2))
        logger.info("fold models trained; tagging %s", inputs.ant.name)
        counts = list(pool.map(_rate_counts, models, [inputs.ant] * 2, [inputs.ant_limit] * 2))
    return counts[0], counts[1]


@dataclass(frozen=True, slots=True)
class TrainSetup:
    """Everything a training run depends on besides the corpus: resources, parameters, feature set."""

    clusters: Path | None
    params: TrainParams = TrainParams()
    #: unlabeled news (ANT jsonl.gz) for the entity-rate features, and how many of its articles
    ant: Path | None = None
    ant_limit: int | None = None
    #: regularization of the two half models behind the entity rates (kept apart from ``params``)
    fold_params: TrainParams | None = None
    #: where the half models' counts over ``ant`` are cached
    cache_dir: Path | None = None
    feature_version: int = FEATURE_VERSION


def train(corpus: Path, out: Path, setup: TrainSetup, holdout: float = 0.0) -> dict[str, Any]:
    """Train on ``corpus`` (minus its last ``holdout`` fraction, which is then scored as dev).

    With ``setup.ant`` (unlabeled news), two models trained on the halves of the training data tag
    it, and each half's sentences get entity-rate features counted by the model that did not see
    them; the shipped rates are the sum of both. ``fold_params`` (default: ``TrainParams()``)
    regularize the half models separately, so that tuning the final model's c1/c2 leaves the entity
    rates unchanged.
    """
    clusters_path, params, ant, ant_limit = setup.clusters, setup.params, setup.ant, setup.ant_limit
    feature_version = setup.feature_version
    fold_params = setup.fold_params or TrainParams(seed=params.seed)
    sents = read_conll(corpus)
    gaz = snapshot_gazetteers()
    n_train = len(sents) - round(len(sents) * holdout)
    train_sents, dev_sents = sents[:n_train], sents[n_train:]
    extra: dict[str, Any] = {
        "corpus": {"file": corpus.name, "sha256": sha256_file(corpus), "sentences": n_train},
        "holdout": holdout,
        **_place_clusters(clusters_path, out),
    }
    half = len(train_sents) // 2
    # phrases the training data labels as entities: each half's features from the other half
    phrases_a = phrases_b = None
    if feature_version >= PHRASES_VERSION:
        phrases_a = TrainPhrases.build((s.words, s.labels) for s in train_sents[half:])
        phrases_b = TrainPhrases.build((s.words, s.labels) for s in train_sents[:half])
        phrases_file = out.parent / PHRASES_FILE
        TrainPhrases.build((s.words, s.labels) for s in train_sents).write(phrases_file, corpus.name)
        extra["train_phrases"] = {
            "file": PHRASES_FILE,
            "sha256": sha256_file(phrases_file),
            "max_len": TrainPhrases.MAX_LEN,
            "min_share": TrainPhrases.MIN_SHARE,
        }
    if ant is None:
        fz_a = make_featurizer(clusters_path, gaz, version=feature_version, phrases=phrases_a)
        fz_b = make_featurizer(clusters_path, gaz, version=feature_version, phrases=phrases_b)
        pairs = [(s, fz_a if i < half else fz_b) for i, s in enumerate(train_sents)]
    else:
        counts_a, counts_b = _entity_rates(
            FoldInputs(train_sents, clusters_path, gaz, fold_params, ant, ant_limit), setup.cache_dir
        )
        fz_a = make_featurizer(clusters_path, gaz, EntityRates.from_counts(counts_b), feature_version, phrases_a)
        fz_b = make_featurizer(clusters_path, gaz, EntityRates.from_counts(counts_a), feature_version, phrases_b)
        pairs = [(s, fz_a if i < half else fz_b) for i, s in enumerate(train_sents)]
        rates_file = out.parent / RATES_FILE
        write_rates(rates_file, counts_a, counts_b, ant, ant_limit)
        extra["entity_rates"] = {
            "file": RATES_FILE,
            "sha256": sha256_file(rates_file),
            "source": {"file": ant.name, "sha256": sha256_file(ant), "articles": ant_limit or "all"},
            "fold_params": {
                "c1": fold_params.c1,
                "c2": fold_params.c2,
                "max_iterations": fold_params.max_iterations,
                "possible_states": fold_params.possible_states,
            },
            "fold_feature_version": FOLD_FEATURE_VERSION,
        }
    train_model(pairs, out, gaz, params, extra, feature_version)
    result: dict[str, Any] = {"model": str(out), "train_sentences": n_train}
    if dev_sents:
        model = open_model(out)
        result["dev"] = score(dev_sents, tag_corpus(model, dev_sents))
    return result


def write_rates(
    path: Path, a: dict[str, list[int]], b: dict[str, list[int]], ant: Path, limit: int | None
) -> None:
    """The shipped entity rates: both half models' counts summed, words seen at least 4 times."""
    total: dict[str, list[int]] = {}
    for counts in (a, b):
        for w, c in counts.items():
            t = total.setdefault(w, [0] * len(c))
            for i, n in enumerate(c):
                t[i] += n
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        fh.write(
            "# Entity rates for the NER tagger (etl/extract/ner.py), written by `etl ner train --ant`.\n"
            f"# How often two CRFs, each trained on one half of ANERcorp train, tagged each word of {ant.name}\n"
            f"# (ANT corpus v2.1, Chouigui, Ben Khiroun & Elayeb 2021; articles: {limit or 'all'}) as an\n"
            "# entity of each type; both models' counts summed. Words seen fewer than 4 times are left out.\n"
            "# Columns: word, occurrences, tagged PERS, ORG, LOC, MISC.\n"
        )
        for w in sorted(total, key=lambda k: (-total[k][0], k)):
            c = total[w]
            if c[0] >= 4:
                fh.write(w + "\t" + "\t".join(map(str, c)) + "\n")


def open_model(path: Path) -> NerModel:
    """Load a model fresh (no process cache: training rewrites files under the same name)."""
    from etl.extract.ner import load_model

    return load_model.__wrapped__(path)


# --- evaluation -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Prf:
    tp: int
    n_pred: int
    n_gold: int

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(gold: Sequence[Sentence], pred: Sequence[Sequence[str]]) -> dict[str, Prf]:
    """Exact-span P/R/F1 per type, micro over all four types and over PERS/ORG/LOC."""
    tp: Counter[str] = Counter()
    npred: Counter[str] = Counter()
    ngold: Counter[str] = Counter()
    for g, p in zip(gold, pred, strict=True):
        gs = set(bio_spans(g.labels))
        ps = set(bio_spans(p))
        for typ, _, _ in gs:
            ngold[typ] += 1
        for c in ps:
            npred[c[0]] += 1
            if c in gs:
                tp[c[0]] += 1
    out = {t: Prf(tp[t], npred[t], ngold[t]) for t in ALL_TYPES}
    for name, types in (("micro", ALL_TYPES), ("micro3", CORE_TYPES)):
        out[name] = Prf(
            sum(tp[t] for t in types), sum(npred[t] for t in types), sum(ngold[t] for t in types)
        )
    return out


#: ANERcorp keeps no article boundaries: runs of this many consecutive sentences (about one news
#: article) stand in for a document when scoring, since ``tag`` makes names consistent per document
DOC_SENTENCES = 20


def tag_corpus(model: NerModel, sents: Sequence[Sentence], doc_sentences: int = DOC_SENTENCES) -> list[list[str]]:
    out: list[list[str]] = []
    for a in range(0, len(sents), max(1, doc_sentences)):
        out.extend(model.tag_sentences(s.words for s in sents[a : a + max(1, doc_sentences)]))
    return out


def evaluate(
    corpus: Path, model: NerModel, limit_lines: int | None = None, doc_sentences: int = DOC_SENTENCES
) -> dict[str, Prf]:
    sents = read_conll(corpus, limit_lines)
    return score(sents, tag_corpus(model, sents, doc_sentences))


def _add(a: dict[str, Prf], b: dict[str, Prf]) -> dict[str, Prf]:
    """Counts of two score tables summed (pooled P/R/F1, not an average of F1s)."""
    out = dict(a)
    for k, v in b.items():
        w = out.get(k)
        out[k] = v if w is None else Prf(w.tp + v.tp, w.n_pred + v.n_pred, w.n_gold + v.n_gold)
    return out


def cross_validate(corpus: Path, work: Path, folds: int, setup: TrainSetup) -> dict[str, Any]:
    """K-fold cross-validation over contiguous blocks of ``corpus``, scores pooled over the blocks.

    One dev slice of a few hundred entities moves by +-0.01 between equally good settings, so choices
    are made on all of train instead: block k is held out from a model trained on the other blocks
    (with its own entity-rate half models: no text of block k reaches its model), and the pooled
    counts are reported with the document rules on and off.
    """
    blocks = _conll_blocks(corpus)
    if len(blocks) < folds or folds < 2:
        raise ConfigError(f"{corpus}: {len(blocks)} sentences cannot make {folds} folds", hint="use --folds 2 or more")
    n = len(blocks)
    bounds = [round(n * i / folds) for i in range(folds + 1)]
    pooled: dict[str, dict[str, Prf]] = {"rules": {}, "no rules": {}}
    per_fold: list[dict[str, dict[str, Prf]]] = []
    for k in range(folds):
        held = blocks[bounds[k] : bounds[k + 1]]
        rest = blocks[: bounds[k]] + blocks[bounds[k + 1] :]
        fold_dir = work / f"fold{k}"
        fold_dir.mkdir(parents=True, exist_ok=True)
        fold_corpus = fold_dir / corpus.name
        fold_corpus.write_text("\n\n".join("\n".join(s) for s in rest + held) + "\n", encoding="utf-8")
        model_path = fold_dir / MODEL_NAME
        train(fold_corpus, model_path, setup, len(held) / n)
        dev = [_sentence(b) for b in held]
        model = open_model(model_path)
        scores: dict[str, dict[str, Prf]] = {}
        for name, rules in (("rules", True), ("no rules", False)):
            model.rules = rules
            scores[name] = score(dev, tag_corpus(model, dev))
            pooled[name] = _add(pooled[name], scores[name])
        per_fold.append(scores)
        logger.info("fold %d/%d: micro-3 %.3f", k + 1, folds, scores["rules"]["micro3"].f1)
    return {"pooled": pooled, "folds": per_fold}


def format_scores(scores: dict[str, Prf]) -> list[str]:
    """Report lines; the last one is exactly ``micro F1=0.xxx (PERS/ORG/LOC)``."""
    lines = [f"{'type':<8}{'prec':>8}{'rec':>8}{'F1':>8}{'gold':>7}{'pred':>7}"]
    for t in ALL_TYPES:
        s = scores[t]
        lines.append(
            f"{t:<8}{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}{s.n_gold:>7}{s.n_pred:>7}"
        )
    for name, label in (("micro", "micro-4"), ("micro3", "micro-3")):
        s = scores[name]
        lines.append(
            f"{label:<8}{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}{s.n_gold:>7}{s.n_pred:>7}"
        )
    lines.append(f"micro F1={scores['micro'].f1:.3f} (PERS/ORG/LOC/MISC)")
    lines.append(f"micro F1={scores['micro3'].f1:.3f} (PERS/ORG/LOC)")
    return lines


def scores_json(scores: dict[str, Prf]) -> dict[str, dict[str, float]]:
    return {
        k: {"precision": round(v.precision, 4), "recall": round(v.recall, 4), "f1": round(v.f1, 4)}
        for k, v in scores.items()
    }


# --- word clusters from unlabeled text --------------------------------------------------------

_WORD_RE = re.compile(r"\w+|[^\w\s]")


def iter_ant_texts(path: Path, limit: int | None = None) -> Iterator[str]:
    """Title and body of each article in an ANT-style jsonl(.gz) file, normalized."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if limit is not None and n >= limit:
                break
            rec = json.loads(line)
            yield normalize_token((rec.get("title") or "") + "\n" + (rec.get("text") or ""))


def _randomized_svd(m: np.ndarray, k: int, rng: np.random.Generator, n_iter: int = 3) -> np.ndarray:
    """Left singular vectors scaled by sqrt(singular values), via randomized range finding."""
    omega = rng.standard_normal((m.shape[1], k + 20)).astype(np.float32)
    y = m @ omega
    for _ in range(n_iter):
        y, _ = np.linalg.qr(y)
        y = m @ (m.T @ y)
    q, _ = np.linalg.qr(y)
    b = q.T @ m
    ub, s, _ = np.linalg.svd(b, full_matrices=False)
    u = q @ ub[:, :k]
    return (u * np.sqrt(s[:k])).astype(np.float32)


def kmeans(x: np.ndarray, k: int, rng: np.random.Generator, iters: int = 25) -> np.ndarray:
    """Spherical k-means (cosine) with k-means++ seeding on a sample; returns labels."""
    n = x.shape[0]
    sample = x[rng.choice(n, size=min(n, 20 * k), replace=False)]
    centers = np.empty((k, x.shape[1]), dtype=np.float32)
    centers[0] = sample[rng.integers(len(sample))]
    d = 1.0 - sample @ centers[0]
    for i in range(1, k):
        p = np.maximum(d, 0) ** 2
        idx = rng.choice(len(sample), p=p / p.sum()) if p.sum() > 0 else rng.integers(len(sample))
        centers[i] = sample[idx]
        d = np.minimum(d, 1.0 - sample @ centers[i])
    labels = np.zeros(n, dtype=np.int64)
    for it in range(iters):
        sims = x @ centers.T
        new = sims.argmax(axis=1)
        if it and np.array_equal(new, labels):
            break
        labels = new
        for c in range(k):
            members = x[labels == c]
            if len(members):
                v = members.sum(axis=0)
                centers[c] = v / (np.linalg.norm(v) or 1.0)
            else:
                centers[c] = x[rng.integers(n)]
    return labels


def context_columns(counts: Counter[str], size: int, stems: bool = True) -> dict[str, int]:
    """Word -> context column: the ``size`` most frequent words, or with ``stems`` the most frequent
    clitic-stripped forms, every surface form of a stem sharing its column."""
    if not stems:
        return {w: i for i, (w, _) in enumerate(counts.most_common(size))}
    stem_counts: Counter[str] = Counter()
    for w, n in counts.items():
        stem_counts[strip_clitics(w)[1]] += n
    col = {w: i for i, (w, _) in enumerate(stem_counts.most_common(size))}
    return {w: col[st] for w in counts if (st := strip_clitics(w)[1]) in col}


def build_clusters(
    corpus: Path,
    out: Path,
    vocab_size: int = 50_000,
    context_size: int = 3_000,
    dims: int = 128,
    ks: Sequence[int] = (64, 256, 1024),
    seed: int = DEFAULT_SEED,
    limit: int | None = None,
    context_stems: bool = True,
) -> dict[str, Any]:
    """Distributional word clusters: PPMI of +-2 positional contexts, randomized SVD, k-means.

    Words are the corpus's normalized surface tokens; the tagger falls back to clitic-stripped forms
    for words the file does not list. With ``context_stems`` the context words are clitic-stripped
    ("والرئيس" counts as "رئيس"), which pools the evidence Arabic's attached و/ب/ل/ال spread over
    many surface forms (cross-validated on ANERcorp train: docs/ner.md, "Tuning log").
    """
    t0 = time.perf_counter()
    rng = np.random.default_rng(seed)
    docs: list[list[str]] = []
    counts: Counter[str] = Counter()
    for text in iter_ant_texts(corpus, limit):
        toks = _WORD_RE.findall(text)
        counts.update(toks)
        docs.append(toks)
    n_tokens = sum(counts.values())
    logger.info("read %d docs, %d tokens in %.1fs", len(docs), n_tokens, time.perf_counter() - t0)
    ranked = [w for w, _ in counts.most_common()]
    vocab = ranked[:vocab_size]
    row_of = {w: i for i, w in enumerate(vocab)}
    col_of = context_columns(counts, context_size, context_stems)
    v, c = len(vocab), max(col_of.values(), default=-1) + 1
    n_pos = 4
    rows_l: list[np.ndarray] = []
    cols_l: list[np.ndarray] = []
    for toks in docs:
        r = np.fromiter((row_of.get(t, -1) for t in toks), dtype=np.int64, count=len(toks))
        k = np.fromiter((col_of.get(t, -1) for t in toks), dtype=np.int64, count=len(toks))
        for pi, d in enumerate((-2, -1, 1, 2)):
            if d < 0:
                rr, kk = r[-d:], k[:d]
            else:
                rr, kk = r[:-d], k[d:]
            ok = (rr >= 0) & (kk >= 0)
            rows_l.append(rr[ok])
            cols_l.append(pi * c + kk[ok])
    del docs
    codes = np.concatenate(rows_l) * (n_pos * c) + np.concatenate(cols_l)
    del rows_l, cols_l
    m = np.bincount(codes, minlength=v * n_pos * c).astype(np.float32).reshape(v, n_pos * c)
    del codes
    logger.info("co-occurrences counted in %.1fs", time.perf_counter() - t0)
    total = m.sum()
    row_sum = m.sum(axis=1, keepdims=True)
    col_sum = m.sum(axis=0, keepdims=True) ** 0.75  # context smoothing (Levy et al. 2015)
    col_p = col_sum / col_sum.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log((m / total) / ((row_sum / total) * col_p))
    pmi[~np.isfinite(pmi)] = 0.0
    np.maximum(pmi, 0.0, out=pmi)
    del m
    vecs = _randomized_svd(pmi.astype(np.float32), dims, rng)
    del pmi
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    vecs /= np.where(norms == 0, 1.0, norms)
    logger.info("SVD done in %.1fs", time.perf_counter() - t0)
    labels = [kmeans(vecs, k, rng) for k in ks]
    logger.info("k-means done in %.1fs", time.perf_counter() - t0)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        fh.write(
            "# Word clusters for the NER tagger (etl/extract/ner.py), built by `etl ner clusters`.\n"
            f"# Source: {corpus.name} (ANT corpus v2.1, Chouigui, Ben Khiroun & Elayeb 2021), "
            f"{len(counts)} types / {n_tokens} tokens, normalized with etl.normalize.\n"
            f"# Method: top {v} words x {n_pos}x{c} positional (+-2) context "
            f"{'stems (clitics stripped)' if context_stems else 'words'}, PPMI "
            f"(context alpha 0.75), randomized SVD to {dims} dims, spherical k-means "
            f"k={','.join(map(str, ks))}, seed {seed}.\n"
            "# Columns: word, corpus count, cluster id at each k (coarse to fine).\n"
        )
        fh.write("#columns\tword\tcount\t" + "\t".join(f"c{k}" for k in ks) + "\n")
        for i, w in enumerate(vocab):
            fh.write(w + "\t" + str(counts[w]) + "\t" + "\t".join(str(int(lab[i])) for lab in labels) + "\n")
    return {
        "file": str(out),
        "words": v,
        "tokens": n_tokens,
        "seconds": round(time.perf_counter() - t0, 1),
    }
