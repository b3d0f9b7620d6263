"""The records handed between stages survive the trip to and from worker processes unchanged."""

from __future__ import annotations

import pickle
from dataclasses import fields
from datetime import UTC, datetime

from etl.pipeline import extract_article
from etl.records import Entity, Extraction, Mention, SourceArticle, SourceFailure, Statement


def test_every_field_survives_pickling() -> None:
    art = SourceArticle("file.jsonl#7", "قال الرئيس الأمريكي دونالد ترامب إن «مصر بخير».", "h", title="t",
                        external_id="7", url="https://x/y", outlet="o", published=datetime(2018, 1, 2, tzinfo=UTC),
                        encoding="utf-8")
    ex = extract_article(art)
    assert ex.mentions and ex.entities and ex.statements
    copy = pickle.loads(pickle.dumps(ex))
    assert copy == ex
    assert copy.article.published == art.published
    failure = SourceFailure("bad.txt", "read", "not UTF-8")
    assert pickle.loads(pickle.dumps(failure)) == failure
    for cls in (SourceArticle, SourceFailure, Mention, Entity, Statement, Extraction):
        # the fast pickle hook builds objects positionally: it must see every field
        assert cls.__match_args__ == tuple(f.name for f in fields(cls))
