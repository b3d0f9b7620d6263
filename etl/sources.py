"""Reading source files into ``SourceArticle`` records.

Readers never raise for bad input: a file or record that cannot be read becomes a ``SourceFailure``
(file, stage, one-line reason) and reading goes on with the next one.

Formats: plain text in the seed layout (title block, blank line, paragraphs), JSON / JSON Lines crawl
records (``id, url, source, published, title, abstract, text``; optionally gzipped), and HTML pages
(main text by trafilatura). Encodings: UTF-8 with or without BOM, UTF-16 (BOM or not), Windows-1256,
and what charset-normalizer recognises beyond those.
"""

from __future__ import annotations

import errno
import gzip
import hashlib
import io
import json
import logging
import os
import re
import stat
import zlib
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from etl.errors import SourceError
from etl.extract.lexicons import load_lexicon
from etl.normalize import normalize_key
from etl.records import SourceArticle, SourceFailure

log = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".text"})
JSON_SUFFIXES = frozenset({".json", ".jsonl", ".ndjson"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | JSON_SUFFIXES | HTML_SUFFIXES

ReadResult = SourceArticle | SourceFailure
#: fewer words than this in an HTML page's main text means the page holds no article
MIN_HTML_WORDS = 5


# --------------------------------------------------------------------------- discovery


def _format_of(path: Path) -> tuple[str, bool] | None:
    """(suffix, gzipped) when ``path`` is a supported source file, else None."""
    suffixes = [s.lower() for s in path.suffixes]
    gz = bool(suffixes) and suffixes[-1] == ".gz"
    if gz:
        suffixes = suffixes[:-1]
    if suffixes and suffixes[-1] in SUPPORTED_SUFFIXES:
        return suffixes[-1], gz
    return None


def discover(paths: Iterable[str | Path]) -> Iterator[Path | SourceFailure]:
    """Every supported file under ``paths`` (recursively, sorted), or a failure per bad path.

    Symlinked directories are followed once: a link loop is reported, not looped over.
    """
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            yield SourceFailure(path_uri(path), "discover", "no such file or directory")
            continue
        if not path.is_file() and not path.is_dir():
            yield SourceFailure(path_uri(path), "discover", _special_reason(path))
            continue
        if path.is_file():
            if _format_of(path) is None:
                yield SourceFailure(path_uri(path), "discover", f"unsupported file type {''.join(path.suffixes)!r}")
            else:
                yield path
            continue
        seen: set[tuple[int, int]] = set()
        yield from _walk(path, seen)


def _walk(root: Path, seen: set[tuple[int, int]]) -> Iterator[Path | SourceFailure]:
    try:
        st = root.stat()
    except OSError as exc:
        yield SourceFailure(path_uri(root), "discover", _os_reason(exc))
        return
    ident = (st.st_dev, st.st_ino)
    if ident in seen:
        yield SourceFailure(path_uri(root), "discover", "symlink loop: directory already visited")
        return
    seen.add(ident)
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as exc:
        yield SourceFailure(path_uri(root), "discover", _os_reason(exc))
        return
    for entry in entries:
        p = Path(entry.path)
        try:
            if entry.is_dir():
                yield from _walk(p, seen)
            elif _format_of(p) is None or entry.name.startswith("."):
                continue
            elif entry.is_file():
                yield p
            elif entry.is_symlink() and not p.exists():
                yield SourceFailure(path_uri(p), "discover", _dangling_reason(p))
            else:  # a FIFO, socket or device named like a source file: reading it could block forever
                yield SourceFailure(path_uri(p), "discover", _special_reason(p))
        except OSError as exc:
            reason = "symlink loop" if exc.errno == errno.ELOOP else _os_reason(exc)
            yield SourceFailure(path_uri(p), "discover", reason)


def path_uri(path: Path) -> str:
    """The path as text that any database can store: undecodable name bytes become ``\\xNN`` escapes."""
    text = str(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = os.fsencode(path).decode("utf-8", "backslashreplace")
    return text


def _os_reason(exc: OSError) -> str:
    return exc.strerror.lower() if exc.strerror else type(exc).__name__


def _dangling_reason(path: Path) -> str:
    try:
        path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symlink loop"
    return "broken symlink (its target does not exist)"


_SPECIAL_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
                  (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


def _special_reason(path: Path) -> str:
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return _os_reason(exc)
    kind = next((name for test, name in _SPECIAL_KINDS if test(mode)), "not a regular file")
    return f"not a regular file: {kind}"


def _open_regular(path: Path, uri: str) -> IO[bytes]:
    """Open a regular file for reading; anything else (pipe, device, directory) is refused first.

    ``O_NONBLOCK`` makes opening a FIFO return at once instead of waiting for a writer, and the
    check runs on the opened descriptor, so a file swapped after discovery cannot slip through.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise SourceError(uri, "file disappeared before it could be read") from None
    except IsADirectoryError:
        raise SourceError(uri, "is a directory, not a file") from None
    except OSError as exc:
        raise SourceError(uri, f"cannot read file: {_os_reason(exc)}") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise SourceError(uri, "is a directory, not a file")
        if not stat.S_ISREG(mode):
            raise SourceError(uri, _special_reason(path))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


# --------------------------------------------------------------------------- decoding

_UTF8_ARABIC = re.compile(rb"[\xd8-\xdb][\x80-\xbf]")


def decode_bytes(data: bytes, uri: str) -> tuple[str, str]:
    """Decode ``data`` to text, returning (text, encoding name). Raises ``SourceError``."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", uri), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", uri), "utf-16"
    if b"\x00" in data:
        enc = _utf16_without_bom(data)
        if enc is None:
            raise SourceError(uri, "binary file (contains NUL bytes), not text")
        return _strict(data, enc, uri), enc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    # Windows-1256 Arabic text almost never forms valid UTF-8 Arabic sequences; a file full of
    # them with a few bad bytes is corrupted UTF-8, not another encoding.
    if len(_UTF8_ARABIC.findall(data)) >= 3:
        raise SourceError(uri, f"invalid UTF-8 at byte {utf8_error.start}")
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1256", "utf_8", "iso8859_6", "cp1252", "utf_16"]).best()
    if best is None or best.encoding is None:
        raise SourceError(uri, f"invalid UTF-8 at byte {utf8_error.start} and no other encoding fits")
    return str(best), best.encoding


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NULs sit at alternating positions like UTF-16 text."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) / 2
    # Arabic UTF-16 has 0x06 high bytes, Latin has 0x00: accept either as long as one side has
    # no NULs and the other is mostly high bytes 0x00/0x06.
    for enc, highs, lows in (("utf-16-le", sample[1::2], even), ("utf-16-be", sample[0::2], odd)):
        if lows == 0 and sum(1 for b in highs if b in (0, 6, 0x20)) > 0.8 * half:
            return enc
    return None


def _strict(data: bytes, encoding: str, uri: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise SourceError(uri, f"invalid {encoding.upper()} at byte {exc.start}") from None


# --------------------------------------------------------------------------- helpers


def content_hash(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def parse_published(value: Any) -> datetime | None:
    """A timezone-aware datetime from RFC 2822 / ISO 8601 text or a Unix time; naive ones are UTC."""
    if value is None or value == "":
        return None
    dt: datetime | None = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            dt = datetime.fromtimestamp(float(value), tz=UTC)
        except (OverflowError, OSError, ValueError):  # NaN, or far outside the calendar
            log.debug("unparsed publication time %r", value)
            return None
    elif isinstance(value, str):
        text = value.strip()
        try:
            dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            try:
                dt = parsedate_to_datetime(text)
            except (TypeError, ValueError, IndexError, OverflowError):
                log.debug("unparsed publication time %r", text)
                return None
    if dt is None:
        return None
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=UTC)


@lru_cache(maxsize=1)
def _boilerplate() -> frozenset[str]:
    return load_lexicon("boilerplate")


def _strip_tail_boilerplate(text: str) -> str:
    """Cut trailing boilerplate lines; the result is a prefix of ``text`` so offsets stay valid."""
    end = len(text.rstrip())
    while end > 0:
        line_start = text.rfind("\n", 0, end) + 1
        line = text[line_start:end]
        if normalize_key(line) in _boilerplate():
            end = len(text[:line_start].rstrip())
        else:
            break
    return text[:end]


def _check_body(body: str, uri: str, max_chars: int) -> None:
    if not body.strip():
        raise SourceError(uri, "no article text (empty or whitespace only)")
    if len(body) > max_chars:
        raise SourceError(uri, f"article of {len(body):,} characters exceeds the limit of {max_chars:,}")
    _check_chars(body, uri, "text")


def _check_chars(value: str, uri: str, what: str) -> None:
    """Refuse characters no database column can hold: NUL, and lone UTF-16 surrogates from JSON escapes."""
    nul = value.find("\x00")
    if nul >= 0:
        raise SourceError(uri, f"{what} contains a NUL character at position {nul} (binary data)")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise SourceError(uri, f"{what} contains an unpaired UTF-16 surrogate at position {exc.start}") from None


def _compose(title: str | None, text: str) -> str:
    """The analysed body of a record: the title as its first block (headlines carry statements)."""
    title = (title or "").strip()
    if not title or text.lstrip().startswith(title):
        return text
    return f"{title}\n\n{text}"


# --------------------------------------------------------------------------- readers


def read_file(path: str | Path, *, max_chars: int = 1_000_000, max_bytes: int = 512 << 20) -> Iterator[ReadResult]:
    """Articles (or failures) from one file; never raises for bad input."""
    path = Path(path)
    uri = path_uri(path)
    fmt = _format_of(path)
    if fmt is None:
        yield SourceFailure(uri, "read", f"unsupported file type {''.join(path.suffixes)!r}")
        return
    suffix, gz = fmt
    try:
        if suffix in (".jsonl", ".ndjson"):
            yield from _read_jsonl(path, uri, gz, max_chars, max_bytes)
            return
        data = _read_bytes(path, gz, max_bytes)
        if suffix == ".json":
            yield from _read_json(data, uri, max_chars)
            return
        text, encoding = decode_bytes(data, uri)
        if suffix in HTML_SUFFIXES:
            yield _read_html(text, uri, encoding, max_chars)
        else:
            yield _read_text(text, uri, encoding, max_chars)
    except SourceError as err:
        yield SourceFailure(uri, "read", err.reason)


def _read_jsonl(path: Path, uri: str, gz: bool, max_chars: int, max_bytes: int) -> Iterator[ReadResult]:
    """Stream records line by line, so memory stays flat however large the file is."""
    n_good = 0
    raw = _open_regular(path, uri)
    if os.fstat(raw.fileno()).st_size == 0:
        raw.close()
        raise SourceError(uri, "empty file")
    with raw:
        stream: io.BufferedIOBase = gzip.GzipFile(fileobj=raw) if gz else raw  # type: ignore[assignment]
        lineno = 0
        try:
            for line in stream:
                lineno += 1
                if len(line) > max_bytes:
                    yield SourceFailure(f"{uri}#L{lineno}", "read", f"line {lineno} exceeds the size limit")
                    continue
                if not line.strip():
                    continue
                try:
                    text, _ = decode_bytes(line, f"{uri}#L{lineno}")
                    rec = json.loads(text.lstrip("\ufeff"))
                except SourceError as err:
                    yield SourceFailure(f"{uri}#L{lineno}", "read", f"line {lineno}: {err.reason}")
                    continue
                except json.JSONDecodeError as exc:
                    yield SourceFailure(f"{uri}#L{lineno}", "read", f"invalid JSON on line {lineno}, column "
                                        f"{exc.colno}: {exc.msg.removesuffix(' at')}")
                    continue
                except RecursionError:
                    yield SourceFailure(f"{uri}#L{lineno}", "read", f"line {lineno}: JSON nested too deeply")
                    continue
                except ValueError as exc:  # e.g. an integer of more than 4300 digits
                    yield SourceFailure(f"{uri}#L{lineno}", "read", f"line {lineno}: unreadable JSON value: "
                                        f"{str(exc).split(':')[0]}")
                    continue
                result = _record(rec, uri, lineno, max_chars, where=f"line {lineno}")
                n_good += isinstance(result, SourceArticle)
                yield result
        except EOFError:
            raise SourceError(uri, f"truncated gzip file (after {n_good} good records)") from None
        except (OSError, zlib.error) as exc:
            raise SourceError(uri, f"bad gzip data after {n_good} good records: {exc}") from None


def _read_bytes(path: Path, gz: bool, max_bytes: int) -> bytes:
    uri = path_uri(path)
    with _open_regular(path, uri) as fh:
        try:
            size = os.fstat(fh.fileno()).st_size
            if size > max_bytes:
                raise SourceError(uri, f"file of {size:,} bytes exceeds the limit of {max_bytes:,}")
            raw = fh.read(max_bytes + 1)
        except OSError as exc:
            raise SourceError(uri, f"cannot read file: {_os_reason(exc)}") from None
    if len(raw) > max_bytes:  # it grew after the size check
        raise SourceError(uri, f"file exceeds the limit of {max_bytes:,} bytes")
    if not gz:
        return raw
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as fh:
            out = fh.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as exc:
        reason = "truncated gzip file" if isinstance(exc, EOFError) else f"bad gzip data: {exc}"
        raise SourceError(uri, reason) from None
    if len(out) > max_bytes:
        raise SourceError(uri, f"decompressed size exceeds the limit of {max_bytes:,} bytes")
    return out


def _read_text(text: str, uri: str, encoding: str, max_chars: int) -> SourceArticle:
    body = _strip_tail_boilerplate(text.lstrip("\ufeff"))
    _check_body(body, uri, max_chars)
    stripped = body.strip()
    title = re.split(r"\r?\n\s*\r?\n", stripped, maxsplit=1)[0].strip()
    if "\n" in title:  # no blank line after the title: the first line is the title
        title = title.splitlines()[0].strip()
    return SourceArticle(
        source_uri=uri,
        body=body,
        content_hash=content_hash(body),
        title=title or None,
        encoding=encoding,
    )


def _read_html(text: str, uri: str, encoding: str, max_chars: int) -> SourceArticle:
    import trafilatura

    # fast=True skips the generic fallback extractors, which return menus when there is no article
    doc = trafilatura.bare_extraction(text, include_comments=False, include_tables=False, with_metadata=True,
                                      fast=True)
    main = getattr(doc, "text", None) if doc is not None else None
    if not main or len(main.split()) < MIN_HTML_WORDS:
        raise SourceError(uri, "HTML page has no main article text (only navigation, scripts or markup)")
    title = getattr(doc, "title", None)
    body = _compose(title, main.strip())
    _check_body(body, uri, max_chars)
    return SourceArticle(
        source_uri=uri,
        body=body,
        content_hash=content_hash(body),
        title=title,
        url=getattr(doc, "url", None),
        outlet=getattr(doc, "sitename", None),
        published=parse_published(getattr(doc, "date", None)),
        encoding=encoding,
    )


def _read_json(data: bytes, uri: str, max_chars: int) -> Iterator[ReadResult]:
    text, _ = decode_bytes(data, uri)
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise SourceError(uri, "empty file")
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceError(uri, f"invalid JSON at line {exc.lineno}, column {exc.colno}: "
                               f"{exc.msg.removesuffix(' at')}") from None
    except RecursionError:
        raise SourceError(uri, "JSON nested too deeply") from None
    except ValueError as exc:  # e.g. an integer of more than 4300 digits
        raise SourceError(uri, f"unreadable JSON value: {str(exc).split(':')[0]}") from None
    records = doc if isinstance(doc, list) else [doc]
    if not records:
        raise SourceError(uri, "JSON array holds no records")
    for i, rec in enumerate(records, 1):
        yield _record(rec, uri, i, max_chars)


def _record(rec: Any, uri: str, n: int, max_chars: int, where: str | None = None) -> ReadResult:
    where = where or f"record {n}"
    if not isinstance(rec, dict):
        return SourceFailure(f"{uri}#{n}", "read", f"{where} is a JSON {type(rec).__name__}, not an object")
    ext_id = rec.get("id")
    if ext_id is not None and (not isinstance(ext_id, str | int) or isinstance(ext_id, bool)):
        return SourceFailure(f"{uri}#{n}", "read", f"{where}: field 'id' must be a string")
    if isinstance(ext_id, str):
        try:
            _check_chars(ext_id, uri, "field 'id'")
        except SourceError as err:
            return SourceFailure(f"{uri}#{n}", "read", f"{where}: {err.reason}")
    rec_uri = f"{uri}#{ext_id if ext_id not in (None, '') else n}"
    text = rec.get("text")
    if text is None:
        return SourceFailure(rec_uri, "read", f"{where}: missing field 'text'")
    if not isinstance(text, str):
        return SourceFailure(rec_uri, "read", f"{where}: field 'text' must be a string, not {type(text).__name__}")
    for name in ("title", "url", "source", "abstract"):
        if rec.get(name) is not None and not isinstance(rec[name], str):
            return SourceFailure(rec_uri, "read", f"{where}: field {name!r} must be a string")
    for name in ("url", "source", "published"):
        if isinstance(rec.get(name), str):
            try:
                _check_chars(rec[name], rec_uri, f"field {name!r}")
            except SourceError as err:
                return SourceFailure(rec_uri, "read", f"{where}: {err.reason}")
    title = rec.get("title")
    body = _compose(title, text)
    try:
        _check_body(body, rec_uri, max_chars)
    except SourceError as err:
        return SourceFailure(rec_uri, "read", f"{where}: {err.reason}")
    return SourceArticle(
        source_uri=rec_uri,
        body=body,
        content_hash=content_hash(body),
        title=(title or "").strip() or None,
        external_id=str(ext_id) if ext_id not in (None, "") else None,
        url=rec.get("url") or None,
        outlet=rec.get("source") or None,
        published=parse_published(rec.get("published")),
        encoding="utf-8",
    )


def read_paths(paths: Iterable[str | Path], *, max_chars: int = 1_000_000,
               max_bytes: int = 512 << 20) -> Iterator[ReadResult]:
    """Discover and read everything under ``paths``."""
    for item in discover(paths):
        if isinstance(item, SourceFailure):
            yield item
        else:
            yield from read_file(item, max_chars=max_chars, max_bytes=max_bytes)
