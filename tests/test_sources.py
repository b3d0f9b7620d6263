from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.errors import EtlError
from etl.records import SourceArticle, SourceFailure
from etl.sources import decode_bytes, parse_published, read_file, read_paths

ARTICLE = "عنوان الخبر\n\nقال الوزير إن الاجتماع كان مثمراً.\n\nوأضاف أن المحادثات ستستمر.\n"


def read_one(path: Path) -> SourceArticle | SourceFailure:
    (item,) = list(read_file(path))
    return item


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1256"])
def test_encodings_are_read_correctly(tmp_path: Path, encoding: str) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(ARTICLE.encode(encoding))
    item = read_one(p)
    assert isinstance(item, SourceArticle), item
    assert item.body == ARTICLE.rstrip("\n") or item.body.rstrip() == ARTICLE.rstrip()
    assert item.title == "عنوان الخبر"


def test_seed_layout_drops_trailing_boilerplate(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE + "\nاخترنا لك", encoding="utf-8")
    item = read_one(p)
    assert isinstance(item, SourceArticle)
    assert "اخترنا" not in item.body and item.body.endswith("ستستمر.")
    assert p.read_text(encoding="utf-8").startswith(item.body)  # a prefix: offsets stay valid


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\t \n", "empty"),
        (b"\x00\x01\x02\x03binary\x00\xff\xfe\x00\x00\x10", "binary"),
        ("قال الوزير إن ".encode() * 5 + b"\xff\xfe\xfa" + "الاجتماع".encode(), "invalid UTF-8"),
    ],
)
def test_bad_text_files_fail_with_a_reason(tmp_path: Path, data: bytes, reason: str) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    item = read_one(p)
    assert isinstance(item, SourceFailure)
    assert reason in item.reason and item.source_uri == str(p)


def test_jsonl_keeps_good_lines_around_a_bad_one(tmp_path: Path) -> None:
    recs = [{"id": "x1", "title": "عنوان", "text": "قال الوزير إن كل شيء بخير.", "source": "bbc",
             "published": "Sun, 18 Feb 2018 21:35:43 +0400", "url": "http://e/1"},
            {"id": "x2", "text": 42},
            {"id": "x3", "title": "t"},
            {"id": "x4", "text": "نص آخر طويل بما يكفي."}]
    lines = [json.dumps(r, ensure_ascii=False) for r in recs]
    lines.insert(2, "{not json")
    p = tmp_path / "c.jsonl.gz"
    p.write_bytes(gzip.compress("\n".join(lines).encode()))
    items = list(read_file(p))
    good = [i for i in items if isinstance(i, SourceArticle)]
    bad = [i for i in items if isinstance(i, SourceFailure)]
    assert [g.external_id for g in good] == ["x1", "x4"]
    assert good[0].source_uri == f"{p}#x1" and good[0].outlet == "bbc" and good[0].url == "http://e/1"
    assert good[0].published is not None and good[0].published.utcoffset() is not None
    assert good[0].body.startswith("عنوان\n\n")
    assert len(bad) == 3
    assert any("'text' must be a string" in b.reason for b in bad)
    assert any("missing field 'text'" in b.reason for b in bad)
    assert any("invalid JSON on line 3" in b.reason for b in bad)


