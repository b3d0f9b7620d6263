"""Persons, organizations and locations of one article, resolved from tagger spans and rules.

The CRF tagger (``etl.extract.ner``) finds name-shaped spans; this module turns them into article-level
entities the way the annotation guide wants them:

* titles are not names (المشير خليفة حفتر -> person خليفة حفتر with role المشير), and the office phrase
  around a name (وزير الداخلية الليبي فتحي باشاغا) becomes the person's role;
* organizations built on a head noun (وزارة الداخلية، مجلس الأمن الدولي، الجيش الليبي) and well-known
  names without one (رويترز، البيت الأبيض) are found by rule, whether or not the tagger saw them;
* within the article, short forms and family names link to the full name, spelling variants of one
  organization share a normalized key, and a role phrase used alone links to its person;
* clitics (و ف ب ل ك لل) are never inside a mention, and ``body[start:end] == surface`` always.

All matching runs on the normalized text of ``etl.normalize`` over word tokens with dict/set lookups;
everything stored is in original offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, Literal

from etl.extract.countries import find_countries
from etl.extract.lexicons import (
    FOREIGN_PARTICLES,
    NAME_PARTICLES,
    conjoined_function_word,
    load_labeled,
    load_lexicon,
    read_rows,
)
from etl.extract.ner import corpus_rates
from etl.extract.statements import cue_forms
from etl.normalize import NormalizedText, normalize, normalize_key
from etl.records import Entity, Mention, MentionMethod

if TYPE_CHECKING:
    from etl.extract.ner import NerSpan

__all__ = ["resolve_entities"]

#: words (Arabic letters, other letters, or digits; hyphenated names kept whole; لـCNN is two words) and
#: single punctuation marks; "#" and "_" (hashtags: #حزب_الله) are skipped like spaces
_AR = "\u0620-\u064a\u066e-\u066f\u0671-\u06d3\u06d5\u06ee-\u06ef\u06fa-\u06fc\u06ff"
_WORD_RE = re.compile(rf"[{_AR}]+(?:-[{_AR}]+)*|[^\W\d_{_AR}]+(?:-[^\W\d_{_AR}]+)*|\d+|[^\w\s#]")
_QUOTES = frozenset("\"'«»“”‘’„")
#: quotes dropped and "#", "_" (hashtags) read as spaces when a surface becomes a name
_NAME_CLEAN = str.maketrans({"_": " ", "#": " ", **dict.fromkeys(_QUOTES)})
#: regnal and ordinal words that end a name (عبدالله الثاني، محمد السادس)
_ORDINALS = frozenset(
    {"الاول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع", "العاشر"}
    | {"الثانيه", "الاولي"}
)
_NISBA_MIN = 5  # ال + three letters
_ROLE_MAX = 9
_NAME_MAX = 5
_PREFIXES = ("وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك")
#: function words that may sit inside a role phrase (الناطق باسم ...، مبعوث الأمم المتحدة إلى ليبيا)
_ROLE_CONNECTORS = frozenset({"الي", "لدي", "في", "باسم"})
_DESCRIPTOR_NAME_MAX = 4
#: head words that only say what kind of body a name is (تنظيم القاعدة = القاعدة)
_TYPE_HEADS = frozenset(
    normalize_key(w)
    for w in (
        "تنظيم حركة حزب جماعة ميليشيا ميليشيات قصر وكالة قناة صحيفة موقع شبكة مجلة جريدة إذاعة "
        "شركة نادي منظمة جبهة مجموعة"
    ).split()
)
#: one-word names that are also function words (لي "to me"، هو "he"، ما "what"، لو "if")
_FUNCTION_NAMES = frozenset({"لي", "هو", "ما", "لو"})
#: currencies, which a nationality adjective names (الريال الإيراني، الدينار العراقي) and a tagger that
#: knows Real Madrid (الريال) may read as an organization
_CURRENCIES = frozenset(
    normalize_key(w) for w in "الريال الدينار الدرهم الجنيه الليرة الروبل اليوان الين الروبية الدولار اليورو".split()
)
#: words that open a modifier inside a role phrase; the role ends before them (الناطق باسم الجيش
#: الليبي بقيادة حكومة الوفاق -> الناطق باسم الجيش الليبي)
_ROLE_CUT = frozenset(
    {"بقياده", "التابع", "التابعه", "المدعوم", "المدعومه", "الموالي", "المواليه", "الذي", "التي", "("}
)


# --------------------------------------------------------------------------------------------------
# lexicons


@dataclass(frozen=True, slots=True)
class _Lexicons:
    titles: dict[tuple[str, ...], bool]  # token sequence -> is honorific
    title_first: frozenset[str]
    title_maxlen: int
    heads: dict[tuple[str, ...], str]  # token sequence -> "" | "weak" | "construct" | "descriptor"
    head_first: frozenset[str]
    head_maxlen: int
    known: dict[tuple[str, ...], bool]  # token sequence -> needs context
    known_first: frozenset[str]
    known_maxlen: int
    given: frozenset[str]
    title_mods: frozenset[str]  # adjectives after a title that belong to the role (الفنان القدير)
    not_person: frozenset[str]
    stop: frozenset[str]
    stop_seat: dict[str, str]  # stop words listed only with a hamza alef first -> those letters (أمام)
    stop_bare: frozenset[str]  # stop words only without a clitic (أول; باول is a name)
    stop_verb: frozenset[str]  # stop words only bare or behind و / ف: a verb takes no preposition (بولد)
    relations: frozenset[str]  # nouns relating someone to the name after them (محامي، مساعدو)
    adj: frozenset[str]
    naming: frozenset[str]  # adjectives that make a definite construct head a name (البنك المركزي)
    lcomp: frozenset[str]
    lhead: frozenset[str]  # adjectives after which a head takes any ل-complement (الهيئة العامة لقصور الثقافة)
    field: frozenset[str]  # generic adjectives that name a field after a genitive (مجلس الشؤون الاقتصادية)
    bare: frozenset[str]
    generic_adj: frozenset[str]
    any_first: frozenset[str]  # first words of titles, heads and known names
    places: frozenset[str]  # multi-word city names (places.txt): بيونغ يانغ keeps its ب
    called: frozenset[str]  # words after which باسم is "by the name of" (naming_words.txt)


def _with_article_variants(key: str) -> list[str]:
    """An entry as listed and, when listed without the article, with it (وزير -> الوزير).

    A definite entry is not stripped: الصحفي is a title, صحفي mostly an adjective (مؤتمر صحفي).
    """
    if key.startswith("ال") or len(key) < 3:
        return [key]
    return [key, "ال" + key]


@lru_cache(maxsize=1)
def _lexicons() -> _Lexicons:
    titles: dict[tuple[str, ...], bool] = {}
    labeled_titles = load_labeled("titles")
    for entry in load_lexicon("titles"):
        if labeled_titles.get(entry) == "modifier":
            continue
        honorific = labeled_titles.get(entry) == "honorific"
        for variant in _with_article_variants(entry):
            seq = tuple(variant.split())
            titles[seq] = titles.get(seq, False) or honorific
    heads: dict[tuple[str, ...], str] = {}
    labeled_heads = load_labeled("org_heads")
    for entry in load_lexicon("org_heads"):
        for variant in _with_article_variants(entry):
            heads.setdefault(tuple(variant.split()), labeled_heads.get(entry, ""))
    known: dict[tuple[str, ...], bool] = {}
    labeled_known = load_labeled("known_orgs")
    for entry in load_lexicon("known_orgs"):
        known[tuple(entry.split())] = labeled_known.get(entry) == "context"
    modifiers = load_labeled("org_modifiers")
    title_first = frozenset(k[0] for k in titles)
    head_first = frozenset(k[0] for k in heads)
    known_first = frozenset(k[0] for k in known)
    return _Lexicons(
        titles=titles,
        title_first=title_first,
        title_maxlen=max(len(k) for k in titles),
        heads=heads,
        head_first=head_first,
        head_maxlen=max(len(k) for k in heads),
        known=known,
        known_first=known_first,
        known_maxlen=max(len(k) for k in known),
        given=frozenset(e.replace(" ", "") for e in load_lexicon("given_names")),
        title_mods=frozenset(k for k, v in labeled_titles.items() if v == "modifier"),
        not_person=frozenset(
            v
            for name in ("thing_heads", "anonymous_sources")
            for e in load_lexicon(name)
            for v in _with_article_variants(e)
        ),
        stop=load_lexicon("name_stopwords"),
        stop_seat=_hamza_seats(row[0] for row in read_rows("name_stopwords.txt") if row and row[0]),
        stop_bare=frozenset(k for k, v in load_labeled("name_stopwords").items() if v == "bare"),
        stop_verb=frozenset(k for k, v in load_labeled("name_stopwords").items() if v == "verb"),
        relations=load_lexicon("relation_nouns"),
        adj=frozenset(k for k, v in modifiers.items() if v in ("adj", "name", "lhead")),
        naming=frozenset(k for k, v in modifiers.items() if v == "name"),
        lcomp=frozenset(k for k, v in modifiers.items() if v in ("lcomp", "bare")),
        lhead=frozenset(k for k, v in modifiers.items() if v == "lhead"),
        field=frozenset(k for k, v in modifiers.items() if v == "field"),
        bare=frozenset(k for k, v in modifiers.items() if v == "bare"),
        generic_adj=frozenset(k for k, v in modifiers.items() if v in ("generic", "field")),
        any_first=title_first | head_first | known_first,
        places=load_lexicon("places"),
        called=load_lexicon("naming_words"),
    )


# --------------------------------------------------------------------------------------------------
# tokens


@dataclass(slots=True)
class _Tok:
    text: str  # normalized surface
    stem: str  # normalized, proclitics before the article removed (لل read as ل + ال)
    k: int  # normalized characters cut off for ``stem``
    nstart: int
    nend: int
    start: int  # original offsets of the whole token
    end: int
    word: bool
    gap: bool  # a line break (or start of text) right before the token
    restored: bool = False  # the stem had its article rebuilt (للأمم -> الأمم)
    #: (clitic length, form) readings to look up, most likely first
    readings: tuple[tuple[int, str], ...] = ()


_AL_CLITIC = re.compile(r"^(?:[وف]?[بك]?)(?=ال..)|^(?:[وف]?)(?=لل..)")


@lru_cache(maxsize=1 << 15)  # bounded: the per-worker memory must stay flat over a large corpus
def _split(text: str) -> tuple[int, str, bool, tuple[tuple[int, str], ...]]:
    """(clitic length, stem, article restored, readings) of a normalized word; cached per word."""
    alts = tuple((len(p), text[len(p) :]) for p in _PREFIXES if text.startswith(p) and len(text) - len(p) >= 2)
    m = _AL_CLITIC.match(text)
    if m is None:
        return 0, text, False, ((0, text), *alts)
    k = m.end()
    if text.startswith("لل", k):
        # ل + ال written لل: the mention keeps the second ل; the article is rebuilt for matching
        # (and for a noun that itself starts with ل, ل + اللاجئين is written للاجئين too)
        stem = "ا" + text[k + 1 :]
        return k + 1, stem, True, ((k + 1, stem), (k + 1, "ال" + text[k + 1 :]), (0, text), *alts)
    return k, text[k:], False, ((k, text[k:]), (0, text), *alts)


_HAMZA_ALEFS = "أإآ"


def _hamza_seats(entries: Iterable[str]) -> dict[str, str]:
    """Normalized entry -> the hamza alefs its listed spellings start with, for entries that are only
    listed with one (أمام -> أ; أن and إن -> أإ)."""
    seats: dict[str, str] = {}
    for entry in entries:
        key = normalize_key(entry)
        seats[key] = seats.get(key, "") + (entry[0] if entry[0] in _HAMZA_ALEFS else "-")
    return {k: v for k, v in seats.items() if "-" not in v}


def _stop_word(doc: NormalizedText, lex: _Lexicons, t: _Tok) -> bool:
    """A function word (behind a one-letter clitic too), unless written with another hamza than
    the listed word: normalized, the name إمام (عادل إمام) is the preposition أمام."""
    if not t.word:
        return False
    if t.text in lex.stop:
        form = t.text
    elif t.stem in lex.stop:
        form = t.stem
    elif t.text[0] in "وفبلك" and t.text[1:] in lex.stop:
        form = t.text[1:]
        if form in _maksura_stops() and not doc.original[t.start : t.end].endswith("ى"):
            return False  # كيري is not ك + يرى: the verb is written with its ى
    else:
        return False
    if form != t.text and form in lex.stop_bare:
        return False  # باول (Powell) is not ب + أول
    if form != t.text and form in lex.stop_verb and t.text[0] in "بلك":
        return False  # بولد (Bold) is not ب + ولد "was born"
    seat = lex.stop_seat.get(form)
    if seat is None:
        return True
    written = next((c for c in doc.original[t.start : t.end] if c in "ا" + _HAMZA_ALEFS), "ا")
    return written == "ا" or written in seat


@lru_cache(maxsize=1)
def _maksura_stops() -> frozenset[str]:
    """Function words written with a final ى (يرى، لدى): normalized, they end like words with ي."""
    return frozenset(normalize_key(r[0]) for r in read_rows("name_stopwords.txt") if r and r[0].endswith("ى"))


@lru_cache(maxsize=1)
def _maksura_given() -> frozenset[str]:
    """Given names written with a final ى (ليلى، موسى، رلى), normalized: after a title such a word is
    the name, where على / إلى, normalized alike, are not."""
    return frozenset(normalize_key(r[0]) for r in read_rows("given_names.txt") if r and r[0].endswith("ى"))


@lru_cache(maxsize=1 << 15)  # bounded: the per-worker memory must stay flat over a large corpus
def _may_start_entry(word: str) -> bool:
    """Some reading of ``word`` starts a title, head or known name (cached per word)."""
    first = _lexicons().any_first
    return any(f in first for _, f in _split(word)[3])


def _tokenize(doc: NormalizedText) -> list[_Tok]:
    text = doc.text
    toks: list[_Tok] = []
    append = toks.append
    prev_end = 0
    origin = doc.origin
    n_norm = len(text)
    n_orig = len(doc.original)
    for m in _WORD_RE.finditer(text):
        ns, ne = m.span()
        w = text[ns:ne]
        gap = not toks or "\n" in text[prev_end:ns]
        prev_end = ne
        if origin is None:
            start, end = ns, ne
        else:
            # inline of doc.span_to_original for the common case (nothing dropped after the token)
            start, end = origin[ns], origin[ne - 1] + 1
            if end < (origin[ne] if ne < n_norm else n_orig):
                start, end = doc.span_to_original(ns, ne)
        if w[0].isalnum():
            k, stem, restored, readings = _split(w)
            append(_Tok(w, stem, k, ns, ne, start, end, True, gap, restored, readings))
        else:
            append(_Tok(w, w, 0, ns, ne, start, end, False, gap))
    return toks


# --------------------------------------------------------------------------------------------------
# article context


Kind = Literal["person", "organization", "location"]


@dataclass(slots=True)
class _Cand:
    kind: Kind
    i: int  # first token
    j: int  # one past the last token
    method: MentionMethod
    source: str  # "known" | "head" | "ner" | "title" | "alias" | "role"
    cut: int = -1  # clitic characters cut from token i (-1: the token's default reading)
    role_i: int = -1  # person: role phrase start; organization: descriptor head before the name
    owner: _Cand | None = None  # another candidate this one is a second name of (an abbreviation)
    restore: bool | None = None  # rebuild the article of a لل word (None: as the token's default reading)


@dataclass(frozen=True, slots=True)
class _Match:
    length: int
    cut: int
    seq: tuple[str, ...]


_NO_MATCH = _Match(0, 0, ())


@dataclass(slots=True)
class _Ctx:
    doc: NormalizedText
    toks: list[_Tok]
    lex: _Lexicons
    country: list[bool]  # token is (part of) a country name or demonym
    demonym: list[bool]
    code: list[str]  # ISO code of the country mention covering a token
    ner: list[str]  # tagger label per token ("" when none)
    ner_start: list[bool]  # a tagger span starts at this token
    ner_clitic: list[bool]  # ... behind the conjunction و the tagger cut off (هاني سلامة و|ستيفاني صليبا)
    ner_prep: list[bool]  # ... behind a preposition ب / ل / ك the tagger cut off (ب|كوالالمبور)
    #: a tagger span starts at this token's first letter: the tagger, which weighs a clitic against
    #: the corpus's counts, kept it (فاليري، والاس)
    ner_whole: list[bool]
    stop: list[bool]
    vocab: frozenset[str]  # the article's normalized words
    loc_words: frozenset[str]  # words the tagger marks as (part of) a place somewhere
    title: list[_Match]  # lexicon matches starting at each token
    head: list[_Match]
    known: list[_Match]
    known_cov: list[bool]  # inside a well-known organization's name (not one that needs context)
    context_cov: list[bool]  # inside a name that is also a common word, a place or a family name (زين، العربي)
    positions: dict[str, list[int]]  # token indices of each normalized word


def _context(doc: NormalizedText, spans: Sequence[NerSpan], countries: Sequence[Mention]) -> _Ctx:
    toks = _tokenize(doc)
    lex = _lexicons()
    n = len(toks)
    country = [False] * n
    demonym = [False] * n
    ner = [""] * n
    ner_start = [False] * n
    ner_clitic = [False] * n
    ner_prep = [False] * n
    ner_whole = [False] * n
    starts = [t.start for t in toks]
    code = [""] * n
    for c in countries:
        for i in _covered(starts, toks, c.start, c.end):
            country[i] = True
            demonym[i] = demonym[i] or c.method == "demonym"
            code[i] = code[i] or c.entity_key
    for s in spans:
        first = True
        for i in _covered(starts, toks, s.start, s.end):
            if toks[i].word:
                ner[i] = ner[i] or s.label
                if first and s.start > toks[i].start and toks[i].text[:1] == "و" and len(toks[i].text) > 3:
                    ner_clitic[i] = True  # not ب/ل/ف/ك, which often start a name (براد، ليلى، فيفي)
                if first and s.start > toks[i].start and toks[i].text[:1] in "بلك":
                    ner_prep[i] = True
                ner_whole[i] = ner_whole[i] or (first and s.start == toks[i].start)
                ner_start[i] = ner_start[i] or first
                first = False
    positions: dict[str, list[int]] = {}
    for i, t in enumerate(toks):
        if t.word:
            positions.setdefault(t.text, []).append(i)
    title = [_NO_MATCH] * n
    head = [_NO_MATCH] * n
    known = [_NO_MATCH] * n
    known_cov = [False] * n
    context_cov = [False] * n
    stop = [_stop_word(doc, lex, t) for t in toks]
    for i, t in enumerate(toks):
        if t.word and _may_start_entry(t.text):
            title[i] = _match_seq(toks, i, lex.titles, lex.title_first, lex.title_maxlen)
            if title[i].length and stop[i] and doc.original[t.start : t.end].endswith("ى"):
                title[i] = _NO_MATCH  # وإلى الآن: normalized, "and to" is the title والي (governor)
            head[i] = _match_seq(toks, i, lex.heads, lex.head_first, lex.head_maxlen)
            km = known[i] = _match_seq(toks, i, lex.known, lex.known_first, lex.known_maxlen)
            if km.length and not lex.known[km.seq]:
                known_cov[i : i + km.length] = [True] * km.length
            elif km.length and km.cut == 0:
                context_cov[i : i + km.length] = [True] * km.length
    return _Ctx(
        doc=doc,
        toks=toks,
        lex=lex,
        country=country,
        demonym=demonym,
        code=code,
        ner=ner,
        ner_start=ner_start,
        ner_prep=ner_prep,
        ner_whole=ner_whole,
        ner_clitic=ner_clitic,
        stop=stop,
        vocab=frozenset(t.text for t in toks if t.word),
        loc_words=frozenset(t.stem for t, label in zip(toks, ner, strict=True) if label == "LOC"),
        title=title,
        head=head,
        known=known,
        known_cov=known_cov,
        context_cov=context_cov,
        positions=positions,
    )


def _covered(starts: list[int], toks: list[_Tok], start: int, end: int) -> range:
    """Token indices overlapping the original span [start, end)."""
    lo = bisect_right(starts, start) - 1
    if lo < 0 or toks[lo].end <= start:
        lo += 1
    hi = bisect_left(starts, end)
    return range(max(lo, 0), hi)


# --------------------------------------------------------------------------------------------------
# small token predicates


def _adjacent(ctx: _Ctx, j: int) -> bool:
    """Token ``j`` continues the phrase that ended at ``j - 1`` (same line, a word)."""
    return j < len(ctx.toks) and ctx.toks[j].word and not ctx.toks[j].gap


def _match_seq(
    toks: list[_Tok], i: int, table: Mapping[tuple[str, ...], object], first: frozenset[str], maxlen: int
) -> _Match:
    """The longest lexicon entry starting at token ``i`` under one clitic reading of its first word."""
    t = toks[i]
    if not t.word:
        return _NO_MATCH
    for cut, form in t.readings:
        if form not in first:
            continue
        best = _NO_MATCH
        seq = [form]
        if (form,) in table:
            best = _Match(1, cut, (form,))
        j = i + 1
        while j < len(toks) and len(seq) < maxlen:
            tj = toks[j]
            if _glued_dot_at(toks, j):
                j += 1
                continue  # "العربية.نت": a full stop glued between two words of a name
            if not tj.word or tj.gap:
                break
            seq.append(tj.text)
            if tuple(seq) in table:
                best = _Match(j + 1 - i, cut, tuple(seq))
            j += 1
        if best.length:
            return best
    return _NO_MATCH


def _is_definite(s: str) -> bool:
    return s.startswith("ال") and len(s) > 3


def _is_adjective(ctx: _Ctx, i: int, feminine: bool | None) -> bool:
    """An adjective that can end a name: nationality, -ي/-ية form, or a listed name adjective."""
    t = ctx.toks[i]
    if (t.k and not t.restored) or not _is_definite(t.stem):
        return False
    s = t.stem
    if s in ctx.lex.generic_adj or ctx.stop[i]:
        return False
    if s in _YEAR and i + 1 < len(ctx.toks) and ctx.toks[i + 1].text in _TIME_ADJ:
        return False  # لوكالة الأنباء الفرنسية العام الفائت: "last year", not the adjective "general"
    if s in ctx.lex.adj:
        return True
    if len(s) >= _NISBA_MIN and (s.endswith("ي") or s.endswith("يه")):
        return feminine is None or s.endswith("يه") == feminine
    return False


# --------------------------------------------------------------------------------------------------
# organizations


def _org_candidates(ctx: _Ctx, person_tok: list[bool]) -> list[_Cand]:
    """Organizations by rule: well-known names, then head-noun phrases, left to right."""
    toks, lex = ctx.toks, ctx.lex
    out: list[_Cand] = []
    i = 0
    n = len(toks)
    while i < n:
        if not toks[i].word or person_tok[i]:
            i += 1
            continue
        km = ctx.known[i]
        if km.length and not any(person_tok[k] for k in range(i, i + km.length)):
            if not lex.known[km.seq] or _wrapped(ctx, i, i + km.length) or _after_descriptor(ctx, i) >= 0:
                j = _official(ctx, i, _known_complement(ctx, i + km.length, person_tok))
                out.append(_Cand("organization", i, j, "name", "known", km.cut, _after_descriptor(ctx, i)))
                i = j
                continue
        if ctx.head[i].length:
            cand = _head_phrase(ctx, i, person_tok)
            if cand is not None:
                cand.j = _official(ctx, cand.i, cand.j)
                out.append(cand)
                i = cand.j
                continue
        i += 1
    return out


#: "official" after a state news agency's nationality, which Arabic news writes as part of its name
#: (وكالة الأنباء السورية الرسمية)
_OFFICIAL = frozenset(normalize_key(w) for w in "الرسمية الرسمي".split())


def _official(ctx: _Ctx, i: int, j: int) -> int:
    """End of an agency's name [i, j) that "official" continues: وكالة + ... + a nationality + الرسمية."""
    if (
        j - i >= 2
        and ctx.toks[i].stem == "وكاله"
        and ctx.demonym[j - 1]
        and _adjacent(ctx, j)
        and ctx.toks[j].text in _OFFICIAL
    ):
        return j + 1
    return j


