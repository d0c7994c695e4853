"""Readers: one function per input format, each yielding RawDocuments or Failures.

A .txt or .html file is one document, read whole. JSONL and feed files are streams of records: they
are read record by record, so their size is never a reason to refuse them; each record has the
size limit of one document.
"""

from __future__ import annotations

import codecs
import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from blocwatch.records import Failure, RawDocument
from blocwatch.safe import display_path

log = logging.getLogger(__name__)

MAX_BYTES = 10 * 1024 * 1024  # one document: a .txt or .html file, one JSONL line, one feed item
SNIFF_BYTES = 8192
CHUNK = 1 << 16
ENCODINGS = ("utf-8", "cp1252", "latin-1")
# The names lxml (libxml2) knows them by: it has no "latin-1" (a feed with a byte neither UTF-8 nor cp1252 has,
# such as 0x81, failed with "unknown encoding", an internal error, found by the fuzz test)
LXML_NAMES = {"cp1252": "windows-1252", "latin-1": "ISO-8859-1"}


class Unreadable(Exception):
    """A file that cannot be read as text; the message is the one-line reason."""


def read_text_file(path: Path, max_bytes: int = MAX_BYTES) -> str:
    """Decode a file as text (utf-8, then cp1252, then latin-1), refusing empty, binary, huge."""
    size = path.stat().st_size
    if size == 0:
        raise Unreadable("empty file")
    if size > max_bytes:
        raise Unreadable(f"file too large ({_mb(size)} > {max_bytes / 1e6:.0f} MB limit)")
    data = path.read_bytes()
    _sniff(data[:SNIFF_BYTES])
    text = _decode(data)
    if not text.strip():
        raise Unreadable("empty file (only white space)")
    return text


def _sniff(head: bytes) -> None:
    """Refuse an empty or binary file from its first bytes."""
    if not head:
        raise Unreadable("empty file")
    if b"\x00" in head:
        raise Unreadable("binary file (NUL bytes), not text")
    if _mostly_control(_decode(head)):
        raise Unreadable("binary file (control characters), not text")


def _decode(data: bytes) -> str:
    for encoding in ENCODINGS[:-1]:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode(ENCODINGS[-1])