def test_truncated_gzip_keeps_records_before_the_cut(tmp_path: Path) -> None:
    lines = "\n".join(json.dumps({"id": str(i), "text": "قال الوزير إن " * 50}, ensure_ascii=False)
                      for i in range(200))
    blob = gzip.compress(lines.encode())
    p = tmp_path / "t.jsonl.gz"
    p.write_bytes(blob[: len(blob) // 2])
    items = list(read_file(p))
    assert isinstance(items[-1], SourceFailure) and "truncated gzip" in items[-1].reason
    assert sum(isinstance(i, SourceArticle) for i in items) > 0


def test_json_array_and_object(tmp_path: Path) -> None:
    p = tmp_path / "a.json"
    p.write_text(json.dumps([{"id": 1, "text": "نص"}, {"id": 2, "text": "نص ثان"}], ensure_ascii=False))
    assert [i.source_uri for i in read_file(p)] == [f"{p}#1", f"{p}#2"]


def test_html_main_text_is_extracted(tmp_path: Path) -> None:
    para = "قال وزير الخارجية إن المحادثات مع الجانب الآخر كانت مثمرة وإن الاتفاق قريب جداً. " * 4
    html = (f"<html><head><title>عنوان الصفحة</title><script>var x = 1;</script></head><body>"
            f"<nav><a href='/'>الرئيسية</a><a href='/x'>أخبار</a></nav>"
            f"<article><h1>عنوان الخبر</h1><p>{para}</p><p>{para}</p></article>"
            f"<footer>جميع الحقوق محفوظة</footer></body></html>")
    p = tmp_path / "a.html"
    p.write_text(html, encoding="utf-8")
    item = read_one(p)
    assert isinstance(item, SourceArticle), item
    assert "المحادثات" in item.body and "var x" not in item.body and "جميع الحقوق" not in item.body


def test_html_without_main_text_fails(tmp_path: Path) -> None:
    p = tmp_path / "nav.html"
    p.write_text("<html><body><nav><a href='/'>الرئيسية</a></nav><script>alert(1)</script></body></html>")
    item = read_one(p)
    assert isinstance(item, SourceFailure) and "no main article text" in item.reason


def test_article_over_size_limit(tmp_path: Path) -> None:
    p = tmp_path / "big.txt"
    p.write_text("كلمة " * 3000, encoding="utf-8")
    (item,) = list(read_file(p, max_chars=5000))
    assert isinstance(item, SourceFailure) and "exceeds the limit" in item.reason


def test_missing_paths_unsupported_files_and_symlink_loops(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "d" / "notes.pdf").write_bytes(b"%PDF")
    os.symlink(tmp_path / "d", tmp_path / "d" / "loop")
    items = list(read_paths([tmp_path / "d", tmp_path / "nope"]))
    good = [i for i in items if isinstance(i, SourceArticle)]
    bad = [i for i in items if isinstance(i, SourceFailure)]
    assert len(good) == 1
    assert any("symlink loop" in b.reason for b in bad)
    assert any(b.source_uri.endswith("nope") and "no such file" in b.reason for b in bad)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    p.chmod(0)
    item = read_one(p)
    assert isinstance(item, SourceFailure) and "permission" in item.reason


def test_parse_published() -> None:
    assert parse_published("Sun, 18 Feb 2018 21:35:43 +0400").isoformat() == "2018-02-18T21:35:43+04:00"
    assert parse_published("2019-04-12T10:00:00Z").isoformat() == "2019-04-12T10:00:00+00:00"
    assert parse_published("2019-04-12").tzinfo is not None
    assert parse_published("yesterday") is None


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_escape_except_etl_error(data: bytes) -> None:
    try:
        text, enc = decode_bytes(data, "x.txt")
    except EtlError:
        return
    assert isinstance(text, str) and enc


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300), st.sampled_from([".txt", ".json", ".jsonl", ".html", ".jsonl.gz"]))
def test_readers_turn_any_bytes_into_articles_or_failures(tmp_path_factory: pytest.TempPathFactory,
                                                          data: bytes, suffix: str) -> None:
    p = tmp_path_factory.mktemp("fuzz") / f"f{suffix}"
    p.write_bytes(data)
    for item in read_file(p):
        assert isinstance(item, SourceArticle | SourceFailure)


def test_file_over_byte_limit_is_refused_through_read_paths(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text("كلمة " * 1000, encoding="utf-8")
    (item,) = list(read_paths([tmp_path], max_bytes=2048))
    assert isinstance(item, SourceFailure) and "exceeds the limit of 2,048" in item.reason