def _known_complement(ctx: _Ctx, j: int, person_tok: list[bool]) -> int:
    """End of a well-known name that a listed ل-complement continues: the list has the short form
    (الاتحاد السعودي، رويترز), the article the full one (الاتحاد السعودي لكرة القدم، وكالة رويترز للأنباء)."""
    if (
        j >= len(ctx.toks)
        or ctx.known[j].length
        or not ctx.demonym[j - 1]  # الأمم المتحدة | لحقوق الإنسان: the complement belongs to a head before it
        or any(f in _PURPOSE_NOUNS for _, f in ctx.toks[j].readings)  # قانون الاتحاد الأوروبي لحماية البيانات
    ):
        return j
    return _l_complement(ctx, j, person_tok, free=False)


#: listed complements that after a complete name more often say what it is for than name it
_PURPOSE_NOUNS = frozenset(normalize_key(w) for w in "حماية مكافحة".split())


def _wrapped(ctx: _Ctx, i: int, j: int) -> bool:
    """Tokens [i, j) are exactly the content of a pair of quotation marks ("العربية")."""
    toks = ctx.toks
    return 0 < i and j < len(toks) and toks[i - 1].text in _QUOTES and toks[j].text in _QUOTES


def _quoted_from(ctx: _Ctx, i: int, most: int = 5) -> int:
    """End of a quotation that opens right before token ``i`` and closes within ``most`` words, else -1:
    a quoted phrase that starts with a head noun is a name as a whole ("ألوية العمالقة")."""
    toks = ctx.toks
    if i == 0 or toks[i - 1].text not in _QUOTES or toks[i - 1].end != toks[i].start:
        return -1
    if i > 1 and toks[i - 2].end == toks[i - 1].start:
        return -1  # attached to the word before: it closes a quotation
    for k in range(i + 1, min(i + most + 1, len(toks))):
        if not toks[k].word:
            return k if toks[k].text in _QUOTES and toks[k].start == toks[k - 1].end else -1
    return -1


def _names_in(ctx: _Ctx, a: int, b: int) -> bool:
    """Tokens [a, b) after a head hold a name, not only a description ("مركز جذب"، "الحركة النسائية"):
    a definite noun, or an indefinite word a definite adjective agrees with
    (موعود in "مركز موعود التعليمي": only a proper name makes the phrase definite)."""
    for k in range(a, b):
        stem = ctx.toks[k].stem
        if not _is_definite(stem):
            if k + 1 < b and _is_adjective(ctx, k + 1, None):
                return True
        elif stem not in ctx.lex.generic_adj and not _is_adjective(ctx, k, None):
            return True
    return False


def _after_descriptor(ctx: _Ctx, i: int) -> int:
    """Index of a descriptor head (قناة، صحيفة ...) right before token ``i``, else -1."""
    j = i - 1
    while j >= 0 and not ctx.toks[j].word and ctx.toks[j].text in _QUOTES:
        j -= 1
    if j >= 0 and ctx.head[j].length == 1 and ctx.lex.heads[ctx.head[j].seq] == "descriptor":
        return j
    return -1


def _extend_org(
    ctx: _Ctx, j: int, person_tok: list[bool], feminine: bool | None, *, genitive: bool = False, ministry: bool = False
) -> int:
    """Extend a name over its adjectives, a ل-complement (لحقوق الإنسان) and, where the tagger marks
    it as part of the same organization, a coordinated genitive (حزب العدالة والتنمية).

    ``genitive``: token ``j - 1`` is the head's genitive, so a field adjective belongs to the name
    (مجلس الشؤون الاقتصادية، معهد العالم العربي). After a general adjective (``lhead``: الهيئة
    العامة) any ل-complement continues the name, not only a listed field noun. ``ministry``: the head
    is وزارة, whose portfolios are coordinated in the name (وزارة الثقافة والسياحة).
    """
    lex = ctx.lex
    start = j
    free = False
    while _adjacent(ctx, j) and not person_tok[j]:
        t = ctx.toks[j]
        if _is_adjective(ctx, j, feminine) or (genitive and j == start and not t.k and t.text in lex.field):
            free = free or t.text in lex.lhead
            j += 1
        elif t.text in lex.field and not t.k and _adjacent(ctx, j + 1) and ctx.demonym[j + 1] and not person_tok[j + 1]:
            j += 1  # المخابرات العسكرية الفرنسية: a field adjective, then the nationality that names the body
        elif (
            t.text[:1] == "و"
            and _is_definite(t.text[1:])
            and not ctx.stop[j]
            and (
                (ctx.ner[j] == "ORG" and ctx.ner[j - 1] == "ORG")
                or (j > start and t.text[1:] in lex.lcomp)
                or (_adjacent(ctx, j + 1) and not person_tok[j + 1] and _listed_l(ctx, j + 1))
                or (genitive and _coordinated_genitive(ctx, j, person_tok))
                or (ministry and j == start and _portfolio(ctx, j))
            )
            and not ctx.known[j].length  # المفوضية السامية لحقوق الإنسان | والصليب الأحمر
        ):
            # حزب العدالة والتنمية (tagged); مجلس الشؤون الاقتصادية والتنمية (a field noun); مركز المعلومات
            # والتأهيل لحقوق الإنسان (a coordinated genitive before a listed ل-complement)
            j += 1
        else:
            break
    return _l_complement(ctx, j, person_tok, free)


#: plural bodies coordinated with a ministry: وزارة الدفاع والجهات الأمنية names two bodies
_BODY_PLURALS = frozenset(
    normalize_key(w) for w in "الجهات الهيئات المؤسسات الأجهزة الوزارات السلطات القوات الدوائر".split()
)


def _portfolio(ctx: _Ctx, j: int) -> bool:
    """و + a definite noun at ``j`` that is a second portfolio of a ministry, not a second body or a
    place (وزارة الخارجية والبيت الأبيض، وزارة الدفاع والجيش)."""
    return not (
        ctx.toks[j].text[1:] in _BODY_PLURALS
        or ctx.head[j].length
        or ctx.title[j].length
        or ctx.known[j].length
        or ctx.country[j]
        or ctx.ner[j] in ("PERS", "LOC")
    )


def _coordinated_genitive(ctx: _Ctx, j: int, person_tok: list[bool]) -> bool:
    """و + a noun at ``j`` that is neither a body (والشرطة) nor a title (والوزير), closed by a nationality."""
    return not (ctx.head[j].length or ctx.title[j].length) and _nationality_ahead(ctx, j + 1, person_tok)


def _nationality_ahead(ctx: _Ctx, j: int, person_tok: list[bool]) -> bool:
    """A nationality adjective at ``j``, or after one or two other adjectives: it closes a name whose
    genitive is coordinated (كلية التمريض والقابلات الملكية البريطانية، هيئة الكهرباء والماء الإماراتية)."""
    t = j
    while t < j + 3 and _adjacent(ctx, t) and not person_tok[t]:
        if ctx.demonym[t]:
            return True
        if not _is_adjective(ctx, t, None):
            return False
        t += 1
    return False


