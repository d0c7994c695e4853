"""Walk inputs, read each file with its reader, clean, date and hash: Articles or Failures."""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from blocwatch.errors import BlocwatchError, BudgetError
from blocwatch.ingest.clean import clean_text, normalise
from blocwatch.ingest.html import html_to_text
from blocwatch.ingest.pubdate import anniversary_date, dateline_date, parse_date, plausible
from blocwatch.ingest.readers import (EXTENSIONS, MAX_BYTES, READERS, STREAM_READERS, Unreadable, read_text_file,
                                      read_txt)
from blocwatch.limits import DOC_SECONDS, MAX_HTML_ELEMENTS, MAX_TEXT_CHARS, Deadline
from blocwatch.records import Article, Failure, RawDocument, internal_failure
from blocwatch.safe import display_path, scrub

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IngestOptions:
    """How inputs are read. ``default_date`` is used where no date is found; a symbolic link that
    leaves the input folder is refused unless ``follow_symlinks``. ``max_bytes`` bounds one document:
    a .txt or .html file, or one record (line, item) of a JSONL or feed file, which have no size limit."""

    default_date: date | None = None
    max_bytes: int = MAX_BYTES
    min_chars: int = 40
    max_chars: int = MAX_TEXT_CHARS
    max_html_elements: int = MAX_HTML_ELEMENTS
    doc_seconds: float | None = DOC_SECONDS
    follow_symlinks: bool = False


def read_sources(paths: Sequence[str], options: IngestOptions = IngestOptions()) -> Iterator[Article | Failure]:
    """Every article under ``paths`` (files or directories, recursive, sorted)."""
    for p in paths:
        path = Path(p)
        if not path.exists():
            yield Failure(display_path(p), "no such file or directory")
        elif path.is_dir():
            yield from _read_dir(path, options)
        else:
            yield from read_file(path, options)


def _read_dir(root: Path, options: IngestOptions) -> Iterator[Article | Failure]:
    files, refused = _walk(root, options.follow_symlinks)
    yield from refused
    if not files and not refused:
        yield Failure(display_path(root), "no readable files in directory (no .txt/.html/.jsonl/.xml files)")
    for f in files:
        yield from read_file(f, options)


def input_files(root: Path, follow_symlinks: bool = False) -> tuple[list[Path], list[Failure]]:
    """The input files under a folder (sorted, recursive) and a Failure per symbolic link not followed."""
    return _walk(root, follow_symlinks)


def _walk(root: Path, follow: bool) -> tuple[list[Path], list[Failure]]:
    """Input files under ``root`` (sorted) and Failures for the links not followed: those that leave
    ``root`` (unless ``follow``) and loops. Followed directory links are visited once each."""
    top = root.resolve()
    files: list[Path] = []
    refused: list[Failure] = []
    seen = {top}
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(folder.iterdir())
        except OSError as exc:
            refused.append(Failure(display_path(folder), f"cannot list folder ({exc.strerror or exc})"))
            continue
        for entry in entries:
            if entry.is_symlink():
                try:
                    target = entry.resolve(strict=True)
                except (OSError, RuntimeError):
                    refused.append(Failure(display_path(entry), "broken symbolic link or link loop"))
                    continue
                if not follow and not target.is_relative_to(top):
                    refused.append(Failure(display_path(entry), f"symbolic link to {display_path(target)}, outside "
                                                                f"{display_path(root)}; not followed (--follow-symlinks)"))
                    continue
                if target.is_dir() and target in seen:
                    continue
            if entry.is_dir():
                seen.add(entry.resolve())
                stack.append(entry)
            elif entry.is_file() and entry.suffix.lower() in EXTENSIONS:
                files.append(entry)
            else:
                log.debug("skipping %s: unknown extension", display_path(entry))
    return sorted(files), refused


def read_file(path: Path, options: IngestOptions = IngestOptions()) -> Iterator[Article | Failure]:
    """Articles in one file; any problem becomes a Failure and never an exception."""
    where = display_path(path)
    suffix = path.suffix.lower()
    try:
        if suffix in STREAM_READERS:  # JSONL and feeds: record by record, whatever the file's size
            raws = STREAM_READERS[suffix](path, options.max_bytes)
        else:
            raws = READERS.get(suffix, read_txt)(path, read_text_file(path, options.max_bytes))
        for raw in raws:
            yield raw if isinstance(raw, Failure) else _article_or_failure(raw, options)
    except Unreadable as exc:
        yield Failure(where, str(exc))
    except OSError as exc:
        yield Failure(where, f"cannot read file ({exc.strerror or exc})")
    except Exception as exc:  # noqa: BLE001 - a reader's bug ends this file only
        yield internal_failure(where, exc)


