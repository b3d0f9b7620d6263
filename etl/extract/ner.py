"""A fast statistical Arabic named-entity tagger (linear-chain CRF, python-crfsuite).

camel-tools' own NER needs a 540 MB BERT model; this tagger is a CRF over cheap, cached per-word
features (clitic-stripped forms, affixes, the project's lexicons and word clusters learned from the
unlabeled ANT corpus) and tags thousands of sentences a second on one core. ``etl ner train`` builds the
model (see ``etl.ner_training`` and docs/ner.md).

A model is two files side by side: ``NAME.crfsuite`` (the CRF) and ``NAME.json`` (metadata: feature set
version, the cluster file it was trained with, and a snapshot of the lexicon entries used as features,
so that later edits of the lexicons cannot silently change a trained model's input).
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import as_file, files
from itertools import repeat
from pathlib import Path
from typing import Any, ClassVar, Literal, cast

import numpy as np
import pycrfsuite

from etl.errors import ModelError
from etl.extract.lexicons import (
    FOREIGN_PARTICLES,
    NAME_PARTICLES,
    conjoined_function_word,
    load_labeled,
    load_lexicon,
)
from etl.normalize import NormalizedText

__all__ = [
    "FEATURE_VERSION",
    "LABELS",
    "Featurizer",
    "NerModel",
    "NerSpan",
    "bio_spans",
    "default_model_path",
    "load_model",
    "sentences",
    "strip_clitics",
    "tag",
    "tokenize_offsets",
]

logger = logging.getLogger(__name__)

NerLabel = Literal["PERS", "ORG", "LOC", "MISC"]
LABELS: tuple[NerLabel, ...] = ("PERS", "ORG", "LOC", "MISC")
#: bump whenever ``Featurizer`` output changes: a model only fits the feature set it was trained on
FEATURE_VERSION = 8
#: feature sets this code can still build (older shipped models keep loading)
SUPPORTED_VERSIONS = frozenset({5, 6, 7, 8, 9})
#: recorded in each model's metadata next to ``FEATURE_VERSION``
FEATURE_SUMMARY = (
    "word, clitic-stripped stem and proclitics, 2-3 letter prefixes/suffixes, shape, length, lexicon "
    "membership (single and multi-word), ANT cluster ids (3 granularities), ANT entity rates; "
    "for -2..+2: word, cluster ids, lexicon flags (+ stem, rates at +-1); word bigrams with +-1; "
    "v6: clusters of the clitic-stripped stem at -1..+1, cluster bigrams with +-1, inside parentheses, "
    "distance to a preceding organization head word; v7: entity rates of the stem pooled over its "
    "clitic forms; v8: a word-final alef maksura kept as written in the word's own features (على is not "
    "the name علي), its normalized form seen from the neighbours and in bigrams; v9: the longest phrase "
    "(up to 6 words) that the training data labels as an entity at least half the times it occurs, as "
    "begin/inside flags of its majority type (cross-fitted: each half of the training data sees the other's)"
)
MODEL_NAME = "ner.crfsuite"

#: words (letters/digits, with inner apostrophes or hyphens kept out) and single punctuation marks
_TOKEN_RE = re.compile(r"\w+|[^\w\s]")
#: sentence ends: . ! ? ؟ (and newlines, handled by the tokenizer loop)
_SENT_END = frozenset(".!?؟")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
_ARABIC_WORD = re.compile(_ARABIC_LETTER.pattern + "+")
_LATIN = re.compile(r"[a-z]")

#: proclitics in the order they attach: conjunction, then preposition, then the article
_CONJ = "وف"
_PREP = "بلك"
#: one-letter proclitics removed from the start of a span tagged as a whole token ("وحفتر")
_SPAN_CLITICS = "وفبلك"


#: normalization folds a word-final alef maksura into ي, which makes the preposition على and the
#: name علي one word; from this feature set on, the tagger's words keep it as written (a kept teh
#: marbuta, ة, was tried too and gained nothing, docs/ner.md)
MAKSURA_VERSION = 8
_MAKSURA = "ى"
#: feature set 9 adds phrases labeled as entities in the training data (``TrainPhrases``): +0.003
#: micro-3 / micro-4 in cross-validation, but -0.001 on test and names lost on real news (docs/ner.md,
#: "Tenth session"), so the shipped model stays at set 8; `etl ner train --feature-version 9` builds it
PHRASES_VERSION = 9


def fold_final(word: str) -> str:
    """The normalized form of a tagger word (a final ى folded into ي, as normalization does)."""
    return word[:-1] + "ي" if word.endswith(_MAKSURA) else word


def tagger_word(normalized: str, original_last: str) -> str:
    """A normalized word with its final ى as written (``original_last``: the letter it came from)."""
    if original_last == _MAKSURA and normalized.endswith("ي"):
        return normalized[:-1] + _MAKSURA
    return normalized


def written_word(doc: NormalizedText, start: int, end: int) -> str:
    """The tagger's word for the normalized span [start, end): its final ى read from the original."""
    w = doc.text[start:end]
    if not w.endswith("ي"):
        return w
    return tagger_word(w, doc.original[doc.to_original(end - 1)])


@dataclass(frozen=True, slots=True)
class NerSpan:
    """A tagged entity; ``start``/``end`` index ``NormalizedText.original`` (end exclusive)."""

    label: NerLabel
    start: int
    end: int


def strip_clitics(word: str) -> tuple[str, str]:
    """Split a normalized word into (proclitics, stem), e.g. "وبالمدينه" -> ("وبال", "مدينه").

    Rule-based and deliberately greedy: the stem must keep at least two letters, and the same rule
    runs at training and tagging time, so over-stripping a word like "بريطانيا" is harmless as a feature.
    """
    i = 0
    n = len(word)
    if n - i > 3 and word[i] in _CONJ:
        i += 1
    if n - i > 3 and word[i] in _PREP:
        if word[i] == "ل" and word.startswith("ل", i + 1) and n - i > 4:
            # "لل" = ل + ال with the alef dropped
            return word[: i + 2], word[i + 2 :]
        i += 1
    if n - i > 3 and word.startswith("ال", i):
        i += 2
    return word[:i], word[i:]


@dataclass(slots=True)
class Clusters:
    """Word -> cluster ids at several granularities, plus corpus counts (for clitic decisions)."""

    names: tuple[str, ...]
    ids: dict[str, tuple[str, ...]]
    counts: dict[str, int]

    @classmethod
    def read(cls, path: Path) -> Clusters:
        names: tuple[str, ...] = ()
        ids: dict[str, tuple[str, ...]] = {}
        counts: dict[str, int] = {}
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("#"):
                    if line.startswith("#columns\t"):
                        names = tuple(line.rstrip("\n").split("\t")[3:])
                    continue
                parts = line.rstrip("\n").split("\t")
                if len(parts) < 3:
                    continue
                ids[parts[0]] = tuple(parts[2:])
                counts[parts[0]] = int(parts[1])
        if not names or not ids:
            raise ModelError(f"{path}: not a cluster file (no '#columns' header or no rows)")
        return cls(names, ids, counts)

    def lookup(self, word: str) -> tuple[str, ...] | None:
        """Cluster ids of ``word``, else of its least-stripped form that the corpus knows."""
        got = self.ids.get(word)
        if got is not None:
            return got
        i = 0
        n = len(word)
        while i < 3 and n - i > 2 and word[i] in _SPAN_CLITICS:
            i += 1
            got = self.ids.get(word[i:])
            if got is not None:
                return got
            if word.startswith("ل", i) and word[i - 1] == "ل":
                got = self.ids.get("ا" + word[i:])
                if got is not None:
                    return got
        pre, stem = strip_clitics(word)
        return self.ids.get(stem) if pre else None


