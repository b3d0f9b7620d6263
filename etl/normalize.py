"""Arabic normalization for matching, with an offset map back to the original text.

This is the only module that imports camel-tools. Matching (lexicons, the tagger's features,
entity keys) runs on normalized text; everything stored refers to the original text, so
``NormalizedText.span_to_original`` turns a normalized span back into original offsets.

Normalization is applied character by character (each original character becomes zero, one or more
normalized characters), which is what makes an exact offset map possible.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from dataclasses import dataclass
from functools import lru_cache

from camel_tools.tokenizers.word import simple_word_tokenize
from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
    normalize_unicode,
)

__all__ = [
    "NormalizedText",
    "normalize",
    "normalize_key",
    "normalize_token",
    "tokenize",
]

TATWEEL = "\u0640"
#: zero-width and bidi control characters: invisible, never part of a word
_INVISIBLE = frozenset(
    "\u200b\u200c\u200d\u200e\u200f\u061c\ufeff\u2060\u00ad"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
#: Persian/Urdu letter forms that Arabic news text sometimes carries by keyboard accident
_LETTER_FOLD = {"\u06cc": "\u064a", "\u06a9": "\u0643", "\u06c1": "\u0647", "\u06d5": "\u0647"}
_ARABIC_INDIC_DIGITS = {chr(0x0660 + i): str(i) for i in range(10)} | {
    chr(0x06F0 + i): str(i) for i in range(10)
}


def _normalize_char(ch: str) -> str:
    """The normalized form of one character (possibly empty, possibly several characters)."""
    if ch in _INVISIBLE or ch == TATWEEL:
        return ""
    if ch in _ARABIC_INDIC_DIGITS:
        return _ARABIC_INDIC_DIGITS[ch]
    if ch.isspace():
        return "\n" if ch in "\n\r\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85" else " "
    if ch == "_":
        return " "  # hashtags join words with it (#عبد_السلام_هارون, #نجم_بوليوود): a space for matching
    s = normalize_unicode(ch)
    s = dediac_ar(s).replace(TATWEEL, "")
    s = normalize_alef_ar(s)
    s = normalize_alef_maksura_ar(s)
    s = normalize_teh_marbuta_ar(s)
    s = "".join(_LETTER_FOLD.get(c, c) for c in s)
    s = "".join(c for c in s if (c not in _INVISIBLE and unicodedata.category(c) != "Mn") or c.isalnum())
    return s.casefold()


class _CharTable(dict[int, str]):
    """A ``str.translate`` table that fills itself on first sight of each character."""

    def __missing__(self, code: int) -> str:
        value = _normalize_char(chr(code))
        self[code] = value
        return value


_TABLE = _CharTable()
# Characters whose normalized form is not exactly one character; grows as the table fills.
_UNEVEN: set[str] = set()


def _uneven_re(text: str) -> re.Pattern[str] | None:
    for ch in set(text):
        if len(_TABLE[ord(ch)]) != 1:
            _UNEVEN.add(ch)
    return _uneven_pattern(frozenset(_UNEVEN)) if _UNEVEN else None


@lru_cache(maxsize=64)
def _uneven_pattern(chars: frozenset[str]) -> re.Pattern[str]:
    return re.compile("[" + re.escape("".join(sorted(chars))) + "]")


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """Normalized text plus the map from each normalized index to its original index."""

    original: str
    text: str
    #: ``origin[i]`` is the index in ``original`` of the character that produced ``text[i]``;
    #: ``None`` when the two strings are aligned one to one.
    origin: array | None = None

    def to_original(self, index: int) -> int:
        """Original index of normalized character ``index``."""
        return index if self.origin is None else self.origin[index]

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original ``[start, end)`` covering the normalized span ``[start, end)``.

        An empty span maps to an empty span at the corresponding position.
        """
        if self.origin is None:
            return start, end
        if end <= start:
            pos = self.origin[start] if start < len(self.origin) else len(self.original)
            return pos, pos
        first = self.origin[start]
        last = self.origin[end - 1]
        # extend over characters that normalized to nothing right after the last one
        # only when they sit inside the span's own word (diacritics, tatweel)
        stop = last + 1
        limit = self.origin[end] if end < len(self.origin) else len(self.original)
        while stop < limit and _is_mark(self.original[stop]):
            stop += 1
        return first, stop


def _is_mark(ch: str) -> bool:
    """Diacritics and tatweel belong to the word before them; invisible controls do not."""
    return ch == TATWEEL or unicodedata.category(ch) == "Mn"


def normalize(original: str) -> NormalizedText:
    """Normalize ``original`` for matching and keep the offset map."""
    pattern = _uneven_re(original)
    text = original.translate(_TABLE)
    if pattern is None or (len(text) == len(original) and not pattern.search(original)):
        return NormalizedText(original, text, None)
    origin = array("i")
    pos = 0
    for m in pattern.finditer(original):
        i = m.start()
        origin.extend(range(pos, i))
        origin.extend([i] * len(_TABLE[ord(original[i])]))
        pos = i + 1
    origin.extend(range(pos, len(original)))
    return NormalizedText(original, text, origin)


def normalize_key(text: str) -> str:
    """A matching key for a name: normalized, punctuation dropped, whitespace collapsed."""
    norm = text.translate(_TABLE)
    return " ".join(_KEY_PUNCT.sub(" ", norm).split())


_KEY_PUNCT = re.compile(r"[^\w\s]")


def normalize_token(token: str) -> str:
    """Normalized form of a single token (no offset map)."""
    return token.translate(_TABLE)


def tokenize(text: str) -> list[str]:
    """Split into words and punctuation the way camel-tools does."""
    return list(simple_word_tokenize(text))