def _listed_l(ctx: _Ctx, j: int) -> bool:
    """Token ``j`` is ل / لل + a listed complement noun (لحقوق الإنسان، للدراسات)."""
    t = ctx.toks[j]
    return t.text[:1] == "ل" and any(f in ctx.lex.lcomp for _, f in t.readings)


def _nationality_at(ctx: _Ctx, j: int) -> bool:
    """A nationality adjective at ``j``, in the same phrase."""
    return _adjacent(ctx, j) and ctx.demonym[j]


def _own_body(ctx: _Ctx, j: int) -> bool:
    """Token ``j`` (behind ل) starts a body of its own, which a general ل-complement does not take in.

    A known name (اللجنة الثورية العليا | للحوثيين), not one that needs context (المجلس الأعلى للشباب
    والرياضة) unless a head starts it (الجمعية العمومية | للاتحاد الدولي); a head with a nationality
    (وكالة الأمن القومي | للإدارة الأميركية). Other heads continue the name: المجلس الأعلى للقوات
    المسلحة، المنظمة الدولية للشرطة الجنائية.
    """
    km, head = ctx.known[j], ctx.head[j].length
    if km.length and (not ctx.lex.known[km.seq] or head):
        return True
    return bool(head) and _nationality_at(ctx, j + head)


def _l_complement(ctx: _Ctx, j: int, person_tok: list[bool], free: bool) -> int:
    """ل + a noun that continues a name (لحقوق الإنسان، للطاقة الذرية); with ``free`` any content noun
    that is not itself a body, a title or a place (الهيئة العامة لقصور الثقافة والفنون), not only the
    listed field nouns: after a bare "الاتحاد الدولي" a purpose clause is rare, after "الحكومة
    المصرية" it is common (لإصلاح الاقتصاد), so callers pass ``free`` only for the former."""
    if not _adjacent(ctx, j) or person_tok[j]:
        return j
    t = ctx.toks[j]
    if t.text[:1] != "ل":
        return j
    listed = _listed_l(ctx, j)
    if not listed and not (
        free
        and len(t.text) >= 4
        and not ctx.stop[j]
        and not _own_body(ctx, j)
        and not ctx.title[j].length
        and not ctx.country[j]
        and ctx.ner[j] in ("", "ORG")
    ):
        return j
    start, body = j, bool(ctx.head[j].length) and not listed
    k = j + 1
    definite = t.text.startswith("لل")  # للاستثمار takes adjectives, not a genitive (للاستثمار | الضوء)
    if (
        not definite
        and _adjacent(ctx, k)
        and _is_definite(ctx.toks[k].text)
        and not ctx.stop[k]
        and not ctx.head[k].length
        and not ctx.title[k].length
    ):
        k += 1
    elif not listed and not definite:
        return j  # لإدارة | وتشغيل: an indefinite noun needs its genitive
    j = k
    while _adjacent(ctx, j) and not person_tok[j]:
        t = ctx.toks[j]
        # a field adjective describes the complement's noun: للتأمينات الاجتماعية، للتنمية الزراعية
        if _is_adjective(ctx, j, None) or (j == k and not t.k and t.text in ctx.lex.field):
            j += 1
        elif (
            free
            and t.text[:1] == "و"
            and _is_definite(t.text[1:])
            and not ctx.stop[j]
            and not ctx.head[j].length
            and not ctx.known[j].length
            and not ctx.country[j]
            and ctx.ner[j] in ("", "ORG")
        ):
            j += 1  # للثقافة والفنون، للشركات الصغيرة والمتوسطة
        else:
            break
    if body and j == start + 1:
        return start  # أحال الأوراق للمحكمة: a bare body after ل is where something goes
    return j


def _name_like_definite(ctx: _Ctx, j: int, person_tok: list[bool]) -> bool:
    """A definite noun that can complete a construct head (الداخلية in وزارة الداخلية)."""
    if not _adjacent(ctx, j):
        return False
    t = ctx.toks[j]
    return (
        not person_tok[j]
        and not t.k
        and _is_definite(t.text)
        and not ctx.demonym[j]  # شركة ألمانية: normalized, the indefinite nationality starts with ال
        and not ctx.stop[j]
        and not ctx.title[j].length
        and t.text not in ctx.lex.generic_adj
    )


def _feminine(noun: str) -> bool:
    """An adjective after ``noun`` is feminine: a feminine singular, or a plural in ـات, which Arabic
    gives feminine singular adjectives (المخابرات الفرنسية، الاستخبارات الأمريكية)."""
    return noun.endswith(("ه", "ات"))


def _head_phrase(ctx: _Ctx, i: int, person_tok: list[bool]) -> _Cand | None:
    """A head-noun phrase (وزارة الداخلية، الجيش الليبي، مجلس الأمن الدولي) with a name-like complement."""
    toks, lex = ctx.toks, ctx.lex
    hm = ctx.head[i]
    label = lex.heads[hm.seq]
    j = i + hm.length
    if label == "descriptor":
        return _descriptor_phrase(ctx, i, j, person_tok)
    last = hm.seq[-1]
    if hm.length == 1 and last in _RULED_BY and _led_by(ctx, j, person_tok):
        return _Cand("organization", i, j + 1, "name", "head", hm.cut)  # إدارة ترامب، حكومة نتنياهو
    quoted_end = _quoted_from(ctx, i)
    if (
        quoted_end > j
        and label != "demonym"
        # "التنظيم الممتاز"، "الحركة النسائية": a head with the article describes (ألوية has no article)
        and not (hm.seq[0].startswith("ال") and (hm.seq[0][2:],) in lex.heads)
        and not toks[j].k  # "مركز للألعاب"
        and not any(person_tok[i:quoted_end])
        and _names_in(ctx, j, quoted_end)
    ):
        return _Cand("organization", i, quoted_end, "name", "head", hm.cut)  # "مركز موعود التعليمي"
    if (
        label != "demonym"
        and hm.length == 1
        and not _is_definite(hm.seq[0])
        and j < len(toks)
        and toks[j].text in _QUOTES
        and toks[j].start > toks[j - 1].end  # an opening mark: "حاجب محكمة" يدعى closes a quotation
        and not (label == "weak" and j + 1 < len(toks) and person_tok[j + 1])  # مكتب "X": a person's office
    ):
        # متحف "بافييون بوبولير"، شركة "أرامكو"، حزب "الجمهورية إلى الأمام"
        quoted = _descriptor_phrase(ctx, i, j, person_tok)
        if quoted is not None or label == "construct":
            return quoted
    if label == "construct" and _is_definite(hm.seq[0]):
        # الشركة الأمريكية describes a company; البنك المركزي (a listed name adjective) names one
        j2 = j
        while _adjacent(ctx, j2) and not person_tok[j2] and toks[j2].text in ctx.lex.naming:
            j2 += 1
        if j2 == j:
            # الشركة السعودية للكهرباء، البنك الإسلامي للتنمية: an adjective and a ل-complement name one
            k = _adjective_run(ctx, j, person_tok, None)
            end = _l_complement(ctx, k, person_tok, free=True) if k > j else k
            if end == k:
                return None
            return _Cand("organization", i, end, "name", "head", hm.cut)
        return _Cand("organization", i, _extend_org(ctx, j2, person_tok, None), "name", "head", hm.cut)
    if label == "demonym" or (not label and hm.length == 1 and last.endswith("ات") and _is_definite(hm.seq[0])):
        # الإدارة الأمريكية، السفارة المصرية; a plural (المخابرات الفرنسية, not الاستخبارات المالية): with the
        # article and a nationality adjective only, possibly after a field adjective (العسكرية الفرنسية)
        k = j + 1 if _adjacent(ctx, j) and toks[j].text in lex.field and not toks[j].k else j
        named = (  # a nationality, or for a plural a listed name adjective (الاستخبارات المركزية)
            _adjacent(ctx, k)
            and not person_tok[k]
            and (
                ctx.demonym[k]
                # السفارة السعودية: the country's name is also the feminine adjective, which agrees
                or (ctx.country[k] and _is_adjective(ctx, k, _feminine(hm.seq[0])))
                or (label != "demonym" and toks[k].stem in lex.adj)
            )
        )
        # سلاح الجو الروسي، أجهزة الأمن الروسية: a construct head is definite by its genitive, and the
        # adjective agrees with its first noun
        if not (_is_definite(hm.seq[-1]) and named):
            return None
        return _Cand("organization", i, _extend_org(ctx, j, person_tok, _feminine(hm.seq[0])), "name", "head", hm.cut)
    if _is_definite(hm.seq[0]) or hm.length > 1:
        # الجيش الليبي، الاتحاد الأفريقي: article + head takes agreeing adjectives only
        feminine = _feminine(last) if hm.length == 1 else None
        end = _extend_org(ctx, j, person_tok, feminine)
        if end == j and hm.length == 1:
            return None
    else:
        # وزارة الداخلية، حكومة الوفاق: a construct head needs a genitive
        if not _adjacent(ctx, j) or person_tok[j]:
            return None
        proper = genitive = False
        if _name_like_definite(ctx, j, person_tok):
            j += 1
            genitive = True
        elif (
            (ctx.ner[j] in ("ORG", "LOC") or ctx.country[j])
            and not ctx.demonym[j]
            and not ctx.ner_prep[j]  # مستشفى بكوالالمبور: "in", not a genitive
        ):
            first_label = ctx.ner[j]
            proper = True
            j += 1
            while (
                _adjacent(ctx, j)
                and not person_tok[j]
                and not ctx.stop[j]
                and not _second_body(ctx, j)
                and ((first_label and ctx.ner[j] == first_label) or (not first_label and ctx.country[j]))
            ):
                j += 1
        elif ctx.ner[i] == "ORG" and not ctx.stop[j] and not toks[j].k and _name_like_definite(ctx, j + 1, person_tok):
            j += 2  # هيئة تحرير الشام: an indefinite link in the chain, only where the tagger agrees
        elif toks[j].text in _NEWS_LINK and _adjacent(ctx, j + 1) and (
            ctx.known[j + 1].length
            or (_name_like_definite(ctx, j + 1, person_tok) and ctx.ner[j + 1] in ("ORG", "LOC"))
        ):
            # وكالة أنباء الأناضول، وكالة أنباء الشرق الأوسط: "news" links the agency to its name
            proper = True
            j += 1 + max(1, ctx.known[j + 1].length)
        elif (
            toks[j].word
            and not ctx.stop[j]
            and not toks[j].k
            and not ctx.title[j].length
            and not ctx.country[j]
            and ctx.doc.original[toks[j].end - 1] != "ه"  # منتخب بلاده الأرجنتين: a possessive is no link
            and _adjacent(ctx, j + 1)
            and ctx.country[j + 1]
            and not ctx.demonym[j + 1]
            and not person_tok[j + 1]
        ):
            # وكالة أنباء السودان، وزارة خارجية قطر: an indefinite link, then a country's name, ends the chain
            proper = True
            j += 2
            while _adjacent(ctx, j) and ctx.country[j] and not ctx.demonym[j] and ctx.code[j] == ctx.code[j - 1]:
                j += 1
        elif _proper_by_agreement(ctx, j, person_tok, _feminine(last)):
            # وكالة إباء الإخبارية، مستشفى سباير الخاص: after an indefinite genitive, a definite adjective
            # agreeing with the head can only follow a proper name, which is definite by itself
            proper = True
            j += 1
        else:
            return None
        # نادي ليفربول الإنجليزي: after a proper name an adjective describes, it does not name
        if proper:
            # مستشفى كينياتا الوطني، مطار رفيق الحريري الدولي: an adjective agreeing with the head; a
            # nationality after a proper name describes it (مستشفى كينياتا الكيني)
            end = _adjective_run(ctx, j, person_tok, _feminine(last), nationality=False)
            end = _l_complement(ctx, end, person_tok, free=False)  # وكالة سبأ للأنباء، مركز كارنيغي للسلام
        else:
            end = _extend_org(ctx, j, person_tok, None, genitive=genitive, ministry=last == "وزاره")
        if end == j and toks[j - 1].text in lex.bare:
            return None  # وكالة الأنباء alone names no agency
    if label == "weak" and not any(ctx.ner[k] == "ORG" or (k > i and _listed_l(ctx, k)) for k in range(i, end)):
        return None  # مركز المدينة describes; a listed ل-complement names a body (مركز الخليج للأبحاث)
    return _Cand("organization", i, end, "name", "head", hm.cut)


def _proper_by_agreement(ctx: _Ctx, j: int, person_tok: list[bool], feminine: bool) -> bool:
    """Token j, the genitive of an indefinite construct head, is a proper name: a single undefined
    word the tagger does not call a person or place, followed by a definite adjective (not a
    nationality) that agrees with the head."""
    t = ctx.toks[j]
    return (
        t.word
        and not t.k
        and not _is_definite(t.text)
        and not ctx.stop[j]
        and not ctx.title[j].length
        and not ctx.head[j].length
        and not ctx.country[j]
        and ctx.ner[j] in ("", "ORG", "MISC")
        and not ctx.doc.original[t.start : t.end].endswith(("ه", "ها", "هم", "هما"))  # منتخب بلاده: a possessive
        and _adjacent(ctx, j + 1)
        and not person_tok[j + 1]
        and not ctx.demonym[j + 1]
        and _is_adjective(ctx, j + 1, feminine)
        # the article as written: normalized, إلكترونية (electronic) starts like a definite word
        and ctx.doc.original[ctx.toks[j + 1].start : ctx.toks[j + 1].end].startswith("ال")
    )


def _adjective_run(
    ctx: _Ctx, k: int, person_tok: list[bool], feminine: bool | None, *, nationality: bool = True
) -> int:
    """End of the adjectives from token ``k`` on (with ``nationality`` False, a nationality ends them)."""
    while (
        _adjacent(ctx, k)
        and not person_tok[k]
        and (nationality or not ctx.demonym[k])
        and _is_adjective(ctx, k, feminine)
    ):
        k += 1
    return k


#: bodies named after the person who leads them (إدارة ترامب، حكومة نتنياهو)
_RULED_BY = frozenset(normalize_key(w) for w in "إدارة حكومة".split())


def _led_by(ctx: _Ctx, j: int, person_tok: list[bool]) -> bool:
    """Token j is a person's name of one word, or the family name that ends one (ترامب in إدارة ترامب;
    not إدارة دونالد ترامب, which is the administration "of" a named man, nor إدارة محمد, a given name)."""
    if not _adjacent(ctx, j) or person_tok[j - 1] or ctx.toks[j].text in ctx.lex.given:
        return False
    nxt = j + 1 < len(ctx.toks) and _adjacent(ctx, j + 1)
    if person_tok[j]:
        return not (nxt and person_tok[j + 1])
    # a name the tagger marks once, which needs more to stand as a person of its own (حكومة العبادي)
    return ctx.ner[j] == "PERS" and ctx.ner_start[j] and not (nxt and ctx.ner[j + 1] == "PERS")


