"""Merging duplicate event mentions into events.

Two mentions are the same event when they have the same PLOVER type, the same dyad (unordered for
AGREE/CONSULT/COOPERATE), the same modality, and dates that agree: within ``DAY_WINDOW`` days for
day precision, the same month or year for vaguer dates. A mention with no event date uses its
article's publication date. Raw mentions stay in the ``events`` table; this is computed on read.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from blocwatch.events.lexicon import RECIPROCAL
from blocwatch.sources import independent_sources

DAY_WINDOW = 3
COUNTED_MODALITIES = ("asserted", "intended")


@dataclass
class MergedEvent:
    """One event with all the mentions that report it."""

    merged_id: str
    source: str
    target: str | None
    plover: str
    quad_class: int | None
    goldstein: float | None
    modality: str
    date: date | None
    date_precision: str | None
    mentions: list[dict[str, Any]] = field(default_factory=list)

    @property
    def sources(self) -> int:
        """Distinct articles reporting the event."""
        return len({m["doc_id"] for m in self.mentions})

    @property
    def sources_independent(self) -> int:
        """Distinct outlets reporting the event that are not state-controlled (see ``blocwatch.sources``)."""
        return independent_sources(self.mentions)

    def to_dict(self, evidence: int = 5) -> dict[str, Any]:
        return {"merged_id": self.merged_id, "source": self.source, "target": self.target, "plover": self.plover,
                "quad_class": self.quad_class, "goldstein": self.goldstein, "modality": self.modality,
                "date": self.date, "date_precision": self.date_precision, "mentions": len(self.mentions),
                "sources": self.sources, "sources_independent": self.sources_independent, "event_ids": [m["event_id"] for m in self.mentions],
                "evidence": [evidence_of(m) for m in self.mentions[:evidence]]}


def evidence_of(row: dict[str, Any]) -> dict[str, Any]:
    """The evidence of one mention: sentence, article, and source/target spans within the sentence."""
    def rel(prefix: str) -> list[int] | None:
        if row.get(f"{prefix}_start") is None:
            return None
        return [row[f"{prefix}_start"] - row["sentence_start"], row[f"{prefix}_end"] - row["sentence_start"]]

    return {"event_id": row["event_id"], "doc_id": row["doc_id"], "sentence": row["sentence"],
            "source_text": row.get("source_text"), "target_text": row.get("target_text"), "title": row.get("a_title"), "published": row.get("a_published"),
            "source_span": rel("source"), "target_span": rel("target")}


def actor_key(row: dict[str, Any], side: str) -> str | None:
    return row.get(f"{side}_country") or row.get(f"{side}_code")


def event_day(row: dict[str, Any]) -> tuple[date | None, str | None]:
    if row.get("date"):
        return row["date"], row.get("date_precision") or "day"
    return row.get("a_published"), "day" if row.get("a_published") else None


def _bucket_key(row: dict[str, Any]) -> tuple | None:
    src, tgt = actor_key(row, "source"), actor_key(row, "target")
    if src is None:
        return None
    pair = tuple(sorted((src, tgt or ""))) if row["plover"] in RECIPROCAL else (src, tgt or "")
    return (row["plover"], pair, row["modality"])


def _same(a: tuple[date | None, str | None], b: tuple[date | None, str | None]) -> bool:
    (da, pa), (db, pb) = a, b
    if da is None or db is None:
        return da is None and db is None
    if "year" in (pa, pb) or "month" in (pa, pb):
        # A mention dated only by year or month is the same event as one of the same precision and period
        # alone: "visited China twice this year" cannot be told from a visit of 20 May, and as the first of
        # a cluster it would take in every mention of the year.
        if pa != pb:
            return False
        return da.year == db.year if pa == "year" else (da.year, da.month) == (db.year, db.month)
    return abs((da - db).days) <= DAY_WINDOW


def merge(rows: list[dict[str, Any]]) -> list[MergedEvent]:
    """Group raw event rows (with ``a_published``) into merged events, oldest first."""
    groups: dict[tuple, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        key = _bucket_key(row)
        if key:
            groups[key].append(row)
    merged: list[MergedEvent] = []
    for (plover, pair, modality), members in groups.items():
        members.sort(key=lambda r: (event_day(r)[0] or date.max, r["event_id"]))
        clusters: list[list[dict[str, Any]]] = []
        for row in members:
            if clusters and _same(event_day(clusters[-1][0]), event_day(row)):
                clusters[-1].append(row)
            else:
                clusters.append([row])
        merged += [_merged(c) for c in clusters]
    return sorted(merged, key=lambda m: (m.date or date.max, m.merged_id))


def unmerged(rows: list[dict[str, Any]]) -> list[MergedEvent]:
    """Every raw mention as its own event (for counting mentions instead of events)."""
    out = [_merged([row]) for row in rows if _bucket_key(row)]
    return sorted(out, key=lambda m: (m.date or date.max, m.merged_id))


def _merged(cluster: list[dict[str, Any]]) -> MergedEvent:
    first = cluster[0]
    precise = min(cluster, key=lambda r: {"day": 0, "month": 1, "year": 2}.get(event_day(r)[1], 3))
    when, precision = event_day(precise)
    ids = sorted(r["event_id"] for r in cluster)
    return MergedEvent(hashlib.sha1("|".join(ids).encode()).hexdigest()[:16], actor_key(first, "source"),
                       actor_key(first, "target"), first["plover"], first["quad_class"], first["goldstein"],
                       first["modality"], when, precision, cluster)


Day = tuple[date | None, str | None]  # (date, precision)


def same_event(a: Day, b: Day) -> bool:
    """Whether two mentions' (date, precision) agree; ``analysis.merged`` keeps ``merged_events`` by this rule."""
    return _same(a, b)
