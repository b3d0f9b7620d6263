from __future__ import annotations

import threading

from sqlalchemy import text

from etl import load
from etl.records import Entity, Extraction, Mention, SourceArticle, SourceFailure, Statement
from etl.sources import content_hash

BODY = "قال وزير الخارجية خليفة حفتر إن ليبيا بخير."


def article(uri: str = "a.txt", body: str = BODY) -> SourceArticle:
    return SourceArticle(source_uri=uri, body=body, content_hash=content_hash(body), title=body[:10])


def extraction(art: SourceArticle, *, person: str = "خليفة حفتر", key: str = "خليفه حفتر",
               aliases: tuple[str, ...] = ("حفتر",)) -> Extraction:
    body = art.body
    p0 = body.index(person.split()[-1]) if person not in body else body.index(person)
    p1 = p0 + len(person) if person in body else p0 + len(person.split()[-1])
    c0 = body.index("ليبيا")
    ents = (Entity("person", key, person, aliases=aliases, roles=("وزير الخارجية",)),
            Entity("country", "LY", "ليبيا", country_code="LY"))
    ments = (Mention("person", p0, p1, body[p0:p1], key), Mention("country", c0, c0 + 5, "ليبيا", "LY"))
    st = Statement(speaker_kind="person", speaker_text=person, cue="قال", cue_lemma="قال", content="ليبيا بخير",
                   is_direct=False, start=0, end=len(body) - 1, content_start=c0, content_end=c0 + 10,
                   speaker_entity=("person", key), targets=(("country", "LY"),))
    return Extraction(art, "ar", ents, ments, (st,))


def rows(url: str, sql: str) -> list[tuple]:
    with load.get_engine(url).connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql))]


def test_load_is_idempotent_and_replaces_changed_articles(migrated: str) -> None:
    url = migrated
    ex = extraction(article())
    assert load.load_extraction(url, ex, pipeline_version="v1", run_id=None).outcome == "new"
    before = load.table_counts(url)
    assert load.load_extraction(url, ex, pipeline_version="v1", run_id=None).outcome == "unchanged"
    assert load.table_counts(url) == before
    assert before["mentions"] == 2 and before["statements"] == 1 and before["statement_targets"] == 1

    changed = article(body=BODY + " وأضاف أن الوضع هادئ.")
    res = load.load_extraction(url, extraction(changed), pipeline_version="v1", run_id=None)
    assert res.outcome == "replaced"
    after = load.table_counts(url)
    assert after["articles"] == 1 and after["mentions"] == 2 and after["statements"] == 1
    # a new pipeline version re-extracts unchanged content
    assert load.load_extraction(url, extraction(changed), pipeline_version="v2", run_id=None).outcome == "replaced"


def test_views_expose_offsets_that_slice_the_body(migrated: str) -> None:
    url = migrated
    load.load_extraction(url, extraction(article()), pipeline_version="v1", run_id=None)
    for body, surface, start, end in rows(url, "SELECT a.body, m.surface, m.start_char, m.end_char "
                                               "FROM v_mentions m JOIN articles a ON a.id = m.article_id"):
        assert body[start:end] == surface
    (speaker, content, direct), = rows(url, "SELECT speaker_name, content, is_direct FROM v_statements")
    assert speaker == "خليفة حفتر" and content == "ليبيا بخير" and not direct
    assert rows(url, "SELECT country_code FROM v_mentions WHERE entity_kind = 'country'") == [("LY",)]


def test_lone_alias_in_a_later_article_links_to_the_full_name(migrated: str) -> None:
    url = migrated
    load.load_extraction(url, extraction(article("a.txt")), pipeline_version="v1", run_id=None)
    body2 = "قال حفتر إن ليبيا بخير."
    load.load_extraction(url, extraction(article("b.txt", body2), person="حفتر", key="حفتر"),
                         pipeline_version="v1", run_id=None)
    names = rows(url, "SELECT source_uri, canonical_name, entity_name FROM v_mentions WHERE entity_kind = 'person' "
                      "ORDER BY 1")
    # one entity; each article's rows carry the name that article writes
    assert names == [("a.txt", "خليفة حفتر", "خليفة حفتر"), ("b.txt", "حفتر", "خليفة حفتر")]
    speakers = rows(url, "SELECT source_uri, speaker_name, speaker_entity_name FROM v_statements ORDER BY 1")
    assert speakers == [("a.txt", "خليفة حفتر", "خليفة حفتر"), ("b.txt", "حفتر", "خليفة حفتر")]
    assert rows(url, "SELECT count(*) FROM entities WHERE kind = 'person'") == [(1,)]
    # re-loading a changed article replaces its article-level names with the rest of its rows
    load.load_extraction(url, extraction(article("b.txt", body2 + " "), person="حفتر", key="حفتر"),
                         pipeline_version="v1", run_id=None)
    assert rows(url, "SELECT count(*) FROM article_entities") == [(4,)]


