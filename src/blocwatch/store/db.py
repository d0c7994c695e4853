"""The DuckDB store: open, migrate, write batches in transactions, read back."""

from __future__ import annotations

import json
import logging
import os
import random
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from blocwatch.errors import StoreBusyError, StoreError
from blocwatch.records import Article, Event, Sentence, TreatyMention
from blocwatch.store.schema import DYAD, MIGRATIONS, MKEY, SCHEMA_VERSION

log = logging.getLogger(__name__)

DEFAULT_DB = "blocwatch.duckdb"
MEMORY_LIMIT = os.environ.get("BLOCWATCH_MEMORY", "2GB")  # DuckDB spills to disk past this
# No extension is ever loaded or downloaded on demand (a SQLite file must not fetch the sqlite scanner).
CONNECT_CONFIG = {"memory_limit": MEMORY_LIMIT, "autoload_known_extensions": False,
                  "autoinstall_known_extensions": False}
# How long an open waits while another process holds a conflicting lock (a writer's batch commit,
# or readers between two of them), in seconds; writers wait longer than readers.
LOCK_WAIT = float(os.environ.get("BLOCWATCH_LOCK_WAIT", "10"))
WRITER_LOCK_WAIT = 6 * LOCK_WAIT
DUCKDB_MAGIC = b"DUCK"  # bytes 8..12 of every DuckDB file

EVENT_COLUMNS = ("event_id", "doc_id", "sentence", "sentence_start", "sentence_end",
                 *(f"{side}_{c}" for side in ("source", "target") for c in ("text", "start", "end", "code", "country", "sector")),
                 "plover", "plover_mode", "cameo", "quad_class", "goldstein", "modality", "date", "date_precision",
                 "location", "reason", "treaty_ids", "origin", "origin_id", "extra")


def resolve_db_path(db: str | os.PathLike[str] | None) -> Path:
    """``db`` if given, else ``$BLOCWATCH_DB``, else ``./blocwatch.duckdb``."""
    return Path(db or os.environ.get("BLOCWATCH_DB") or DEFAULT_DB)


@dataclass
class Batch:
    """Everything derived from a group of articles, written in one transaction."""

    articles: list[Article] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    mentions: list[TreatyMention] = field(default_factory=list)