def _descriptor_phrase(ctx: _Ctx, i: int, j: int, person_tok: list[bool]) -> _Cand | None:
    """قناة الميادين، صحيفة "دايلي إكسبرس": the organization is the name after the descriptor."""
    toks = ctx.toks
    k = j
    if k < len(toks) and toks[k].text in _QUOTES and not toks[k].gap:
        k += 1
        end = k
        words = 0
        while (_adjacent(ctx, end) and words < _DESCRIPTOR_NAME_MAX) or _glued_dot(ctx, end):
            words += 0 if _glued_dot(ctx, end) else 1
            end += 1
        if end == k or end >= len(toks) or toks[end].text not in _QUOTES:
            return None
        if not _valid_org(ctx, k, end):
            return None
        # the name as quoted (صحيفة "لوموند"), but a ل + article written لل is a preposition (مجلس "للميادين")
        return _Cand("organization", k, end, "name", "head", -1 if toks[k].restored else 0, role_i=i)
    if not _adjacent(ctx, k) or person_tok[k]:
        return None
    broadcaster = ctx.head[i].length == 1 and ctx.head[i].seq[0] in _BROADCASTERS  # also لراديو، لتلفزيون
    if broadcaster and ((ctx.country[k] and not ctx.demonym[k]) or ctx.ner[k] == "LOC"):
        # راديو إسرائيل، تلفزيون فلسطين، إذاعة لندن: a broadcaster named after its country or city
        end = k + 1
        while _adjacent(ctx, end) and not person_tok[end] and (
            (ctx.country[k] and ctx.country[end] and not ctx.demonym[end] and ctx.code[end] == ctx.code[k])
            or (not ctx.country[k] and ctx.ner[end] == "LOC")
        ):
            end += 1
        return _Cand("organization", i, end, "name", "head", ctx.head[i].cut)
    if _militia_name(ctx, k):
        return _Cand("organization", i, k + 1, "name", "head", ctx.head[i].cut)  # ميليشيات الحوثي
    km = ctx.known[k]
    if km.length:
        end = _known_complement(ctx, k + km.length, person_tok)
        return _Cand("organization", k, end, "name", "known", km.cut, role_i=i)
    if ctx.ner[k] == "ORG":
        end = k
        while _adjacent(ctx, end) and ctx.ner[end] == "ORG" and not (end > k and _second_body(ctx, end)):
            end += 1
        return _Cand("organization", k, end, "name", "ner", role_i=i)
    return None


def _glued_dot(ctx: _Ctx, k: int) -> bool:
    """Token ``k`` is a full stop written between two letters of initials (إي.إس.بي.إن)."""
    return _glued_dot_at(ctx.toks, k)


def _glued_dot_at(toks: Sequence[_Tok], k: int) -> bool:
    """``_glued_dot`` on a token list (for the lexicon matcher, which has no context)."""
    return (
        0 < k < len(toks) - 1
        and toks[k].text == "."
        and toks[k].start == toks[k - 1].end
        and toks[k + 1].start == toks[k].end
        and toks[k - 1].word
        and toks[k + 1].word
    )


def _valid_org(ctx: _Ctx, i: int, j: int) -> bool:
    lex = ctx.lex
    dots = sum(1 for k in range(i, j) if _glued_dot(ctx, k))
    if j <= i or j - i - dots > 6:
        return False
    if any((not ctx.toks[k].word and not _glued_dot(ctx, k)) or ctx.toks[k].text.isdigit() for k in range(i, j)):
        return False
    if j - i == 1:
        s = ctx.toks[i].stem
        if ctx.stop[i] or ctx.head[i].length or ctx.title[i].length or s in lex.generic_adj or len(s) < 3:
            return False
    return not all(ctx.stop[k] or ctx.title[k].length for k in range(i, j))


# --------------------------------------------------------------------------------------------------
# persons


def _span_runs(
    ctx: _Ctx, label: str, and_breaks: bool = False, body_breaks: bool = False
) -> list[tuple[int, int]]:
    """Maximal runs of tokens the tagger labelled ``label`` (a line break ends a run).

    Adjacent tagger spans make one run (the tagger also splits one name in two); with
    ``and_breaks``, a span the tagger starts at a word with و starts a new run: two places
    (واشنطن | وبكين), and so does one it starts at a listed capital after another (كييف | موسكو).
    With ``body_breaks``, و + an indefinite head noun starts a new run (مونتي كارلو | وشبكة بي إف إم).
    """
    runs: list[tuple[int, int]] = []
    i, n = 0, len(ctx.toks)
    while i < n:
        if ctx.ner[i] == label:
            j = i + 1
            while (
                j < n
                and ctx.ner[j] == label
                and not ctx.toks[j].gap
                and not (and_breaks and ctx.ner_start[j] and ctx.toks[j].text[:1] == "و")
                and not (and_breaks and ctx.ner_start[j] and _two_places(ctx, j))
                and not (body_breaks and _second_body(ctx, j))
            ):
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


def _second_body(ctx: _Ctx, j: int) -> bool:
    """Token j is و + an indefinite head noun: a second named body starts (إذاعة مونتي كارلو |
    وشبكة بي إف إم تي في). A definite one is part of the name (هيئة الإذاعة والتلفزيون)."""
    hm = ctx.head[j]
    return ctx.toks[j].text[:1] == "و" and hm.length > 0 and hm.cut == 1 and not _is_definite(hm.seq[0])


def _two_places(ctx: _Ctx, j: int) -> bool:
    """Tokens j - 1 and j are each a listed one-word place (كييف | موسكو)."""
    return _listed_place(ctx, j - 1, j) is not None and _listed_place(ctx, j, j + 1) is not None


def _person_core(ctx: _Ctx, i: int, j: int) -> tuple[int, int, int]:
    """Cut titles and junk off a PERS run: (role start or -1, name start, name end)."""
    toks = ctx.toks
    role_i = -1
    given = ctx.lex.given
    while i < j:
        t = toks[i]
        maksura = _maksura(ctx, i)
        if not t.word or _name_stop(ctx, i) or (maksura and t.stem not in given):
            i += 1  # function words, and روى / نفى written with ى (names so written are listed: موسى)
            continue
        if t.text in ctx.lex.title_mods and j - i > 1:
            i += 1  # المذيع | القدير سلامة الزيد: the title's adjective, the title left outside the span
            continue
        if j - i > 1 and _relation_noun(ctx, i):
            i += 1  # كبار معاوني | كيم، محامي ترمب: the person named is the one after the relation
            continue
        if j - i > 1 and (_inside_title(ctx, i) or _bism_preposition(ctx, i)):
            i += 1  # المتحدثة | باسم أفيتشي، متحدث | باسم لوفن: the rest of a title that starts before the span
            continue
        tl = ctx.title[i].length
        if tl:
            role_i = i if role_i < 0 else role_i
            i += tl
            while i < j and (ctx.demonym[i] or toks[i].text in ctx.lex.title_mods):
                i += 1
            continue
        break
    while j > i and (not toks[j - 1].word or _name_stop(ctx, j - 1) or ctx.country[j - 1]):
        j -= 1
    if j - i > 1 and toks[j - 1].text in NAME_PARTICLES:
        # محمد أبو | تريكة: a name does not end on a particle; take the word after it or drop it
        j = j + 1 if _adjacent(ctx, j) and _family_like(ctx, j) else j - 1
    if j - i >= 2 and toks[i].stem in ctx.loc_words:  # حاكم ولاية فلوريدا ريك سكوت: the place is not the name
        i += 1
    g = i  # البديل أحمد، الفنانان الساخران فرانك سكينر: definite nouns before a given name describe him
    while g < j - 1 and g - i < 3 and _is_definite(toks[g].stem) and toks[g].stem not in given:
        g += 1
    if g > i and toks[g].text in given:
        i = g
    for k in range(i + 1, j):
        if ctx.title[k].length == 1 and k == i + 1 == j - 1 and _honorific_surname(ctx, i, k):
            break  # سوزان الحاج، أحمد السيد: an honorific after a given name, inside the name, is the family name
        if ctx.country[k] or ctx.title[k].length or (ctx.head[k].length and ctx.head[k].cut == 0):
            j = k
            break
        if (
            toks[k].text in _FOREIGN_PARTICLES
            and k + 1 < j
            and ctx.ner[k] == ctx.ner[k + 1] == "PERS"
            and not any(c in _HAMZA_ALEFS for c in ctx.doc.original[toks[k].start : toks[k].end])  # فإن
        ):
            continue  # فيرجيل فان دايك: فان is no ف + أن inside a name the tagger read whole
        if (
            (_name_stop(ctx, k) and toks[k].text not in NAME_PARTICLES)
            or _preposition_clitic(ctx, k)
            or _possessed_noun(ctx, k)
            or toks[k].text in _APART_CLITICS  # a preposition written apart: "غالاوي لـCNN"
            or _relation_noun(ctx, k)  # روي سول جو | زوجة كيم
        ):
            j = k  # ماكرون مع كونتي، ليغانيس بهاتريك: the name ends before a function word
            break
        if toks[k].stem in _ORDINALS:
            j = k + 1
            break
    return role_i, i, j


#: inside a tagged name also ديل and دير (فون دير لاين), which the tagger's name chains leave out: as
#: a name's last word دير is "monastery"
_FOREIGN_PARTICLES = FOREIGN_PARTICLES | {"ديل", "دير"}


def _relation_noun(ctx: _Ctx, i: int) -> bool:
    """Token i is a relation noun in construct (محامي، مساعدي، زوجة), not a name particle (ابن) nor an
    organization's head (حكومة، مكتب), which the organization rules read."""
    t = ctx.toks[i]
    rel = ctx.lex.relations
    return (
        (t.text in rel or (t.text[:1] in "وف" and t.text[1:] in rel))
        and t.text not in NAME_PARTICLES
        and t.text not in ctx.lex.given
        and not ctx.head[i].length
    )


def _honorific_surname(ctx: _Ctx, i: int, k: int) -> bool:
    """The one-word honorific at k (الحاج، السيد، الشيخ) follows the listed given name at i, and the
    tagger read both as one name: a family name written like the title."""
    t = ctx.toks[k]
    return (
        ctx.toks[i].text in ctx.lex.given
        and _adjacent(ctx, k)
        and ctx.ner[i] == ctx.ner[k] == "PERS"
        and not ctx.ner_start[k]
        and _is_definite(t.text)
        and ctx.lex.titles.get(ctx.title[k].seq, False)
    )


def _name_stop(ctx: _Ctx, k: int) -> bool:
    """Token k is a function word inside or at the end of a name: not a given name written without
    a final ى (بن علي يلدريم، محمد علي: normalized, علي is the preposition على)."""
    return ctx.stop[k] and not (ctx.toks[k].stem in ctx.lex.given and not _maksura(ctx, k))


def _preposition_clitic(ctx: _Ctx, k: int) -> bool:
    """A word that is ب/ل/ك + another word of the article, or لل / a preposition + hamza before a word
    the corpus seldom reads as a name (عبدالعزيز | للعلوم، آبي | بإرسال): not a name part. Without the
    article or hamza the corpus test would also cut names (لوبان، بشارة، كفوري: و + بان، شارة)."""
    t = ctx.toks[k]
    if t.text[:1] not in "بلك" or t.text in ctx.lex.given:
        return False
    if t.text[1:] in ctx.vocab or (t.k > 0 and t.stem in ctx.vocab):
        return True
    if len(ctx.positions.get(t.text, ())) > 1:
        return False  # عبدالله بالخير ... قال بالخير: a family name recurs alone
    non_names = corpus_rates().non_names
    if t.k > 0:
        # only ل + the article, written لل: بال / كال also start names (بالدوين، كالين، كالمان)
        return t.text.startswith("لل") and t.stem in non_names
    return ctx.doc.original[t.start + 1 : t.start + 2] in _HAMZA_ALEFS and t.text[1:] in non_names


#: plural and dual possessive pronouns, which no name word carries (جمال | عيونهن)
_PLURAL_POSSESSIVES = ("هما", "هن", "هم", "كم", "كن")


def _possessed_noun(ctx: _Ctx, k: int) -> bool:
    """A word that is a common noun + a plural possessive pronoun: not a name part."""
    text = ctx.toks[k].text
    suffix = next((x for x in _PLURAL_POSSESSIVES if text.endswith(x)), "")
    base = text[: len(text) - len(suffix)]
    if suffix and len(base) >= 5 and base.endswith("ات"):
        return True  # بدولاراتكم، سياساتهم: a feminine plural with a possessive, whatever the corpus knows of it
    return bool(suffix) and len(base) >= 3 and base not in ctx.lex.given and base in corpus_rates().non_names


def _coordination_splits(ctx: _Ctx, a: int, b: int, singles: set[str]) -> list[tuple[int, int, bool]]:
    """Split a tagged run at "و" + name (سقراطيس باباستاثوبولوس وماتيو الغندوزي): (start, end, and-cut).

    Adjacent tagger spans form one run (the tagger also splits one name in two: جان كلود | يونكر), but
    where it starts a span at a word with و, that is a second name.
    """
    out: list[tuple[int, int, bool]] = []
    start, cut = a, False
    for k in range(a + 1, b):
        t = ctx.toks[k]
        if (
            t.word
            and t.text[:1] == "و"
            # a short word only where the tagger itself started a name behind its و (وآن رايس)
            and (len(t.text) >= 4 or (ctx.ner_start[k] and not ctx.ner_whole[k]))
            and t.text not in ctx.lex.given
            and ctx.toks[k - 1].text not in NAME_PARTICLES  # بن والاس (Ben Wallace): no name ends on بن
        ):
            rest = t.text[1:]
            evidence = (
                rest in ctx.lex.given
                or rest in ctx.vocab
                or rest in singles
                or _is_definite(rest)
                or ctx.ner_start[k]  # the tagger starts a second name here
                # between two family names with the article: إيمان النفجان وعزيزة اليوسف
                or (k + 1 < b and _is_definite(ctx.toks[k - 1].text) and _is_definite(ctx.toks[k + 1].text))
            )
            if not ctx.title[k].length and evidence:
                out.append((start, k, cut))
                start, cut = k, True
    out.append((start, b, cut))
    return out


def _and_name(ctx: _Ctx, k: int) -> bool:
    """و + a word without the article: a second name, not a coordinated genitive (والتنمية)."""
    t = ctx.toks[k]
    return (
        t.word
        and t.text[:1] == "و"
        and len(t.text) > 3
        and not _is_definite(t.text[1:])
        and t.text not in ctx.lex.given
    )


def _madda_adverb(ctx: _Ctx, i: int, *, plain: bool) -> bool:
    """The word is الآن (now), not the given name آلان / ألان: normalized alike, told by the madda or
    hamza as written. With ``plain``, an unmarked الان (either) counts as the adverb."""
    t = ctx.toks[i]
    if t.text != "الان":
        return False
    written = ctx.doc.original[t.start : t.end]
    return "لآ" in written or (plain and not written.startswith(("آ", "أ")))


def _maksura(ctx: _Ctx, i: int) -> bool:
    """The word is written with final ى (على، إلى): a function word, not the name علي."""
    return ctx.doc.original[ctx.toks[i].start : ctx.toks[i].end].endswith("ى")


def _valid_person(ctx: _Ctx, i: int, j: int) -> bool:
    """At least one name token; no title, head noun, known organization or country as the name.

    A name longer than ``_NAME_MAX`` words must be a chain held together by particles (عبد الله بن
    زايد آل نهيان, حمدان بن محمد بن راشد آل مكتوم): at most one pair of name words side by side, so
    that a name run on into a verb and the next name (محمد بن زايد يستقبلان سلطان) is no person."""
    if j <= i or j - i > 2 * _NAME_MAX:
        return False
    if j - i > _NAME_MAX:
        plain = [ctx.toks[k].text not in NAME_PARTICLES for k in range(i, j)]
        if sum(1 for a, b in pairwise(plain) if a and b) > 1:
            return False
    lex = ctx.lex
    names = 0
    for k in range(i, j):
        t = ctx.toks[k]
        if not t.word or t.text.isdigit() or ctx.country[k]:
            return False
        if ctx.head[k].length and lex.heads[ctx.head[k].seq] != "weak":
            return False
        if not (ctx.stop[k] or ctx.title[k].length) and len(t.stem) >= 2:
            names += 1
    km = ctx.known[i]
    if km.length >= j - i and not lex.known[km.seq]:
        return False
    return names > 0


