"""One poll of the watched sources: new feed items and new files, each ingested exactly once.

A source is an RSS/Atom feed URL (http or https) or a folder. An item is a feed entry (keyed by its id,
else its link, else a hash of its title and content) or a file of the folder (keyed by its path, size and
modification time). Each item's row in ``watch_items`` is written in the transaction that stores its
article, so a watcher killed at any point (kill -9 included) neither loses nor repeats an item when it
starts again; a feed's ETag and Last-Modified are stored only after all its new items are, so a 304 never
hides an item that was not stored.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from blocwatch.ingest.sources import IngestOptions, input_files, read_file, to_article
from blocwatch.records import Article, Failure, RawDocument
from blocwatch.safe import display_path
from blocwatch.store import Batch, Store
from blocwatch.watch.fetch import Fetcher, FetchError, Response

log = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass
class PollReport:
    """What one poll did: items seen for the first time (stored as new articles, duplicates of stored
    ones, or failed), events coded, feeds not modified since the last poll, and one Failure per problem."""

    polls: int = 0
    new: int = 0
    duplicate: int = 0
    failed: int = 0
    events: int = 0
    not_modified: int = 0
    signals_sent: int = 0
    failures: list[Failure] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"polls": self.polls, "new": self.new, "duplicate": self.duplicate, "failed": self.failed,
                "events": self.events, "not_modified": self.not_modified, "signals_sent": self.signals_sent,
                "failures": [{"path": f.path, "reason": f.reason} for f in self.failures]}

    def add(self, other: "PollReport") -> None:
        for name in ("polls", "new", "duplicate", "failed", "events", "not_modified", "signals_sent"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.failures += other.failures


@dataclass(frozen=True)
class Item:
    """A new item of a source and the article (or Failure) made of it."""

    source: str
    key: str
    result: Article | Failure | list[Article | Failure]


def is_url(source: str) -> bool:
    return urlsplit(source).scheme.lower() in ("http", "https")


class Poller:
    """Polls sources into one database with one pipeline (loaded once, reused across polls)."""

    def __init__(self, db: str, pipeline: Any, fetcher: Fetcher, *, batch_size: int = 8,
                 on_failure: Callable[[Failure], None] | None = None, today: Callable[[], date] | None = None):
        self.db = db
        self.pipeline = pipeline
        self.fetcher = fetcher
        self.batch_size = batch_size
        self.on_failure = on_failure
        self.today = today or (lambda: datetime.now(timezone.utc).date())

    def poll(self, sources: Sequence[str]) -> PollReport:
        """Every source once; a source that fails is one Failure and the others go on."""
        report = PollReport(polls=1)
        options = IngestOptions(default_date=self.today())
        for source in sources:
            try:
                if is_url(source):
                    self._poll_feed(source, options, report)
                else:
                    self._poll_folder(source, options, report)
            except FetchError as exc:
                self._fail(report, Failure(source, str(exc)))
        return report

    # -- feeds -------------------------------------------------------------
    def _poll_feed(self, url: str, options: IngestOptions, report: PollReport) -> None:
        import feedparser

        etag, modified = self._validators(url)
        response = self.fetcher.get(url, etag, modified)
        if response.status == 304:
            report.not_modified += 1
            self._set_validators(url, etag, modified, "not modified")
            return
        parsed = feedparser.parse(response.body, response_headers={"content-type": response.content_type,
                                                                   "content-location": response.url})
        entries = list(parsed.entries)
        if parsed.bozo and not entries:
            reason = " ".join(str(parsed.get("bozo_exception", "not a feed")).split())[:200]
            self._fail(report, Failure(url, f"malformed feed ({reason})"))
            self._set_validators(url, etag, modified, "malformed")
            return
        if parsed.bozo:
            log.info("%s: feed not well-formed (%s); read its %d entries", url, parsed.get("bozo_exception"),
                     len(entries))
        outlet = parsed.feed.get("title") or urlsplit(url).netloc
        keyed = {}
        for entry in entries:
            keyed.setdefault(entry_key(entry), entry)
        fresh = self._unseen(url, list(keyed))
        items = (Item(url, key, self._feed_article(url, key, keyed[key], outlet, options)) for key in fresh)
        self._ingest(items, report)
        self._set_validators(url, response.etag, response.last_modified, "ok")

    def _feed_article(self, feed: str, key: str, entry: Any, outlet: str, options: IngestOptions) -> Article | Failure:
        """The linked page through trafilatura; the entry's own content where the page cannot be had."""
        title, published = entry.get("title"), entry.get("published") or entry.get("updated")
        link = entry.get("link")
        where = link or f"{feed}#{key}"
        if link and is_url(link):
            try:
                page = self.fetcher.get(link)
                if page.status == 200 and page.content_type.split(";")[0].strip().lower() in HTML_TYPES:
                    found = _article(RawDocument(path=link, html=_decode(page), url=link, title=title,
                                                 outlet=outlet, published=published), options)
                    if isinstance(found, Article):
                        return found
                    log.info("%s: %s; using the feed item's content", link, found.reason)
                else:
                    log.info("%s: not an HTML page (%s); using the feed item's content", link, page.content_type)
            except FetchError as exc:
                log.info("%s: %s; using the feed item's content", link, exc)
        content = entry_content(entry)
        if not content:
            return Failure(where, "the linked page could not be had and the feed item has no content")
        return _article(RawDocument(path=where, html=content, url=link, title=title, outlet=outlet,
                                    published=published), options)

    # -- folders -----------------------------------------------------------
    def _poll_folder(self, folder: str, options: IngestOptions, report: PollReport) -> None:
        root = Path(folder)
        if not root.is_dir():
            self._fail(report, Failure(display_path(folder), "not a folder, nor an http(s) feed URL"))
            return
        files, refused = input_files(root)
        for failure in refused:
            self._fail(report, failure)
        keys = {}
        for f in files:
            try:
                st = f.stat()
            except OSError as exc:
                self._fail(report, Failure(display_path(f), f"cannot read file ({exc.strerror or exc})"))
                continue
            keys[f"{f.relative_to(root).as_posix()}|{st.st_size}|{st.st_mtime_ns}"] = f
        fresh = self._unseen(str(root), list(keys))
        self._ingest((Item(str(root), k, list(read_file(keys[k], options))) for k in fresh), report)

    # -- storing -----------------------------------------------------------
    def _ingest(self, items: Iterator[Item], report: PollReport) -> None:
        """Code the items' articles and store them ``batch_size`` items a transaction, with the items."""
        group: list[Item] = []
        for item in items:
            group.append(item)
            if len(group) >= self.batch_size:
                self._commit(group, report)
                group = []
        if group:
            self._commit(group, report)

    def _commit(self, group: list[Item], report: PollReport) -> None:
        articles = {a.id: a for item in group for a in _results(item) if isinstance(a, Article)}
        with Store(self.db) as store:
            stored = store.known_ids(articles)
        fresh = [a for i, a in articles.items() if i not in stored]
        coded: dict[str, Batch | Failure] = dict(zip((a.id for a in fresh), self.pipeline.process(fresh)))
        batch, rows = Batch(), []
        claimed: set[str] = set()  # articles an earlier item of this group brought
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        for item in group:
            failures, ids = [], []
            known = stored | claimed
            for result in _results(item):
                if isinstance(result, Failure):
                    failures.append(result)
                    continue
                if result.id in stored:
                    ids.append(result.id)
                    continue
                out = coded.pop(result.id, None)  # None: an earlier item of this group had the same text
                if isinstance(out, Failure):
                    failures.append(out)
                    continue
                ids.append(result.id)
                claimed.add(result.id)
                if out is not None:
                    batch.articles += out.articles
                    batch.sentences += out.sentences
                    batch.events += out.events
                    batch.mentions += out.mentions
            for failure in failures:
                self._fail(report, failure)
            status = "failed" if failures and not ids else "duplicate" if ids and set(ids) <= known else "ok"
            rows.append((item.source, item.key, ids[0] if ids else None, status,
                         "; ".join(f.reason for f in failures)[:500] or None, now))

        def record(con: Any) -> None:
            con.executemany("INSERT OR IGNORE INTO watch_items VALUES (?, ?, ?, ?, ?, ?)", rows)

        with Store(self.db) as store:
            new = store.write_batch(batch, also=record)
        report.new += new
        report.duplicate += sum(1 for r in rows if r[3] == "duplicate")
        report.failed += sum(1 for r in rows if r[3] == "failed")
        report.events += len(batch.events)

    def _unseen(self, source: str, keys: list[str]) -> list[str]:
        if not keys:
            return []
        with Store(self.db) as store:
            seen = {r[0] for r in store.con.execute(
                "SELECT item FROM watch_items WHERE source = ? AND list_contains(?, item)", [source, keys]).fetchall()}
        return [k for k in keys if k not in seen]

    def _validators(self, url: str) -> tuple[str | None, str | None]:
        with Store(self.db) as store:
            row = store.con.execute("SELECT etag, last_modified FROM watch_sources WHERE source = ?", [url]).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def _set_validators(self, url: str, etag: str | None, modified: str | None, status: str) -> None:
        with Store(self.db) as store:
            store.con.execute("INSERT OR REPLACE INTO watch_sources VALUES (?, ?, ?, ?, ?)",
                              [url, etag, modified, datetime.now(timezone.utc).replace(tzinfo=None), status])

    def _fail(self, report: PollReport, failure: Failure) -> None:
        report.failures.append(failure)
        if self.on_failure:
            self.on_failure(failure)


