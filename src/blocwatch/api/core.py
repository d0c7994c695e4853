"""Ingest and article queries."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from typing import TYPE_CHECKING, Any

from blocwatch.api.convert import DateLike, FrameOpt, as_date, frame
from blocwatch.errors import QueryError
from blocwatch.limits import DOC_SECONDS, MAX_SENTENCES
from blocwatch.records import Article, Failure
from blocwatch.store import Batch, Store

if TYPE_CHECKING:  # the NLP stack loads when ingest starts, not for a query
    from blocwatch.pipeline import Pipeline, PipelineOptions

log = logging.getLogger(__name__)

__all__ = ["IngestReport", "ingest", "articles", "summary"]

Progress = Callable[[int], None]
# Articles read ahead and checked against the store in one read-only open (each open costs about as
# much as parsing a short story), unless their texts reach KNOWN_CHECK_CHARS first (memory).
KNOWN_CHECK = 256
KNOWN_CHECK_CHARS = 8_000_000


@dataclass
class IngestReport:
    """What an ingest run did."""

    db: str
    new: int = 0
    duplicate: int = 0
    failed: int = 0
    events: int = 0
    failures: list[Failure] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"db": self.db, "new": self.new, "duplicate": self.duplicate, "failed": self.failed,
                "events": self.events, "internal_errors": self.internal_errors,
                "failures": [{"path": f.path, "reason": f.reason, "internal": f.internal} for f in self.failures]}

    @property
    def internal_errors(self) -> int:
        """Failures that are blocwatch's own bugs, not bad input."""
        return sum(f.internal for f in self.failures)

    def fail(self, failure: Failure, on_failure: Callable[[Failure], None] | None) -> None:
        self.failed += 1
        self.failures.append(failure)
        if on_failure:
            on_failure(failure)


def ingest(paths: Sequence[str], db: str | None = None, *, default_date: DateLike = None,
           workers: int = 1, batch_size: int = 32, pipeline: Pipeline | None = None,
           dask: str | None = None, coder: str = "learned",
           on_failure: Callable[[Failure], None] | None = None,
           progress: Progress | None = None, follow_symlinks: bool = False,
           doc_seconds: float | None = DOC_SECONDS, max_sentences: int = MAX_SENTENCES) -> IngestReport:
    """Read, clean, parse, code and store articles. Idempotent: known articles are skipped.

    Each batch of ``batch_size`` articles is written in one transaction, so an interrupted
    run leaves the database consistent and a rerun completes it. The database lock is taken
    only for each commit (and each check of known ids), so readers work during a run. With ``dask`` (a scheduler
    address, or ``"local"``) parsing and coding run on Dask workers; this process still
    does all the writing. ``coder`` is ``learned`` (default) or ``rules``.

    Each document is isolated: one that cannot be read, is over a budget (``doc_seconds`` per
    document; only the first ``max_sentences`` sentences are coded) or trips a bug becomes one
    Failure (``on_failure``) and the rest is stored. Symbolic links out of an input folder are
    refused unless ``follow_symlinks``.
    """
    from blocwatch.ingest import IngestOptions, read_sources
    from blocwatch.pipeline import PipelineOptions

    default_date = as_date(default_date, "date")
    if doc_seconds is not None and doc_seconds <= 0:
        raise QueryError(f"--doc-timeout must be a positive number of seconds, got {doc_seconds}")
    if max_sentences < 1:
        raise QueryError(f"--max-sentences must be at least 1, got {max_sentences}")
    reading = IngestOptions(default_date=default_date, follow_symlinks=follow_symlinks, doc_seconds=doc_seconds)
    options = PipelineOptions(batch_size=batch_size, workers=workers, coder=coder, doc_seconds=doc_seconds,
                              max_sentences=max_sentences)
    with Store(db, verify=True) as store:  # create or migrate, and check the file reads cleanly
        path = str(store.path)
    report = IngestReport(db=path)
    fresh = _fresh_articles(read_sources(paths, reading), path, report, on_failure, max(batch_size, KNOWN_CHECK))
    with _batches(fresh, options, pipeline, dask) as results:
        while group := list(islice(results, batch_size)):
            for failure in (r for r in group if isinstance(r, Failure)):
                report.fail(failure, on_failure)
            batch = _merge(r for r in group if not isinstance(r, Failure))
            with Store(path) as store:  # the lock is held per commit, so readers get in between
                report.new += store.write_batch(batch)
            report.events += len(batch.events)
            if progress:
                progress(len(group))
    return report


