"""Dyad timelines: per pair and period, counts by quad class, intensity and net cooperation.

``net_cooperation`` = (cooperation events − conflict events), counting merged events of quad
class 1–2 as cooperation and 3–4 as conflict. Only asserted and intended events count.
A period comes from the event date, else the article's publication date.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from blocwatch.actors.codes import NON_COUNTRY
from blocwatch.analysis.dedup import COUNTED_MODALITIES, MergedEvent


def is_country(key: str | None) -> bool:
    """An ISO3-like country key, not a sector or IGO code."""
    return bool(key) and len(key) == 3 and key.isalpha() and key.isupper() and key not in NON_COUNTRY

PERIODS = ("month", "quarter", "year")


def period_of(d: date, by: str) -> str:
    if by == "year":
        return f"{d.year}"
    if by == "quarter":
        return f"{d.year}-Q{(d.month - 1) // 3 + 1}"
    return f"{d.year}-{d.month:02d}"


def involves(m: MergedEvent, a: str, b: str) -> bool:
    return {m.source, m.target} == {a, b}


def timeline(merged: list[MergedEvent], a: str, b: str, by: str = "year", evidence: int = 3) -> list[dict[str, Any]]:
    """One dict per period with events between ``a`` and ``b`` (either direction)."""
    buckets: dict[str, list[MergedEvent]] = defaultdict(list)
    for m in merged:
        if m.date and m.modality in COUNTED_MODALITIES and involves(m, a, b):
            buckets[period_of(m.date, by)].append(m)
    return [_period(p, events, evidence) for p, events in sorted(buckets.items())]


def _period(period: str, events: list[MergedEvent], evidence: int) -> dict[str, Any]:
    quads = {str(q): sum(1 for e in events if e.quad_class == q) for q in (1, 2, 3, 4)}
    scores = [e.goldstein for e in events if e.goldstein is not None]
    top = sorted(events, key=lambda e: (-e.sources, -abs(e.goldstein or 0)))[:evidence]
    return {"period": period, "events": len(events), "mentions": sum(len(e.mentions) for e in events),
            "quad_counts": quads, "mean_goldstein": round(sum(scores) / len(scores), 3) if scores else None,
            "total_goldstein": round(sum(scores), 3),
            "net_cooperation": quads["1"] + quads["2"] - quads["3"] - quads["4"],
            "evidence": [{"merged_id": e.merged_id, "plover": e.plover, "source": e.source, "target": e.target,
                          "date": e.date, **{k: e.to_dict(1)["evidence"][0][k]
                             for k in ("sentence", "doc_id", "event_id", "source_text", "target_text")}}
                         for e in top]}


def active_pairs(merged: list[MergedEvent], limit: int = 6) -> list[tuple[str, str]]:
    """The most active country pairs (by merged events)."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for m in merged:
        if m.target and m.source != m.target and is_country(m.source) and is_country(m.target) \
                and m.modality in COUNTED_MODALITIES:
            counts[tuple(sorted((m.source, m.target)))] += 1
    return [p for p, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]
