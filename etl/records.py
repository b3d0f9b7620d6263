"""Typed records passed between pipeline stages.

Every stage is a set of plain functions over these frozen dataclasses, so each stage can be tested
(and run under Prefect, Dask or nothing at all) without the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

EntityKind = Literal["person", "organization", "country", "location"]
ENTITY_KINDS: tuple[EntityKind, ...] = ("person", "organization", "country", "location")

#: How a mention was found: a full name, a nationality adjective, a short form / alias of a name
#: seen elsewhere, a statistical tagger hit, or a role phrase standing for a person.
MentionMethod = Literal["name", "demonym", "alias", "ner", "role"]

SpeakerKind = Literal["person", "organization", "country", "anonymous", "role"]
SPEAKER_KINDS: tuple[SpeakerKind, ...] = ("person", "organization", "country", "anonymous", "role")

Stage = Literal["discover", "read", "normalize", "extract", "load"]


@dataclass(frozen=True, slots=True)
class SourceArticle:
    """One article as read from a source file, before any analysis.

    ``body`` is the text every stored offset refers to: for plain-text files the file's text (title
    block included, trailing site boilerplate cut); for crawl records the title, a blank line, then the
    record's text.
    """

    source_uri: str
    body: str
    content_hash: str
    title: str | None = None
    external_id: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    encoding: str | None = None


@dataclass(frozen=True, slots=True)
class SourceFailure:
    """A file (or one record inside a file) that could not be read; recorded, never raised."""

    source_uri: str
    stage: Stage
    reason: str


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of an entity in an article; offsets index ``SourceArticle.body``."""

    kind: EntityKind
    start: int
    end: int
    surface: str
    #: normalized key of the article-level entity this mention belongs to (see ``Entity.key``)
    entity_key: str
    method: MentionMethod = "name"


@dataclass(frozen=True, slots=True)
class Entity:
    """An entity as resolved inside one article.

    ``key`` is the normalized canonical name (for countries, the ISO alpha-2 code); together with
    ``kind`` it identifies the entity across articles.
    """

    kind: EntityKind
    key: str
    canonical_name: str
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    country_code: str | None = None


@dataclass(frozen=True, slots=True)
class Statement:
    """A claim attributed to a speaker. Offsets index ``SourceArticle.body``."""

    speaker_kind: SpeakerKind
    speaker_text: str
    cue: str
    cue_lemma: str
    content: str
    is_direct: bool
    start: int
    end: int
    content_start: int
    content_end: int
    #: (kind, key) of the speaker's article-level entity, when the speaker is one
    speaker_entity: tuple[EntityKind, str] | None = None
    #: (kind, key) of every entity mentioned inside the content
    targets: tuple[tuple[EntityKind, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one article: what the loader writes in one transaction."""

    article: SourceArticle
    language: str
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    statements: tuple[Statement, ...] = ()
    timings: dict[str, float] = field(default_factory=dict, compare=False)


def _fast_reduce(self: Any) -> tuple[Any, tuple[Any, ...]]:
    # frozen slotted dataclasses pickle through dataclasses.fields() per object, which showed up in
    # profiles of the worker -> loader hand-off; positional construction is equivalent and cheaper
    return (type(self), tuple(getattr(self, name) for name in type(self).__match_args__))


for _cls in (SourceArticle, SourceFailure, Mention, Entity, Statement, Extraction):
    _cls.__reduce__ = _fast_reduce  # type: ignore[method-assign,assignment]
