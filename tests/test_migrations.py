from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from etl import load
from etl.models import Base


def test_models_and_migrations_agree(db_url: str) -> None:
    load.upgrade(db_url)
    with load.get_engine(db_url).connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []


def test_upgrade_downgrade_round_trip(db_url: str) -> None:
    load.upgrade(db_url)
    assert load.current_revision(db_url) == load.head_revision()
    load.downgrade(db_url, "base")
    assert load.current_revision(db_url) is None
    names = set(inspect(load.get_engine(db_url)).get_table_names())
    assert names <= {"alembic_version"}
    load.upgrade(db_url)
    counts = load.table_counts(db_url)
    assert counts["countries"] == 249
    with load.get_engine(db_url).connect() as conn:
        views = set(conn.execute(text("SELECT * FROM v_mentions WHERE 1 = 0")).keys())
    assert {"article_id", "source_uri", "entity_kind", "canonical_name", "surface", "start_char", "end_char",
            "country_code"} <= views


def test_upgrade_keeps_existing_data(db_url: str) -> None:
    load.upgrade(db_url, "0001")
    run_id = load.start_run(db_url, pipeline_version="t", parameters={})
    with load.get_engine(db_url).begin() as conn:
        art = conn.execute(text("INSERT INTO articles (source_uri, body, content_hash, language, pipeline_version) "
                                "VALUES ('a.txt', 'قال حفتر', 'h', 'ar', 't') RETURNING id")).scalar()
        ent = conn.execute(text("INSERT INTO entities (kind, canonical_name, norm_key) "
                                "VALUES ('person', 'خليفة حفتر', 'خليفه حفتر') RETURNING id")).scalar()
        conn.execute(text("INSERT INTO mentions (article_id, entity_id, start_char, end_char, surface, method) "
                          "VALUES (:a, :e, 4, 8, 'حفتر', 'ner')"), {"a": art, "e": ent})
    load.upgrade(db_url)  # head: every revision must keep the data
    with load.get_engine(db_url).connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM runs WHERE id = :i"), {"i": run_id}).scalar() == 1
        # rows loaded before article-level names existed show the entity's name
        got = conn.execute(text("SELECT canonical_name, entity_name FROM v_mentions")).all()
        assert [tuple(r) for r in got] == [("خليفة حفتر", "خليفة حفتر")]


def test_schema_newer_than_code_is_refused(sqlite_url: str) -> None:
    import pytest

    from etl.errors import SchemaError

    load.upgrade(sqlite_url)
    with load.get_engine(sqlite_url).begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffff_future'"))
    with pytest.raises(SchemaError, match="newer than this code"):
        load.upgrade(sqlite_url)