@contextmanager
def _batches(articles: Iterator[Article], options: PipelineOptions, pipeline: Pipeline | None,
             dask: str | None) -> Iterator[Iterator[Batch | Failure]]:
    """Per-article batches (or an article's Failure), computed here or on Dask."""
    if dask:
        from blocwatch.ingest.scale import dask_client, process_on_dask

        with dask_client(dask, workers=max(1, options.workers)) as client:
            yield process_on_dask(client, articles, options)
    else:
        from blocwatch.pipeline import Pipeline

        yield (pipeline or Pipeline(options)).process(articles)


def _fresh_articles(items, db: str, report: IngestReport, on_failure, chunk: int,
                    chars: int = KNOWN_CHECK_CHARS):
    """Articles not yet stored (nor seen earlier in this run), checked ``chunk`` at a time (or as many
    as hold ``chars`` characters of text, if fewer); counts the rest."""
    seen: set[str] = set()
    pending: list[Article] = []
    size = 0
    for item in items:
        if isinstance(item, Failure):
            report.fail(item, on_failure)
            continue
        pending.append(item)
        size += len(item.text)
        if len(pending) >= chunk or size >= chars:
            yield from _unknown(pending, db, seen, report)
            pending, size = [], 0
    yield from _unknown(pending, db, seen, report)


def _unknown(articles: list[Article], db: str, seen: set[str], report: IngestReport) -> Iterator[Article]:
    """The articles neither stored in ``db`` nor in ``seen`` (which they join)."""
    if not articles:
        return
    with Store(db, read_only=True) as store:
        known = store.known_ids(a.id for a in articles)
    for article in articles:
        if article.id in seen or article.id in known:
            report.duplicate += 1
        else:
            seen.add(article.id)
            yield article


def _merge(batches) -> Batch:
    out = Batch()
    for b in batches:
        out.articles += b.articles
        out.sentences += b.sentences
        out.events += b.events
        out.mentions += b.mentions
    return out


ARTICLE_FIELDS = ("id", "path", "url", "title", "outlet", "published", "date_source", "text")


def articles(db: str | None = None, as_frame: FrameOpt = False, *, limit: int | None = None,
             offset: int = 0) -> Any:
    """Stored articles, oldest ingest first (``as_frame``: True for pandas, "arrow" for Arrow);
    ``limit``/``offset`` page through them (in SQL)."""
    if limit is not None and limit < 0 or offset < 0:
        raise QueryError(f"limit and offset must not be negative, got limit={limit}, offset={offset}")
    page = (f" LIMIT {int(limit)}" if limit is not None else "") + (f" OFFSET {int(offset)}" if offset else "")
    with Store(db, read_only=True) as store:
        cols = ", ".join(ARTICLE_FIELDS)
        return frame(store.query(f"SELECT {cols} FROM articles ORDER BY ingested_at, id{page}"), as_frame)


def summary(db: str | None = None) -> dict[str, Any]:
    """Counts of stored rows, date range, events by PLOVER type and by origin."""
    with Store(db, read_only=True) as store:
        out: dict[str, Any] = {"db": str(store.path), **store.counts()}
        lo, hi = store.con.execute("SELECT min(published), max(published) FROM articles").fetchone()
        out["published_from"], out["published_to"] = lo, hi
        out["events_by_type"] = {r["plover"]: r["n"] for r in store.query(
            "SELECT plover, count(*) AS n FROM events GROUP BY plover ORDER BY n DESC")}
        out["events_by_origin"] = {r["origin"]: r["n"] for r in store.query(
            "SELECT origin, count(*) AS n FROM events GROUP BY origin ORDER BY n DESC, origin")}
        return out
