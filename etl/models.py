"""The relational schema: SQLAlchemy 2 typed models.

Alembic migrations under ``migrations/`` create exactly these tables (a test compares them). The
public views ``v_mentions`` and ``v_statements``, the stable interface for users and evaluation, are
defined by the migrations alone, so that their SQL has one home.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ENTITY_KIND_SQL = "kind IN ('person', 'organization', 'country', 'location')"
SPEAKER_KIND_SQL = "speaker_kind IN ('person', 'organization', 'country', 'anonymous', 'role')"
METHOD_SQL = "method IN ('name', 'demonym', 'alias', 'ner', 'role')"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Country(Base):
    """Every ISO 3166-1 country, seeded by a migration (Arabic names from CLDR)."""

    __tablename__ = "countries"

    alpha2: Mapped[str] = mapped_column(String(2), primary_key=True)
    alpha3: Mapped[str] = mapped_column(String(3), unique=True)
    numeric: Mapped[str] = mapped_column(String(3))
    name_en: Mapped[str] = mapped_column(String(128))
    name_ar: Mapped[str] = mapped_column(String(128))


class Run(Base):
    """One ``etl run``: parameters, counts, status, timings and the Prefect flow-run id."""

    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    flow_run_id: Mapped[str | None] = mapped_column(String(64))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16), default="running")
    pipeline_version: Mapped[str] = mapped_column(String(64))
    parameters: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    timings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    __table_args__ = (
        CheckConstraint("status IN ('running', 'completed', 'failed', 'partial')", name="status"),
    )


class Article(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_uri: Mapped[str] = mapped_column(String(1024), unique=True)
    external_id: Mapped[str | None] = mapped_column(String(256))
    url: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(256), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    body: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(8))
    encoding: Mapped[str | None] = mapped_column(String(32))
    pipeline_version: Mapped[str] = mapped_column(String(64))
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id", ondelete="SET NULL"), index=True)
    loaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Entity(Base):
    """One real-world entity across articles; unique per (kind, normalized key)."""

    __tablename__ = "entities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    canonical_name: Mapped[str] = mapped_column(String(512))
    norm_key: Mapped[str] = mapped_column(String(512))
    country_code: Mapped[str | None] = mapped_column(ForeignKey("countries.alpha2"), index=True)

    __table_args__ = (
        UniqueConstraint("kind", "norm_key"),
        CheckConstraint(ENTITY_KIND_SQL, name="kind"),
    )


class EntityAlias(Base):
    """Every way an entity has been written; lets a short form in a later article find it."""

    __tablename__ = "entity_aliases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String(512))
    norm_key: Mapped[str] = mapped_column(String(512), index=True)

    __table_args__ = (UniqueConstraint("entity_id", "norm_key"),)


class EntityRole(Base):
    """A title or office an article attaches to a person (وزير الداخلية الليبي)."""

    __tablename__ = "entity_roles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(512))

    __table_args__ = (UniqueConstraint("article_id", "entity_id", "role"),)


class ArticleEntity(Base):
    """How one article names an entity: the fullest form that article writes. The entity's own
    canonical name can come from another article (ماكرون alone here, إيمانويل ماكرون there)."""

    __tablename__ = "article_entities"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True)
    name: Mapped[str] = mapped_column(String(512))

    __table_args__ = (Index(None, "entity_id"),)


class Mention(Base):
    __tablename__ = "mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), index=True)
    start_char: Mapped[int] = mapped_column(Integer)
    end_char: Mapped[int] = mapped_column(Integer)
    surface: Mapped[str] = mapped_column(String(512))
    method: Mapped[str] = mapped_column(String(16))

    __table_args__ = (
        CheckConstraint("start_char >= 0 AND end_char > start_char", name="span"),
        CheckConstraint(METHOD_SQL, name="method"),
    )


class Statement(Base):
    __tablename__ = "statements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    speaker_entity_id: Mapped[int | None] = mapped_column(
        ForeignKey("entities.id", ondelete="SET NULL"), index=True
    )
    speaker_text: Mapped[str] = mapped_column(Text)
    speaker_kind: Mapped[str] = mapped_column(String(16))
    cue: Mapped[str] = mapped_column(String(128))
    cue_lemma: Mapped[str] = mapped_column(String(64))
    content: Mapped[str] = mapped_column(Text)
    is_direct: Mapped[bool] = mapped_column(Boolean)
    start_char: Mapped[int] = mapped_column(Integer)
    end_char: Mapped[int] = mapped_column(Integer)
    content_start: Mapped[int] = mapped_column(Integer)
    content_end: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        CheckConstraint(SPEAKER_KIND_SQL, name="speaker_kind"),
        CheckConstraint("start_char >= 0 AND end_char >= start_char", name="span"),
    )


class StatementTarget(Base):
    """An entity a statement is about: one mentioned inside its content."""

    __tablename__ = "statement_targets"

    statement_id: Mapped[int] = mapped_column(
        ForeignKey("statements.id", ondelete="CASCADE"), primary_key=True
    )
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True)

    __table_args__ = (Index(None, "entity_id"),)


class IngestError(Base):
    """A file, record or article that failed: where, at which stage, and why."""

    __tablename__ = "ingest_errors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), index=True)
    source_uri: Mapped[str] = mapped_column(String(1024), index=True)
    stage: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