def _article_or_failure(raw: RawDocument, options: IngestOptions) -> Article | Failure:
    try:
        return to_article(raw, options)
    except BlocwatchError as exc:
        return Failure(raw.path, exc.message)
    except Exception as exc:  # noqa: BLE001 - one document's bug must not end the run
        return internal_failure(raw.path, exc)


def to_article(raw: RawDocument, options: IngestOptions = IngestOptions()) -> Article | Failure:
    """Clean and date a raw document; a Failure if no article text is left.

    Raises BudgetError when the document is over a size or time budget.
    """
    deadline = Deadline(options.doc_seconds)
    meta_date = plausible(parse_date(raw.published))
    title = scrub(raw.title)
    if raw.html is not None:
        extracted = html_to_text(scrub(raw.html), options.max_html_elements)
        body, title = extracted.text, title or scrub(extracted.title)
        meta_date = meta_date or plausible(extracted.published)
        deadline.check("extracting the text of the HTML")
    else:
        body = scrub(raw.text) or ""
    if len(body) > options.max_chars:
        raise BudgetError(f"text too long ({len(body):,} characters > {options.max_chars:,} limit)")
    line_date = None if meta_date else plausible(dateline_date(normalise(body)))
    one_line = _one_line(body) if raw.html is None else None
    text = one_line or with_title(clean_text(body), title)
    deadline.check("removing boilerplate")
    if not one_line and len(text) < options.min_chars:
        what = "HTML page" if raw.html is not None else "document"
        return Failure(raw.path, f"no article text found in {what} (after removing scripts and boilerplate)")
    inferred = None if meta_date or line_date else anniversary_date(text)
    published, source = _pick_date(meta_date, line_date, plausible(inferred[0]) if inferred else None,
                                   options.default_date)
    deadline.check("dating the article")
    return Article(id=article_id(text), path=raw.path, text=text, url=scrub(raw.url), title=title or _title(text),
                   outlet=scrub(raw.outlet), published=published, date_source=source)


def _pick_date(meta: date | None, line: date | None, inferred: date | None,
               default: date | None) -> tuple[date | None, str | None]:
    """Metadata, then a dateline, then the text's own anniversary arithmetic, then ``--date``."""
    for value, source in ((meta, "metadata"), (line, "dateline"), (inferred, "inferred:anniversary"),
                          (default, "default")):
        if value:
            return value, source
    return None, None


def with_title(text: str, title: str | None) -> str:
    """The text with its headline as its own first line: a title from metadata that the text lacks is
    put before it, and one that runs into the first sentence ("Cuba Thanks Laos Havana, May 2 --")
    is cut from it by a paragraph break. Headlines are the densest event lines; they are coded too."""
    head = " ".join((title or "").split())
    if len(head) < 8 or not text.strip():
        return text
    lead = text.lstrip()
    if lead.startswith(head):
        rest = lead[len(head):]
        if not rest or rest[0] == "\n" or not rest[0].isspace():
            return text
        return head + "\n\n" + rest.lstrip()
    first = " ".join(lead.split("\n", 1)[0].split())
    if first.lower().rstrip(".") == head.lower().rstrip("."):
        return text
    return head + "\n\n" + text


def _one_line(body: str) -> str | None:
    """A plain text of one line (a headline, a wire flash, a short post) as it is: boilerplate removal
    and the minimum length are for longer texts, and would delete the whole document."""
    line = normalise(body).strip()
    return line if line and "\n" not in line else None


def _title(text: str) -> str | None:
    first = text.split("\n", 1)[0].strip()
    return first[:200] if first and len(first) <= 200 else None


def article_id(text: str) -> str:
    """Hash of the whitespace-collapsed, NFC-normalised text: the same article, the same id."""
    canon = re.sub(r"\s+", " ", normalise(text)).strip()
    return hashlib.sha256(canon.encode("utf-8")).hexdigest()[:16]
