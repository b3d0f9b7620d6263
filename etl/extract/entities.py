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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from etl.extract.lexicons import load_labeled, load_lexicon
from etl.normalize import NormalizedText, normalize_key
from etl.records import Entity, EntityKind, Mention, MentionMethod

if TYPE_CHECKING:
    from etl.extract.ner import NerSpan

__all__ = ["resolve_entities"]

_WORD_RE = re.compile(r"[^\W_]+|[^\w\s]|_")
_QUOTES = frozenset("\"'«»“”‘’„")
#: punctuation that may sit inside a role phrase without ending it
_ROLE_TRANSPARENT = _QUOTES
_NISBA_MIN = 5  # ال + three letters
_ROLE_MAX = 9
_NAME_MAX = 5
_PREFIXES = ("وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك")
#: pronoun-like and other tokens that never stand alone as a name
_ROLE_CONNECTORS = frozenset({"الي", "لدي", "في", "باسم"})
_DESCRIPTOR_NAME_MAX = 4


# --------------------------------------------------------------------------------------------------
# lexicons


@dataclass(frozen=True, slots=True)
class _Lexicons:
    titles: dict[tuple[str, ...], bool]  # token sequence -> is honorific
    title_first: frozenset[str]
    title_maxlen: int
    heads: dict[tuple[str, ...], str]  # token sequence -> "" | "weak" | "descriptor"
    head_first: frozenset[str]
    head_maxlen: int
    known: dict[tuple[str, ...], bool]  # token sequence -> needs context
    known_first: frozenset[str]
    known_maxlen: int
    given: frozenset[str]
    stop: frozenset[str]
    adj: frozenset[str]
    lcomp: frozenset[str]
    generic_adj: frozenset[str]


def _with_article_variants(key: str) -> list[str]:
    """A single-word entry with and without the article (وزير ~ الوزير)."""
    if " " in key:
        first, rest = key.split(" ", 1)
        alt = first[2:] if first.startswith("ال") and len(first) > 4 else "ال" + first
        return [key, f"{alt} {rest}"]
    if key.startswith("ال") and len(key) > 4:
        return [key, key[2:]]
    return [key, "ال" + key]