def _role_before(ctx: _Ctx, i: int, person_tok: list[bool]) -> int:
    """Start of the role phrase right before token ``i`` (-1 if none).

    From the nearest title, the phrase grows left over further titles only where they stack (العاهل
    الأردني الملك، نائب رئيس الوزراء), not where the nearer title is a genitive of an office
    (مساعد مدير مكتب الرئيس الفرنسي ماكرون -> الرئيس الفرنسي).
    """
    toks = ctx.toks
    best = -1
    k = i - 1
    steps = 0
    while k >= 0 and steps < _ROLE_MAX:
        t = toks[k]
        if toks[k + 1].gap:
            break
        if not t.word:
            if t.text in _QUOTES:
                k -= 1
                continue
            opening = _abbreviation_before(ctx, k)
            if opening >= 0:
                k = opening - 1  # مدير مكتب التحقيقات الفيدرالي (FBI) كريستوفر راي
                continue
            break
        if person_tok[k]:
            break
        if ctx.stop[k] and t.stem not in _ROLE_CONNECTORS and not ctx.title[k].length:
            break
        if (t.text in ctx.lex.given or t.text in NAME_PARTICLES) and not ctx.title[k].length and t.text != "باسم":
            break  # another name: the role does not reach past it
        if t.stem in ("الي", "لدي", "في") and not (ctx.country[k + 1] or ctx.ner[k + 1] == "LOC"):
            break
        tm = ctx.title[k]
        after = k + tm.length
        if tm.length and ctx.lex.titles[tm.seq] and after < i and not ctx.title[after].length:
            pass  # a rank or honorific (الفريق، الشيخ) stands right before the name or another title
        elif tm.length:
            if best < 0 or _stacked(ctx, k, best):
                best = k
            else:
                break
            if tm.cut:
                break  # والرئيس الفرنسي ...: the conjunction opens this role
        k -= 1
        steps += 1
    broken = next((m for m in range(i - 1, best + 1, -1) if _bare_after_adjective(ctx, m)), -1) if best >= 0 else -1
    if broken >= 0:
        # قائد اللواء الأول حرس حدود | العميد هيكل حنتف: the title after the break, if any, is the role
        return next((k for k in range(broken + 1, i) if ctx.title[k].length), -1)
    return best


_TIME_ADVERBS = frozenset({"انذاك", "حينذاك", "حينها", "سابقا", "حاليا"})


def _bare_after_adjective(ctx: _Ctx, m: int) -> bool:
    """Token m is a bare indefinite word after a definite adjective: no role goes on there (الرئيس
    التركي | وجه سهام انتقاده، وزير الداخلية الإيطالي | يهاجم ماكرون: the headline's verb, not part of
    the office; وزير خارجية إيران has no adjective before its genitive). Not a complement with a
    preposition (لكرة القدم، لحقوق الإنسان), a second title after و (ونجم ليفربول), a noun with its
    pronoun (المنتهية ولايته) or a time adverb (آنذاك)."""
    t, prev = ctx.toks[m], ctx.toks[m - 1]
    text = t.text
    return (
        t.word
        and not t.k
        and not _is_definite(text)
        and text[0] not in "لب"
        and not (text[0] in "وف" and len(text) > 3)
        and not text.endswith(("ته", "تها", "تهم"))
        and text not in _TIME_ADVERBS
        and not ctx.title[m].length
        and not ctx.head[m].length
        and not ctx.country[m]
        and not ctx.stop[m]
        and text not in NAME_PARTICLES
        and prev.word
        and (ctx.demonym[m - 1] or _is_adjective(ctx, m - 1, None))
    )


def _abbreviation_before(ctx: _Ctx, k: int) -> int:
    """Token k closes a parenthesized abbreviation of one to three words on one line ("(FBI)"،
    "(إف بي آي)"): the index of its opening parenthesis, else -1."""
    if ctx.toks[k].text != ")":
        return -1
    for o in range(k - 1, max(-1, k - 5), -1):
        t = ctx.toks[o]
        if t.text == "(":
            return o if o < k - 1 and not any(ctx.toks[x].gap for x in range(o + 1, k + 1)) else -1
        if not t.word:
            return -1
    return -1


def _stacked(ctx: _Ctx, k: int, best: int) -> bool:
    """The title at ``best`` starts a role of its own after the role starting at ``k``."""
    prev = best - 1
    return (
        ctx.lex.titles[ctx.title[best].seq]
        or k + ctx.title[k].length == best
        or ctx.country[prev]
        or _is_adjective(ctx, prev, None)
    )


def _role_after(ctx: _Ctx, j: int, person_tok: list[bool]) -> tuple[int, int]:
    """A role in apposition after a name (خليفة حفتر قائد قوات ...): [start, end) or (-1, -1)."""
    toks = ctx.toks
    k = j
    comma = k < len(toks) and toks[k].text in ("،", ",") and not toks[k].gap
    if comma:
        k += 1
    if not _adjacent(ctx, k) or toks[k].k:
        return -1, -1
    tm = ctx.title[k]
    if not tm.length or tm.cut or ctx.lex.titles[tm.seq]:
        return -1, -1
    if not comma and _is_definite(tm.seq[0]):
        return -1, -1  # وصف عباس السفير الأميركي: a definite office after a name is an object, not apposition
    end = _apposed_role_end(ctx, k, k + tm.length, person_tok)
    if _adjacent(ctx, end) and person_tok[end] and toks[end].text[:1] != "و":
        # "استقبل آبي أحمد، وزير الخارجية الإريتري عثمان صالح": the next name's title; in a list
        # ("رانيا المشاط وزيرة السياحة وإيناس عبد الدايم") the next name comes with و
        return -1, -1
    return k, end


def _apposed_role_end(ctx: _Ctx, k: int, end: int, person_tok: list[bool]) -> int:
    """End of a role in apposition that starts at ``k`` with its title ending at ``end``: it runs on
    through definite words, countries and head nouns (and quotation marks), up to ``_ROLE_MAX`` words."""
    toks = ctx.toks
    while end < len(toks) and end - k < _ROLE_MAX and not toks[end].gap:
        t = toks[end]
        if not t.word:
            if t.text in _QUOTES:
                end += 1
                continue
            break
        if person_tok[end] or ctx.stop[end] or (t.k and not t.restored):
            break
        if not (_is_definite(t.stem) or ctx.country[end] or ctx.head[end].length):
            break
        end += 1
    while end > k and not toks[end - 1].word:
        end -= 1
    return end


#: words of a complement between an apposed role and a second one joined by و
_SECOND_ROLE_GAP = 4


def _second_role(ctx: _Ctx, end: int, person_tok: list[bool]) -> tuple[int, int]:
    """A second office joined by و to a role in apposition, after the first one's complement:
    "أندرو غيلمور، مساعد الأمين العام للأمم المتحدة لشؤون حقوق الإنسان ومبعوث المنظمة الدولية"."""
    toks = ctx.toks
    q = end
    while (
        _adjacent(ctx, q)
        and q - end < _SECOND_ROLE_GAP
        and not person_tok[q]
        and not ctx.stop[q]
        and not (toks[q].text[:1] == "و" and ctx.title[q].length)
    ):
        q += 1
    if not _adjacent(ctx, q) or person_tok[q] or toks[q].text[:1] != "و":
        return -1, -1
    tm = ctx.title[q]
    # an office in construct (ومبعوث المنظمة، ورئيس مجلس إدارة): a definite word after و is as often an
    # adjective coordinated inside the complement (للأفلام التسجيلية والروائية القصيرة)
    if not tm.length or tm.cut != 1 or ctx.lex.titles[tm.seq] or _is_definite(tm.seq[0]):
        return -1, -1
    k = _apposed_role_end(ctx, q, q + tm.length, person_tok)
    if _adjacent(ctx, k) and person_tok[k]:
        return -1, -1  # "مايك بنس، نائب الرئيس، ورئيس الوزراء الكندي جاستن ترودو": another man's office
    return q, k


def _inside_title(ctx: _Ctx, k: int) -> bool:
    """Token k continues a title that starts one or two tokens before it (المتحدثة | باسم)."""
    return any(ctx.title[m].length > k - m for m in range(max(0, k - 2), k))


def _bism_preposition(ctx: _Ctx, k: int) -> bool:
    """باسم at k is "by the name of", not the given name Bassem: after a naming word (المعروفة باسم
    سويفت) or inside a title (المتحدث باسم، متحدث باسم)."""
    if ctx.toks[k].text != "باسم" or k == 0:
        return False
    called = ctx.lex.called
    before = [k - 1] + ([k - 2] if k > 1 and ctx.stop[k - 1] else [])  # يعرف الآن باسم: past an adverb
    if any(form.removeprefix("ال") in called for m in before for _, form in ctx.toks[m].readings):
        return True
    # متحدث باسم: the title without its article, which the title lexicon lists with it (المتحدث باسم);
    # or a longer title ending right here whose head is such a title (الناطق الرسمي | باسم)
    heads = [k - 1] + [m for m in range(max(0, k - 3), k - 1) if ctx.title[m].length == k - m]
    if any(
        ("ال" + form.removeprefix("ال"), "باسم") in ctx.lex.titles for m in heads for _, form in ctx.toks[m].readings
    ):
        return True
    return _inside_title(ctx, k)


def _title_triggered(ctx: _Ctx, person_tok: list[bool]) -> list[tuple[int, int, int]]:
    """Names the tagger missed after a title: (role start, name start, name end).

    The name must start with a listed given name within a few words of the title, or right after a
    comma that closes the role phrase when another comma closes the name (رجل الدين التركي، فتح الله
    غولن، ...), and have at least two words (given names, then one family name).
    """
    toks = ctx.toks
    out: list[tuple[int, int, int]] = []
    n = len(toks)
    i = 0
    while i < n:
        if not ctx.title[i].length or person_tok[i]:
            i += 1
            continue
        j = i + ctx.title[i].length
        found = -1
        while _adjacent(ctx, j) and j - i < _ROLE_MAX and not person_tok[j]:
            t = toks[j]
            if _untagged_given(ctx, j):
                found = j
                break
            if ctx.stop[j] and t.stem not in _ROLE_CONNECTORS:
                break
            # a second title is read whole: the باسم of المتحدث باسم is no given name
            j += max(1, ctx.title[j].length)
        if found < 0 and j < n and toks[j].text in _COMMAS and j > i + ctx.title[i].length:
            # رجل الدين التركي، فتح الله غولن، ...: a name set off by commas after the role it follows
            k = _name_extent(ctx, j + 1, person_tok) if _adjacent(ctx, j + 1) and _untagged_given(ctx, j + 1) else j
            if k - j >= 3 and k < n and toks[k].text in _COMMAS:
                out.append((i, j + 1, k))
                i = k
                continue
        if found < 0:
            w = i + ctx.title[i].length
            if toks[i].stem in _STAGE_TITLES and _lone_name(ctx, w, person_tok):
                out.append((i, w, w + 1))  # الفنانة حورية ... وكشفت حورية
                i = w + 1
            else:
                i += 1
            continue
        k = _name_extent(ctx, found, person_tok)
        if k - found >= 2:
            out.append((i, found, k))
        i = k
    return out


_COMMAS = frozenset({"،", ","})


def _compound_given(ctx: _Ctx, k: int) -> bool:
    """Tokens k and k + 1 are a compound given name, listed as one word (زين الدين، فتح الله)."""
    return k + 1 < len(ctx.toks) and ctx.toks[k].text + ctx.toks[k + 1].text in ctx.lex.given


def _untagged_given(ctx: _Ctx, j: int) -> bool:
    """Token ``j`` is a listed given name (or the first half of a compound one: فتح الله) the tagger
    left out, that can start a name after a title."""
    t = ctx.toks[j]
    return (
        (t.text in ctx.lex.given or (_adjacent(ctx, j + 1) and _compound_given(ctx, j)))
        and not ctx.ner[j]
        and not ctx.country[j]
        and (not _maksura(ctx, j) or t.text in _maksura_given())
        and not _madda_adverb(ctx, j, plain=False)  # النائب الان عون: Alain
        and not _bism_preposition(ctx, j)  # الناطق الرسمي باسم الغرفة
    )


#: professions whose people often go by one name (singers, actors, players): المطربة أحلام، اللاعب نيمار;
#: other titles are also place names' first words (الشيخ مسكين) or ranks and nouns (الفريق، المحافظة)
_STAGE_TITLES = frozenset(
    normalize_key(w)
    for w in "الفنان الفنانة المطرب المطربة المغني المغنية النجم النجمة الممثل الممثلة اللاعب اللاعبة".split()
)


#: "his name is", "the one called": a person's name follows (وكشفت أن اسمه أليك ميناسيان، المدعو ...)
_NAME_WORDS = frozenset(normalize_key(w) for w in "اسمه اسمها المدعو المدعوة".split())
_NAMED_MAX = 4


def _named_after_name_word(ctx: _Ctx, person_tok: list[bool]) -> list[tuple[int, int]]:
    """Names the tagger missed after اسمه / المدعو: up to four words that are neither function words,
    titles, places nor marked by the tagger as something else, starting with a given name or holding
    a word the tagger reads as a name; not "اسمه الحقيقي" (his real name)."""
    toks = ctx.toks
    out: list[tuple[int, int]] = []
    for k in sorted(p for w in _NAME_WORDS for p in ctx.positions.get(w, ())):
        if k + 1 >= len(toks):
            continue
        first = toks[k + 1].text
        if person_tok[k + 1] or (_is_definite(first) and first not in ctx.lex.given):
            continue
        if _maksura(ctx, k + 1):
            continue  # اسمه على: the preposition, not the name علي
        j = k + 1
        while (
            j - k <= _NAMED_MAX
            and _adjacent(ctx, j)
            and not person_tok[j]
            and (not ctx.stop[j] or (j == k + 1 and toks[j].text in ctx.lex.given))  # أليك ~ إليك
            and not ctx.title[j].length
            and not ctx.country[j]
            and not toks[j].k
            and ctx.ner[j] in ("", "PERS")
            and (toks[j].text[:1] != "و" or toks[j].text in ctx.lex.given)  # اسمه وأفعاله: a list
        ):
            j += 1
        # a given name or the tagger's word for it: "تكريم اسمه بشكل يليق" names nobody
        if j - k >= 2 and (toks[k + 1].text in ctx.lex.given or any(ctx.ner[t] == "PERS" for t in range(k + 1, j))):
            out.append((k + 1, j))
    return out


def _family_names(ctx: _Ctx, person_tok: list[bool]) -> list[tuple[int, int]]:
    """Names the tagger missed that hold آل, "the house of", written with its madda: a given name,
    آل and the family's name (تركي آل الشيخ، حمد آل ثاني). Normalized, آل is the article ال; as
    written it names a family only."""
    toks = ctx.toks
    out: list[tuple[int, int]] = []
    for p in ctx.positions.get("ال", ()):  # آل and a bare ال normalize alike
        k = p - 1
        if k < 0 or p + 1 >= len(toks) or ctx.doc.original[toks[p].start : toks[p].end] != "آل":
            continue
        if person_tok[k] or toks[k].text not in ctx.lex.given or ctx.ner[k] not in ("", "PERS"):
            continue
        if not (_adjacent(ctx, p) and _adjacent(ctx, p + 1)) or person_tok[p] or person_tok[p + 1]:
            continue
        f = toks[p + 1]
        # the family's name may look like a title (آل الشيخ), not like a function word or a place
        if not f.word or f.k or len(f.text) < 3 or ctx.stop[p + 1] or ctx.country[p + 1] or ctx.head[p + 1].length:
            continue
        out.append((k, p + 2))
    return out


