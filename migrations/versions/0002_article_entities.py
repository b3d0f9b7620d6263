"""article-level entity names in the public views

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30 15:20:00

A mention's ``canonical_name`` and a statement's ``speaker_name`` become the fullest form the
article itself writes (``article_entities.name``); the entity's name across articles moves to the new
columns ``entity_name`` and ``speaker_entity_name``. Rows loaded before this revision have no
article-level name and show the entity's name, as before.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# The public views as they are in this revision (later revisions replace them, never edit here).
V_MENTIONS = """
    SELECT m.article_id, a.source_uri, e.kind AS entity_kind, e.id AS entity_id,
           COALESCE(ae.name, e.canonical_name) AS canonical_name, m.surface, m.start_char, m.end_char,
           e.country_code, m.method, e.canonical_name AS entity_name
    FROM mentions m
    JOIN articles a ON a.id = m.article_id
    JOIN entities e ON e.id = m.entity_id
    LEFT JOIN article_entities ae ON ae.article_id = m.article_id AND ae.entity_id = m.entity_id
"""
V_STATEMENTS = """
    SELECT s.id AS statement_id, s.article_id, a.source_uri, s.speaker_kind,
           s.speaker_entity_id, COALESCE(ae.name, e.canonical_name, s.speaker_text) AS speaker_name,
           s.cue, s.content, s.is_direct, s.start_char, s.end_char,
           s.cue_lemma, s.content_start, s.content_end, a.outlet, a.published,
           e.canonical_name AS speaker_entity_name
    FROM statements s
    JOIN articles a ON a.id = s.article_id
    LEFT JOIN entities e ON e.id = s.speaker_entity_id
    LEFT JOIN article_entities ae ON ae.article_id = s.article_id AND ae.entity_id = s.speaker_entity_id
"""
# revision 0001's views, restored on downgrade
V_MENTIONS_0001 = """
    SELECT m.article_id, a.source_uri, e.kind AS entity_kind, e.id AS entity_id,
           e.canonical_name, m.surface, m.start_char, m.end_char, e.country_code,
           m.method
    FROM mentions m
    JOIN articles a ON a.id = m.article_id
    JOIN entities e ON e.id = m.entity_id
"""
V_STATEMENTS_0001 = """
    SELECT s.id AS statement_id, s.article_id, a.source_uri, s.speaker_kind,
           s.speaker_entity_id, COALESCE(e.canonical_name, s.speaker_text) AS speaker_name,
           s.cue, s.content, s.is_direct, s.start_char, s.end_char,
           s.cue_lemma, s.content_start, s.content_end, a.outlet, a.published
    FROM statements s
    JOIN articles a ON a.id = s.article_id
    LEFT JOIN entities e ON e.id = s.speaker_entity_id
"""

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "article_entities",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=512), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_article_entities_article_id_articles"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["entity_id"], ["entities.id"], name=op.f("fk_article_entities_entity_id_entities"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("article_id", "entity_id", name=op.f("pk_article_entities")),
    )
    with op.batch_alter_table("article_entities", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_article_entities_entity_id"), ["entity_id"], unique=False)
    op.execute("DROP VIEW IF EXISTS v_statements")
    op.execute("DROP VIEW IF EXISTS v_mentions")
    op.execute(f"CREATE VIEW v_mentions AS {V_MENTIONS}")
    op.execute(f"CREATE VIEW v_statements AS {V_STATEMENTS}")


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS v_statements")
    op.execute("DROP VIEW IF EXISTS v_mentions")
    with op.batch_alter_table("article_entities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_article_entities_entity_id"))
    op.drop_table("article_entities")
    op.execute(f"CREATE VIEW v_mentions AS {V_MENTIONS_0001}")
    op.execute(f"CREATE VIEW v_statements AS {V_STATEMENTS_0001}")
