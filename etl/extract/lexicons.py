"""Loading the project's own lexicons from ``etl/resources``.

A lexicon file is UTF-8 text: ``#`` lines are comments (the header says how the file was made), every
other non-blank line is one entry; an optional tab-separated second column carries a label. Entries are
matched in normalized form (``etl.normalize.normalize_key``), so spelling variants of hamza, alef
maksura and teh marbuta need not be listed.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from etl.normalize import normalize_key

RESOURCES = files("etl") / "resources"

#: the words that link the parts of an Arabic name, normalized: nasab (بن، ابن، بنت), kunya (أبو، أم),
#: theophoric (عبد), family (آل) and the Mauritanian ولد. Shared by the tagger's name-chain rule
#: (``etl.extract.ner``) and the entity layer's name building (``etl.extract.entities``)
NAME_PARTICLES = frozenset({"بن", "ابن", "ابو", "ام", "عبد", "ال", "بنت", "ولد"})
#: the particles of transliterated names (فان باستن، فون دير لاين، دي ميستورا، دا سيلفا), normalized; some
#: read as function words (ف + أن، دي "this"). Shared like ``NAME_PARTICLES``
FOREIGN_PARTICLES = frozenset({"فان", "فون", "دي", "دو", "دا"})


def read_rows(name: str) -> list[list[str]]:
    """Rows of a resource file as lists of tab-separated fields, comments and blanks skipped."""
    text = (RESOURCES / name).read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append([f.strip() for f in line.split("\t")])
    return rows


@cache
def load_lexicon(name: str) -> frozenset[str]:
    """Normalized entries (first column) of ``etl/resources/<name>.txt``."""
    return frozenset(normalize_key(row[0]) for row in read_rows(f"{name}.txt") if row and row[0])


@cache
def load_labeled(name: str) -> dict[str, str]:
    """Normalized first column -> second column of ``etl/resources/<name>.txt``."""
    out: dict[str, str] = {}
    for row in read_rows(f"{name}.txt"):
        if len(row) >= 2 and row[0]:
            out[normalize_key(row[0])] = row[1]
    return out


def conjoined_function_word(word: str) -> bool:
    """و / ف + a listed function word (ولا، وهي): a one-letter preposition before it belongs to the word
    (لولا، كوهي), as ب / ل / ك never precede و / ف."""
    stop = load_lexicon("name_stopwords")
    return word[:1] in "وف" and (word in stop or word[1:] in stop)