class Store:
    """One DuckDB file. The process holding a ``Store`` is the single writer."""

    def __init__(self, path: str | os.PathLike[str] | None = None, *, read_only: bool = False,
                 wait: float | None = None, verify: bool = False):
        """Open (and as a writer create or migrate) the database. ``wait``: seconds to retry while another
        process holds the lock (default ``LOCK_WAIT``, six times that for a writer); ``verify``: read
        every stored row once, so a corrupted file fails here rather than after a write."""
        self.path = resolve_db_path(path)
        if read_only and not self.path.exists():
            raise StoreError(f"database does not exist (run 'blocwatch ingest' first)", path=str(self.path))
        check_file(self.path)
        default_wait = LOCK_WAIT if read_only else WRITER_LOCK_WAIT
        self.con = connect(self.path, read_only, default_wait if wait is None else wait)
        try:
            self._check_schema(read_only)
            if verify:
                self.verify()
        except BaseException:
            self.con.close()
            raise

    def _check_schema(self, read_only: bool) -> None:
        """Refuse a DuckDB file that is not ours or is newer; migrate an older one."""
        version = self.schema_version()
        if version == 0 and self._table_count():
            raise StoreError("not a blocwatch database: a DuckDB file without blocwatch's schema_version table",
                             path=str(self.path))
        if not read_only:
            self.migrate()
        elif version < SCHEMA_VERSION:
            self._migrate_then_reopen()
        elif version > SCHEMA_VERSION:
            raise StoreError(f"database schema v{version} is newer than this blocwatch "
                             f"(v{SCHEMA_VERSION})", path=str(self.path))

    def _table_count(self) -> int:
        return self.con.execute("SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() "
                                "AND NOT temporary").fetchone()[0]

    def verify(self) -> None:
        """Read every column of every table once (DuckDB checks each block's checksum on read)."""
        tables = [r[0] for r in self.con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND NOT temporary "
            "ORDER BY table_name").fetchall()]
        for table in tables:
            try:
                self.con.execute(f'SELECT max(hash(COLUMNS(*))) FROM "{table}"').fetchall()
            except duckdb.Error as exc:
                raise StoreError(f"database file is damaged (table {table}): {_first_line(exc)}",
                                 path=str(self.path)) from exc

    def _migrate_then_reopen(self) -> None:
        """A reader of an older database migrates it once (briefly as the writer), then reads."""
        self.con.close()
        try:
            with Store(self.path):
                pass
        except StoreError as exc:
            raise StoreError(f"database schema is out of date and cannot be migrated now ({exc.message})",
                             path=str(self.path)) from exc
        self.con = connect(self.path, True, LOCK_WAIT)

    # -- lifecycle -------------------------------------------------------
    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    # -- schema ----------------------------------------------------------
    def schema_version(self) -> int:
        row = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        ).fetchone()
        if not row or not row[0]:
            return 0
        (version,) = self.con.execute("SELECT max(version) FROM schema_version").fetchone() or (0,)
        return int(version or 0)

    def migrate(self) -> int:
        """Apply pending migrations, each in its own transaction. Returns the version."""
        self.con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER, applied_at TIMESTAMP DEFAULT current_timestamp)")
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise StoreError(f"database schema v{current} is newer than this blocwatch (v{SCHEMA_VERSION})",
                             path=str(self.path))
        for version in range(current + 1, SCHEMA_VERSION + 1):
            with self.transaction() as con:
                con.execute(MIGRATIONS[version - 1])
                con.execute("INSERT INTO schema_version (version) VALUES (?)", [version])
            log.info("migrated %s to schema v%d", self.path, version)
        self._drain_merge_queue()
        return SCHEMA_VERSION

    def _drain_merge_queue(self) -> None:
        """Merge the keys a migration queued (a store written before merged_events existed)."""
        if not self.con.execute("SELECT count(*) FROM merge_queue").fetchone()[0]:
            return
        self.remerge()
        self.con.execute("DELETE FROM merge_queue")

    # -- writes ----------------------------------------------------------
    def known_ids(self, ids: Iterable[str]) -> set[str]:
        ids = list(ids)
        if not ids:
            return set()
        rows = self.con.execute("SELECT id FROM articles WHERE list_contains(?, id)", [ids]).fetchall()
        return {r[0] for r in rows}

    def write_batch(self, batch: Batch, also: Callable[[duckdb.DuckDBPyConnection], None] | None = None) -> int:
        """Insert a batch atomically, skipping articles already stored. Returns new articles.

        ``also`` runs inside the same transaction (a watcher records the items the batch came from)."""
        with self.transaction() as con:
            if also is not None:
                also(con)
            fresh = {a.id for a in batch.articles} - self.known_ids(a.id for a in batch.articles)
            _insert(con, "articles", [_article_row(a) for a in batch.articles if a.id in fresh])
            _insert(con, "sentences", [_sentence_row(s) for s in batch.sentences if s.article_id in fresh])
            self._add_event_rows([event_row(e) for e in batch.events if e.doc_id in fresh])
            _insert(con, "treaty_mentions", [_mention_row(m) for m in batch.mentions if m.article_id in fresh])
        return len(fresh)

    def write_imported(self, articles: list[Article], events: list[Event]) -> tuple[int, int]:
        """Insert imported events (and their pseudo-articles) not stored yet. Returns (new, duplicate)."""
        unique = list({e.event_id: e for e in events}.values())
        with self.transaction() as con:
            known = {r[0] for r in con.execute("SELECT event_id FROM events WHERE list_contains(?, event_id)",
                                               [[e.event_id for e in unique]]).fetchall()}
            fresh = [e for e in unique if e.event_id not in known]
            needed = {e.doc_id for e in fresh}
            arts = {a.id: a for a in articles if a.id in needed}
            new_arts = set(arts) - self.known_ids(arts)
            _insert(con, "articles", [_article_row(arts[i]) for i in sorted(new_arts)])
            self._add_event_rows([event_row(e) for e in fresh])
        return len(fresh), len(events) - len(fresh)

    def _add_event_rows(self, rows: list[tuple[Any, ...]]) -> None:
        """Insert ``event_row`` tuples through ``add_events``."""
        if not rows:
            return
        import pyarrow as pa

        self.con.register("_staged", pa.Table.from_pydict({c: [r[i] for r in rows] for i, c in enumerate(EVENT_COLUMNS)}))
        try:
            self.add_events("_staged")
        finally:
            self.con.unregister("_staged")

    def add_events(self, relation: str, merge: bool = True) -> None:
        """Insert events from ``relation`` (the events columns, by name) with their dyad, day and merge key,
        then re-merge the keys they touch (unless ``merge`` is false: call ``remerge`` after).
        Call inside a transaction, after their articles are stored."""
        from blocwatch.analysis.merged import refresh

        self.con.execute(f"""INSERT INTO events BY NAME
            SELECT s.*, {DYAD} AS dyad,
                   coalesce(s.date, a.published) AS day, {MKEY} AS mkey
            FROM {relation} s LEFT JOIN articles a ON a.id = s.doc_id""")
        if not merge:
            return
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE _touched AS SELECT DISTINCT {MKEY} AS mkey "
                         f"FROM {relation} s WHERE {MKEY} IS NOT NULL")
        try:
            refresh(self.con, "_touched")
        finally:
            self.con.execute("DROP TABLE _touched")

    def remerge(self, events_per_step: int = 1_000_000) -> int:
        """Re-merge every merge key, one slice of keys per transaction so memory stays bounded."""
        from blocwatch.analysis.merged import refresh

        total = self.con.execute("SELECT count(*) FROM events").fetchone()[0]
        steps, written = max(1, -(-total // events_per_step)), 0
        for step in range(steps):
            with self.transaction() as con:
                con.execute(f"CREATE OR REPLACE TEMP TABLE _touched AS SELECT DISTINCT mkey FROM events "
                            f"WHERE mkey IS NOT NULL AND hash(mkey) % {steps} = {step}")
                written += refresh(con, "_touched")
                con.execute("DROP TABLE _touched")
        return written

    # -- reads -----------------------------------------------------------
    def query(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        """Run SQL and return rows as dicts."""
        cur = self.con.execute(sql, params or [])
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row)) for row in cur.fetchall()]

    def counts(self) -> dict[str, int]:
        tables = ("articles", "sentences", "events", "treaty_mentions")
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def check_file(path: Path) -> None:
    """Refuse, before DuckDB touches it, a path that is not a DuckDB database file (a missing file is fine)."""
    if path.is_dir():
        raise StoreError("is a directory, not a database file", path=str(path))
    if not path.exists():
        return
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise StoreError(f"cannot read database file: {exc.strerror or exc}", path=str(path)) from exc
    if head[8:12] == DUCKDB_MAGIC:
        return
    kind = ("an empty file" if not head else "a SQLite database" if head.startswith(b"SQLite format 3")
            else "not a DuckDB file")
    raise StoreError(f"not a blocwatch database ({kind}); give a DuckDB file written by blocwatch, "
                     f"or a new path", path=str(path))