@dataclass(slots=True)
class EntityRates:
    """How often the tagger labels a word as each entity type across a large unlabeled corpus.

    This spreads evidence between occurrences: a surname seen once here after a first name is tagged
    PERS in many other articles. The counts come from models trained on the other half of the labeled
    data (see ``etl.ner_training``), so training features are as noisy as at tagging time.
    """

    flags: dict[str, tuple[str, ...]]
    #: flags of the clitic-stripped stem, counts pooled over all its surface forms (feature set 7)
    stem_flags: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: words the corpus almost always names as persons (not a feature: the entity layer reads it)
    person_names: frozenset[str] = frozenset()
    #: frequent words the corpus almost never names as persons (بريكست، ميزان، العهد): not a feature
    common_words: frozenset[str] = frozenset()
    #: words seen often enough to tell that they are rarely a person's name (الأغنى، المفاضلة): the
    #: entity layer does not run a given name into them
    non_names: frozenset[str] = frozenset()
    #: bare words the corpus also writes with the article often (بري / البري، متعاملون / المتعاملون):
    #: nouns and adjectives; the entity layer keeps the plurals in ـون among them from being names
    article_words: frozenset[str] = frozenset()

    #: ``person_names``: (occurrences, share tagged PERS, whatever the article form) tiers, both half
    #: models' counts summed. Below nine tenths (ترامب is untagged in a fifth of its 13,000 occurrences,
    #: a footballer known by one name, مارسيلو، إيسكو، فابينيو, in a sixth of his) the word must also be
    #: written with the article less often than ``DEFINITE_SHARE`` of its bare count: a word the corpus
    #: also writes as البري، الجيني، المتعاملون is an adjective or a noun the half models misread
    #: (هجوم بري، وقال متعاملون); a name is not (الحماقي is rare beside حماقي)
    NAME_TIERS: ClassVar[tuple[tuple[int, float, bool], ...]] = ((40, 0.9, True), (20, 0.75, False))
    DEFINITE_SHARE: ClassVar[float] = 0.25
    #: ``common_words``: seen at least this often, tagged PERS in under this share
    COMMON: ClassVar[tuple[int, float]] = (40, 0.02)
    #: ``non_names``: seen at least this often, tagged PERS in under this share
    NON_NAME: ClassVar[tuple[int, float]] = (8, 0.04)

    @staticmethod
    def flags_of(total: int, by_type: Sequence[int]) -> tuple[str, ...]:
        """Rate flags per type: tagged as that type in >= 10 / 30 / 60 % of occurrences."""
        out = []
        for typ, n in zip(LABELS, by_type, strict=True):
            r = n / total
            if r >= 0.6:
                out.append("r" + typ + "3")
            elif r >= 0.3:
                out.append("r" + typ + "2")
            elif r >= 0.1:
                out.append("r" + typ + "1")
        if not out:
            out.append("r0")
        return tuple(out)

    @classmethod
    def from_counts(cls, counts: dict[str, list[int]], min_total: int = 2) -> EntityRates:
        """``counts``: word -> [occurrences, PERS, ORG, LOC, MISC]."""
        pooled: dict[str, list[int]] = {}
        for w, c in counts.items():
            acc = pooled.setdefault(strip_clitics(w)[1], [0] * 5)
            for i in range(5):
                acc[i] += c[i]
        return cls(
            {w: cls.flags_of(c[0], c[1:5]) for w, c in counts.items() if c[0] >= min_total},
            {w: cls.flags_of(c[0], c[1:5]) for w, c in pooled.items() if c[0] >= min_total},
            frozenset(
                w
                for w, c in counts.items()
                if _own_name_word(w)
                and any(
                    c[0] >= n and c[1] >= share * c[0] and (bare or cls._rarely_definite(counts, w))
                    for n, share, bare in cls.NAME_TIERS
                )
            ),
            frozenset(w for w, c in counts.items() if c[0] >= cls.COMMON[0] and c[1] < cls.COMMON[1] * c[0]),
            frozenset(w for w, c in counts.items() if c[0] >= cls.NON_NAME[0] and c[1] < cls.NON_NAME[1] * c[0]),
            frozenset(
                w
                for w, c in counts.items()
                if c[0] >= cls.NON_NAME[0] and not w.startswith("ال") and not cls._rarely_definite(counts, w)
            ),
        )

    @classmethod
    def _rarely_definite(cls, counts: dict[str, list[int]], word: str) -> bool:
        """Names are seldom written with the article; nouns and adjectives often are."""
        return counts.get("ال" + word, [0])[0] < cls.DEFINITE_SHARE * counts[word][0]

    @classmethod
    def read(cls, path: Path) -> EntityRates:
        counts: dict[str, list[int]] = {}
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("#"):
                    continue
                parts = line.rstrip("\n").split("\t")
                if len(parts) == 6:
                    counts[parts[0]] = [int(x) for x in parts[1:]]
        if not counts:
            raise ModelError(f"{path}: no entity-rate rows")
        return cls.from_counts(counts)

    def lookup(self, word: str) -> tuple[str, ...]:
        got = self.flags.get(word)
        if got is None:
            pre, stem = strip_clitics(word)
            got = self.flags.get(stem) if pre else None
        return got or ()


def _own_name_word(word: str) -> bool:
    """A word that can be a whole name: the corpus's rates also count words that mostly stand inside
    longer names (العزيز of عبد العزيز، أبي of علي بن أبي طالب)."""
    return not word.startswith("ال") and word not in _CHAIN_LINKS