def _mb(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


def _open_stream(path: Path) -> BinaryIO:
    """The file opened for reading in binary, after refusing an empty or binary one."""
    fh = open(path, "rb")  # noqa: SIM115 - the caller closes it
    try:
        _sniff(fh.read(SNIFF_BYTES))
        fh.seek(0)
    except BaseException:
        fh.close()
        raise
    return fh


def _mostly_control(sample: str) -> bool:
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return bool(sample) and bad / len(sample) > 0.05


def read_txt(path: Path, text: str) -> Iterator[RawDocument | Failure]:
    yield RawDocument(path=display_path(path), text=text)


def read_html(path: Path, text: str) -> Iterator[RawDocument | Failure]:
    yield RawDocument(path=display_path(path), html=text)


def read_jsonl(path: Path, max_bytes: int = MAX_BYTES) -> Iterator[RawDocument | Failure]:
    """One article per line, streamed; a bad or oversized line is a Failure naming ``path:line``."""
    with _open_stream(path) as fh:
        lineno, blank = 0, True
        while line := fh.readline(max_bytes + 1):
            lineno += 1
            if len(line) > max_bytes and not line.endswith(b"\n"):
                blank = False
                size = len(line) + _skip_line(fh)
                yield Failure(f"{display_path(path)}:{lineno}",
                              f"record too large ({_mb(size)} > {max_bytes / 1e6:.0f} MB limit per record)")
                continue
            text = _decode(line)
            if text.strip():
                blank = False
                yield _jsonl_record(f"{display_path(path)}:{lineno}", text)
    if blank:
        raise Unreadable("empty file (only white space)")


def _skip_line(fh: BinaryIO) -> int:
    """Read past the rest of the current line; the number of bytes skipped."""
    skipped = 0
    while chunk := fh.readline(CHUNK):
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return skipped


def _jsonl_record(where: str, line: str) -> RawDocument | Failure:
    """One JSONL line as a RawDocument, or the Failure saying why it is not one."""
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        return Failure(where, f"malformed JSON ({exc.msg} at column {exc.colno})")
    except RecursionError:
        return Failure(where, "malformed JSON (nested too deeply)")
    except ValueError as exc:  # a number with more digits than Python converts
        return Failure(where, f"malformed JSON (a number too long to read: {str(exc).split(' for ')[0]})")
    if not isinstance(rec, dict) or not (isinstance(rec.get("text"), str) or isinstance(rec.get("html"), str)):
        return Failure(where, "a JSONL line must be an object with a 'text' or 'html' string")
    return RawDocument(path=where, text=_only_str(rec.get("text")), html=_only_str(rec.get("html")),
                       id=_str(rec.get("id")), url=_str(rec.get("url")), title=_str(rec.get("title")),
                       outlet=_str(rec.get("outlet")), published=_str(rec.get("published")))


def _only_str(value: object) -> str | None:
    """A string field, or None for anything else (a list or object where text was expected)."""
    return value if isinstance(value, str) else None


def _str(value: object) -> str | None:
    return None if value is None else str(value)


_ATOM = "{http://www.w3.org/2005/Atom}"
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"


def read_feed(path: Path, max_bytes: int = MAX_BYTES) -> Iterator[RawDocument | Failure]:
    """RSS 2.0 items or Atom entries, each one article, parsed as the file streams in."""
    where = display_path(path)
    state = {"outlet": None, "items": 0}
    with _open_stream(path) as fh:
        parser = etree.XMLPullParser(events=("end",), tag=("item", f"{_ATOM}entry", "title", f"{_ATOM}title"),
                                     encoding=_feed_encoding(path), resolve_entities=False, no_network=True)
        try:
            while chunk := fh.read(CHUNK):
                parser.feed(chunk)
                yield from _feed_items(parser, where, max_bytes, state)
            parser.close()
        except etree.XMLSyntaxError as exc:
            yield from _feed_items(parser, where, max_bytes, state)  # the items before the error
            yield Failure(where, f"malformed XML feed ({' '.join(str(exc.msg).split())})")
            return
    yield from _feed_items(parser, where, max_bytes, state)
    if not state["items"]:
        yield Failure(where, "XML file has no RSS items or Atom entries")


def _feed_encoding(path: Path) -> str | None:
    """None (lxml follows the XML declaration, else UTF-8), except for a file that declares no encoding
    and is not UTF-8: then cp1252, else latin-1, as for every other text file."""
    with open(path, "rb") as fh:
        if re.match(rb"\s*(\xef\xbb\xbf)?\s*<\?xml[^>]*\bencoding\s*=", fh.read(SNIFF_BYTES)):
            return None
    for encoding in ENCODINGS[:-1]:
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            with open(path, "rb") as fh:
                while chunk := fh.read(CHUNK):
                    decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return None if encoding == "utf-8" else LXML_NAMES.get(encoding, encoding)
    return LXML_NAMES[ENCODINGS[-1]]


def _feed_items(parser: etree.XMLPullParser, where: str, max_bytes: int,
                state: dict) -> Iterator[RawDocument | Failure]:
    """The items and entries the parser has finished; each is dropped from the tree once read."""
    for _, el in parser.read_events():
        parent = el.getparent()
        if el.tag in ("title", f"{_ATOM}title"):
            if state["outlet"] is None and parent is not None and parent.tag in ("channel", f"{_ATOM}feed"):
                state["outlet"] = (el.text or "").strip() or None
            continue
        state["items"] += 1
        yield _feed_item(el, f"{where}#item{state['items']}", max_bytes, state["outlet"])
        el.clear()
        while el.getprevious() is not None:
            del parent[0]


def _feed_item(item: etree._Element, where: str, max_bytes: int, outlet: str | None) -> RawDocument | Failure:
    body = _first(item, _CONTENT, "description", f"{_ATOM}content", f"{_ATOM}summary")
    if not body:
        return Failure(where, "feed item has no content or description")
    size = len(body.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        return Failure(where, f"feed item too large ({_mb(size)} > {max_bytes / 1e6:.0f} MB limit per record)")
    link = _first(item, "link") or (item.find(f"{_ATOM}link").get("href") if item.find(f"{_ATOM}link") is not None else None)
    return RawDocument(path=where, html=body, url=link, outlet=outlet, title=_first(item, "title", f"{_ATOM}title"),
                       published=_first(item, "pubDate", f"{_ATOM}published", f"{_ATOM}updated"))


def _first(node: etree._Element, *paths: str) -> str | None:
    for p in paths:
        el = node.find(p)
        if el is not None and (el.text or "").strip():
            return el.text.strip()
    return None


READERS = {".txt": read_txt, ".text": read_txt, ".html": read_html, ".htm": read_html}  # (path, text)
STREAM_READERS = {".jsonl": read_jsonl, ".xml": read_feed, ".rss": read_feed, ".atom": read_feed}  # (path, max_bytes)
EXTENSIONS = frozenset(READERS) | frozenset(STREAM_READERS)