def test_ambiguous_alias_is_not_linked(migrated: str) -> None:
    url = migrated
    load.load_extraction(url, extraction(article("a.txt")), pipeline_version="v1", run_id=None)
    other = "قال صدام حفتر إن ليبيا بخير."
    load.load_extraction(url, extraction(article("c.txt", other), person="صدام حفتر", key="صدام حفتر"),
                         pipeline_version="v1", run_id=None)
    load.load_extraction(url, extraction(article("b.txt", "قال حفتر إن ليبيا بخير."), person="حفتر", key="حفتر"),
                         pipeline_version="v1", run_id=None)
    assert rows(url, "SELECT count(*) FROM entities WHERE kind = 'person'") == [(3,)]


def test_lone_given_name_is_not_linked_across_articles(migrated: str) -> None:
    """Within its article "فهد" was عابد فهد; alone in another article it is nobody in particular."""
    url = migrated
    load.load_extraction(url, extraction(article("a.txt", "قال عابد فهد إن ليبيا بخير."), person="عابد فهد",
                                         key="عابد فهد", aliases=("فهد",)), pipeline_version="v1", run_id=None)
    load.load_extraction(url, extraction(article("b.txt", "قال فهد إن ليبيا بخير."), person="فهد", key="فهد",
                                         aliases=()), pipeline_version="v1", run_id=None)
    names = rows(url, "SELECT DISTINCT canonical_name FROM v_mentions WHERE entity_kind = 'person' ORDER BY 1")
    assert names == [("عابد فهد",), ("فهد",)]


def test_failures_and_runs_are_recorded(migrated: str) -> None:
    url = migrated
    run_id = load.start_run(url, pipeline_version="v1", parameters={"paths": ["x"]}, flow_run_id="abc")
    load.record_failures(url, run_id, [SourceFailure("bad.txt", "read", "empty file")])
    load.finish_run(url, run_id, status="partial", counts={"files": 1}, timings={"total": 1.0})
    assert rows(url, "SELECT source_uri, stage, reason FROM ingest_errors") == [("bad.txt", "read", "empty file")]
    assert rows(url, "SELECT status, flow_run_id FROM runs") == [("partial", "abc")]


def test_concurrent_writers_create_no_duplicates(migrated: str) -> None:
    url = migrated
    exs = [extraction(article(f"{i % 3}.txt", BODY + " " * i)) for i in range(12)]
    errors: list[BaseException] = []

    def worker(chunk: list[Extraction]) -> None:
        try:
            for ex in chunk:
                load.load_extraction(url, ex, pipeline_version="v1", run_id=None)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(exs[i::3],)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    counts = load.table_counts(url)
    assert counts["articles"] == 3
    assert counts["entities"] == 2
    assert rows(url, "SELECT count(*) FROM (SELECT entity_id, norm_key FROM entity_aliases "
                     "GROUP BY entity_id, norm_key HAVING count(*) > 1) d") == [(0,)]


def test_queries_count_one_entity_across_its_article_names(migrated: str) -> None:
    """"خليفة حفتر" in one article and "حفتر" alone in another are one speaker for every canned query
    that counts across articles, and either name finds both statements."""
    from etl import ops

    url = migrated
    load.load_extraction(url, extraction(article("a.txt")), pipeline_version="v1", run_id=None)
    load.load_extraction(url, extraction(article("b.txt", "قال حفتر إن ليبيا بخير."), person="حفتر", key="حفتر"),
                         pipeline_version="v1", run_id=None)
    dialect = ops.dialect_of(url)
    for name in ("خليفة حفتر", "حفتر"):
        q = ops.find_query("statements_by_person", dialect)
        res = ops.run_query(url, q.sql, ops.bind_params(q, {"person": name}))
        assert [r[res.columns.index("speaker_name")] for r in res.rows] == ["خليفة حفتر"] * 2
    q = ops.find_query("most_quoted_per_outlet", dialect)
    res = ops.run_query(url, q.sql, ops.bind_params(q, {}))
    assert [(r[res.columns.index("speaker_name")], r[res.columns.index("statements")]) for r in res.rows] == [
        ("خليفة حفتر", 2)]
    data = ops.report_data(url)
    assert [(s["speaker_name"], s["statements"]) for s in data.speakers] == [("خليفة حفتر", 2)]
