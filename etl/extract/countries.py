"""Country mentions: Arabic country names and nationality adjectives -> ISO 3166-1 alpha-2 codes.

A dictionary matcher over the normalized text, compiled once. One regex (the first words of all forms,
factored as a trie, behind optional clitics و ف + ب ل ك) finds in a single C-level scan the few
tokens that can start a form; each is split into clitics + first word (ل + ال is written لل) and
looked up, and the longest form whose following words match wins. Offsets exclude the clitics.
A few context rules keep precision: ambiguous names (عمان is also Amman) need a country cue, an
adjective that is also a given name (تركي) is not taken after a title, a feminine adjective used as
a language name (بالفرنسية، اللغة الإنجليزية) is skipped, and "block" phrases (أمريكا اللاتينية،
المحيط الهندي، نهر الأردن) are consumed without a mention.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from etl.extract.lexicons import read_rows
from etl.normalize import NormalizedText, normalize_key
from etl.records import Entity, Mention, MentionMethod

__all__ = ["CountryInfo", "country_entity", "find_countries", "iso_countries"]

log = logging.getLogger(__name__)

ISO_FILE = "iso3166.tsv"
NAMES_FILE = "country_names_ar.tsv"

#: Arabic letters of normalized text (tatweel and diacritics are already gone); Latin and digits
#: never belong to an Arabic country token ("أفريقياMTN" still yields أفريقيا)
_LETTERS = r"\u0620-\u063f\u0641-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff"
_GAP_COORD_RE = re.compile(r"[ ،,]*")

#: conjunction, then preposition/particle, attached before a name or adjective
_CONJ = ("", "و", "ف")
_PREP = ("", "ب", "ل", "ك")

#: words before an ambiguous name that make it a country
_CTX_CUES = frozenset(
    normalize_key(w) for w in "سلطنة دولة جمهورية مملكة إمارة حكومة منتخب سفارة سفير سفيرة سلطان أمير شعب عاصمة".split()
)
#: titles before a given name that is also an adjective (العقيد تركي المالكي)
_TITLES = frozenset(
    normalize_key(w)
    for w in (
        "الأمير أمير الشيخ شيخ السيد المستشار الوزير الدكتور د العقيد العميد اللواء الفريق المقدم"
        " الرائد النقيب الملازم اللاعب النجم الكابتن المدرب الفنان الإعلامي الكاتب الشاعر الأستاذ"
        " المهندس المحامي القاضي الناطق المتحدث الملك"
    ).split()
)
#: words after a given name that mark a person (تركي بن ..., تركي آل الشيخ)
_NAME_LINKS = frozenset(normalize_key(w) for w in ("بن", "ابن", "آل", "أبو", "بنت"))
#: words before a feminine adjective that make it a language, not a country
_LANG_CUES = frozenset(normalize_key(w) for w in ("اللغة", "لغة", "اللغتين", "لغتين", "اللهجة", "لهجة"))

Shape = Literal["masc", "masc_def", "fem", "fem_def", "other"]

# nisba suffixes: (suffix, shape of the indefinite form)
_SUFFIXES: tuple[tuple[str, Shape], ...] = (
    ("", "masc"),
    ("ا", "masc"),  # accusative tanwin: عملا سعوديا
    ("ه", "fem"),  # ة after normalization
    ("ون", "other"),
    ("ين", "other"),
    ("ات", "other"),
    ("ان", "other"),
    ("تان", "other"),
    ("تين", "other"),
)
_DEFINITE: dict[Shape, Shape] = {"masc": "masc_def", "fem": "fem_def", "other": "other"}


@dataclass(frozen=True, slots=True)
class CountryInfo:
    """One ISO 3166-1 country as listed in ``etl/resources/iso3166.tsv``."""

    alpha2: str
    alpha3: str
    numeric: str
    name_en: str
    name_ar: str


@lru_cache(maxsize=1)
def iso_countries() -> tuple[CountryInfo, ...]:
    """Every ISO 3166-1 country (249), sorted by alpha-2 code."""
    out = []
    for row in read_rows(ISO_FILE):
        if row[0] == "alpha2":  # tolerate a plain header row
            continue
        a2, a3, num, en, ar = row[:5]
        out.append(CountryInfo(a2, a3, num, en, ar))
    return tuple(sorted(out, key=lambda c: c.alpha2))


@lru_cache(maxsize=1)
def _by_code() -> dict[str, CountryInfo]:
    return {c.alpha2: c for c in iso_countries()}


def country_entity(code: str, aliases: Iterable[str] = ()) -> Entity:
    """The article-level entity of country ``code`` (alpha-2), named by its CLDR Arabic name."""
    info = _by_code().get(code.upper())
    if info is None:
        raise KeyError(f"not an ISO 3166-1 alpha-2 code: {code!r}")
    return Entity(
        kind="country",
        key=info.alpha2,
        canonical_name=info.name_ar,
        aliases=tuple(dict.fromkeys(a for a in aliases if a != info.name_ar)),
        country_code=info.alpha2,
    )


@dataclass(frozen=True, slots=True)
class _Entry:
    """One normalized surface form: the tokens, what it stands for, and its context conditions."""

    tokens: tuple[str, ...]
    code: str | None  # None: a block phrase, consumed and never reported
    method: MentionMethod
    shape: Shape = "other"
    ctx: frozenset[str] | None = None  # not None: needs a country cue (these words or _CTX_CUES)
    given: bool = False
    maqsura: bool = False


@dataclass(frozen=True, slots=True)
class _Candidate:
    """An entry as reached from one clitic-prefixed spelling of its first token."""

    clitic: int  # characters of attached clitics before the form
    conj: bool  # a و/ف conjunction is attached
    prep: bool  # a ب/ل/ك particle is attached
    entry: _Entry


def _demonym_forms(stem: str) -> list[tuple[tuple[str, ...], Shape]]:
    """Every inflected form of a nisba stem; each word ending in ي is inflected alike."""
    words = stem.split()
    out: list[tuple[tuple[str, ...], Shape]] = []
    for suffix, shape in _SUFFIXES:
        for definite in (False, True):
            toks = tuple(("ال" if definite else "") + w + suffix if w.endswith("ي") else w for w in words)
            out.append((toks, _DEFINITE[shape] if definite else shape))
    return out


@dataclass(frozen=True, slots=True)
class _Flags:
    ctx: frozenset[str] | None = None
    given: bool = False
    nobare: bool = False
    maqsura: bool = False


def _parse_flags(field: str) -> _Flags:
    ctx: frozenset[str] | None = None
    names = set()
    for flag in filter(None, (f.strip() for f in field.split(";"))):
        name, _, value = flag.partition("=")
        if name == "ctx":
            ctx = frozenset(normalize_key(w) for w in value.split(",") if w.strip())
        elif name in ("given", "nobare", "maqsura"):
            names.add(name)
        else:
            raise ValueError(f"{NAMES_FILE}: unknown flag {flag!r}")
    return _Flags(ctx, "given" in names, "nobare" in names, "maqsura" in names)


_RANK = {"demonym": 0, "form": 1, "name": 2, "block": 2}
_PLAIN_NAME_RE = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)*")


@lru_cache(maxsize=1)
def _lexicon() -> dict[tuple[str, ...], _Entry]:
    """Normalized token tuple -> entry: CLDR names, then the hand-written file (which wins)."""
    # normalized tokens -> (rank, entry); a higher rank wins, the hand-written file wins a tie
    lexicon: dict[tuple[str, ...], tuple[int, _Entry]] = {}
    for c in iso_countries():
        # CLDR names with punctuation ("الكونغو - كينشاسا", "(منطقة إدارية خاصة)") are not how news
        # writes them; the hand-written file has the usual forms
        if _PLAIN_NAME_RE.fullmatch(c.name_ar):
            toks = tuple(normalize_key(c.name_ar).split())
            lexicon[toks] = (_RANK["name"], _Entry(toks, c.alpha2, "name"))
    cldr = set(lexicon)
    for row in read_rows(NAMES_FILE):
        code, kind, form = row[0], row[1], row[2]
        flags = _parse_flags(row[3] if len(row) > 3 else "")
        target = None if kind == "block" else code
        if target is not None and target not in _by_code():
            raise ValueError(f"{NAMES_FILE}: unknown country code {code!r}")
        toks = tuple(normalize_key(form).split())
        if kind == "demonym":
            forms = [(t, shape) for t, shape in _demonym_forms(" ".join(toks)) if not flags.nobare or shape != "masc"]
        elif kind in ("name", "form", "block"):
            forms = [(toks, "other")]
        else:
            raise ValueError(f"{NAMES_FILE}: unknown kind {kind!r}")
        method: MentionMethod = "name" if kind in ("name", "block") else "demonym"
        new = [_Entry(t, target, method, shape, flags.ctx, flags.given, flags.maqsura) for t, shape in forms]
        rank = _RANK[kind]
        for e in new:
            old = lexicon.get(e.tokens)
            # a form written out beats a generated adjective form of the same spelling
            # (ألبانيا the name, not the accusative adjective; تشيلي the name)
            if old is not None and old[0] > rank:
                continue
            if old is not None and old[0] == rank and old[1].code != e.code and e.tokens not in cldr:
                log.warning("%s: %s listed for %s and %s", NAMES_FILE, " ".join(e.tokens), old[1].code, e.code)
            lexicon[e.tokens] = (rank, e)
    return {k: v[1] for k, v in lexicon.items()}


@lru_cache(maxsize=1)
def _by_first() -> dict[str, tuple[_Entry, ...]]:
    """First token of a form -> the forms starting with it."""
    out: dict[str, list[_Entry]] = {}
    for entry in _lexicon().values():
        out.setdefault(entry.tokens[0], []).append(entry)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=16384)
def _candidates(token: str) -> tuple[_Candidate, ...]:
    """Every reading of ``token`` as clitics + the first word of a form; longest form first.

    Cached: the same few hundred country tokens recur across a corpus.
    """
    by_first = _by_first()
    out = []
    for conj in _CONJ:
        if not token.startswith(conj):
            continue
        for prep in _PREP:
            clitic = len(conj) + len(prep)
            if not token.startswith(prep, len(conj)) or clitic >= len(token):
                continue
            body = token[clitic:]
            heads = [body]
            if prep == "ل" and body.startswith("ل"):
                heads.append("ا" + body)  # ل + ال drops the article's alef: للعراق
            for head in heads:
                for entry in by_first.get(head, ()):
                    out.append(_Candidate(clitic, bool(conj), bool(prep), entry))
    # an unprefixed reading beats a clitic one of the same length (لبنان is not ل + بنان)
    return tuple(sorted(out, key=lambda c: (-len(c.entry.tokens), c.clitic)))


def _trie_pattern(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` factored as a trie, so matching never backtracks far."""
    trie: dict[str, dict] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        optional = "" in node
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if optional:
            body = ("(?:" + body + ")" if len(alts) == 1 else body) + "?"
        return body

    return build(trie)