def _lone_name(ctx: _Ctx, k: int, person_tok: list[bool]) -> bool:
    """Token k, right after a stage title, is a one-word name the article uses again: an indefinite
    word in apposition to "the singer" is her name (المطربة أحلام، الفنانة حورية), where a common noun
    would be its genitive or take the article."""
    if not _adjacent(ctx, k) or person_tok[k] or ctx.ner[k]:
        return False
    t = ctx.toks[k]
    return (
        not t.k
        and len(t.text) >= 3
        and not _is_definite(t.text)
        and not ctx.stop[k]
        and not ctx.title[k].length
        and not ctx.head[k].length
        and not ctx.country[k]
        and t.text not in ctx.lex.places
        and (t.text[0] not in "بل" or t.text in ctx.lex.given)  # الفنانة بخير، بسرطان: a preposition
        and _named_again(ctx, k)
    )


def _named_again(ctx: _Ctx, k: int) -> bool:
    """The word at k stands elsewhere where a name stands: right after a reporting verb (وقالت أحلام)
    or after a definite title again. After one title alone it is as often the verb or the object of
    the sentence (الوزيرة حصلت على ...، بثت الفنانة فيديو)."""
    toks, cues = ctx.toks, cue_forms()
    for p in ctx.positions.get(toks[k].text, ()):
        if p == k or p == 0 or toks[p].gap or not toks[p - 1].word:
            continue
        prev = toks[p - 1]
        cue = cues.get(prev.text)
        if (cue is not None and cue.tense != "part") or (ctx.title[p - 1].length == 1 and _is_definite(prev.stem)):
            return True
    return False


#: the indefinite noun of a news agency's name (وكالة أنباء ...)
_NEWS_LINK = frozenset({"انباء"})
#: descriptors that name a broadcaster by its place (راديو إسرائيل، تلفزيون فلسطين)
_BROADCASTERS = frozenset({"راديو", "اذاعه", "تلفزيون", "قناه"})
#: descriptors that name a militia by the family or movement it follows (ميليشيات الحوثي)
_MILITIAS = frozenset(normalize_key(w) for w in "ميليشيات ميليشيا مليشيات مليشيا".split())


def _militia_name(ctx: _Ctx, k: int) -> bool:
    """Token ``k``, right after a militia noun, is the name of the family or movement it is named after
    (ميليشيات الحوثي): a definite masculine nisba, which cannot agree with the feminine noun as its
    adjective (الميليشيات الموالية، ميليشيات الحوثية describe), and no nationality."""
    t = ctx.toks[k]
    h = ctx.head[k - 1] if k > 0 else _NO_MATCH
    return (
        h.length == 1
        and h.seq[0] in _MILITIAS
        and _adjacent(ctx, k)
        and t.word
        and not t.k
        and _is_definite(t.text)
        and t.text.endswith("ي")
        and not _maksura(ctx, k)  # ميليشيا القرى: a plural written with ى
        and len(t.text) >= _NISBA_MIN
        and not ctx.demonym[k]
        and not ctx.country[k]
        and not ctx.stop[k]
        and t.text not in ctx.lex.generic_adj
    )


#: "العام الماضي": with a time adjective after it, العام is "the year", not the name adjective "general"
_YEAR = frozenset({"العام"})
_TIME_ADJ = frozenset({"الماضي", "الفائت", "المنصرم", "المقبل", "القادم", "الحالي", "الجاري"})
#: prepositions written as a token of their own before a Latin or quoted name (لـCNN، بـ"الشرق")
_APART_CLITICS = frozenset({"ل", "ب"})


#: second words of compound given names (زين الدين، سيف الإسلام، عبد الله)
_COMPOUND_SECONDS = frozenset({"الدين", "الاسلام", "الله", "الرحمن", "العزيز", "الكريم"})


def _name_extent(ctx: _Ctx, i: int, person_tok: list[bool]) -> int:
    """End of a name starting with the given name at ``i``: more given names, compounds and
    particles (عبد الفتاح، زين الدين، بن سلمان), then a family name; a second family word only where
    the tagger marks it as a name somewhere in the article (رجب طيب أردوغان)."""
    toks, given = ctx.toks, ctx.lex.given
    k = i + 1
    while _adjacent(ctx, k) and not person_tok[k] and k - i < _NAME_MAX - 1:
        t = toks[k]
        prev = toks[k - 1].text
        if t.text in given or t.text in _COMPOUND_SECONDS or (prev in NAME_PARTICLES and _family_like(ctx, k)):
            k += 1
        elif t.text in NAME_PARTICLES and _adjacent(ctx, k + 1):
            k += 1
        else:
            break
    if _adjacent(ctx, k) and not person_tok[k] and _family_like(ctx, k) and toks[k - 1].text not in NAME_PARTICLES:
        k += 1
        if _adjacent(ctx, k) and not person_tok[k] and _family_like(ctx, k) and _tagged_elsewhere(ctx, k):
            k += 1
    while k > i + 1 and toks[k - 1].text in NAME_PARTICLES:
        k -= 1  # خالد أبو ...: a name does not end on a particle
    return k


def _tagged_elsewhere(ctx: _Ctx, k: int) -> bool:
    """The tagger marks the word at ``k`` as (part of) a person's name here or elsewhere in the article."""
    return any(ctx.ner[p] == "PERS" for p in ctx.positions.get(ctx.toks[k].text, ()))


def _family_like(ctx: _Ctx, k: int) -> bool:
    t = ctx.toks[k]
    return (
        len(t.text) >= 3
        and not t.k
        and not ctx.stop[k]
        and not ctx.country[k]
        and not ctx.title[k].length
        and not ctx.head[k].length
        and t.text not in ctx.lex.generic_adj
        and ctx.ner[k] not in ("ORG", "LOC")
    )


# --------------------------------------------------------------------------------------------------
# assembling entities


@dataclass(slots=True)
class _Group:
    kind: Kind
    tokens: tuple[str, ...]  # normalized tokens of the canonical form
    canonical: str
    first_pos: int
    roles: dict[str, str] = field(default_factory=dict)
    cands: list[_Cand] = field(default_factory=list)
    titled: bool = False  # a title or office stands right before one of its mentions
    country: str = ""  # the country its role or name names (وزير الداخلية الليبي -> LY)


def _span(ctx: _Ctx, c: _Cand) -> tuple[int, int, str]:
    """Original (start, end, name as written) of a candidate, clitics off, quotes and _ out."""
    return _surface(ctx, c.i, c.j, c.cut, c.restore)


def _surface(ctx: _Ctx, i: int, j: int, cut: int = -1, restore: bool | None = None) -> tuple[int, int, str]:
    toks = ctx.toks
    first = toks[i]
    k = first.k if cut < 0 else cut
    start = ctx.doc.to_original(first.nstart + k) if k else first.start
    end = toks[j - 1].end
    raw = ctx.doc.original[start:end]
    if restore is None:
        restore = first.restored and k == first.k and k > 0
    if restore:
        raw = "ا" + raw
    return start, end, " ".join(raw.translate(_NAME_CLEAN).split())


def _form(ctx: _Ctx, c: _Cand) -> tuple[str, ...]:
    """Normalized tokens of a candidate under its clitic reading."""
    return tuple(normalize_key(_span(ctx, c)[2]).split())


def resolve_entities(
    doc: NormalizedText, spans: Sequence[NerSpan], countries: Sequence[Mention]
) -> tuple[tuple[Entity, ...], tuple[Mention, ...]]:
    """Person, organization and location entities of one article, with their mentions.

    ``spans`` are the tagger's spans (original offsets); ``countries`` the article's country mentions,
    used to keep locations from duplicating countries and to read demonyms inside roles and names.
    """
    ctx = _context(doc, spans, countries)
    n = len(ctx.toks)
    person_tok = [False] * n

    person_cands = _person_candidates(ctx)
    for c in person_cands:
        person_tok[c.i : c.j] = [True] * (c.j - c.i)
    for r, i, j in _title_triggered(ctx, person_tok):
        if _valid_person(ctx, i, j):
            person_cands.append(_Cand("person", i, j, "name", "title", role_i=r))
            person_tok[i:j] = [True] * (j - i)
    for finder in (_named_after_name_word, _family_names):  # each sees the names found before it
        for i, j in finder(ctx, person_tok):
            if _valid_person(ctx, i, j):
                person_cands.append(_Cand("person", i, j, "name", "title"))
                person_tok[i:j] = [True] * (j - i)
    persons = _group_persons(ctx, person_cands, person_tok)

    org_cands = _org_candidates(ctx, person_tok)
    org_tok = [False] * n
    loc_cands: list[_Cand] = []
    for c in org_cands:
        org_tok[c.i : c.j] = [True] * (c.j - c.i)
    for a, b in _span_runs(ctx, "ORG", body_breaks=True):
        covered = next((k for k in range(a, b) if org_tok[k] or person_tok[k]), b)
        if covered < b:
            # ليفربول | ومانشستر سيتي: the tagger's second span, a known name, ends the first one
            if not (covered > a and ctx.ner_start[covered] and ctx.toks[covered].text[:1] == "و"):
                continue
            b = covered
        if all(ctx.demonym[k] or not ctx.toks[k].word for k in range(a, b)):
            continue  # الكوريون الشماليون: a people, which ANERcorp's tagger reads as an organization
        i, j = _trim(ctx, a, b)
        if i < j and ctx.toks[i].stem in _CURRENCIES and any(ctx.demonym[k] for k in range(i + 1, min(b + 1, n))):
            continue  # الريال الإيراني is the currency, not Real Madrid
        cut = _listed_place(ctx, i, j)
        if cut is not None:
            loc_cands.append(_Cand("location", i, j, "ner", "ner", cut))  # أخبرت سول واشنطن: the capital
            continue
        if j <= i or ctx.head[i].length:
            continue  # a head-noun phrase the rules rejected (النادي فتح أبوابه)
        if all(ctx.country[k] and not ctx.demonym[k] for k in range(i, j)):
            continue  # وقالت المملكة المتحدة: a country acting is still the country, which has its own mention
        # ليفربول لبرشلونة، الأهلي وإنبي: a preposition or a coordinated name ends the tagged name
        j = next((k for k in range(i + 1, j) if _preposition_clitic(ctx, k) or ctx.stop[k] or _and_name(ctx, k)), j)
        while j - i > 1 and (
            ctx.demonym[j - 1]
            or (
                _is_definite(ctx.toks[j - 1].text)
                and not _is_definite(ctx.toks[j - 2].text)
                and not _is_adjective(ctx, j - 1, None)
            )
        ):
            j -= 1  # تشلسي الإنجليزي، ليفربول المنافس: a description after the name
        if _valid_org(ctx, i, j):
            org_cands.append(_Cand("organization", i, j, "ner", "ner", _name_cut(ctx, i)))
            org_tok[i:j] = [True] * (j - i)
    org_cands += _parenthesized(ctx, org_cands, org_tok, person_tok)
    for c in org_cands:
        j = _dotted_end(ctx, c.j)
        if j > c.j and not any(person_tok[c.j : j]):
            org_tok[c.j : j] = [True] * (j - c.j)
            c.j = j
    orgs = _group_orgs(ctx, org_cands, org_tok, person_tok)

    for a, b in _span_runs(ctx, "LOC", and_breaks=True):
        if any(ctx.country[k] or org_tok[k] or person_tok[k] for k in range(a, b)):
            continue
        i, j = _trim(ctx, a, b)
        if _valid_org(ctx, i, j):
            loc_cands.append(_Cand("location", i, j, "ner", "ner", _place_cut(ctx, i, j)))
    locs = _group_by_key(ctx, loc_cands, "location")

    entities: dict[tuple[str, str], Entity] = {}
    mentions: list[Mention] = []
    for group in (*persons, *orgs, *locs):
        entity, ments = _emit(ctx, group)
        seen = entities.get((entity.kind, entity.key))
        entities[(entity.kind, entity.key)] = entity if seen is None else _merged(seen, entity)
        mentions.extend(ments)
    mentions.sort(key=lambda m: (m.start, m.end))
    return tuple(entities.values()), tuple(mentions)


def _merged(first: Entity, other: Entity) -> Entity:
    """One entity for two groups that share a key (an agency written with and without "official" that
    did not group as one name): the first keeps its name, the other's names become aliases."""
    names = (other.canonical_name, *first.aliases, *other.aliases)
    aliases = tuple(dict.fromkeys(a for a in names if a != first.canonical_name))
    roles = tuple(dict.fromkeys((*first.roles, *other.roles)))
    return replace(first, aliases=aliases, roles=roles, country_code=first.country_code or other.country_code)


def _dotted_end(ctx: _Ctx, j: int) -> int:
    """End of a name written with dots and no spaces that runs on past token ``j - 1`` (جامعة
    إم.آي.تي، زد.تي.إي، بيت.كوم): each short ".x" glued on both sides belongs to it."""
    toks = ctx.toks
    while (
        _glued_dot(ctx, j)
        and len(toks[j - 1].text) <= 4
        and len(toks[j + 1].text) <= 4  # letters and short parts, not "للكهرباء.ومن" (a missing space)
    ):
        j += 2
    return j


def _person_candidates(ctx: _Ctx) -> list[_Cand]:
    """The tagger's PERS runs, titles cut off, checked, and completed by a name part the tagger
    marks elsewhere in the article (جان كلود + يونكر)."""
    runs = _span_runs(ctx, "PERS")
    singles = {ctx.toks[k].stem for a, b in runs for k in range(a, b) if not ctx.stop[k]}
    lex = ctx.lex
    out: list[_Cand] = []
    pieces = [
        (a, b, cut, b == run_b)
        for run_a, run_b in runs
        for a, b, cut in _coordination_splits(ctx, run_a, run_b, singles)
    ]
    for a, b, and_cut, run_end in pieces:
        role_i, i, j = _person_core(ctx, a, b)
        if j == b and run_end and _adjacent(ctx, j) and not ctx.ner[j] and ctx.toks[j].stem in singles:
            if _family_like(ctx, j):
                j += 1
        elif j == b and run_end and j - i == 1 and _surname_after_given(ctx, j):
            j += 1  # وقال أنور | السادات
        elif j == b and run_end and _after_father(ctx, i, j):
            j += 1  # مشعل بن فهمي | السلمي: after a father's name a definite word is the family name
        # خوسيه أنطونيو ميد: given names the tagger left out before the name
        while (
            i > 0
            and i < j
            and not ctx.toks[i].gap
            and ctx.toks[i - 1].word
            and ctx.toks[i - 1].text in lex.given
            and not ctx.ner[i - 1]
            and not ctx.country[i - 1]
            and not _maksura(ctx, i - 1)
            and not _madda_adverb(ctx, i - 1, plain=True)
            and not _bism_preposition(ctx, i - 1)
            and not (i == a and and_cut)
        ):
            i -= 1
        if i == a and _kunya_before(ctx, i):
            i -= 1  # أم كلثوم، أبو مازن: the tagger often leaves the kunya's first word out
        if any(ctx.known_cov[k] or _context_name(ctx, k, i) for k in range(i, j)):
            continue  # ليفربول الجديد، بي بي سي: a known organization is not a person
        if 0 < i and j < len(ctx.toks) and ctx.toks[i - 1].text in _QUOTES and ctx.toks[j].text in _QUOTES:
            continue  # a quoted phrase is a title or a nickname, not a name
        if i < j and any(f in lex.not_person for _, f in ctx.toks[i].readings):
            continue
        if i > 0 and _adjacent(ctx, i - 1) and any(f in _PLACE_OF for _, f in ctx.toks[i - 1].readings):
            continue  # معبر كرم أبو سالم، شمال أبو كماش، محافظة عمران: a place's name, not a person's
        if _valid_person(ctx, i, j):
            cut = 1 if and_cut and i == a else _name_cut(ctx, i)
            if i == a and ctx.ner_clitic[i] and cut < 1 and _and_clitic(ctx, i):
                cut = 1
            out.append(_Cand("person", i, j, "ner", "ner", cut, role_i=role_i))
    return _cut_surname_verbs(ctx, out)


