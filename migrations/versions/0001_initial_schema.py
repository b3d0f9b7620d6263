"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-29 03:38:18.247630
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from etl.extract.lexicons import read_rows

# The public views as they were in this revision (later revisions replace them, never edit here).
V_MENTIONS = """
    SELECT m.article_id, a.source_uri, e.kind AS entity_kind, e.id AS entity_id,
           e.canonical_name, m.surface, m.start_char, m.end_char, e.country_code,
           m.method
    FROM mentions m
    JOIN articles a ON a.id = m.article_id
    JOIN entities e ON e.id = m.entity_id
"""
V_STATEMENTS = """
    SELECT s.id AS statement_id, s.article_id, a.source_uri, s.speaker_kind,
           s.speaker_entity_id, COALESCE(e.canonical_name, s.speaker_text) AS speaker_name,
           s.cue, s.content, s.is_direct, s.start_char, s.end_char,
           s.cue_lemma, s.content_start, s.content_end, a.outlet, a.published
    FROM statements s
    JOIN articles a ON a.id = s.article_id
    LEFT JOIN entities e ON e.id = s.speaker_entity_id
"""

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "countries",
        sa.Column("alpha2", sa.String(length=2), nullable=False),
        sa.Column("alpha3", sa.String(length=3), nullable=False),
        sa.Column("numeric", sa.String(length=3), nullable=False),
        sa.Column("name_en", sa.String(length=128), nullable=False),
        sa.Column("name_ar", sa.String(length=128), nullable=False),
        sa.PrimaryKeyConstraint("alpha2", name=op.f("pk_countries")),
        sa.UniqueConstraint("alpha3", name=op.f("uq_countries_alpha3")),
    )
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("flow_run_id", sa.String(length=64), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("pipeline_version", sa.String(length=64), nullable=False),
        sa.Column("parameters", sa.JSON(), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("timings", sa.JSON(), nullable=False),
        sa.CheckConstraint("status IN ('running', 'completed', 'failed', 'partial')", name=op.f("ck_runs_status")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_runs")),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_uri", sa.String(length=1024), nullable=False),
        sa.Column("external_id", sa.String(length=256), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("outlet", sa.String(length=256), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published", sa.DateTime(timezone=True), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("encoding", sa.String(length=32), nullable=True),
        sa.Column("pipeline_version", sa.String(length=64), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("loaded_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"], name=op.f("fk_articles_run_id_runs"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_articles")),
        sa.UniqueConstraint("source_uri", name=op.f("uq_articles_source_uri")),
    )
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_articles_outlet"), ["outlet"], unique=False)
        batch_op.create_index(batch_op.f("ix_articles_published"), ["published"], unique=False)
        batch_op.create_index(batch_op.f("ix_articles_run_id"), ["run_id"], unique=False)

    op.create_table(
        "entities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("canonical_name", sa.String(length=512), nullable=False),
        sa.Column("norm_key", sa.String(length=512), nullable=False),
        sa.Column("country_code", sa.String(length=2), nullable=True),
        sa.CheckConstraint("kind IN ('person', 'organization', 'country', 'location')", name=op.f("ck_entities_kind")),
        sa.ForeignKeyConstraint(
            ["country_code"], ["countries.alpha2"], name=op.f("fk_entities_country_code_countries")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entities")),
        sa.UniqueConstraint("kind", "norm_key", name=op.f("uq_entities_kind_norm_key")),
    )
    with op.batch_alter_table("entities", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_entities_country_code"), ["country_code"], unique=False)

    op.create_table(
        "ingest_errors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("source_uri", sa.String(length=1024), nullable=False),
        sa.Column("stage", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"], name=op.f("fk_ingest_errors_run_id_runs"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ingest_errors")),
    )
    with op.batch_alter_table("ingest_errors", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ingest_errors_run_id"), ["run_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_ingest_errors_source_uri"), ["source_uri"], unique=False)

    op.create_table(
        "entity_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(length=512), nullable=False),
        sa.Column("norm_key", sa.String(length=512), nullable=False),
        sa.ForeignKeyConstraint(
            ["entity_id"], ["entities.id"], name=op.f("fk_entity_aliases_entity_id_entities"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entity_aliases")),
        sa.UniqueConstraint("entity_id", "norm_key", name=op.f("uq_entity_aliases_entity_id_norm_key")),
    )
    with op.batch_alter_table("entity_aliases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_entity_aliases_norm_key"), ["norm_key"], unique=False)

    op.create_table(
        "entity_roles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=512), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_entity_roles_article_id_articles"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["entity_id"], ["entities.id"], name=op.f("fk_entity_roles_entity_id_entities"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entity_roles")),
        sa.UniqueConstraint("article_id", "entity_id", "role", name=op.f("uq_entity_roles_article_id_entity_id_role")),
    )
    with op.batch_alter_table("entity_roles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_entity_roles_article_id"), ["article_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_entity_roles_entity_id"), ["entity_id"], unique=False)

    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("start_char", sa.Integer(), nullable=False),
        sa.Column("end_char", sa.Integer(), nullable=False),
        sa.Column("surface", sa.String(length=512), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.CheckConstraint("method IN ('name', 'demonym', 'alias', 'ner', 'role')", name=op.f("ck_mentions_method")),
        sa.CheckConstraint("start_char >= 0 AND end_char > start_char", name=op.f("ck_mentions_span")),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_mentions_article_id_articles"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["entity_id"], ["entities.id"], name=op.f("fk_mentions_entity_id_entities"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentions")),
    )
    with op.batch_alter_table("mentions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mentions_article_id"), ["article_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_mentions_entity_id"), ["entity_id"], unique=False)

    op.create_table(
        "statements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("speaker_entity_id", sa.Integer(), nullable=True),
        sa.Column("speaker_text", sa.Text(), nullable=False),
        sa.Column("speaker_kind", sa.String(length=16), nullable=False),
        sa.Column("cue", sa.String(length=128), nullable=False),
        sa.Column("cue_lemma", sa.String(length=64), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("is_direct", sa.Boolean(), nullable=False),
        sa.Column("start_char", sa.Integer(), nullable=False),
        sa.Column("end_char", sa.Integer(), nullable=False),
        sa.Column("content_start", sa.Integer(), nullable=False),
        sa.Column("content_end", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "speaker_kind IN ('person', 'organization', 'country', 'anonymous', 'role')",
            name=op.f("ck_statements_speaker_kind"),
        ),
        sa.CheckConstraint("start_char >= 0 AND end_char >= start_char", name=op.f("ck_statements_span")),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_statements_article_id_articles"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["speaker_entity_id"],
            ["entities.id"],
            name=op.f("fk_statements_speaker_entity_id_entities"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statements")),
    )
    with op.batch_alter_table("statements", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_statements_article_id"), ["article_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_statements_speaker_entity_id"), ["speaker_entity_id"], unique=False)

    op.create_table(
        "statement_targets",
        sa.Column("statement_id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entity_id"], ["entities.id"], name=op.f("fk_statement_targets_entity_id_entities"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["statements.id"],
            name=op.f("fk_statement_targets_statement_id_statements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("statement_id", "entity_id", name=op.f("pk_statement_targets")),
    )
    with op.batch_alter_table("statement_targets", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_statement_targets_entity_id"), ["entity_id"], unique=False)

    op.execute(f"CREATE VIEW v_mentions AS {V_MENTIONS}")
    op.execute(f"CREATE VIEW v_statements AS {V_STATEMENTS}")
    seed_countries()


def seed_countries() -> None:
    """Every ISO 3166-1 country from the project's resource file (CLDR Arabic names via babel)."""
    countries = sa.table(
        "countries",
        sa.column("alpha2", sa.String),
        sa.column("alpha3", sa.String),
        sa.column("numeric", sa.String),
        sa.column("name_en", sa.String),
        sa.column("name_ar", sa.String),
    )
    rows = [
        dict(zip(("alpha2", "alpha3", "numeric", "name_en", "name_ar"), row[:5], strict=True))
        for row in read_rows("iso3166.tsv")
        if row[0] != "alpha2"
    ]
    op.bulk_insert(countries, rows)


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS v_statements")
    op.execute("DROP VIEW IF EXISTS v_mentions")
    with op.batch_alter_table("statement_targets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_statement_targets_entity_id"))

    op.drop_table("statement_targets")
    with op.batch_alter_table("statements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_statements_speaker_entity_id"))
        batch_op.drop_index(batch_op.f("ix_statements_article_id"))

    op.drop_table("statements")
    with op.batch_alter_table("mentions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mentions_entity_id"))
        batch_op.drop_index(batch_op.f("ix_mentions_article_id"))

    op.drop_table("mentions")
    with op.batch_alter_table("entity_roles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entity_roles_entity_id"))
        batch_op.drop_index(batch_op.f("ix_entity_roles_article_id"))

    op.drop_table("entity_roles")
    with op.batch_alter_table("entity_aliases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entity_aliases_norm_key"))

    op.drop_table("entity_aliases")
    with op.batch_alter_table("ingest_errors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ingest_errors_source_uri"))
        batch_op.drop_index(batch_op.f("ix_ingest_errors_run_id"))

    op.drop_table("ingest_errors")
    with op.batch_alter_table("entities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entities_country_code"))

    op.drop_table("entities")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_articles_run_id"))
        batch_op.drop_index(batch_op.f("ix_articles_published"))
        batch_op.drop_index(batch_op.f("ix_articles_outlet"))

    op.drop_table("articles")
    op.drop_table("runs")
    op.drop_table("countries")