@lru_cache(maxsize=1)
def _first_token_re() -> re.Pattern[str]:
    """Whole tokens that may start a form: optional clitics, then a first word (or its لل spelling).

    One C-level scan of the text finds the few tokens worth a dict lookup, instead of a Python loop
    over every token; the index then decides (the pattern may admit a few clitic strings it lacks).
    """
    firsts = {e.tokens[0] for e in _lexicon().values()}
    firsts |= {w[1:] for w in firsts if w.startswith("ال")}
    return re.compile(f"(?<![{_LETTERS}])[وف]?[بلك]?(?:{_trie_pattern(firsts)})(?![{_LETTERS}])")


def _cue_words(words: Iterable[str]) -> frozenset[str]:
    """Every clitic-prefixed spelling of ``words`` (cue words also come as وسلطنة، بدولة)."""
    out = set()
    for w in words:
        for conj in _CONJ:
            for prep in _PREP:
                out.add(conj + prep + w)
                if prep == "ل" and w.startswith("ال"):
                    out.add(conj + "ل" + w[1:])
    return frozenset(out)


@lru_cache(maxsize=64)
def _cues(extra: frozenset[str]) -> frozenset[str]:
    return _cue_words(_CTX_CUES | extra)


@lru_cache(maxsize=1)
def _lang_cues() -> frozenset[str]:
    return _cue_words(_LANG_CUES)