def _after_father(ctx: _Ctx, i: int, j: int) -> bool:
    """The name [i, j) ends on a father's name after بن / ابن and the untagged word after it is a
    definite family name, even one the corpus mostly reads as an adjective (السلمي "peaceful")."""
    return (
        j - i >= 3
        and ctx.toks[j - 2].text in ("بن", "ابن")
        and _adjacent(ctx, j)
        and not ctx.ner[j]
        and _is_definite(ctx.toks[j].text)
        and ctx.toks[j].text.endswith("ي")  # a nisba (السلمي), not المعروف، التحية; الجدعان is left out too
        and _family_like(ctx, j)
        and not ctx.demonym[j]
        and ctx.toks[j].text not in _DIRECTIONS
        and ctx.toks[j].stem not in _ORDINALS
    )


#: direction adjectives, which follow a name as part of a place's (مركز محمد بن زايد الشمالي)
_DIRECTIONS = frozenset(normalize_key(w) for w in "الشمالي الجنوبي الشرقي الغربي".split())


def _surname_after_given(ctx: _Ctx, j: int) -> bool:
    """The tagger stopped at a given name (وقال أنور | السادات، ذكر تيسير | المفرج): the untagged
    definite word right after it is the family name, unless the corpus rarely reads it as part of a
    name (قال أحمد الثلاثاء، ريهام الإنسانة) or it is a title, place or body."""
    toks = ctx.toks
    if not (_adjacent(ctx, j) and toks[j - 1].text in ctx.lex.given and not ctx.ner[j]):
        return False
    t = toks[j]
    return _is_definite(t.text) and _family_like(ctx, j) and t.text not in corpus_rates().non_names


def _context_name(ctx: _Ctx, k: int, i: int) -> bool:
    """Token k is part of an organization's name that needs context (زين، العربي، تايم), read as
    that organization inside a person span starting at i: a definite word or a given name after the
    span's first word is a family name (نبيل العربي، صادق الصباح، ملحم زين), a foreign word is not
    (انس أبون ايه تايم, a film). Nor is it where the article gives the first name another family
    name: the headline "ليوناردو النصر:" ran the club into ليوناردو بيريرا's first name."""
    if not ctx.context_cov[k]:
        return False
    if k == i and _compound_given(ctx, k):
        return False  # زين الدين زيدان: the first half of a compound given name, not the company زين
    if k == i or not (_is_definite(ctx.toks[k].text) or ctx.toks[k].text in ctx.lex.given):
        return True
    n = len(ctx.toks)
    return any(
        p != i and p + 1 < n and ctx.ner[p] == "PERS" and ctx.ner[p + 1] == "PERS" and _adjacent(ctx, p + 1)
        and ctx.toks[p + 1].text != ctx.toks[i + 1].text
        for p in ctx.positions.get(ctx.toks[i].text, ())
    )


#: nouns whose genitive names a place (or a stadium), never a person: a tagger PERS span right
#: after one is a place's name. Not مدينة، مطار، شارع، مستشفى, which are often named after a
#: person the article also means (مدينة الملك عبدالله)
_PLACE_OF = frozenset(
    v
    for w in "معبر محافظة بلدة قرية مخيم منطقة حي مقاطعة إقليم استاد ملعب شمال جنوب شرق غرب".split()
    for v in _with_article_variants(normalize_key(w))
)


#: the first word of a kunya ("father of", "mother of"), which is part of the name
_KUNYA = frozenset({"ابو", "ام"})


def _and_clitic(ctx: _Ctx, i: int) -> bool:
    """The tagger read token i's و as the conjunction: believe it unless the whole word is a given
    name (وسام، وديع) or recurs in the article while the rest never stands alone (وينستاين)."""
    t = ctx.toks[i]
    if t.text in ctx.lex.given:
        return False
    return t.text[1:] in ctx.vocab or len(ctx.positions.get(t.text, ())) < 2


def _kunya_before(ctx: _Ctx, i: int) -> bool:
    """The untagged word before token i is أبو / أم (behind a one-letter clitic too: وأم كلثوم).

    Not after a person name: there أم is the conjunction "or" (محمد أم علي).
    """
    if i == 0 or ctx.toks[i].gap or ctx.ner[i - 1] or not ctx.toks[i - 1].word:
        return False
    t = ctx.toks[i - 1]
    if not any(form in _KUNYA and "ك" not in t.text[:k] for k, form in t.readings):
        return False  # كابو دلغادو (Cabo Delgado) is no ك + أبو; لأم أنس، بأم كلثوم are
    return i < 2 or ctx.ner[i - 2] != "PERS"


def _name_cut(ctx: _Ctx, i: int) -> int:
    """Clitic length to cut from a name's first word (بأسامة، لبن لادن; -1: the token's own split).

    0 (no cut) where the tagger's span starts at the letter: ``tag()`` weighed it against the corpus and
    kept it (فاليري، والاس، باسيل), so the word is no ف / و / ب + a word the article never writes alone
    (اليري، الاس، the given name أسيل).
    """
    t = ctx.toks[i]
    if ctx.ner_whole[i] and t.text[:2] != "لل" and not any(k and form in ctx.vocab for k, form in t.readings):
        return 0
    if t.k or t.text in ctx.lex.given:
        return -1
    for k, form in t.readings[1:]:
        if conjoined_function_word(form):
            break  # كوهي is no ك + وهي: a preposition does not stand before و / ف + a function word
        if form in ctx.lex.given or form in NAME_PARTICLES or form in ctx.vocab:
            return k
    return -1


def _listed_place(ctx: _Ctx, i: int, j: int) -> int | None:
    """Clitic length under which tokens [i, j) are a place of ``places.txt`` (None if they are not)."""
    if j <= i:
        return None
    rest = [t.text for t in ctx.toks[i + 1 : j]]
    for k, form in ctx.toks[i].readings:
        if " ".join([form, *rest]) in ctx.lex.places:
            return k
    return None


def _place_cut(ctx: _Ctx, i: int, j: int) -> int:
    """Clitic length to cut from a location's first word: the reading that makes a listed place
    (وبيونغ يانغ -> بيونغ يانغ, not يونغ يانغ), else as for names."""
    cut = _listed_place(ctx, i, j)
    if cut is None and not ctx.toks[i].k:
        # لمجلس -> مجلس: an organization head behind a preposition is no place's first letter
        cut = next((k for k, form in ctx.toks[i].readings[1:] if form in ctx.lex.head_first), None)
    return _name_cut(ctx, i) if cut is None else cut


def _cut_surname_verbs(ctx: _Ctx, cands: list[_Cand]) -> list[_Cand]:
    """ "صلاح غادر" after "محمد صلاح": a family name the tagger ran into the next word is cut back
    (and a word it ran in before a known family name is cut off)."""
    forms = [_form(ctx, c) for c in cands]
    family: dict[str, set[tuple[str, ...]]] = {}
    for f in forms:
        if len(f) > 1:
            family.setdefault(f[-1], set()).add(f)
    given = ctx.lex.given
    full = set(forms)
    for c, f in zip(cands, forms, strict=True):
        if len(f) < 2:
            continue
        if len(f) >= 3 and f[:-1] in full and f[-1] not in given and f[-1] not in family:
            c.j -= 1  # محمد بن سلمان يغير: the name is known without the last word
            continue
        # رقم جوكوفيتش after نوفاك جوكوفيتش: a word the tagger ran in before a known family name
        owners = family.get(f[-1], set()) - {f}
        if (
            len(f) == 2
            and f[0] not in given
            and f[0] not in NAME_PARTICLES
            and owners
            and all(o[0] in given for o in owners)
            and not _title_ends_at(ctx, c.i)  # الشيخ ميثم سلمان beside علي سلمان: a title starts a name
            # a name the article repeats at least as often as its namesakes is a relative's (رندة كعدي
            # beside خليل كعدي, عهد التميمي beside نور التميمي: first names the list lacks), unless its
            # first word relates (مساعدو ترامب)
            and (forms.count(f) <= max(forms.count(o) for o in owners) or f[0] in ctx.lex.relations)
        ):
            c.i += 1
            c.cut = -1
            continue
        if any(w in given or family.get(w, {f}) != {f} for w in f[1:]):
            continue
        owners = family.get(f[0], set()) - {f}
        if (
            owners
            and not any(w in o for o in owners for w in f[1:])
            # the family name of several people (علي سلمان، ميثم سلمان) before a verb: سلمان حوكما; but
            # a given name before a family name is a new name (سعد الحريري beside فادي سعد، أسامة سعد)
            and (len(owners) == 1 or not (_is_definite(f[1]) or f[1] in given))
        ):
            c.j = c.i + 1
    return cands


def _title_ends_at(ctx: _Ctx, i: int) -> bool:
    """A title or office phrase ends right before token ``i`` (الشيخ | ميثم سلمان)."""
    return any(k + ctx.title[k].length == i for k in range(max(0, i - 4), i) if ctx.title[k].length)


def _parenthesized(ctx: _Ctx, cands: list[_Cand], org_tok: list[bool], person_tok: list[bool]) -> list[_Cand]:
    """An abbreviation in parentheses right after an organization is one of its names: (بترا)."""
    toks = ctx.toks
    by_start = {c.i: c for c in cands}
    out: list[_Cand] = []
    for c in list(cands):
        a = c.j
        while a < c.j + 2 and a < len(toks) and toks[a].word and toks[a].stem in ctx.lex.generic_adj:
            a += 1  # وكالة الأنباء الأردنية الرسمية (بترا)
        if a >= len(toks) or toks[a].text != "(":
            continue
        b = a + 1
        while b < len(toks) and toks[b].word and b - a <= 3:
            b += 1
        if b == a + 1 or b >= len(toks) or toks[b].text != ")":
            continue
        inner = by_start.get(a + 1)
        if inner is not None and inner.j == b:
            inner.owner = c
        elif not any(org_tok[k] or person_tok[k] or ctx.country[k] or ctx.stop[k] for k in range(a + 1, b)):
            if _valid_org(ctx, a + 1, b):
                out.append(_Cand("organization", a + 1, b, "alias", "paren", owner=c))
                org_tok[a + 1 : b] = [True] * (b - a - 1)
    return out


def _descriptive(ctx: _Ctx, c: _Cand) -> bool:
    """A head noun and nothing but nationality or generic adjectives after it: no name of its own."""
    h = ctx.head[c.i].length
    return 0 < h < c.j - c.i and all(
        ctx.demonym[k] or ctx.toks[k].stem in ctx.lex.generic_adj for k in range(c.i + h, c.j)
    )


def _trim(ctx: _Ctx, i: int, j: int) -> tuple[int, int]:
    while i < j and (not ctx.toks[i].word or ctx.stop[i]):
        i += 1
    while j > i and (not ctx.toks[j - 1].word or ctx.stop[j - 1]):
        j -= 1
    return i, j


def _group_persons(ctx: _Ctx, cands: list[_Cand], person_tok: list[bool]) -> list[_Group]:
    """Persons: longest names first; a shorter form that is part of exactly one longer name links to it."""
    groups: list[_Group] = []
    by_form: dict[tuple[str, ...], _Group] = {}
    for c in sorted(cands, key=lambda c: (-(c.j - c.i), c.i)):
        form = _form(ctx, c)
        group = by_form.get(form) or _container(groups, form, c.i)
        if group is None:
            group = _Group("person", form, _span(ctx, c)[2], c.i)
            groups.append(group)
        by_form[form] = group
        group.cands.append(c)
        group.first_pos = min(group.first_pos, c.i)
    taken = list(person_tok)
    patterns: dict[tuple[str, ...], list[_Group]] = {}
    for g in groups:
        forms = [g.tokens, *(f for f, owner in by_form.items() if owner is g)]
        forms.append(_family_form(g.tokens))
        for f in forms:
            if not f or (len(f) == 1 and not _good_alias(ctx, f[0])):
                continue
            owners = patterns.setdefault(f, [])
            if g not in owners:
                owners.append(g)
    # ميليشيات الحوثي names the militia, not عبدالملك الحوثي: his family name there is no mention of him
    militia = [k for k in range(1, len(taken)) if not taken[k] and _militia_name(ctx, k)]
    for k in militia:
        taken[k] = True
    if patterns:
        _scan_aliases(ctx, patterns, taken, "person")
    for k in militia:
        taken[k] = False
    for k, v in enumerate(taken):
        person_tok[k] = v
    role_tok = [False] * len(taken)
    for g in groups:
        for c in g.cands:
            ri = c.role_i if c.role_i >= 0 else _role_before(ctx, c.i, person_tok)
            if 0 <= ri < c.i:
                rj = next((k for k in range(ri + 1, c.i) if ctx.toks[k].text in _ROLE_CUT), c.i)
                _add_roles(ctx, g, ri, rj)
                role_tok[ri : c.i] = [True] * (c.i - ri)
                g.titled = True
            ai, aj = _role_after(ctx, c.j, person_tok)
            if ai >= 0 and aj > ai:
                _add_roles(ctx, g, ai, aj)
                role_tok[ai:aj] = [True] * (aj - ai)
                bi, bj = _second_role(ctx, aj, person_tok)
                if bj > bi:
                    _add_roles(ctx, g, bi, bj)
                    role_tok[bi:bj] = [True] * (bj - bi)
    kept: list[_Group] = []
    for g in groups:
        if len(g.tokens) == 1 and not _single_name_ok(ctx, g):
            for c in g.cands:
                person_tok[c.i : c.j] = [False] * (c.j - c.i)
            continue
        kept.append(g)
    _scan_roles(ctx, kept, person_tok, role_tok)
    kept.sort(key=lambda g: g.first_pos)
    return kept