@dataclass(frozen=True, slots=True)
class TrainPhrases:
    """Word sequences the labeled training data tags as an entity (normalized words -> majority type).

    A multi-word name such as "الاتحاد الدولي لكرة القدم" or a rare MISC title is evidence that a
    word-level model spreads thin; as a phrase it is one feature. Only phrases labeled at least half
    the times they occur count (a common word tagged once is not a name). Training features for each
    half of the data come from the other half, so the model learns how far to trust an unseen match.
    """

    types: Mapping[tuple[str, ...], str]
    #: phrase lengths by first word, for the longest-match scan
    starts: Mapping[str, tuple[int, ...]]

    #: longest phrase kept (words)
    MAX_LEN: ClassVar[int] = 6
    #: minimum share of a phrase's occurrences that are labeled as an entity
    MIN_SHARE: ClassVar[float] = 0.5

    @staticmethod
    def lengths_by_first(phrases: Iterable[tuple[str, ...]]) -> dict[str, tuple[int, ...]]:
        """First word -> the lengths of the phrases it starts, longest first."""
        starts: dict[str, set[int]] = {}
        for p in phrases:
            starts.setdefault(p[0], set()).add(len(p))
        return {w: tuple(sorted(ns, reverse=True)) for w, ns in starts.items()}

    @classmethod
    def from_types(cls, types: Mapping[tuple[str, ...], str]) -> TrainPhrases:
        return cls(dict(types), cls.lengths_by_first(types))

    @classmethod
    def build(cls, sentences: Iterable[tuple[Sequence[str], Sequence[str]]]) -> TrainPhrases:
        """From (normalized words, BIO labels) pairs."""
        sents = [([fold_final(w) for w in words], labels) for words, labels in sentences]
        labeled: dict[tuple[str, ...], Counter[str]] = {}
        for words, labels in sents:
            for typ, i, j in bio_spans(labels):
                if j - i <= cls.MAX_LEN:
                    labeled.setdefault(tuple(words[i:j]), Counter())[typ] += 1
        starts = cls.lengths_by_first(labeled)
        occurs: Counter[tuple[str, ...]] = Counter()
        for words, _ in sents:
            for i, w in enumerate(words):
                for n in starts.get(w, ()):
                    if tuple(words[i : i + n]) in labeled:
                        occurs[tuple(words[i : i + n])] += 1
        return cls.from_types({
            p: c.most_common(1)[0][0]
            for p, c in labeled.items()
            if c.total() >= cls.MIN_SHARE * max(occurs[p], 1)
        })

    @classmethod
    def read(cls, path: Path) -> TrainPhrases:
        types: dict[tuple[str, ...], str] = {}
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("#") or "\t" not in line:
                    continue
                typ, phrase = line.rstrip("\n").split("\t", 1)
                types[tuple(phrase.split(" "))] = typ
        return cls.from_types(types)

    def write(self, path: Path, source: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8") as fh:
            fh.write(
                "# Entity phrases of the NER training data (etl/extract/ner.py TrainPhrases), written by\n"
                f"# `etl ner train` from {source} (ANERcorp, Benajiba et al. 2007, CC BY-SA 4.0): every word\n"
                f"# sequence of up to {self.MAX_LEN} normalized words labeled as an entity in at least\n"
                f"# {self.MIN_SHARE:.0%} of its occurrences, with its majority type. Columns: type, phrase.\n"
            )
            for p in sorted(self.types, key=lambda k: (self.types[k], k)):
                fh.write(self.types[p] + "\t" + " ".join(p) + "\n")

    def flags(self, words: Sequence[str], out: list[list[str]]) -> None:
        """Add begin/inside flags of the longest phrase match at each position (left to right)."""
        n = len(words)
        i = 0
        while i < n:
            length = 0
            for m in self.starts.get(words[i], ()):
                if i + m <= n and tuple(words[i : i + m]) in self.types:
                    length = m
                    break
            if not length:
                i += 1
                continue
            typ = self.types[tuple(words[i : i + length])]
            out[i].append("tg=B" + typ)
            for k in range(i + 1, i + length):
                out[k].append("tg=I" + typ)
            i += length


#: the parts of a word the sentence-level features read: (lexicon, first word) of multi-word lexicon
#: entries it may start, and [middle cluster id, is an organization head]
WordExtras = tuple[list[tuple[str, str]], list[Any]]


@dataclass(slots=True)
class Featurizer:
    """Builds CRF features for token sequences; per-word parts are cached."""

    clusters: Clusters | None
    #: lexicon name -> normalized entries (single words and multi-word entries)
    gazetteers: dict[str, frozenset[str]]
    #: word -> entity-rate flags from tagging unlabeled news (see ``EntityRates``)
    rates: EntityRates | None = None
    #: feature set to build (``FEATURE_VERSION`` unless loading an older model)
    version: int = FEATURE_VERSION
    #: phrases the training data labels as entities (feature set 9)
    phrases: TrainPhrases | None = None
    #: about 1.5 KB of feature strings a word: 40k words keep a worker near 100 MB on any corpus
    cache_limit: int = 40_000
    _cache: dict[str, tuple[list[Any], ...]] = field(default_factory=dict)
    _first: dict[str, frozenset[str]] = field(default_factory=dict)
    #: the words keep a final ى as written (``MAKSURA_VERSION``)
    keeps_maksura: bool = field(init=False, default=False)

    def __post_init__(self) -> None:
        self.keeps_maksura = self.version >= MAKSURA_VERSION
        # multi-word entries: index by first word so that the sentence scan stays linear
        for name, entries in self.gazetteers.items():
            self._first[name] = frozenset(e.split(" ", 1)[0] for e in entries if " " in e)

    def word_parts(self, w: str) -> tuple[list[Any], ...]:
        """(own features, features seen from -2, -1, +1, +2, multi-word lexicon starts, extras) of a word.

        The sixth part lists (lexicon, first word as written in the lexicon) for every lexicon with a
        multi-word entry starting with this word or with its clitic-stripped form; the last one is
        (middle cluster id or "", is an organization head) for the version-6 sentence features.
        """
        got = self._cache.get(w)
        if got is not None:
            return got
        if len(self._cache) >= self.cache_limit:
            self._cache.clear()
        parts = self._cache[w] = self.compute_parts(w)
        return parts

    def prepare(self, words: Sequence[str]) -> Sequence[str]:
        """The words as this feature set sees them: a final ى folded unless the set keeps it."""
        if self.keeps_maksura or not any(w.endswith(_MAKSURA) for w in words):
            return words
        return [fold_final(w) for w in words]

    def compute_parts(self, w: str) -> tuple[list[Any], ...]:
        """``word_parts`` without the cache (of a word as ``prepare`` leaves it)."""
        own, ctx2, ctx1, starts, extras = self.compute_views(w)
        return (
            own,
            ["-2" + f for f in ctx2],
            ["-1" + f for f in ctx1],
            ["+1" + f for f in ctx1],
            ["+2" + f for f in ctx2],
            starts,
            extras,
        )

    def compute_views(self, w: str) -> tuple[list[Any], ...]:
        """(own features, features seen from 2 words away, from 1 word away, lexicon phrase starts,
        extras): ``compute_parts`` before the neighbours' features get their offset prefix, which the
        decoder looks up in one table per offset instead of building four prefixed copies."""
        pre, stem = strip_clitics(w)
        # the word's own features see the final letter as written; lexicons, clusters and rates know the
        # folded word
        key, kstem = (fold_final(w), fold_final(stem)) if w.endswith(_MAKSURA) else (w, stem)
        own = ["b", "w=" + w]
        # seen from its neighbours, a word is its normalized form (إلى / الى / الي before a place are one cue)
        ctx1 = ["w=" + key]
        ctx2 = ["w=" + key]
        if pre:
            own.append("s=" + stem)
            own.append("p=" + pre)
            ctx1.append("s=" + kstem)
        n = len(w)
        if n > 2:
            own.append("p2=" + w[:2])
            own.append("x2=" + w[-2:])
            own.append("x1=" + w[-1])
        if n > 3:
            own.append("p3=" + w[:3])
            own.append("x3=" + w[-3:])
        if pre and len(stem) > 2:
            own.append("sp2=" + stem[:2])
            own.append("sx2=" + stem[-2:])
        if not _ARABIC_LETTER.search(w):
            if w.isdigit():
                shape = "D"
            elif _LATIN.search(w):
                shape = "L"
            elif len(w) == 1:
                shape = "P"
            else:
                shape = "O"
            own.append("sh=" + shape)
            ctx1.append("sh=" + shape)
        own.append(f"n={min(n, 9)}")
        for name, entries in self.gazetteers.items():
            if key in entries or (pre and kstem in entries):
                flag = "g=" + name
                own.append(flag)
                ctx1.append(flag)
                ctx2.append(flag)
        v6 = self.version >= 6
        mid = ""
        if self.clusters is not None:
            cids = self.clusters.lookup(key)
            if v6 and pre:
                # the stem's own clusters: "وبالمدينه" is a known word, but "مدينه" tells more
                sids = self.clusters.ids.get(kstem)
                if sids is not None:
                    for cname, cid in zip(self.clusters.names[1:], sids[1:], strict=False):
                        own.append("s" + cname + "=" + cid)
                        ctx1.append("s" + cname + "=" + cid)
            if cids is None:
                own.append("cu")
                ctx1.append("cu")
            else:
                names = self.clusters.names
                for cname, cid in zip(names, cids, strict=True):
                    f = cname + "=" + cid
                    own.append(f)
                    ctx1.append(f)
                # the two coarser granularities are enough two words away
                for cname, cid in zip(names[:2], cids[:2], strict=False):
                    ctx2.append(cname + "=" + cid)
                mid = cids[min(1, len(cids) - 1)]
        starts: list[tuple[str, str]] = []
        for name, firsts in self._first.items():
            if key in firsts:
                starts.append((name, key))
            elif pre and kstem in firsts:
                starts.append((name, kstem))
            elif pre and ("ال" + kstem) in firsts and pre.endswith(("ال", "لل")):
                starts.append((name, "ال" + kstem))
        if self.rates is not None:
            flags = self.rates.lookup(key)
            if flags:
                own.extend(flags)
                ctx1.extend(flags)
            if self.version >= 7 and pre:
                sflags = self.rates.stem_flags.get(kstem, ())
                own.extend("s" + f for f in sflags)
                ctx1.extend("s" + f for f in sflags)
        return own, ctx2, ctx1, starts, [mid, "g=org_heads" in own]

    def features(self, words: Sequence[str]) -> list[list[str]]:
        """One feature list per word of a sentence of normalized words (what the CRF is trained on)."""
        words = self.prepare(words)
        parts = [self.word_parts(w) for w in words]
        n = len(words)
        out = self.position_features(words, [(p[5], p[6]) for p in parts])
        for i in range(n):
            f = out[i]
            f += parts[i][0]
            if i >= 1:
                f += parts[i - 1][2]
            if i >= 2:
                f += parts[i - 2][1]
            if i + 1 < n:
                f += parts[i + 1][3]
            if i + 2 < n:
                f += parts[i + 2][4]
        return out

    def position_features(self, words: Sequence[str], extras: Sequence[WordExtras]) -> list[list[str]]:
        """The features that depend on the sentence, not on one word and its offset alone.

        ``extras`` holds the last two of each word's parts (lexicon phrase starts; cluster id and
        head flag). Everything else is a sum of per-word parts (own, and as seen from -2..+2), which
        the decoder caches as weight vectors per word.
        """
        n = len(words)
        if self.keeps_maksura and any(w.endswith(_MAKSURA) for w in words):
            words = [fold_final(w) for w in words]  # lexicon phrases and bigrams see normalized words
        out: list[list[str]] = self._phrase_flags(words, extras)
        for i in range(n):
            f = out[i]
            if i >= 1:
                f.append("b-1=" + words[i - 1] + "|" + words[i])
                if i == 1:
                    f.append("-2BOS")
            else:
                f.append("BOS")
            if i + 1 < n:
                f.append("b+1=" + words[i] + "|" + words[i + 1])
                if i + 2 == n:
                    f.append("+2EOS")
            else:
                f.append("EOS")
        if self.version >= 6:
            self._sentence_features(words, extras, out)
        if self.phrases is not None and self.version >= PHRASES_VERSION:
            self.phrases.flags(words, out)
        return out

    @staticmethod
    def _sentence_features(words: Sequence[str], extras: Sequence[WordExtras], out: list[list[str]]) -> None:
        """Cluster bigrams, "inside parentheses" (abbreviations, glosses) and distance to an org head.

        Organization names run several words past their head noun ("الاتحاد الدولي لكرة القدم"), beyond
        the +-2 window.
        """
        inside = False
        last_head = -99
        n = len(words)
        for i in range(n):
            f = out[i]
            mid = extras[i][1][0]
            if i >= 1:
                f.append("cb-1=" + extras[i - 1][1][0] + "|" + mid)
            if i + 1 < n:
                f.append("cb+1=" + mid + "|" + extras[i + 1][1][0])
            if inside:
                f.append("inpar")
            if i - last_head <= 4:
                f.append(f"orgd={i - last_head}")
            w = words[i]
            if w == "(":
                inside = True
            elif w == ")":
                inside = False
            if extras[i][1][1]:
                last_head = i

    def _phrase_flags(self, words: Sequence[str], extras: Sequence[WordExtras]) -> list[list[str]]:
        """Flags for tokens inside a multi-word lexicon entry (begin / inside), longest match."""
        flags: list[list[str]] = [[] for _ in words]
        n = len(words)
        for i in range(n):
            for name, head in extras[i][0]:
                entries = self.gazetteers[name]
                for j in range(min(n, i + 6), i + 1, -1):
                    if head + " " + " ".join(words[i + 1 : j]) in entries:
                        flags[i].append("gB=" + name)
                        for k in range(i + 1, j):
                            flags[k].append("gI=" + name)
                        break
        return flags


def bio_spans(labels: Sequence[str]) -> list[tuple[str, int, int]]:
    """Chunks of a BIO label sequence as (type, first token, end token), conlleval semantics.

    A chunk starts at B-X, or at I-X after O or after a chunk of another type (as conlleval and
    seqeval's default mode do); it ends before the next token that does not continue it.
    """
    chunks: list[tuple[str, int, int]] = []
    cur: str | None = None
    start = 0
    for i, lab in enumerate(labels):
        if lab == "O" or len(lab) < 3:
            if cur is not None:
                chunks.append((cur, start, i))
            cur = None
            continue
        prefix, typ = lab[0], lab[2:]
        if prefix == "B" or cur != typ:
            if cur is not None:
                chunks.append((cur, start, i))
            cur, start = typ, i
    if cur is not None:
        chunks.append((cur, start, len(labels)))
    return chunks


def tokenize_offsets(text: str) -> list[tuple[int, int]]:
    """Token (start, end) offsets in a normalized text."""
    return [m.span() for m in _TOKEN_RE.finditer(text)]


def sentences(text: str, spans: Sequence[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Group token spans into sentences, splitting after . ! ? ؟ and at newlines."""
    out: list[list[tuple[int, int]]] = []
    cur: list[tuple[int, int]] = []
    prev_end = 0
    for s, e in spans:
        if cur and "\n" in text[prev_end:s]:
            out.append(cur)
            cur = []
        cur.append((s, e))
        prev_end = e
        if e - s == 1 and text[s] in _SENT_END:
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


#: an attribute the model has no weight for
_ZERO_ROW = -1


@dataclass(slots=True)
class Decoder:
    """Viterbi over the CRF's own weights, with each word's contribution cached as weight vectors.

    crfsuite's ``Tagger.tag`` needs every feature string of every token on every call (about 80 a
    token, most with no weight after L1 training). Here a word's features own and as seen from -2..+2
    are summed once into a (5, labels) array; a sentence costs a few array additions plus the handful
    of features that depend on the sentence. Same model, same scores, same labels as crfsuite (a
    test compares them), and faster: see docs/ner.md, "Decoding" and the speed figures.
    """

    labels: list[str]
    index: dict[str, int]  # attribute -> row of ``weights``
    weights: np.ndarray  # (attributes + 1, labels); the last row is zero
    trans: np.ndarray  # (labels, labels): from -> to
    featurizer: Featurizer
    #: words whose vectors are kept: 360 bytes of floats plus ~300 of bookkeeping a word, so a worker
    #: stays under ~40 MB however large the corpus; least recently used half dropped when full. On ANT
    #: the 60,000 most frequent words are 96 % of the tokens, and the cache is full after ~2,000 articles,
    #: so memory is flat from there on
    capacity: int = 60_000
    _slot: dict[str, int] = field(default_factory=dict)
    _vecs: np.ndarray = field(default_factory=lambda: np.zeros((0, 5, 0)))
    _extras: list[WordExtras] = field(default_factory=list)
    _used: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    #: attribute -> row per offset: the word's own features, then its features as seen from -2, -1, +1, +2
    #: with the offset prefix taken off (``Featurizer.compute_views``)
    _views: list[dict[str, int]] = field(default_factory=list)
    evictions: int = 0

    def __post_init__(self) -> None:
        # untouched pages of this array cost no memory until words are cached in them
        self._vecs = np.zeros((self.capacity, 5, len(self.labels)))
        self._used = np.zeros(self.capacity, dtype=bool)
        self._views = [self.index] + [
            {a[2:]: r for a, r in self.index.items() if a.startswith(p)} for p in ("-2", "-1", "+1", "+2")
        ]

    @classmethod
    def from_tagger(cls, tagger: pycrfsuite.Tagger, featurizer: Featurizer) -> Decoder:
        info = tagger.info()
        labels = sorted(info.labels, key=lambda lab: int(info.labels[lab]))
        lab_index = {lab: i for i, lab in enumerate(labels)}
        index: dict[str, int] = {}
        rows: list[tuple[int, int, float]] = []
        for (attr, lab), w in info.state_features.items():
            r = index.setdefault(attr, len(index))
            rows.append((r, lab_index[lab], w))
        weights = np.zeros((len(index) + 1, len(labels)))
        for r, c, w in rows:
            weights[r, c] = w
        trans = np.zeros((len(labels), len(labels)))
        for (a, b), w in info.transitions.items():
            trans[lab_index[a], lab_index[b]] = w
        return cls(labels, index, weights, trans, featurizer)

    def _compute(self, words: Sequence[str]) -> tuple[np.ndarray, list[WordExtras]]:
        """(words, 5, labels) vectors (own; as seen from -2, -1, +1, +2) and position-feature parts."""
        gets = [v.get for v in self._views]
        rows: list[int] = []
        starts: list[int] = []
        extras: list[WordExtras] = []
        zero = repeat(_ZERO_ROW)  # an attribute the model does not know adds the zero row
        for w in words:
            own, ctx2, ctx1, phrase_starts, extra = self.featurizer.compute_views(w)
            for get, feats in zip(gets, (own, ctx2, ctx1, ctx1, ctx2), strict=True):
                starts.append(len(rows))
                rows.extend(map(get, feats, zero))
                rows.append(_ZERO_ROW)  # keeps every segment non-empty for reduceat
            extras.append((phrase_starts, extra))  # kept for the position features
        vecs = np.add.reduceat(self.weights[rows], starts, axis=0)
        return vecs.reshape(len(words), 5, len(self.labels)), extras

    def _lookup(self, flat: list[str]) -> tuple[np.ndarray, list[WordExtras]]:
        """Vectors and parts of every token, computing (and caching) only the words not seen yet."""
        uniq = dict.fromkeys(flat)
        if len(uniq) > self.capacity // 2:  # a huge document: do not let it flush the cache
            vecs, extras = self._compute(list(uniq))
            pos = {w: i for i, w in enumerate(uniq)}
            idx = [pos[w] for w in flat]
            return vecs[idx], [extras[i] for i in idx]
        slot = self._slot
        missing = [w for w in uniq if w not in slot]
        if missing:
            if len(slot) + len(missing) > self.capacity:
                self._evict(uniq)
                slot = self._slot
            vecs, extras = self._compute(missing)
            base = len(self._extras)
            self._vecs[base : base + len(missing)] = vecs
            self._extras.extend(extras)
            for i, w in enumerate(missing, base):
                slot[w] = i
        idx = [slot[w] for w in flat]
        self._used[idx] = True
        ext = self._extras
        return self._vecs[idx], [ext[i] for i in idx]

    def _evict(self, keep: dict[str, None]) -> None:
        """Keep at most half the capacity: the current document's words and the most recently used."""
        slot, used = self._slot, self._used
        present = [w for w in keep if w in slot]
        room = self.capacity // 2 - len(present)
        recent = [w for w, i in slot.items() if used[i] and w not in keep][-room:] if room > 0 else []
        survivors = recent + present
        idx = np.array([slot[w] for w in survivors], dtype=np.intp)
        self._vecs[: len(idx)] = self._vecs[idx]
        self._extras = [self._extras[i] for i in idx]
        self._slot = {w: i for i, w in enumerate(survivors)}
        used[:] = False
        self.evictions += 1

    def emissions(self, sents: Sequence[Sequence[str]]) -> np.ndarray:
        """(tokens of all sentences, labels) state scores: the sum of the weights of each token's features."""
        flat = [w for words in sents for w in words]
        p, entries = self._lookup(flat)  # (tokens, 5, labels)
        sid = np.repeat(np.arange(len(sents)), [len(words) for words in sents])
        e = p[:, 0].copy()
        for shift, before, after in ((1, 2, 3), (2, 1, 4)):
            if len(flat) <= shift:
                break
            same = (sid[shift:] == sid[:-shift])[:, None]
            e[shift:] += np.where(same, p[:-shift, before], 0.0)  # the word `shift` places back
            e[:-shift] += np.where(same, p[shift:, after], 0.0)  # the word `shift` places ahead
        pos: list[int] = []
        rows: list[int] = []
        get = self.index.get
        base = 0
        for words in sents:
            feats_at = self.featurizer.position_features(words, entries[base : base + len(words)])
            for i, feats in enumerate(feats_at, base):
                for f in feats:
                    r = get(f)
                    if r is not None:
                        pos.append(i)
                        rows.append(r)
            base += len(words)
        if rows:
            np.add.at(e, pos, self.weights[rows])
        return e

    def tag(self, sents: Sequence[Sequence[str]]) -> list[list[str]]:
        """Viterbi paths of several sentences at once: one array step per token position, not per token."""
        order = sorted((i for i in range(len(sents)) if sents[i]), key=lambda i: -len(sents[i]))
        out: list[list[str]] = [[] for _ in sents]
        if not order:
            return out
        lengths = [len(sents[i]) for i in order]
        flat_e = self.emissions([sents[i] for i in order])
        # (sentences, positions, labels), longest sentence first
        ems = np.zeros((len(order), lengths[0], len(self.labels)))
        rows = np.repeat(np.arange(len(order)), lengths)
        cols = np.concatenate([np.arange(n) for n in lengths])
        ems[rows, cols] = flat_e
        score = ems[:, 0].copy()
        back: list[np.ndarray] = []
        active = len(order)
        trans = self.trans[None, :, :]
        for t in range(1, lengths[0]):
            while lengths[active - 1] <= t:
                active -= 1
            cand = score[:active, :, None] + trans  # (active, from, to)
            back.append(cand.argmax(axis=1))
            # finished (shorter) sentences keep their final scores
            score[:active] = cand.max(axis=1) + ems[:active, t]
        labels = self.labels
        last = score.argmax(axis=1)
        for j, i in enumerate(order):
            k = int(last[j])
            path = [k]
            for t in range(lengths[j] - 1, 0, -1):
                k = int(back[t - 1][j, k])
                path.append(k)
            out[i] = [labels[x] for x in reversed(path)]
        return out


@dataclass(slots=True)
class NerModel:
    """A loaded CRF with the featurizer it was trained with."""

    path: Path
    tagger: pycrfsuite.Tagger
    featurizer: Featurizer
    meta: dict[str, Any]
    decoder: Decoder
    #: apply the document rules after tagging (``_document``: quoted titles, clubs, country names, name chains,
    #: coordinated and run-on names, one type per name); off for ablations (`etl ner eval --no-rules`)
    rules: bool = True
    #: what the rules and the consistency step read, derived once from the model's resources
    _title_nouns: dict[str, str] = field(init=False)
    _masc_demonyms: frozenset[str] = field(init=False)
    _countries: frozenset[str] = field(init=False)
    _given_names: frozenset[str] = field(init=False)
    #: given names and the words tagged PERS in >= 60 % of their ANT occurrences
    _person_words: frozenset[str] = field(init=False)
    #: single-word country names and the words tagged LOC in >= 30 % of their ANT occurrences
    _place_words: frozenset[str] = field(init=False)
    #: country names and the multi-word places of ``places.txt`` (for the place rule, not features)
    _places: frozenset[str] = field(init=False)
    _place_index: dict[str, int] = field(init=False)
    #: the one-word entries of ``_places``: listed capitals and one-word country names, which
    #: ``capital_places`` reads as places when tagged alone as organizations
    _capitals: frozenset[str] = field(init=False)
    _counts: dict[str, int] = field(init=False)
    #: each word's ANT entity-rate flags (rPERS3 ...)
    _rates: Mapping[str, tuple[str, ...]] = field(init=False)
    _stopwords: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        gaz = self.featurizer.gazetteers
        # masculine singular nationality adjectives end in ي (الفرنسي; not الفرنسيه، الفرنسيون)
        self._masc_demonyms = frozenset(d for d in gaz.get("demonym", ()) if d.endswith("ي"))
        self._countries = gaz.get("country", frozenset())
        self._given_names = gaz.get("given_names", frozenset())
        rates = self.featurizer.rates.flags if self.featurizer.rates is not None else {}
        self._person_words = self._given_names | {w for w, f in rates.items() if "rPERS3" in f}
        self._place_words = frozenset(c for c in self._countries if " " not in c) | {
            w for w, f in rates.items() if "rLOC3" in f or "rLOC2" in f
        }
        self._rates = rates
        self._places = self._countries | load_lexicon("places")
        self._place_index = country_index(self._places)
        self._capitals = frozenset(p for p in self._places if " " not in p)
        self._title_nouns = load_labeled("title_nouns")
        self._stopwords = load_lexicon("name_stopwords")
        clusters = self.featurizer.clusters
        self._counts = clusters.counts if clusters is not None else {}

    def tag_words(self, words: Sequence[str]) -> list[str]:
        """BIO labels for one sentence of normalized words."""
        if not words:
            return []
        return self.tag_many([words])[0]

    def tag_many(self, sents: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIO labels for several sentences (decoded together, which is faster)."""
        return self.decoder.tag([self.featurizer.prepare(s) for s in sents])

    def tag_words_crfsuite(self, words: Sequence[str]) -> list[str]:
        """The same labels through crfsuite's own tagger (the reference the decoder is tested against)."""
        if not words:
            return []
        return cast(list[str], self.tagger.tag(self.featurizer.features(words)))

    def tag_sentences(self, sents: Iterable[Sequence[str]]) -> list[list[str]]:
        """Labels for the sentences of ONE document (repeated names are made consistent).

        Words are normalized, optionally with a final ى as written (``written_word``).
        """
        words = [list(self.featurizer.prepare(s)) for s in sents]
        return self._document(words, self.decoder.tag(words))

    def _document(self, words: list[list[str]], labels: list[list[str]]) -> list[list[str]]:
        """Document rules, then name consistency (so that a rule's name also reaches its repeats), then
        one type per name (``harmonize_types``, with the rules).

        ``words`` as the tagger saw them: the consistency step keeps على and علي apart, the rules'
        lexicons know the normalized words.
        """
        if self.rules:
            plain = [[fold_final(w) for w in ws] for ws in words] if self.featurizer.keeps_maksura else words
            labels = [quoted_titles(w, lab, self._title_nouns) for w, lab in zip(plain, labels, strict=True)]
            countries, listed, index = self._countries, self._places, self._place_index
            labels = [country_spans(w, lab, listed, index) for w, lab in zip(plain, labels, strict=True)]
            capitals = self._capitals
            labels = [capital_places(w, lab, capitals) for w, lab in zip(plain, labels, strict=True)]
            labels = club_names(plain, labels, self._masc_demonyms, self._countries)
            labels = club_heads(words, labels)
            labels = [name_chains(w, lab) for w, lab in zip(words, labels, strict=True)]
            names, counts = self._person_words, self._counts
            labels = [coordinated_names(w, lab, names, counts) for w, lab in zip(plain, labels, strict=True)]
            rates = self._rates
            labels = trim_run_ons(words, labels, self._given_names, rates)
            labels = [dual_verbs(w, lab, self._given_names, rates) for w, lab in zip(plain, labels, strict=True)]
            places = self._place_words
            labels = [coordinated_places(w, lab, places, countries) for w, lab in zip(plain, labels, strict=True)]
        labels = propagate(words, labels, self._counts)
        return harmonize_types(words, labels) if self.rules else labels

    def tag(self, doc: NormalizedText) -> list[NerSpan]:
        """Entities of a document, in original offsets, leading one-letter clitics cut off."""
        text = doc.text
        result: list[NerSpan] = []
        sents = sentences(text, tokenize_offsets(text))
        all_words = [[text[s:e] for s, e in sent] for sent in sents]
        # the tagger sees a final ى as written (على and the name علي normalize alike)
        seen = all_words
        if self.featurizer.keeps_maksura:
            seen = [[written_word(doc, s, e) for s, e in sent] for sent in sents]
        raw = self.decoder.tag(seen)
        if self.rules and "آ" in doc.original:
            stop = self._stopwords
            raw = [madda_names(doc, sent, w, lab, stop) for sent, w, lab in zip(sents, all_words, raw, strict=True)]
        all_labels = self._document(seen, raw)
        for sent, words, labels in zip(sents, all_words, all_labels, strict=True):
            for typ, i, j in bio_spans(labels):
                start = sent[i][0] + _clitic_len(words[i], self._counts, self._rates)
                end = sent[j - 1][1]
                o_start, o_end = doc.span_to_original(start, end)
                result.append(NerSpan(cast(NerLabel, typ), o_start, o_end))
        return result


#: first names written with an initial madda that normalize to a function word: آلان (Alain) to
#: الان (now, written الآن), آن (Anne) to ان (أن، إن); the madda tells them apart
_MADDA_NAMES = {"الان": "آلان", "ان": "آن"}
#: "آن أوان الحسم" (the time has come): the verb آن before a time noun
_TIME_NOUNS = frozenset({"اوان", "وقت", "زمن", "موعد"})


def madda_names(
    doc: NormalizedText, sent: Sequence[tuple[int, int]], words: Sequence[str], labels: Sequence[str],
    stopwords: frozenset[str],
) -> list[str]:
    """A madda first name the tagger read as a function word starts a person name with the word
    after it ("آلان جوبيه"، "آن هيدالغو"); not "آن الأوان"، "آن أوان" (it is time), whose next word
    has the article, is a time noun or a function word, nor "في آن معا / واحد" (at the same time)."""
    out = list(labels)
    for k, (s, e) in enumerate(sent[:-1]):
        word = words[k]
        conj = word[:1] == "و" and word[1:] in _MADDA_NAMES  # الروائيان ستيفن كينغ وآن رايس
        written = _MADDA_NAMES.get(word[1:] if conj else word)
        if written is None or out[k] != "O":
            continue
        o_start, o_end = doc.span_to_original(s, e)
        if doc.original[o_start:o_end] != ("و" if conj else "") + written:
            continue
        nxt = words[k + 1]
        if k > 0 and words[k - 1] == "في":
            continue
        if not nxt.isalpha() or len(nxt) < 2 or nxt.startswith(("ال", "ل")) or nxt in stopwords or nxt in _TIME_NOUNS:
            continue
        if out[k + 1] not in ("O", "B-PERS"):
            continue
        out[k] = "B-PERS"
        out[k + 1] = "I-PERS"
    return out


#: a single word is only re-labelled by ``propagate`` if it is rarer than this in the cluster corpus
PROPAGATE_MAX_COUNT = 2000


def propagate(
    words: Sequence[Sequence[str]], labels: Sequence[Sequence[str]], counts: dict[str, int]
) -> list[list[str]]:
    """Document-level consistency: label untagged repeats of names tagged elsewhere in the document.

    A word sequence tagged as an entity (and the last word of a multi-word person name, the surname)
    gets the same label where it recurs untagged; single words need to be rare in the cluster
    corpus so that a common word tagged once by mistake does not spread. Longest repeat first.
    """
    seen: dict[tuple[str, ...], Counter[str]] = {}
    for w, lab in zip(words, labels, strict=True):
        for typ, i, j in bio_spans(lab):
            seen.setdefault(tuple(w[i:j]), Counter())[typ] += 1
            if typ == "PERS" and j - i >= 2:
                seen.setdefault((w[j - 1],), Counter())[typ] += 1
    out = [list(lab) for lab in labels]
    if not seen:
        return out
    longest: dict[str, int] = {}
    for k in seen:
        longest[k[0]] = max(longest.get(k[0], 0), len(k))
    for w, lab in zip(words, out, strict=True):
        n = len(w)
        i = 0
        while i < n:
            step = 1
            first = w[i]
            top = longest.get(first, 0)
            if not top and first[:1] in _SPAN_CLITICS and counts.get(fold_final(first), 0) <= PROPAGATE_MAX_COUNT:
                # "وحفتر" after "حفتر": the name behind a one-letter clitic (the span keeps the clitic,
                # as the token does; ``tag`` cuts it from the mention)
                first = first[1:]
                top = longest.get(first, 0)
            for size in range(min(top, n - i), 0, -1):
                key = (first, *w[i + 1 : i + size])
                if key not in seen or any(x != "O" for x in lab[i : i + size]):
                    continue
                if size == 1 and counts.get(fold_final(key[0]), 0) > PROPAGATE_MAX_COUNT:
                    continue
                _relabel(lab, i, i + size, seen[key].most_common(1)[0][0])
                step = size
                break
            i += step
    return out


def harmonize_types(words: Sequence[Sequence[str]], labels: Sequence[Sequence[str]]) -> list[list[str]]:
    """One name, one type per document: a name tagged with several types takes its majority type.

    Journalists do not switch what a name refers to within an article, but a word-level tagger
    can read the same name as a place in one sentence and an organization in the next (a club
    named after its city). Ties are left as they are.
    """
    votes: dict[tuple[str, ...], Counter[str]] = {}
    for w, lab in zip(words, labels, strict=True):
        for typ, i, j in bio_spans(lab):
            votes.setdefault(tuple(w[i:j]), Counter())[typ] += 1
    out = [list(lab) for lab in labels]
    if all(len(count) == 1 for count in votes.values()):
        return out
    for w, lab in zip(words, out, strict=True):
        for typ, i, j in bio_spans(lab):
            count = votes[tuple(w[i:j])]
            best, n = count.most_common(1)[0]
            if best != typ and n > count[typ] and 2 * n > sum(count.values()):
                _relabel(lab, i, j, best)
    return out


def _relabel(labels: list[str], i: int, j: int, typ: str) -> None:
    """Make tokens i..j-1 one ``typ`` chunk, and keep a following chunk of that type separate."""
    labels[i] = "B-" + typ
    for k in range(i + 1, j):
        labels[k] = "I-" + typ
    if j < len(labels) and labels[j] == "I-" + typ:
        labels[j] = "B-" + typ


#: opening quotation marks and their closing partners, as tokens (two apostrophes are two tokens)
_QUOTES = {"«": "»", '"': '"', "“": "”", "'": "'"}
#: a quoted name longer than this is a quotation, not a title
_TITLE_MAX_WORDS = 6


def _title_noun(word: str, nouns: dict[str, str]) -> str | None:
    """The type a quoted name after ``word`` takes ("ببرنامجها" -> برنامج -> MISC), or None."""
    stem = strip_clitics(word)[1]
    cands = [word, stem]
    if stem.endswith(("ا", "ه")):  # برنامجا، برنامجه
        cands.append(stem[:-1])
    if stem.endswith("ها"):  # برنامجها
        cands.append(stem[:-2])
    if stem.endswith(("ته", "تها")):  # صحيفتها: teh marbuta before a pronoun
        cands.append(stem[: stem.rindex("ت")] + "ه")
    return next((nouns[c] for c in cands if c in nouns), None)


def quoted_titles(words: Sequence[str], labels: Sequence[str], nouns: dict[str, str]) -> list[str]:
    """Label a short quoted run right after a title noun: برنامج «حكايات» (MISC), صحيفة «الراي» (ORG).

    Programme, film and product names are ordinary words in quotation marks, which a word-level
    tagger rarely takes for a name; the noun before the opening mark says what they are. The quoted
    run becomes one name of that type, replacing what the tagger said inside the marks.
    """
    out = list(labels)
    n = len(words)
    i = 0
    while i < n:
        close = _QUOTES.get(words[i])
        if close is None:
            i += 1
            continue
        start = i + 1
        double = words[i] == "'" and start < n and words[start] == "'"
        if double:
            start += 1  # '' as a double quotation mark
        j = start
        while j < n and words[j] != close and j - start <= _TITLE_MAX_WORDS:
            j += 1
        if j >= n or words[j] != close or j == start or j - start > _TITLE_MAX_WORDS:
            i += 1
            continue
        typ = next((t for k in (i - 1, i - 2) if k >= 0 and (t := _title_noun(words[k], nouns))), None)
        if typ is not None:
            _relabel(out, start, j, typ)
        i = j + 2 if double and j + 1 < n and words[j + 1] == "'" else j + 1  # past the closing ''
    return out


def club_names(
    words: Sequence[Sequence[str]], labels: Sequence[Sequence[str]], masc_demonyms: frozenset[str],
    countries: frozenset[str],
) -> list[list[str]]:
    """A place followed by a masculine nationality adjective is a club or team: ليون الفرنسي (ORG).

    City names are grammatically feminine in Arabic (باريس الفرنسية); a masculine adjective agrees
    with an understood نادي / فريق. Left alone: country names (لبنان is masculine) and names with the
    article, which include the masculine regions (الجولان السوري، الجنوب اللبناني، الخليج العربي).
    The same name tagged as a place elsewhere in the document becomes an organization too.
    """
    out = [list(lab) for lab in labels]
    clubs: set[tuple[str, ...]] = set()
    for w, lab in zip(words, out, strict=True):
        for typ, i, j in bio_spans(lab):
            if (
                typ == "LOC"
                and j < len(w)
                and w[j] in masc_demonyms
                and not strip_clitics(w[i])[0].endswith(("ال", "لل"))
                and " ".join(w[i:j]) not in countries
            ):
                clubs.add(tuple(w[i:j]))
    if not clubs:
        return out
    for w, lab in zip(words, out, strict=True):
        for typ, i, j in bio_spans(lab):
            if typ == "LOC" and tuple(w[i:j]) in clubs:
                _relabel(lab, i, j, "ORG")
    return out


#: نادي (club) behind a one-letter clitic, as the tagger sees it: the verb نادى (called for) keeps its ى
_CLUB_HEADS = frozenset({"نادي", "ونادي", "لنادي", "بنادي", "فنادي"})


def club_heads(words: Sequence[Sequence[str]], labels: Sequence[Sequence[str]]) -> list[list[str]]:
    """A name right after نادي is a club's, and so is every mention of that name in the document.

    Clubs named after a founder or a place read as persons and places when they stand alone ("نادي
    لايبزيغ" ... "لايبزيغ يمدد عقد"); the head noun once in the article settles it. ``words`` as the
    tagger saw them (a final ى kept), so that the verb نادى is no head.
    """
    out = [list(lab) for lab in labels]
    clubs: set[tuple[str, ...]] = set()
    for w, lab in zip(words, out, strict=True):
        for _, i, j in bio_spans(lab):
            if w[i] in _CLUB_HEADS and j - i > 1:
                clubs.add(tuple(w[i + 1 : j]))
            elif i > 0 and w[i - 1] in _CLUB_HEADS:
                clubs.add(tuple(w[i:j]))
    if not clubs:
        return out
    for w, lab in zip(words, out, strict=True):
        for typ, i, j in bio_spans(lab):
            if typ != "ORG" and tuple(w[i:j]) in clubs:
                _relabel(lab, i, j, "ORG")
    return out


#: a state's formal prefix (دولة الكويت، جمهورية الصين الشعبية): news and ANERcorp tag the name after it
_STATE_NOUNS = frozenset({"دوله", "جمهوريه", "مملكه", "اماره", "سلطنه"})


def country_index(countries: Iterable[str]) -> dict[str, int]:
    """First word -> longest length of the multi-word country names (هونغ كونغ، جنوب أفريقيا)."""
    index: dict[str, int] = {}
    for name in countries:
        parts = name.split()
        if len(parts) > 1 and parts[0] not in _STATE_NOUNS:
            index[parts[0]] = max(index.get(parts[0], 0), len(parts))
    return index


def country_spans(
    words: Sequence[str], labels: Sequence[str], countries: frozenset[str], index: dict[str, int]
) -> list[str]:
    """A multi-word country name (or a listed city, ``places.txt``) the tagger read as a person or in
    pieces is one place.

    A word-level tagger that has seen many Chinese persons reads هونج كونج as one, and tags جنوب
    أفريقيا as أفريقيا alone or البوسنة والهرسك as two places; a country is never a person and its name
    is one span. Only names whose words are untagged or tagged PERS / LOC, and no span that runs
    past them, are touched, except a person run that starts with the name (برنامج بيونغ يانغ النووي),
    which a person's name never does; a leading one-letter clitic on the first word is allowed
    (لهونج كونج).
    ``words`` are normalized (the rules' words, a final ى folded).
    """
    out = list(labels)
    n = len(words)
    done = 0  # the end of the last name found: names do not overlap
    for i in [k for k, w in enumerate(words) if w in index or (w[:1] in _SPAN_CLITICS and w[1:] in index)]:
        if i < done:
            continue
        head = words[i]
        if head not in index:
            head = head[1:]
            if len(head) < 3:
                continue
        end = 0
        for j in range(min(n, i + index[head]), i + 1, -1):
            if " ".join([head, *words[i + 1 : j]]) in countries:
                end = j
                break
        if not end:
            continue
        done = end
        inside = out[i:end]
        if (
            all(lab == "O" or lab[2:] in ("PERS", "LOC") for lab in inside)
            and any(lab != "O" for lab in inside)
            and not inside[0].startswith("I-")
            and (end >= n or not out[end].startswith("I-"))
        ):
            out[i:end] = ["B-LOC"] + ["I-LOC"] * (end - i - 1)
        elif end < n and out[end] == "I-PERS" and inside[0] == "B-PERS" and all(lab == "I-PERS" for lab in inside[1:]):
            # برنامج بيونغ يانغ النووي، رئيس جنوب أفريقيا سيريل رامافوزا: a person run that starts with
            # the place's name holds the place and, after it, what the run goes on with
            out[i:end] = ["B-LOC"] + ["I-LOC"] * (end - i - 1)
            out[end] = "B-PERS"
    return out


def capital_places(words: Sequence[str], labels: Sequence[str], capitals: frozenset[str]) -> list[str]:
    """A listed capital (or a one-word country name) tagged alone as an organization is the place
    (أخبرت سول واشنطن), and two of them side by side are two places (واتهمت كييف موسكو: the subject
    and the object, which a word-level tagger reads as one name)."""
    out = list(labels)
    n = len(words)

    def listed(w: str) -> bool:
        return w in capitals or (w[:1] in _SPAN_CLITICS and w[1:] in capitals)

    for i, w in enumerate(words):
        if out[i] == "B-ORG" and (i + 1 >= n or out[i + 1] != "I-ORG") and listed(w):
            out[i] = "B-LOC"
    i = 0
    while i < n:
        j = i + 1
        if out[i] == "B-LOC":
            while j < n and out[j] == "I-LOC":
                j += 1
            if j - i > 1 and all(listed(w) for w in words[i:j]):
                out[i + 1 : j] = ["B-LOC"] * (j - i - 1)
        i = j
    return out


#: words that cannot end a person's name: the name particles with أبو's case forms (أبي، أبا) and
#: the particles of transliterated names (فان باستن، دي ميستورا). أم is left out: after a name it is
#: more often "or" than a kunya
_CHAIN_LINKS = (NAME_PARTICLES - {"ام"}) | {"ابي", "ابا"} | FOREIGN_PARTICLES
#: links that can open a name (أبو بكر، ابن خلدون، فان باستن); بن / بنت / آل only follow a name
_LEADING_LINKS = frozenset({"ابو", "ابي", "ابا", "ابن", "فان", "فون"})
#: a link is not followed into these (a preposition, a conjunction or a pronoun, as the tagger writes
#: them: على with its ى; name_stopwords.txt is normalized and would also stop the name علي)
_CHAIN_STOPS = frozenset(
    {"في", "من", "على", "الى", "عن", "ان", "او", "ثم", "قد", "لا", "ما", "هو", "هي", "الذي", "التي", "مع"}
)


def name_chains(words: Sequence[str], labels: Sequence[str]) -> list[str]:
    """A person's name that ends in a link word takes the next word: علي بن أبي + طالب، فان + باستن.

    A word-level tagger often stops a long Arabic name at بن / أبي or splits it in two (ابي | وقاص);
    a name never ends in such a link, so the span runs on through the next Arabic word, joining a
    person name that starts there.
    """
    out = list(labels)
    n = len(words)
    for typ, _, j in bio_spans(labels):
        if typ != "PERS":
            continue
        k = j
        while (
            k < n
            and fold_final(words[k - 1]) in _CHAIN_LINKS
            and out[k] in ("O", "B-PERS", "I-PERS")
            and words[k] not in _CHAIN_STOPS
            and _ARABIC_WORD.fullmatch(words[k])
        ):
            out[k] = "I-PERS"
            k += 1
            while k < n and out[k] == "I-PERS":
                k += 1
    # and a name's first word that is a link the tagger left out: فان | باستن، أبي | وقاص
    for typ, i, _ in bio_spans(out):
        if typ == "PERS" and i > 0 and out[i - 1] == "O" and fold_final(words[i - 1]) in _LEADING_LINKS:
            out[i - 1] = "B-PERS"
            out[i] = "I-PERS"
    return out


def trim_run_ons(
    words: Sequence[Sequence[str]],
    labels: Sequence[Sequence[str]],
    given_names: frozenset[str],
    rates: Mapping[str, tuple[str, ...]] | None = None,
) -> list[list[str]]:
    """A person's name that ran on into the next word, which the same document shows without it.

    Headlines and captions put a verb or a noun right after a name with no punctuation ("كيم جونغ أون
    يوافقني", "محمد صلاح فرحت"), and a word-level tagger trained on running text often takes that word
    into the name. When a name of two or more words is tagged on its own elsewhere in the document and
    the longer form occurs only once, the extra last word is cut. A last word that is a given name
    (a father's name: سلوى محمد علي) is kept. The same for a first word ("أرسلت بيتروس غونسالفوس",
    "هوليود جينيفر أنيستون"), which a headline's verb or a caption's topic puts before a name, when
    ANT never reads it as (part of) a person's name: first names the given-name list lacks are
    (ليوناردو دي كابريو beside دي كابريو).
    """
    rates = rates or {}
    spans = [(si, typ, i, j) for si, lab in enumerate(labels) for typ, i, j in bio_spans(lab) if typ == "PERS"]
    seen: Counter[tuple[str, ...]] = Counter(tuple(words[si][i:j]) for si, _, i, j in spans)
    out = [list(lab) for lab in labels]
    for si, _, i, j in spans:
        name = tuple(words[si][i:j])
        if j - i < 3 or seen[name] > 1:
            continue
        first = fold_final(name[0])
        if seen[name[1:]] and first not in given_names and first not in NAME_PARTICLES and _never_a_name(first, rates):
            out[si][i] = "O"
            out[si][i + 1] = "B-PERS"
            continue
        if not seen[name[:-1]]:
            continue
        last = fold_final(name[-1])
        if last in given_names or strip_clitics(last)[1] in given_names:
            continue
        out[si][j - 1] = "O"
    return out


def _never_a_name(word: str, rates: Mapping[str, tuple[str, ...]]) -> bool:
    """ANT knows the word and never reads it as (part of) a person's name: no PERS rate flag."""
    flags = rates.get(word)
    return flags is not None and not any(f.startswith("rPERS") for f in flags)


def dual_verbs(
    words: Sequence[str], labels: Sequence[str], given_names: frozenset[str], rates: Mapping[str, tuple[str, ...]]
) -> list[str]:
    """A dual present verb is not a name: "أنغام وعاصي | يضيئان"، "جاستن ثيرو | يعلنان".

    Headlines put two people before their verb with no punctuation; the dual form (ي/ت + stem + ان)
    says the name has ended, and inside a span it splits two names ("إدوارد | يهاجمان | وليد فواز"). A
    given name or an -يان surname (ترزيان) stays, and so does a word ANT reads as a person in at least
    30 % of its occurrences at a span's end, 60 % inside one.
    """
    out = list(labels)
    for typ, i, j in bio_spans(labels):
        if typ != "PERS":
            continue
        for t in range(i + 1, j):
            w = words[t]
            if (
                len(w) >= 5
                and w[0] in "يت"
                and w.endswith("ان")
                and not w.endswith("يان")
                and w not in given_names
                # inside a span the half models behind the rates make this very error in headlines
                and not any(f in (("rPERS3",) if t < j - 1 else ("rPERS2", "rPERS3")) for f in rates.get(w, ()))
            ):
                out[t] = "O"
                if t + 1 < j:
                    out[t + 1] = "B-PERS"
    return out


def _and_member(word: str, members: frozenset[str]) -> bool:
    """The word is the conjunction و + one of ``members`` (a name, a place)."""
    return len(word) > 3 and word[0] == "و" and word[1:] in members


def coordinated_names(
    words: Sequence[str], labels: Sequence[str], names: frozenset[str], counts: dict[str, int]
) -> list[str]:
    """Where two person names meet at a word with و, one name ends: "عمرو عبد الجليل | وسهير المرشدي".

    Inside a person span, a word that is the conjunction و + a name (``names``: given names and words
    the tagger reads as a person almost everywhere in ANT) starts a second name. The other way round,
    a span the tagger started at a word whose و is part of the name (وهبي، وليد: more frequent in the
    corpus than the word without it, as ``_clitic_len`` decides) right after a person continues it
    (هيفاء | وهبي). The tagger runs two coordinated names together, or splits one at such a word.
    ``words`` are normalized (a final ى folded).
    """
    out = list(labels)
    for k in range(1, len(words)):
        if out[k] not in ("B-PERS", "I-PERS") or out[k - 1] not in ("B-PERS", "I-PERS"):
            continue
        w = words[k]
        if len(w) <= 3 or w[0] != "و":
            continue
        if _clitic_len(w, counts) == 0:
            out[k] = "I-PERS"
        elif _and_member(w, names):
            out[k] = "B-PERS"
    return out


def coordinated_places(
    words: Sequence[str], labels: Sequence[str], places: frozenset[str], countries: frozenset[str]
) -> list[str]:
    """Two places joined by و are two places: "واشنطن | وبكين"، "دبي | وأبوظبي".

    Inside a place span, a word that is و + a place (``places``: country names and words the tagger
    reads as a place in at least 30 % of their ANT occurrences) starts a second place, unless the
    whole span is one country's name (البوسنة والهرسك، ترينيداد وتوباغو). ``words`` are normalized.
    """
    out = list(labels)
    for typ, i, j in bio_spans(labels):
        if typ != "LOC" or j - i < 2 or " ".join(words[i:j]) in countries:
            continue
        for k in range(i + 1, j):
            if _and_member(words[k], places):
                out[k] = "B-LOC"
    return out


#: how often a word with entity rates but no cluster is taken to occur: the rates keep words seen at
#: least this often in ANT, the clusters only the 50,000 most frequent
_RATED_COUNT = 4


def _clitic_len(word: str, counts: dict[str, int], rates: Mapping[str, tuple[str, ...]] | None = None) -> int:
    """How many leading one-letter clitics (و ف ب ل ك) to cut from a word tagged as a name.

    A letter is cut when the rest is a more frequent corpus word than the whole ("وحفتر" -> "حفتر",
    "ولبنان" -> "لبنان") but not when the whole is the common word ("وليد", "بريطانيا"). When the
    corpus knows neither, only the conjunction و is cut: "هانا وباربيرا" joins two names far more often
    than a rare name starts with و, while ب/ل/ك/ف often start foreign names ("بيرلسكوني"). With
    ``rates``, a word too rare for the clusters but seen in ANT counts as seen a few times before a
    preposition is cut (لميغن ماركل); for و the corpus's rare words tell too little (وطغيان، ومحا).
    """
    i = 0
    while i < 2 and len(word) - i > 2 and word[i] in _SPAN_CLITICS:
        rest = word[i + 1 :]
        if rest.startswith("ل") and word[i] == "ل":
            break  # "لل" + noun: the article's alef is gone, cutting would leave a broken word
        if conjoined_function_word(rest):
            break  # لولا، كوهي: ب / ل / ك never precede و / ف, and ولا، وهي are no names
        n_rest, n_word = counts.get(rest, 0), counts.get(word[i:], 0)
        if rates is not None and word[i] != "و":
            n_rest = n_rest or (_RATED_COUNT if rest in rates else 0)
            n_word = n_word or (_RATED_COUNT if word[i:] in rates else 0)
        if n_rest <= n_word and not (n_rest == n_word == 0 and word[i] == "و" and len(rest) >= 3):
            break
        i += 1
    return i


def default_model_path() -> Path:
    """The shipped model inside the package (etl/resources/ner/ner.crfsuite)."""
    res = files("etl") / "resources" / "ner" / MODEL_NAME
    with as_file(res) as p:
        return Path(p)


def meta_path(model_path: Path) -> Path:
    return model_path.with_suffix(".json")


def _derived_file(model_path: Path, meta: dict[str, Any], key: str, what: str) -> Path | None:
    """The file ``meta[key]`` names beside the model, or None when the model uses none."""
    if not meta.get(key):
        return None
    path = model_path.parent / meta[key]["file"]
    if not path.is_file():
        raise ModelError(f"NER {what} file missing: {path}")
    return path


@lru_cache(maxsize=4)
def load_model(path: Path | None = None) -> NerModel:
    """Load a model (default: the shipped one) once per process; each worker process loads its own."""
    model_path = path or default_model_path()
    mpath = meta_path(model_path)
    if not model_path.is_file() or not mpath.is_file():
        raise ModelError(
            f"NER model not found: {model_path} (and its metadata {mpath.name})",
        )
    try:
        meta = json.loads(mpath.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"NER model metadata unreadable: {mpath}: {exc}") from exc
    version = meta.get("feature_version")
    if version not in SUPPORTED_VERSIONS:
        raise ModelError(
            f"NER model {model_path} was trained with feature set {version}, "
            f"this code builds feature sets {sorted(SUPPORTED_VERSIONS)}",
            hint="retrain with `etl ner train`",
        )
    cpath = _derived_file(model_path, meta, "clusters", "cluster")
    clusters = Clusters.read(cpath) if cpath else None
    gazetteers = {k: frozenset(v) for k, v in meta.get("gazetteers", {}).items()}
    rpath = _derived_file(model_path, meta, "entity_rates", "entity-rate")
    rates = EntityRates.read(rpath) if rpath else None
    ppath = _derived_file(model_path, meta, "train_phrases", "training-phrase")
    phrases = TrainPhrases.read(ppath) if ppath else None
    tagger = pycrfsuite.Tagger()
    try:
        tagger.open(str(model_path))
    except (OSError, ValueError) as exc:
        raise ModelError(f"NER model unreadable: {model_path}: {exc}") from exc
    logger.info("loaded NER model %s", model_path)
    featurizer = Featurizer(clusters, gazetteers, rates, version, phrases=phrases)
    return NerModel(model_path, tagger, featurizer, meta, Decoder.from_tagger(tagger, featurizer))


def tag(doc: NormalizedText) -> list[NerSpan]:
    """Named entities (PERS/ORG/LOC/MISC) of a normalized document, in original offsets."""
    return load_model().tag(doc)


def corpus_rates() -> EntityRates:
    """The shipped model's entity rates, whose word sets the entity layer reads (``person_names``,
    ``common_words``, ``non_names``, ``article_words``); empty for a model trained without them."""
    rates = load_model().featurizer.rates
    return rates if rates is not None else _NO_RATES


_NO_RATES = EntityRates({})