@lru_cache(maxsize=1)
def _lexicons() -> _Lexicons:
    titles: dict[tuple[str, ...], bool] = {}
    labeled_titles = load_labeled("titles")
    for entry in load_lexicon("titles"):
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
    return _Lexicons(
        titles=titles,
        title_first=frozenset(k[0] for k in titles),
        title_maxlen=max(len(k) for k in titles),
        heads=heads,
        head_first=frozenset(k[0] for k in heads),
        head_maxlen=max(len(k) for k in heads),
        known=known,
        known_first=frozenset(k[0] for k in known),
        known_maxlen=max(len(k) for k in known),
        given=frozenset(w for e in load_lexicon("given_names") for w in [e.replace(" ", "")]),
        stop=load_lexicon("name_stopwords"),
        adj=frozenset(k for k, v in modifiers.items() if v == "adj"),
        lcomp=frozenset(k for k, v in modifiers.items() if v == "lcomp"),
        generic_adj=frozenset(k for k, v in modifiers.items() if v == "generic"),
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


@lru_cache(maxsize=1 << 18)
def _split(text: str) -> tuple[int, str, bool, tuple[tuple[int, str], ...]]:
    """(clitic length, stem, article restored, readings) of a normalized word; cached per word."""
    alts = tuple(
        (len(p), text[len(p) :]) for p in _PREFIXES if text.startswith(p) and len(text) - len(p) >= 3
    )
    m = _AL_CLITIC.match(text)
    if m is None:
        return 0, text, False, ((0, text), *alts)
    k = m.end()
    if text.startswith("لل", k):
        # ل + ال written لل: the mention keeps the second ل; the article is rebuilt for matching
        return k + 1, "ا" + text[k + 1 :], True, ((k + 1, "ا" + text[k + 1 :]), (0, text), *alts)
    return k, text[k:], False, ((k, text[k:]), (0, text), *alts)


def _tokenize(doc: NormalizedText) -> list[_Tok]:
    text = doc.text
    toks: list[_Tok] = []
    prev_end = 0
    for m in _WORD_RE.finditer(text):
        ns, ne = m.span()
        w = m.group()
        gap = not toks or "\n" in text[prev_end:ns]
        prev_end = ne
        start, end = doc.span_to_original(ns, ne)
        if w[0].isalnum():
            k, stem, restored, readings = _split(w)
            toks.append(_Tok(w, stem, k, ns, ne, start, end, True, gap, restored, readings))
        else:
            toks.append(_Tok(w, w, 0, ns, ne, start, end, False, gap))
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
    form: str = ""  # the normalized first-token form this mention was matched with


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
    ner: list[str]  # tagger label per token ("" when none)
    quoted: list[bool]  # token sits inside quotation marks
    stop: list[bool]
    title: list[_Match]
    head: list[_Match]
    known: list[_Match]


def _context(doc: NormalizedText, spans: Sequence[NerSpan], countries: Sequence[Mention]) -> _Ctx:
    toks = _tokenize(doc)
    lex = _lexicons()
    n = len(toks)
    country = [False] * n
    demonym = [False] * n
    ner = [""] * n
    starts = [t.start for t in toks]
    for c in countries:
        for i in _covered(starts, toks, c.start, c.end):
            country[i] = True
            demonym[i] = demonym[i] or c.method == "demonym"
    for s in spans:
        for i in _covered(starts, toks, s.start, s.end):
            if toks[i].word:
                ner[i] = ner[i] or s.label
    quoted = [False] * n
    inside = False
    for i, t in enumerate(toks):
        if t.gap:
            inside = False
        if not t.word and t.text in _QUOTES:
            inside = not inside
            continue
        quoted[i] = inside
    stop = [t.word and (t.text in lex.stop or t.stem in lex.stop) for t in toks]
    ctx = _Ctx(doc, toks, lex, country, demonym, ner, quoted, stop, [], [], [])
    any_first = lex.title_first | lex.head_first | lex.known_first
    for i, t in enumerate(toks):
        if not t.word or not any(f in any_first for _, f in t.readings):
            ctx.title.append(_NO_MATCH)
            ctx.head.append(_NO_MATCH)
            ctx.known.append(_NO_MATCH)
            continue
        ctx.title.append(_match_seq(ctx, i, lex.titles, lex.title_first, lex.title_maxlen))
        ctx.head.append(_match_seq(ctx, i, lex.heads, lex.head_first, lex.head_maxlen))
        ctx.known.append(_match_seq(ctx, i, lex.known, lex.known_first, lex.known_maxlen))
    return ctx


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


def _has_clitic(ctx: _Ctx, i: int) -> bool:
    return ctx.toks[i].k > 0


def _match_seq(
    ctx: _Ctx, i: int, table: Mapping[tuple[str, ...], object], first: frozenset[str], maxlen: int
) -> _Match:
    """The longest lexicon entry starting at token ``i`` under one clitic reading of its first word."""
    toks = ctx.toks
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
        for j in range(i + 1, min(len(toks), i + maxlen)):
            if not _adjacent(ctx, j):
                break
            seq.append(toks[j].text)
            if tuple(seq) in table:
                best = _Match(len(seq), cut, tuple(seq))
        if best.length:
            return best
    return _NO_MATCH


def _is_definite(s: str) -> bool:
    return s.startswith("ال") and len(s) > 3


def _is_adjective(ctx: _Ctx, i: int, feminine: bool | None) -> bool:
    """An adjective that can end a name: nationality, -ي/-ية form, or a listed name adjective."""
    t = ctx.toks[i]
    if t.k and not t.restored or not _is_definite(t.stem):
        return False
    s = t.stem
    if s in ctx.lex.generic_adj or ctx.stop[i]:
        return False
    if s in ctx.lex.adj:
        return True
    if ctx.demonym[i] or (len(s) >= _NISBA_MIN and (s.endswith("ي") or s.endswith("يه"))):
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
            if not lex.known[km.seq] or ctx.quoted[i] or _after_descriptor(ctx, i) >= 0:
                j = _extend_org(ctx, i + km.length, person_tok, None)
                out.append(_Cand("organization", i, j, "name", "known", km.cut, _after_descriptor(ctx, i)))
                i = j
                continue
        if ctx.head[i].length:
            cand = _head_phrase(ctx, i, person_tok)
            if cand is not None:
                out.append(cand)
                i = cand.j
                continue
        i += 1
    return out


def _after_descriptor(ctx: _Ctx, i: int) -> int:
    """Index of a descriptor head (قناة، صحيفة ...) right before token ``i``, else -1."""
    j = i - 1
    while j >= 0 and not ctx.toks[j].word and ctx.toks[j].text in _QUOTES:
        j -= 1
    if j >= 0 and ctx.head[j].length == 1 and ctx.lex.heads[ctx.head[j].seq] == "descriptor":
        return j
    return -1


def _extend_org(ctx: _Ctx, j: int, person_tok: list[bool], feminine: bool | None) -> int:
    """Extend a name over its adjectives and a ل-complement (لحقوق الإنسان)."""
    while _adjacent(ctx, j) and not person_tok[j] and _is_adjective(ctx, j, feminine):
        j += 1
    if _adjacent(ctx, j) and not person_tok[j]:
        t = ctx.toks[j]
        if t.text[:1] == "ل" and (t.text[1:] in ctx.lex.lcomp or t.stem in ctx.lex.lcomp):
            k = j + 1
            if _adjacent(ctx, k) and _is_definite(ctx.toks[k].text) and not ctx.stop[k]:
                k += 1
            j = k
            while _adjacent(ctx, j) and not person_tok[j] and _is_adjective(ctx, j, None):
                j += 1
    return j


def _name_like_definite(ctx: _Ctx, j: int, person_tok: list[bool]) -> bool:
    t = ctx.toks[j]
    return (
        _adjacent(ctx, j)
        and not person_tok[j]
        and not t.k
        and _is_definite(t.text)
        and not ctx.stop[j]
        and not ctx.title[j].length
        and t.text not in ctx.lex.generic_adj
    )


def _head_phrase(ctx: _Ctx, i: int, person_tok: list[bool]) -> _Cand | None:
    """A head-noun phrase (وزارة الداخلية، الجيش الليبي، مجلس الأمن الدولي) with a name-like complement."""
    toks, lex = ctx.toks, ctx.lex
    hm = ctx.head[i]
    label = lex.heads[hm.seq]
    j = i + hm.length
    if label == "descriptor":
        return _descriptor_phrase(ctx, i, j, person_tok)
    last = hm.seq[-1]
    if _is_definite(hm.seq[0]) or hm.length > 1:
        # الجيش الليبي، الاتحاد الأفريقي: article + head takes agreeing adjectives only
        feminine = last.endswith("ه") if hm.length == 1 else None
        end = _extend_org(ctx, j, person_tok, feminine)
        if end == j and hm.length == 1:
            return None
    else:
        # وزارة الداخلية، حكومة الوفاق: a construct head needs a genitive
        if not _adjacent(ctx, j) or person_tok[j]:
            return None
        if _name_like_definite(ctx, j, person_tok):
            j += 1
        elif ctx.ner[j] in ("ORG", "LOC") or ctx.country[j]:
            first_label = ctx.ner[j]
            j += 1
            while _adjacent(ctx, j) and not person_tok[j] and (
                first_label and ctx.ner[j] == first_label or not first_label and ctx.country[j]
            ):
                j += 1
        elif (
            ctx.ner[i] == "ORG"
            and not ctx.stop[j]
            and not toks[j].k
            and _name_like_definite(ctx, j + 1, person_tok)
        ):
            j += 2  # هيئة تحرير الشام: an indefinite link in the chain, only where the tagger agrees
        else:
            return None
        end = _extend_org(ctx, j, person_tok, None)
    if label == "weak" and not any(ctx.ner[k] == "ORG" for k in range(i, end)):
        return None
    return _Cand("organization", i, end, "name", "head", hm.cut)


def _descriptor_phrase(ctx: _Ctx, i: int, j: int, person_tok: list[bool]) -> _Cand | None:
    """قناة الميادين، صحيفة "دايلي إكسبرس": the organization is the name after the descriptor."""
    toks = ctx.toks
    k = j
    if k < len(toks) and toks[k].text in _QUOTES and not toks[k].gap:
        k += 1
        end = k
        while _adjacent(ctx, end) and end - k < _DESCRIPTOR_NAME_MAX:
            end += 1
        if end == k or end >= len(toks) or toks[end].text not in _QUOTES:
            return None
        if not _valid_org(ctx, k, end):
            return None
        return _Cand("organization", k, end, "name", "head", 0, role_i=i)
    if not _adjacent(ctx, k) or person_tok[k]:
        return None
    km = ctx.known[k]
    if km.length:
        return _Cand("organization", k, k + km.length, "name", "known", km.cut, role_i=i)
    if ctx.ner[k] == "ORG":
        end = k
        while _adjacent(ctx, end) and ctx.ner[end] == "ORG":
            end += 1
        return _Cand("organization", k, end, "name", "ner", role_i=i)
    return None


def _valid_org(ctx: _Ctx, i: int, j: int) -> bool:
    lex = ctx.lex
    if j <= i or j - i > 6:
        return False
    if any(not ctx.toks[k].word or ctx.toks[k].text.isdigit() for k in range(i, j)):
        return False
    if j - i == 1:
        s = ctx.toks[i].stem
        if ctx.stop[i] or ctx.head[i].length or ctx.title[i].length or s in lex.generic_adj or len(s) < 2:
            return False
    return not all(ctx.stop[k] or ctx.title[k].length for k in range(i, j))


# --------------------------------------------------------------------------------------------------
# persons


def _span_runs(ctx: _Ctx, label: str) -> list[tuple[int, int]]:
    """Maximal runs of tokens the tagger labelled ``label`` (a line break ends a run)."""
    runs: list[tuple[int, int]] = []
    i, n = 0, len(ctx.toks)
    while i < n:
        if ctx.ner[i] == label:
            j = i + 1
            while j < n and ctx.ner[j] == label and not ctx.toks[j].gap:
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


def _person_core(ctx: _Ctx, i: int, j: int) -> tuple[int, int, int]:
    """Cut titles and junk off a PERS run: (role start or -1, name start, name end)."""
    toks = ctx.toks
    role_i = -1
    while i < j:
        if not toks[i].word or ctx.stop[i] and toks[i].stem not in ctx.lex.given:
            i += 1
            continue
        tl = ctx.title[i].length
        if tl:
            role_i = i if role_i < 0 else role_i
            i += tl
            while i < j and ctx.demonym[i]:
                i += 1
            continue
        break
    while j > i and (not toks[j - 1].word or ctx.stop[j - 1] or ctx.country[j - 1]):
        j -= 1
    for k in range(i + 1, j):
        if ctx.country[k] or ctx.title[k].length or ctx.head[k].length and ctx.head[k].cut == 0:
            j = k
            break
    return role_i, i, j


def _valid_person(ctx: _Ctx, i: int, j: int) -> bool:
    """At least one name token; no title, head noun, known organization or country as the name."""
    if j <= i or j - i > _NAME_MAX:
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
    """Start of the role phrase right before token ``i`` (-1 if none): the farthest title reached."""
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
            break
        if person_tok[k]:
            break
        if ctx.stop[k] and t.stem not in _ROLE_CONNECTORS and not ctx.title[k].length:
            break
        if t.stem in ("الي", "لدي", "في") and not (ctx.country[k + 1] or ctx.ner[k + 1]):
            break
        if ctx.title[k].length:
            best = k
        k -= 1
        steps += 1
    return best


def _role_after(ctx: _Ctx, j: int, person_tok: list[bool]) -> tuple[int, int]:
    """A role in apposition after a name (خليفة حفتر قائد قوات ...): [start, end) or (-1, -1)."""
    toks = ctx.toks
    k = j
    if k < len(toks) and toks[k].text in ("،", ",") and not toks[k].gap:
        k += 1
    if not _adjacent(ctx, k) or toks[k].k:
        return -1, -1
    tm = ctx.title[k]
    if not tm.length or ctx.lex.titles[tm.seq]:
        return -1, -1
    end = k + tm.length
    while end < len(toks) and end - k < _ROLE_MAX and not toks[end].gap:
        t = toks[end]
        if not t.word:
            if t.text in _QUOTES:
                end += 1
                continue
            break
        if person_tok[end] or ctx.stop[end] or t.k and not t.restored:
            break
        if not (_is_definite(t.stem) or ctx.country[end] or ctx.head[end].length):
            break
        end += 1
    while end > k and not toks[end - 1].word:
        end -= 1
    return k, end


def _title_triggered(ctx: _Ctx, person_tok: list[bool]) -> list[tuple[int, int, int]]:
    """Names the tagger missed after a title: (role start, name start, name end).

    The name must start with a listed given name within a few words of the title and have at least
    two words (given names, then one family name).
    """
    toks, lex = ctx.toks, ctx.lex
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
            if t.text in lex.given and not ctx.ner[j] and not ctx.country[j]:
                found = j
                break
            if ctx.stop[j] and t.stem not in _ROLE_CONNECTORS:
                break
            j += 1
        if found < 0:
            i += 1
            continue
        k = found + 1
        while _adjacent(ctx, k) and k - found < 3 and toks[k].text in lex.given and not person_tok[k]:
            k += 1
        if _adjacent(ctx, k) and not person_tok[k] and _family_like(ctx, k):
            k += 1
        if k - found >= 2:
            out.append((i, found, k))
        i = k
    return out


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


def _span(ctx: _Ctx, c: _Cand) -> tuple[int, int, str]:
    """Original (start, end, name as written) of a candidate, clitics off, quotes and _ out."""
    return _surface(ctx, c.i, c.j, c.cut)


def _surface(ctx: _Ctx, i: int, j: int, cut: int = -1) -> tuple[int, int, str]:
    toks = ctx.toks
    first = toks[i]
    k = first.k if cut < 0 else cut
    start = ctx.doc.to_original(first.nstart + k) if k else first.start
    end = toks[j - 1].end
    raw = ctx.doc.original[start:end]
    if first.restored and k == first.k and k:
        raw = "ا" + raw
    name = "".join(" " if c == "_" else c for c in raw if c not in _QUOTES)
    return start, end, " ".join(name.split())


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

    person_cands: list[_Cand] = []
    for a, b in _span_runs(ctx, "PERS"):
        role_i, i, j = _person_core(ctx, a, b)
        if _valid_person(ctx, i, j):
            person_cands.append(_Cand("person", i, j, "ner", "ner", role_i=role_i))
            person_tok[i:j] = [True] * (j - i)
    for r, i, j in _title_triggered(ctx, person_tok):
        if _valid_person(ctx, i, j):
            person_cands.append(_Cand("person", i, j, "name", "title", role_i=r))
            person_tok[i:j] = [True] * (j - i)
    persons = _group_persons(ctx, person_cands, person_tok)

    org_cands = _org_candidates(ctx, person_tok)
    org_tok = [False] * n
    for c in org_cands:
        org_tok[c.i : c.j] = [True] * (c.j - c.i)
    for a, b in _span_runs(ctx, "ORG"):
        if any(org_tok[k] or person_tok[k] for k in range(a, b)):
            continue
        i, j = _trim(ctx, a, b)
        if _valid_org(ctx, i, j):
            org_cands.append(_Cand("organization", i, j, "ner", "ner"))
            org_tok[i:j] = [True] * (j - i)
    orgs = _group_orgs(ctx, org_cands, org_tok, person_tok)

    loc_cands: list[_Cand] = []
    for a, b in _span_runs(ctx, "LOC"):
        if any(ctx.country[k] or org_tok[k] or person_tok[k] for k in range(a, b)):
            continue
        i, j = _trim(ctx, a, b)
        if _valid_org(ctx, i, j):
            loc_cands.append(_Cand("location", i, j, "ner", "ner"))
    locs = _group_by_key(ctx, loc_cands, "location")

    entities: list[Entity] = []
    mentions: list[Mention] = []
    for group in (*persons, *orgs, *locs):
        entity, ments = _emit(ctx, group)
        entities.append(entity)
        mentions.extend(ments)
    mentions.sort(key=lambda m: (m.start, m.end))
    return tuple(entities), tuple(mentions)


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
        group = by_form.get(form) or _unique_container(groups, form)
        if group is None:
            group = _Group("person", form, _span(ctx, c)[2], c.i)
            groups.append(group)
        by_form[form] = group
        group.cands.append(c)
        group.first_pos = min(group.first_pos, c.i)
    taken = list(person_tok)
    patterns: dict[tuple[str, ...], _Group | None] = {}
    for g in groups:
        forms = [g.tokens, *(f for f, owner in by_form.items() if owner is g)]
        if len(g.tokens) > 1:
            forms.append(g.tokens[-1:])
        for f in forms:
            if len(f) == 1 and not _good_alias(ctx, f[0]):
                continue
            patterns[f] = g if patterns.get(f, g) is g else None
    if patterns:
        _scan_aliases(ctx, patterns, taken, "person")
    for k, v in enumerate(taken):
        person_tok[k] = v
    for g in groups:
        for c in g.cands:
            ri = c.role_i if c.role_i >= 0 else _role_before(ctx, c.i, person_tok)
            if ri >= 0 and ri < c.i:
                role = _surface(ctx, ri, c.i)[2]
                g.roles.setdefault(normalize_key(role), role)
            ai, aj = _role_after(ctx, c.j, person_tok)
            if ai >= 0 and aj > ai:
                role = _surface(ctx, ai, aj)[2]
                g.roles.setdefault(normalize_key(role), role)
    _scan_roles(ctx, groups, person_tok)
    groups.sort(key=lambda g: g.first_pos)
    return groups


def _good_alias(ctx: _Ctx, tok: str) -> bool:
    """A family name worth searching for on its own: not a function word, title or given name."""
    lex = ctx.lex
    return (
        len(tok) >= 3
        and tok not in lex.stop
        and tok not in lex.generic_adj
        and tok not in lex.title_first
        and tok not in lex.head_first
        and tok not in lex.given
    )


def _unique_container(groups: list[_Group], seq: tuple[str, ...]) -> _Group | None:
    """The one longer name that contains ``seq`` as a contiguous part (None if none or several)."""
    found: _Group | None = None
    n = len(seq)
    for g in groups:
        t = g.tokens
        if len(t) <= n:
            continue
        if any(t[k : k + n] == seq for k in range(len(t) - n + 1)):
            if found is not None and found is not g:
                return None
            found = g
    return found


def _scan_aliases(
    ctx: _Ctx, patterns: Mapping[tuple[str, ...], _Group | None], taken: list[bool], kind: Kind
) -> None:
    """Every other occurrence of a known name or short form (clitics read off) becomes a mention."""
    toks = ctx.toks
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
        group = patterns[seq]
        if group is not None:
            method: MentionMethod = "name" if seq == group.tokens else "alias"
            group.cands.append(_Cand(kind, i, i + ln, method, "alias", cut))
            taken[i : i + ln] = [True] * ln
        i += ln


def _scan_roles(ctx: _Ctx, groups: list[_Group], person_tok: list[bool]) -> None:
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
        for cut, form in t.readings if t.word and not person_tok[i] else ():
            if form not in first:
                continue
            for seq, g in owners.items():
                ln = len(seq)
                if g is None or seq[0] != form or i + ln > n:
                    continue
                if not all(_adjacent(ctx, k) and toks[k].text == seq[k - i] for k in range(i + 1, i + ln)):
                    continue
                after = i + ln
                if after < n and person_tok[after] and not toks[after].gap:
                    continue  # the role introduces a name here: not a stand-in
                if any(person_tok[k] for k in range(i, after)):
                    continue
                g.cands.append(_Cand("person", i, after, "role", "role", cut))
                hit = ln
                break
            if hit:
                break
        i += hit or 1


def _group_orgs(
    ctx: _Ctx, cands: list[_Cand], org_tok: list[bool], person_tok: list[bool]
) -> list[_Group]:
    """Organizations: one per normalized key; a name that starts one longer name is its short form."""
    groups: list[_Group] = []
    by_form: dict[tuple[str, ...], _Group] = {}
    for c in sorted(cands, key=lambda c: (-(c.j - c.i), c.i)):
        form = _form(ctx, c)
        group = by_form.get(form) or _unique_prefix_owner(groups, form)
        if group is None:
            group = _Group("organization", form, _span(ctx, c)[2], c.i)
            groups.append(group)
        by_form[form] = group
        group.cands.append(c)
        group.first_pos = min(group.first_pos, c.i)
    # tagger-only names seen again where the tagger did not mark them
    patterns: dict[tuple[str, ...], _Group | None] = {
        f: g for f, g in by_form.items() if any(c.source == "ner" for c in g.cands) and _valid_form(ctx, f)
    }
    if patterns:
        taken = [a or b for a, b in zip(org_tok, person_tok, strict=True)]
        _scan_aliases(ctx, patterns, taken, "organization")
    groups.sort(key=lambda g: g.first_pos)
    return groups


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


def _emit(ctx: _Ctx, group: _Group) -> tuple[Entity, list[Mention]]:
    """The entity (canonical name, aliases, roles) and its mentions, in original offsets."""
    key = normalize_key(group.canonical)
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
            if method == "name":
                method = "alias"
        if c.kind == "organization" and c.role_i >= 0:
            # a descriptor head before the name: "قناة الميادين" is an alias
            full = _surface(ctx, c.role_i, c.j)[2]
            aliases.setdefault(full, full)
        mentions.append(Mention(group.kind, start, end, ctx.doc.original[start:end], key, method))
    alias_list = tuple(a for a in aliases if a != group.canonical)
    roles = tuple(group.roles.values()) if group.kind == "person" else ()
    return Entity(group.kind, key, group.canonical, alias_list, roles), mentions