@dataclass(slots=True)
class _Hit:
    tstart: int  # normalized start of the first token, clitics included
    cand: _Candidate
    nstart: int  # normalized span of the form, clitics excluded
    nend: int


def find_countries(doc: NormalizedText) -> list[Mention]:
    """Every country name and nationality adjective in ``doc``, offsets into the original text."""
    text = doc.text
    hits: list[_Hit] = []
    pending: list[_Hit] = []
    consumed = 0
    after_language = -1  # end of the last adjective taken as a language name
    for m in _first_token_re().finditer(text):
        tstart, tend = m.span()
        if tstart < consumed:  # inside a longer form already taken
            continue
        cands = _candidates(m.group())
        hit = None
        for cand in cands:
            nend = tend if len(cand.entry.tokens) == 1 else _continues(text, tend, cand.entry.tokens)
            if nend >= 0:
                hit = _Hit(tstart, cand, tstart + cand.clitic, nend)
                break
        if hit is None:
            continue
        consumed = hit.nend
        entry = hit.cand.entry
        if entry.code is None or not _acceptable(doc, hit):
            continue
        if _is_language(text, hit, after_language):
            after_language = hit.nend
            continue
        if entry.ctx is not None and _prev_word(text, hit.tstart) not in _cues(entry.ctx):
            pending.append(hit)
            continue
        hits.append(hit)
    if pending:
        hits.extend(_coordinated(text, hits, pending))
        hits.sort(key=lambda h: h.nstart)
    out = []
    for h in hits:
        start, end = doc.span_to_original(h.nstart, h.nend)
        code = h.cand.entry.code
        assert code is not None
        out.append(Mention("country", start, end, doc.original[start:end], code, h.cand.entry.method))
    return out


