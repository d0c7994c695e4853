"""API: import GDELT, ICEWS and PLOVER event files; export PLOVER JSON lines."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from blocwatch.errors import BlocwatchError, QueryError
from blocwatch.interop import FORMATS, ORIGINS, Imported, Skipped, read_records
from blocwatch.interop.plover import to_plover
from blocwatch.records import Failure
from blocwatch.store import Store

log = logging.getLogger(__name__)

__all__ = ["ImportReport", "import_events", "export_plover", "parse_origins"]


@dataclass
class ImportReport:
    """What an import run did: events read, newly stored, already stored, skipped and failed."""

    db: str
    format: str
    read: int = 0
    new: int = 0
    duplicate: int = 0
    skipped: int = 0
    failed: int = 0
    failures: list[Failure] = field(default_factory=list)
    skip_reasons: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"db": self.db, "format": self.format, "read": self.read, "new": self.new,
                "duplicate": self.duplicate, "skipped": self.skipped, "failed": self.failed,
                "skip_reasons": self.skip_reasons,
                "failures": [{"path": f.path, "reason": f.reason} for f in self.failures]}


def import_events(paths: Sequence[str], format: str, db: str | None = None, *, batch_size: int = 5000,
                  on_failure: Callable[[Failure], None] | None = None) -> ImportReport:
    """Load external events into the store with ``origin`` set to the format; idempotent.

    Files are streamed (plain, .gz or .zip) and written in transactions of ``batch_size`` events.
    The database lock is taken per transaction. A bad line becomes a ``Failure`` (``path`` is ``file:line``) and the rest still loads; a line
    that is valid but has no PLOVER type is skipped and counted by reason.
    """
    if format not in FORMATS:
        raise QueryError(f"--format must be one of {', '.join(FORMATS)}, got {format!r}")
    with Store(db, verify=True) as store:  # create or migrate, and check the file reads cleanly
        report = ImportReport(db=str(store.path), format=format)
    for path in paths:
        items = _guarded(path, report, on_failure)
        while batch := list(islice(items, batch_size)):
            report.read += len(batch)
            with Store(report.db) as store:  # the lock is held per commit, so readers get in between
                new, dup = store.write_imported([i.article for i in batch], [i.event for i in batch])
            report.new += new
            report.duplicate += dup
    return report


def _guarded(path: str, report: ImportReport, on_failure) -> Iterable[Imported]:
    """The imported events of one file; failures and skips are counted, not yielded."""
    def fail(f: Failure) -> None:
        report.failed += 1
        report.failures.append(f)
        if on_failure:
            on_failure(f)

    try:
        for item in read_records(report.format, path):
            if isinstance(item, Imported):
                yield item
            elif isinstance(item, Skipped):
                report.skipped += 1
                report.skip_reasons[item.reason] = report.skip_reasons.get(item.reason, 0) + 1
            else:
                fail(item)
    except BlocwatchError as exc:
        fail(Failure(exc.path or path, exc.message))


def parse_origins(origin: str | Sequence[str] | None) -> list[str] | None:
    """``"gdelt,icews"`` or a list → checked origin names; None or "all" → None (every origin)."""
    if origin is None:
        return None
    names = [o.strip().lower() for o in (origin.split(",") if isinstance(origin, str) else origin) if o.strip()]
    if not names or names == ["all"]:
        return None
    unknown = [o for o in names if o not in ORIGINS]
    if unknown:
        raise QueryError(f"--origin must be all or among {', '.join(ORIGINS)}, got {', '.join(unknown)}")
    return names


EXPORT_ROWS = """SELECT e.*, a.published AS a_published, a.title AS a_title, a.path AS a_path, a.url AS a_url,
                        a.outlet AS a_outlet, s.idx AS sentence_idx
                 FROM events e JOIN articles a ON a.id = e.doc_id
                 LEFT JOIN sentences s ON s.article_id = e.doc_id AND s.start = e.sentence_start"""


def export_plover(out: str | Path, db: str | None = None, origin: str | Sequence[str] | None = None) -> Path:
    """Write every stored event (of ``origin``) as one PLOVER JSON record per line; returns the file."""
    origins = parse_origins(origin)
    where, params = ("WHERE list_contains(?, e.origin)", [origins]) if origins else ("", [])
    path = Path(out)
    with Store(db, read_only=True) as store, open(path, "w", encoding="utf-8") as fh:
        cur = store.con.execute(f"{EXPORT_ROWS} {where} ORDER BY coalesce(e.date, a.published), e.event_id",
                                params)
        cols = [d[0] for d in cur.description]
        while rows := cur.fetchmany(2000):
            for row in rows:
                fh.write(json.dumps(to_plover(dict(zip(cols, row))), ensure_ascii=False, default=str) + "\n")
    return path
