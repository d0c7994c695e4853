"""Walk inputs, read each file with its reader, clean, date and hash: Articles or Failures."""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from blocwatch.ingest.clean import clean_text, normalise
from blocwatch.ingest.html import html_to_text
from blocwatch.ingest.pubdate import anniversary_date, dateline_date, parse_date
from blocwatch.ingest.readers import MAX_BYTES, READERS, Unreadable, read_text_file, read_txt
from blocwatch.records import Article, Failure, RawDocument

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IngestOptions:
    """How inputs are read. ``default_date`` is used where no date is found."""

    default_date: date | None = None
    max_bytes: int = MAX_BYTES
    min_chars: int = 40


def read_sources(paths: Sequence[str], options: IngestOptions = IngestOptions()) -> Iterator[Article | Failure]:
    """Every article under ``paths`` (files or directories, recursive, sorted)."""
    for p in paths:
        path = Path(p)
        if not path.exists():
            yield Failure(str(p), "no such file or directory")
        elif path.is_dir():
            yield from _read_dir(path, options)
        else:
            yield from read_file(path, options)


def _read_dir(root: Path, options: IngestOptions) -> Iterator[Article | Failure]:
    files = []
    for f in sorted(root.rglob("*")):
        if f.is_file() and f.suffix.lower() in READERS:
            files.append(f)
        elif f.is_file():
            log.debug("skipping %s: unknown extension", f)
    if not files:
        yield Failure(str(root), "no readable files in directory (no .txt/.html/.jsonl/.xml files)")
    for f in files:
        yield from read_file(f, options)


def read_file(path: Path, options: IngestOptions = IngestOptions()) -> Iterator[Article | Failure]:
    """Articles in one file; any problem becomes a Failure and never an exception."""
    try:
        text = read_text_file(path, options.max_bytes)
    except Unreadable as exc:
        yield Failure(str(path), str(exc))
        return
    except OSError as exc:
        yield Failure(str(path), f"cannot read file ({exc.strerror or exc})")
        return
    reader = READERS.get(path.suffix.lower(), read_txt)
    for raw in reader(path, text):
        yield raw if isinstance(raw, Failure) else to_article(raw, options)


def to_article(raw: RawDocument, options: IngestOptions) -> Article | Failure:
    """Clean and date a raw document; a Failure if no article text is left."""
    meta_date = parse_date(raw.published)
    title = raw.title
    if raw.html is not None:
        extracted = html_to_text(raw.html)
        body, title = extracted.text, title or extracted.title
        meta_date = meta_date or extracted.published
    else:
        body = raw.text or ""
    line_date = None if meta_date else dateline_date(normalise(body))
    text = clean_text(body)
    if len(text) < options.min_chars:
        what = "HTML page" if raw.html is not None else "document"
        return Failure(raw.path, f"no article text found in {what} (after removing scripts and boilerplate)")
    inferred = None if meta_date or line_date else anniversary_date(text)
    published, source = _pick_date(meta_date, line_date, inferred[0] if inferred else None, options.default_date)
    return Article(id=article_id(text), path=raw.path, text=text, url=raw.url, title=title or _title(text),
                   outlet=raw.outlet, published=published, date_source=source)


def _pick_date(meta: date | None, line: date | None, inferred: date | None,
               default: date | None) -> tuple[date | None, str | None]:
    """Metadata, then a dateline, then the text's own anniversary arithmetic, then ``--date``."""
    for value, source in ((meta, "metadata"), (line, "dateline"), (inferred, "inferred:anniversary"),
                          (default, "default")):
        if value:
            return value, source
    return None, None


def _title(text: str) -> str | None:
    first = text.split("\n", 1)[0].strip()
    return first[:200] if first and len(first) <= 200 else None


def article_id(text: str) -> str:
    """Hash of the whitespace-collapsed, NFC-normalised text: the same article, the same id."""
    canon = re.sub(r"\s+", " ", normalise(text)).strip()
    return hashlib.sha256(canon.encode("utf-8")).hexdigest()[:16]
