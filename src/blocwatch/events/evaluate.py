"""Scoring the coder against a PLV-format gold TSV (sentence, source, target, gold_root, gold_penta).

An event matches a row when its source span overlaps the gold source span and its target span
overlaps the gold target span (either direction for AGREE/CONSULT/COOPERATE). Gold YIELD counts
as CONCEDE or RETREAT.

Every report also gives ``country_share``: of the events that have a target, the share whose source
and target both carry a country code. ``corpus_report`` gives it (and how articles were dated) for a
directory of articles, with no gold.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from blocwatch.errors import InputError
from blocwatch.events.lexicon import RECIPROCAL
from blocwatch.records import Event

REQUIRED = ("sentence", "source", "target", "gold_root", "gold_penta")
ALIASES = {"YIELD": {"CONCEDE", "RETREAT"}}


@dataclass(frozen=True)
class GoldRow:
    sentence: str
    source: str
    target: str
    root: str
    quad: int
    sentence_id: str | None = None


@dataclass
class EvalReport:
    rows: int = 0
    matched: int = 0
    root_correct: int = 0
    quad_correct: int = 0
    events: int = 0
    with_target: int = 0
    both_countries: int = 0
    confusion: Counter = field(default_factory=Counter)

    def metrics(self) -> dict[str, float]:
        n = max(self.rows, 1)
        return {"dyad_recall": self.matched / n, "root_accuracy": self.root_correct / n,
                "root_accuracy_matched": self.root_correct / max(self.matched, 1),
                "quad_accuracy_matched": self.quad_correct / max(self.matched, 1),
                "macro_f1": sum(self.f1().values()) / max(len(self.f1()), 1),
                "events_per_sentence": self.events / n,
                "country_share": self.both_countries / max(self.with_target, 1)}

    def f1(self) -> dict[str, float]:
        """End-to-end F1 of each gold root: a row counts for its predicted root only where the dyad matched."""
        tp, fp, fn = Counter(), Counter(), Counter()
        for (gold, pred), c in self.confusion.items():
            if root_ok(gold, pred):
                tp[gold] += c
            else:
                fn[gold] += c
                fp[next((g for g in ALIASES if pred in ALIASES[g]), pred)] += c
        return {g: 2 * tp[g] / (2 * tp[g] + fp[g] + fn[g]) for g in sorted({g for g, _ in self.confusion})}

    def to_dict(self) -> dict[str, Any]:
        return {"rows": self.rows, "matched": self.matched, **self.metrics(),
                "f1": [{"root": g, "f1": f} for g, f in self.f1().items()],
                "confusion": [{"gold": g, "predicted": p, "count": c} for (g, p), c in self.confusion.most_common()]}


def read_gold(path: str | Path) -> list[GoldRow]:
    try:
        fh = open(path, encoding="utf-8", newline="")
    except OSError as exc:
        raise InputError(f"cannot read gold file ({exc.strerror})", path=str(path)) from exc
    with fh:
        reader = csv.DictReader(fh, delimiter="\t")
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(f"not a PLV file: missing columns {', '.join(missing)}", path=str(path))
        return [GoldRow(r["sentence"], r["source"], r["target"], r["gold_root"].strip().upper(),
                        int(r["gold_penta"] or 0), r.get("sentence_id")) for r in reader]


def _span(sentence: str, text: str) -> tuple[int, int] | None:
    at = sentence.find(text) if text else -1
    return (at, at + len(text)) if at >= 0 else None


def _overlap(a: tuple[int, int] | None, start: int, end: int) -> bool:
    return a is not None and start < a[1] and a[0] < end


def matches(row: GoldRow, event: Event) -> bool:
    src, tgt = _span(row.sentence, row.source), _span(row.sentence, row.target)
    if event.target is None:
        return False
    s, t = event.source, event.target
    forward = _overlap(src, s.start, s.end) and _overlap(tgt, t.start, t.end)
    backward = event.plover in RECIPROCAL and _overlap(src, t.start, t.end) and _overlap(tgt, s.start, s.end)
    return forward or backward


def root_ok(gold: str, predicted: str) -> bool:
    return predicted == gold or predicted in ALIASES.get(gold, ())


def score(rows: Iterable[GoldRow], events_per_row: Iterable[list[Event]]) -> EvalReport:
    report = EvalReport()
    for row, events in zip(rows, events_per_row):
        report.rows += 1
        report.events += len(events)
        report.with_target, report.both_countries = _count_countries(events, report.with_target,
                                                                     report.both_countries)
        hits = [e for e in events if matches(row, e)]
        if not hits:
            report.confusion[(row.root, "—")] += 1
            continue
        report.matched += 1
        best = next((e for e in hits if root_ok(row.root, e.plover)), hits[0])
        report.confusion[(row.root, best.plover)] += 1
        report.root_correct += root_ok(row.root, best.plover)
        report.quad_correct += best.quad_class == row.quad
    return report


def _count_countries(events: list[Event], with_target: int, both: int) -> tuple[int, int]:
    for e in events:
        if e.target is not None:
            with_target += 1
            both += bool(e.source.country and e.target.country)
    return with_target, both


@dataclass
class CorpusReport:
    """Coding a directory of articles without gold: how articles were dated and how many events have
    a country on both sides."""

    articles: int = 0
    failed: int = 0
    dated_by: Counter = field(default_factory=Counter)
    events: int = 0
    with_target: int = 0
    both_countries: int = 0
    uncoded: Counter = field(default_factory=Counter)  # actor texts with no country, as source or target

    def add(self, date_source: str | None, events: list[Event]) -> None:
        self.articles += 1
        self.dated_by[date_source or "undated"] += 1
        self.events += len(events)
        self.with_target, self.both_countries = _count_countries(events, self.with_target, self.both_countries)
        for e in events:
            for side in (e.source, e.target):
                if side is not None and not side.country:
                    self.uncoded[side.text] += 1

    def to_dict(self) -> dict[str, Any]:
        return {"articles": self.articles, "failed": self.failed, "events": self.events,
                "events_with_target": self.with_target, "both_countries": self.both_countries,
                "country_share": self.both_countries / max(self.with_target, 1),
                "dated_by": dict(sorted(self.dated_by.items())),
                "uncoded_actors": [{"text": t, "count": c} for t, c in self.uncoded.most_common(25)]}