def _family_form(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """The short form a name is referred to by: بن سلمان، بن لادن، أبو مازن، عبد الرحمن، or the last word."""
    for k in range(1, len(tokens) - 1):
        if tokens[k] in ("بن", "ابن"):
            return tokens[k:]
    if len(tokens) > 2 and tokens[-2] in NAME_PARTICLES:
        return tokens[-2:]
    return tokens[-1:] if len(tokens) > 1 else tokens


def _single_name_ok(ctx: _Ctx, g: _Group) -> bool:
    """A one-word person needs support: a title or a ruling noun (نظام الأسد) right before it, the
    tagger twice, or a word the unlabeled corpus almost always names as a person (ماكرون، أردوغان;
    not a given name, which alone is as often a cut name or a word: شيماء التي), or a kinship or
    aide noun with its pronoun (والدتها ناريمان). A Chinese surname
    that is also an Arabic function word (لي "to me", هو "he") needs the title: the tagger's hits on
    "بالنسبة لي" repeat the same mistake."""
    word = g.tokens[0]
    rates = corpus_rates()
    if g.titled:
        return True
    if word in _FUNCTION_NAMES:
        return False
    if word not in ctx.lex.given and (word in rates.person_names or any(_ruled_by(ctx, c.i) for c in g.cands)):
        return True
    common = word in rates.common_words
    if not common and any(_kin_before(ctx, c.i) for c in g.cands):
        return True
    # a frequent word the corpus almost never reads as a person (بريكست، ميزان) is not one here either,
    # nor a plural noun the corpus also writes with the article (وقال متعاملون، المتعاملون), which names
    # unnamed sources; a name in ـون is seldom written so (ماكرون، هارون)
    if word.endswith("ون") and word in rates.article_words:
        return False
    return sum(1 for c in g.cands if c.source == "ner") >= 2 and not common


#: nouns whose genitive, when the tagger names a person there, is the man in charge: the bodies named
#: after their leader, and نظام الأسد، قوات حفتر
_LEADER_OF = _RULED_BY | frozenset(normalize_key(w) for w in "نظام قوات".split())


#: one person related to someone by a possessive noun (والدتها ناريمان، شقيقه بيار، مستشاره كوشنر)
_KIN = frozenset(
    normalize_key(w)
    for w in "زوج زوجة طليق طليقة ابن ابنة نجل نجلة شقيق شقيقة والد والدة أخ أخت حفيد حفيدة عم عمة "
    "خال خالة صديق صديقة مستشار مستشارة مساعد مساعدة".split()
)
_POSSESSIVE = ("هما", "هم", "ها", "ه")


def _kin_before(ctx: _Ctx, i: int) -> bool:
    """Token i follows a kinship or aide noun with a possessive pronoun: the noun's name in apposition,
    which stands as a name on one tagger hit as after a title."""
    if i == 0 or not _adjacent(ctx, i) or not ctx.toks[i - 1].word:
        return False
    t = ctx.toks[i - 1]
    prev = t.text
    suffix = next((x for x in _POSSESSIVE if prev.endswith(x) and len(prev) > len(x) + 1), "")
    if not suffix or ctx.doc.original[t.end - 1] == "ة":
        return False  # والدة ناريمان: normalized, the feminine ending reads as the pronoun ه
    base = prev[: -len(suffix)]
    base = base[:-1] + "ه" if base.endswith("ت") else base  # والدتها: the feminine ة is written ت
    return base in _KIN or (base[0] in "وف" and base[1:] in _KIN)


def _ruled_by(ctx: _Ctx, i: int) -> bool:
    """Token i is the genitive of a ruling noun: نظام الأسد، قوات حفتر، حكومة العبادي, where the
    tagger's one-word person needs no second mention to stand."""
    return i > 0 and _adjacent(ctx, i) and ctx.toks[i - 1].word and any(
        f in _LEADER_OF for _, f in ctx.toks[i - 1].readings
    )


def _add_roles(ctx: _Ctx, g: _Group, i: int, j: int) -> None:
    """Store the role phrase [i, j), split where a second title starts (العاهل الأردني | الملك)."""
    cuts = [i]
    for k in range(i + 1, j):
        tm = ctx.title[k]
        if tm.length and tm.cut == 0 and not ctx.title[k - 1].length:
            prev = ctx.toks[k - 1]
            if ctx.lex.titles[tm.seq] or ctx.country[k - 1] or (_is_adjective(ctx, k - 1, None) and prev.word):
                cuts.append(k)
    cuts.append(j)
    if j - i > 1 and ctx.toks[j - 1].text == "باسم":
        return  # المتحدثة باسم أفيتشي: the spokeswoman speaks for the man named, who holds no such role
    g.country = g.country or next((ctx.code[k] for k in range(i, j) if ctx.code[k]), "")
    for a, b in pairwise(cuts):
        while b > a and not ctx.toks[b - 1].word:
            b -= 1
        if b - a == 1 and ctx.title[a].length == 1 and not _is_definite(ctx.title[a].seq[0]):
            continue  # a bare رئيس / حاكم says nothing without its complement
        if b > a:
            role = _surface(ctx, a, b, ctx.title[a].cut if ctx.title[a].length else -1)[2]
            if role:
                g.roles.setdefault(normalize_key(role), role)


def _good_alias(ctx: _Ctx, tok: str) -> bool:
    """A family name worth searching for on its own: not a function word, title or given name."""
    lex = ctx.lex
    return (
        len(tok) >= 3
        and tok not in NAME_PARTICLES
        and tok not in lex.stop
        and tok not in lex.generic_adj
        and tok not in lex.title_first
        and tok not in lex.head_first
        and tok not in lex.given
    )


def _container(groups: list[_Group], seq: tuple[str, ...], pos: int) -> _Group | None:
    """The longer name ``seq`` is a short form of: one ending with it (a family name), else one
    containing it; the nearest before ``pos`` when several do (سعد الحريري ... الحريري)."""
    n = len(seq)
    # محمد بن سلمان ends with سلمان, his father's name: that is not his short form
    found = [g for g in groups if len(g.tokens) > n and g.tokens[-n:] == seq and g.tokens[-n - 1] not in ("بن", "ابن")]
    if not found:
        found = [g for g in groups if len(g.tokens) > n and _contains(g.tokens, seq)]
    if len(found) <= 1:
        return found[0] if found else None
    return _nearest_before(found, pos) or min(found, key=lambda g: g.first_pos)


def _contains(tokens: tuple[str, ...], seq: tuple[str, ...]) -> bool:
    """``seq`` is a contiguous part of ``tokens`` that is not a father's name (after بن)."""
    n = len(seq)
    return any(
        tokens[k : k + n] == seq and (k == 0 or tokens[k - 1] not in ("بن", "ابن")) for k in range(len(tokens) - n + 1)
    )


def _scan_aliases(ctx: _Ctx, patterns: Mapping[tuple[str, ...], list[_Group]], taken: list[bool], kind: Kind) -> None:
    """Every other occurrence of a known name or short form (clitics read off) becomes a mention;
    a short form shared by several names goes to the one mentioned last before it."""
    toks = ctx.toks
    patterns = {p: g for p, g in patterns.items() if p}
    if not patterns:
        return
    first = {p[0] for p in patterns}
    maxlen = max(len(p) for p in patterns)
    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        if taken[i] or not t.word:
            i += 1
            continue
        hit: tuple[tuple[str, ...], int, int] | None = None
        for cut, form in t.readings:
            if form not in first:
                continue
            for ln in range(min(maxlen, n - i), 0, -1):
                if any(taken[k] or not _adjacent(ctx, k) for k in range(i + 1, i + ln)):
                    continue
                seq = (form, *(toks[k].text for k in range(i + 1, i + ln)))
                if seq in patterns:
                    hit = (seq, ln, cut)
                    break
            if hit:
                break
        if hit is None:
            i += 1
            continue
        seq, ln, cut = hit
        owners = patterns[seq]
        group = owners[0] if len(owners) == 1 else _nearest_before(owners, i)
        if group is not None:
            method: MentionMethod = "name" if seq == group.tokens else "alias"
            restore = t.restored and form == t.stem
            group.cands.append(_Cand(kind, i, i + ln, method, "alias", cut, restore=restore))
            taken[i : i + ln] = [True] * ln
        i += ln


def _nearest_before(groups: list[_Group], pos: int) -> _Group | None:
    last = [(max((c.i for c in g.cands if c.i < pos), default=-1), g) for g in groups]
    best = max(last, key=lambda t: t[0])
    return best[1] if best[0] >= 0 else None


def _scan_roles(ctx: _Ctx, groups: list[_Group], person_tok: list[bool], role_tok: list[bool]) -> None:
    """A multi-word role phrase standing alone (not before a name) links to its one person."""
    owners: dict[tuple[str, ...], _Group | None] = {}
    for g in groups:
        for key in g.roles:
            seq = tuple(key.split())
            if len(seq) < 2 or seq in ctx.lex.titles:
                continue
            owners[seq] = g if owners.get(seq, g) is g else None
    if not owners:
        return
    toks = ctx.toks
    n = len(toks)
    first = {s[0] for s in owners}
    i = 0
    while i < n:
        t = toks[i]
        hit = 0
        for cut, form in t.readings if t.word and not person_tok[i] and not role_tok[i] else ():
            if form not in first:
                continue
            for seq, owner in owners.items():
                ln = len(seq)
                if owner is None or seq[0] != form or i + ln > n:
                    continue
                if not all(_adjacent(ctx, k) and toks[k].text == seq[k - i] for k in range(i + 1, i + ln)):
                    continue
                after = i + ln
                if after < n and person_tok[after] and not toks[after].gap:
                    continue  # the role introduces a name here: not a stand-in
                if any(person_tok[k] for k in range(i, after)):
                    continue
                owner.cands.append(_Cand("person", i, after, "role", "role", cut))
                hit = ln
                break
            if hit:
                break
        i += hit or 1


def _group_orgs(ctx: _Ctx, cands: list[_Cand], org_tok: list[bool], person_tok: list[bool]) -> list[_Group]:
    """Organizations: one per normalized key; a name that starts one longer name is its short form."""
    groups: list[_Group] = []
    by_form: dict[tuple[str, ...], _Group] = {}
    owned = [c for c in cands if c.owner is not None]
    for c in sorted(cands, key=lambda c: (-(c.j - c.i), c.i)):
        if c.owner is not None:
            continue
        form = _form(ctx, c)
        group = by_form.get(form) or _unique_prefix_owner(groups, form)
        if group is None:
            group = _Group("organization", form, _span(ctx, c)[2], c.i)
            groups.append(group)
        by_form[form] = group
        group.cands.append(c)
        group.first_pos = min(group.first_pos, c.i)
    groups = _merge_tails(ctx, groups, by_form)
    for c in owned:
        owner = next((g for g in groups if any(d is c.owner for d in g.cands)), None)
        if owner is None:
            continue
        form = _form(ctx, c)
        other = by_form.get(form)
        if other is not None and other is not owner:
            # the abbreviation also stood alone elsewhere: those mentions are the owner's too
            owner.cands.extend(other.cands)
            groups = [g for g in groups if g is not other]
            for f, g in list(by_form.items()):
                if g is other:
                    by_form[f] = owner
        owner.cands.append(c)
        by_form[form] = owner
        if c.source == "known" and all(_descriptive(ctx, d) for d in owner.cands if _form(ctx, d) != form):
            # "البرلمان الأمريكي (الكونغرس)": the description glosses the name, which is what other
            # articles write alone
            owner.tokens, owner.canonical = form, _span(ctx, c)[2]
    # tagger-only names, abbreviations and names after a descriptor (شركة "إيه تي آند تي") seen again
    # where the tagger did not mark them
    patterns: dict[tuple[str, ...], list[_Group]] = {
        f: [g]
        for f, g in by_form.items()
        if any(c.source in ("ner", "paren") or (c.source == "head" and c.role_i >= 0) for c in g.cands)
        and _valid_form(ctx, f)
    }
    if patterns:
        # where the tagger saw a place or the text names a country, one organization reading elsewhere
        # (السفارة الأمريكية بالقدس tagged ORG once) must not turn every القدس of the article into it
        taken = [org_tok[k] or person_tok[k] or ctx.country[k] or ctx.ner[k] == "LOC" for k in range(len(org_tok))]
        _scan_aliases(ctx, patterns, taken, "organization")
    groups.sort(key=lambda g: g.first_pos)
    return groups


def _merge_tails(ctx: _Ctx, groups: list[_Group], by_form: dict[tuple[str, ...], _Group]) -> list[_Group]:
    """ "تنظيم القاعدة" and "القاعدة", "قصر الإليزيه" and "الإليزيه": a name after a head word is the
    same organization as the whole phrase."""
    merged: set[int] = set()
    for g in groups:
        if len(g.tokens) < 2 or id(g) in merged:
            continue
        first = g.tokens[0]
        if first not in _TYPE_HEADS:
            continue
        for tail in (g.tokens[1:], g.tokens[1:-1]):
            other = by_form.get(tail) if tail else None
            if other is not None and other is not g and id(other) not in merged:
                g.cands.extend(other.cands)
                g.first_pos = min(g.first_pos, other.first_pos)
                for f, owner in list(by_form.items()):
                    if owner is other:
                        by_form[f] = g
                merged.add(id(other))
    return [g for g in groups if id(g) not in merged]


def _valid_form(ctx: _Ctx, form: tuple[str, ...]) -> bool:
    return len(form) > 1 or _good_alias(ctx, form[0])


def _unique_prefix_owner(groups: list[_Group], seq: tuple[str, ...]) -> _Group | None:
    if len(seq) < 2:
        return None
    found: _Group | None = None
    for g in groups:
        if len(g.tokens) > len(seq) and g.tokens[: len(seq)] == seq:
            if found is not None and found is not g:
                return None
            found = g
    return found


def _group_by_key(ctx: _Ctx, cands: list[_Cand], kind: Kind) -> list[_Group]:
    groups: dict[tuple[str, ...], _Group] = {}
    for c in cands:
        form = _form(ctx, c)
        g = groups.get(form)
        if g is None:
            g = groups[form] = _Group(kind, form, _span(ctx, c)[2], c.i)
        g.cands.append(c)
    return list(groups.values())


def _entity_key(group: _Group) -> str:
    """The key that identifies the entity across articles: the normalized canonical name, except that
    an agency's "official" is left out (وكالة الأنباء السورية الرسمية is the agency other articles name
    without it), while the article's own name keeps the word."""
    key = normalize_key(group.canonical)
    words = key.split()
    if group.kind == "organization" and len(words) >= 3 and words[0] == "وكاله" and words[-1] in _OFFICIAL:
        return " ".join(words[:-1])
    return key


def _emit(ctx: _Ctx, group: _Group) -> tuple[Entity, list[Mention]]:
    """The entity (canonical name, aliases, roles) and its mentions, in original offsets."""
    key = _entity_key(group)
    mentions: list[Mention] = []
    aliases: dict[str, str] = {}
    seen: set[tuple[int, int]] = set()
    for c in sorted(group.cands, key=lambda c: c.i):
        start, end, name = _span(ctx, c)
        if (start, end) in seen or end <= start:
            continue
        seen.add((start, end))
        method = c.method
        if method != "role" and name != group.canonical:
            aliases.setdefault(name, name)
            method = "alias"
        if group.kind == "organization" and not group.country:
            group.country = next((ctx.code[k] for k in range(c.i, c.j) if ctx.code[k]), "")
        if c.kind == "organization" and c.role_i >= 0:
            # a descriptor head before the name: "قناة الميادين" is an alias
            full = _surface(ctx, c.role_i, c.j, ctx.head[c.role_i].cut)[2]
            aliases.setdefault(full, full)
        mentions.append(Mention(group.kind, start, end, ctx.doc.original[start:end], key, method))
    alias_list = tuple(a for a in aliases if a != group.canonical)
    roles = tuple(group.roles.values()) if group.kind == "person" else ()
    return Entity(group.kind, key, group.canonical, alias_list, roles, group.country or None), mentions


# --------------------------------------------------------------------------------------------------
# across articles


def links_across(kind: str, alias_key: str, owner_key: str) -> bool:
    """Whether a name written alone in one article may stand for the entity another article names in full.

    The loader links a lone name to the one entity that lists it as an alias; this says which lone
    names are specific enough for that. A lone given name is not (فهد is not عابد فهد everywhere, nor
    مصطفى نشوي مصطفى), nor a two-word name that starts with one but is not the fuller name's start
    (عادل إمام is the father in محمد عادل إمام), nor an institution the fuller name only places in a
    country (وزارة العدل is not وزارة العدل السعودية in the next article). Family names (حفتر, روحاني),
    a fuller name's first words (محمد بن راشد) and an organization's distinctive part (داعش, موديز,
    صندوق النقد) are. Keys are ``normalize_key`` forms.
    """
    alias, owner = alias_key.split(), owner_key.split()
    if not alias or kind not in ("person", "organization"):
        return False
    if len(alias) >= len(owner):
        return True  # another name or spelling of the same entity (البنك المركزي الأمريكي for the Fed)
    prefix = owner[: len(alias)] == alias
    if kind == "person":
        if alias[0] not in _lexicons().given:
            return True
        return prefix and len(alias) > 1
    if prefix:
        rest = owner[len(alias) :]
    elif owner[-len(alias) :] == alias:
        rest = owner[: -len(alias)]
    else:
        return True
    return not find_countries(normalize(" ".join(rest)))
