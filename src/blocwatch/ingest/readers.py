"""Readers: one function per input format, each yielding RawDocuments or Failures."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from blocwatch.records import Failure, RawDocument
from blocwatch.safe import display_path

log = logging.getLogger(__name__)

MAX_BYTES = 10 * 1024 * 1024
SNIFF_BYTES = 8192
ENCODINGS = ("utf-8", "cp1252", "latin-1")


class Unreadable(Exception):
    """A file that cannot be read as text; the message is the one-line reason."""


def read_text_file(path: Path, max_bytes: int = MAX_BYTES) -> str:
    """Decode a file as text (utf-8, then cp1252, then latin-1), refusing empty, binary, huge."""
    size = path.stat().st_size
    if size == 0:
        raise Unreadable("empty file")
    if size > max_bytes:
        raise Unreadable(f"file too large ({size / 1e6:.1f} MB > {max_bytes / 1e6:.0f} MB limit)")
    data = path.read_bytes()
    if b"\x00" in data[:SNIFF_BYTES]:
        raise Unreadable("binary file (NUL bytes), not text")
    for encoding in ENCODINGS[:-1]:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        text = data.decode(ENCODINGS[-1])
    if _mostly_control(text[:SNIFF_BYTES]):
        raise Unreadable("binary file (control characters), not text")
    if not text.strip():
        raise Unreadable("empty file (only white space)")
    return text


def _mostly_control(sample: str) -> bool:
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return bool(sample) and bad / len(sample) > 0.05


def read_txt(path: Path, text: str) -> Iterator[RawDocument | Failure]:
    yield RawDocument(path=display_path(path), text=text)


def read_html(path: Path, text: str) -> Iterator[RawDocument | Failure]:
    yield RawDocument(path=display_path(path), html=text)


def read_jsonl(path: Path, text: str) -> Iterator[RawDocument | Failure]:
    """One article per line; a bad line is a Failure naming ``path:line``."""
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{display_path(path)}:{lineno}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Failure(where, f"malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        except RecursionError:
            yield Failure(where, "malformed JSON (nested too deeply)")
            continue
        except ValueError as exc:  # a number with more digits than Python converts
            yield Failure(where, f"malformed JSON (a number too long to read: {str(exc).split(' for ')[0]})")
            continue
        if not isinstance(rec, dict) or not (isinstance(rec.get("text"), str) or isinstance(rec.get("html"), str)):
            yield Failure(where, "a JSONL line must be an object with a 'text' or 'html' string")
            continue
        yield RawDocument(path=where, text=_only_str(rec.get("text")), html=_only_str(rec.get("html")),
                          id=_str(rec.get("id")), url=_str(rec.get("url")), title=_str(rec.get("title")),
                          outlet=_str(rec.get("outlet")), published=_str(rec.get("published")))


def _only_str(value: object) -> str | None:
    """A string field, or None for anything else (a list or object where text was expected)."""
    return value if isinstance(value, str) else None


def _str(value: object) -> str | None:
    return None if value is None else str(value)


_ATOM = "{http://www.w3.org/2005/Atom}"
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"


def read_feed(path: Path, text: str) -> Iterator[RawDocument | Failure]:
    """RSS 2.0 items or Atom entries, each one article."""
    try:
        root = etree.fromstring(text.encode("utf-8"), parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        yield Failure(display_path(path), f"malformed XML feed ({' '.join(str(exc.msg).split())})")
        return
    items = root.iter("item", f"{_ATOM}entry")
    outlet = _first(root, "channel/title", f"{_ATOM}title")
    found = False
    for n, item in enumerate(items, start=1):
        found = True
        body = _first(item, _CONTENT, "description", f"{_ATOM}content", f"{_ATOM}summary")
        if not body:
            yield Failure(f"{display_path(path)}#item{n}", "feed item has no content or description")
            continue
        link = _first(item, "link") or (item.find(f"{_ATOM}link").get("href") if item.find(f"{_ATOM}link") is not None else None)
        yield RawDocument(path=f"{display_path(path)}#item{n}", html=body, url=link, outlet=outlet,
                          title=_first(item, "title", f"{_ATOM}title"),
                          published=_first(item, "pubDate", f"{_ATOM}published", f"{_ATOM}updated"))
    if not found:
        yield Failure(display_path(path), "XML file has no RSS items or Atom entries")


def _first(node: etree._Element, *paths: str) -> str | None:
    for p in paths:
        el = node.find(p)
        if el is not None and (el.text or "").strip():
            return el.text.strip()
    return None


READERS = {".txt": read_txt, ".text": read_txt, ".html": read_html, ".htm": read_html,
           ".jsonl": read_jsonl, ".xml": read_feed, ".rss": read_feed, ".atom": read_feed}