def connect(path: Path, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    """Open ``path``, retrying with backoff while another process holds a conflicting lock.

    Past the wait, raise ``StoreBusyError``; any other failure is a ``StoreError`` naming the file."""
    deadline, delay = time.monotonic() + wait, 0.005
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only, config=CONNECT_CONFIG)
            con.execute("SET enable_progress_bar = false")
            return con
        except duckdb.Error as exc:
            if not _is_lock_conflict(exc):
                raise StoreError(f"cannot open database: {_first_line(exc)}", path=str(path)) from exc
            if time.monotonic() + delay > deadline:
                raise StoreBusyError(f"database is busy: another process holds its lock (waited {wait:g} s); "
                                     "try again", path=str(path)) from exc
        time.sleep(delay * random.uniform(0.5, 1.5))
        delay = min(delay * 2, 0.1)


def _is_lock_conflict(exc: duckdb.Error) -> bool:
    return "Could not set lock" in str(exc) or "Conflicting lock" in str(exc)


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple[Any, ...]]) -> None:
    """Bulk insert through an Arrow table (row-by-row executemany is slow in DuckDB)."""
    if not rows:
        return
    import pyarrow as pa

    cols = [d[0] for d in con.execute(f"SELECT * FROM {table} LIMIT 0").description][:len(rows[0])]
    staged = pa.Table.from_pydict({c: [r[i] for r in rows] for i, c in enumerate(cols)})
    con.register("_staged", staged)
    try:  # columns the rows do not give take their defaults
        names = ", ".join(f'"{c}"' for c in cols)
        con.execute(f"INSERT INTO {table} ({names}) SELECT * FROM _staged")
    finally:
        con.unregister("_staged")


def _article_row(a: Article) -> tuple[Any, ...]:
    from datetime import datetime, timezone

    return (a.id, a.path, a.url, a.title, a.outlet, a.published, a.date_source, a.text,
            datetime.now(timezone.utc).replace(tzinfo=None), a.origin)


def _sentence_row(s: Sentence) -> tuple[Any, ...]:
    return (s.article_id, s.idx, s.start, s.end, s.text)


def _span_cols(span: Any) -> tuple[Any, ...]:
    if span is None:
        return (None,) * 6
    return (span.text, span.start, span.end, span.code, span.country, span.sector)


def event_row(e: Event) -> tuple[Any, ...]:
    """An event as a row of the ``events`` table, in column order."""
    return (e.event_id, e.doc_id, e.sentence, e.sentence_start, e.sentence_end,
            *_span_cols(e.source), *_span_cols(e.target),
            e.plover, e.plover_mode, e.cameo, e.quad_class, e.goldstein, e.modality,
            e.date, e.date_precision, e.location, e.reason, list(e.treaty_ids),
            e.origin, e.origin_id, json.dumps(e.extra, default=str) if e.extra is not None else None)


def _mention_row(m: TreatyMention) -> tuple[Any, ...]:
    return (m.article_id, m.treaty_id, m.sentence_start, m.sentence_end, m.sentence, m.matched, m.reason)