_NEXT_WORD_RE = re.compile(f" +([{_LETTERS}]+)(?![{_LETTERS}])")
_PREV_WORD_RE = re.compile(f"(?<![{_LETTERS}])([{_LETTERS}]+) +$")


def _continues(text: str, pos: int, form: tuple[str, ...]) -> int:
    """End of ``form[1:]`` when the words after ``pos`` spell it (spaces only between), else -1."""
    for word in form[1:]:
        m = _NEXT_WORD_RE.match(text, pos)
        if m is None or m.group(1) != word:
            return -1
        pos = m.end()
    return pos


def _prev_word(text: str, pos: int) -> str | None:
    """The word ending just before ``pos`` when only spaces separate them."""
    m = _PREV_WORD_RE.search(text, max(0, pos - 40), pos)
    return m.group(1) if m else None


def _next_word(text: str, pos: int) -> str | None:
    """The word starting just after ``pos`` when only spaces separate them."""
    m = _NEXT_WORD_RE.match(text, pos)
    return m.group(1) if m else None


def _acceptable(doc: NormalizedText, hit: _Hit) -> bool:
    """Context rules for adjectives: given names and alef-maksura homographs."""
    entry = hit.cand.entry
    if entry.method != "demonym":
        return True
    text = doc.text
    if entry.maqsura and entry.shape in ("masc", "masc_def"):
        if doc.original[doc.to_original(hit.nend - 1)] == "ى":
            return False
    if entry.given and entry.shape == "masc" and not hit.cand.prep:
        prev = _prev_word(text, hit.tstart)
        nxt = _next_word(text, hit.nend)
        if prev in _TITLES or (nxt is not None and (nxt in _NAME_LINKS or nxt.startswith("ال"))):
            return False
    return True


def _is_language(text: str, hit: _Hit, after_language: int) -> bool:
    """A feminine adjective standing for a language (بالفرنسية، اللغة الإنجليزية، الألمانية والإنجليزية)."""
    entry = hit.cand.entry
    if entry.method != "demonym" or entry.shape not in ("fem", "fem_def"):
        return False
    # an adjective agrees with a noun before it and takes no preposition of its own: بالفرنسية
    # is "in French" (ل is left alone: للسورية نجمة ... is "to the Syrian woman")
    if entry.shape == "fem_def" and hit.cand.prep and text[hit.tstart + hit.cand.clitic - 1] == "ب":
        return True
    if _prev_word(text, hit.tstart) in _lang_cues():
        return True
    # the next item of a list of languages
    return (
        after_language >= 0 and hit.cand.conj and _GAP_COORD_RE.fullmatch(text[after_language : hit.tstart]) is not None
    )


def _coordinated(text: str, hits: list[_Hit], pending: list[_Hit]) -> list[_Hit]:
    """Ambiguous names listed next to an unambiguous country name (السعودية والإمارات وعمان)."""
    names = [h for h in hits if h.cand.entry.method == "name"]
    out = []
    for p in pending:
        for h in names:
            if h.nend <= p.tstart:
                gap, conj = text[h.nend : p.tstart], p.cand.conj
            elif p.nend <= h.tstart:
                gap, conj = text[p.nend : h.tstart], h.cand.conj
            else:
                continue
            if _GAP_COORD_RE.fullmatch(gap) and (conj or _has_comma(gap)):
                out.append(p)
                break
    return out


def _has_comma(gap: str) -> bool:
    return "،" in gap or "," in gap