def _results(item: Item) -> list[Article | Failure]:
    return item.result if isinstance(item.result, list) else [item.result]


def _article(raw: RawDocument, options: IngestOptions) -> Article | Failure:
    from blocwatch.errors import BlocwatchError

    try:
        return to_article(raw, options)
    except BlocwatchError as exc:
        return Failure(raw.path, exc.message)


def entry_key(entry: Any) -> str:
    """A feed entry's identity: its id (guid), else its link, else a hash of its title and content."""
    for name in ("id", "link"):
        value = (entry.get(name) or "").strip()
        if value:
            return value[:1000]
    text = f"{entry.get('title') or ''}\n{entry_content(entry) or ''}"
    return "sha256:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def entry_content(entry: Any) -> str | None:
    """The longest of an entry's content blocks and its summary (HTML or text)."""
    blocks = [c.get("value") or "" for c in entry.get("content") or []] + [entry.get("summary") or ""]
    best = max(blocks, key=len)
    return best if best.strip() else None


def _decode(page: Response) -> str:
    charset = None
    for part in page.content_type.split(";")[1:]:
        name, _, value = part.strip().partition("=")
        if name.lower() == "charset" and value:
            charset = value.strip('"\' ')
    try:
        return page.body.decode(charset or "utf-8", errors="replace")
    except LookupError:
        return page.body.decode("utf-8", errors="replace")
