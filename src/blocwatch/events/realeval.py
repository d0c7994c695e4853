"""Scoring the coder on real stories annotated sentence by sentence (``blocwatch eval --format real``).

Gold (stand-off, ``gold/kcna2011/gold.jsonl``): one line a story, ``{"id", "published", "split",
"sentences": [[start, end, [{"src", "tgt", "type", "modality"}, ...]], ...]}``; the story text comes
from the corpus (``id`` → ``text``). A predicted event belongs to the gold sentence its evidence
sentence overlaps most.

What is scored: *asserted international events* at country level: source and target carry
different countries; modality ``asserted``. An event matches a gold event of the same sentence when
the countries are the same in the same order (either order when the type is CONSULT, COOPERATE or
AGREE) and, for the typed score, the PLOVER root is the same. Matching is one to one.

Each unmatched prediction is given one error kind: ``no event`` (its sentence holds no gold event),
``modality`` (it matches a gold event of another modality), ``direction`` (the gold event runs the
other way), ``type`` (same countries, other root), ``country`` (the sentence holds events, none
between these countries). Each missed gold event is ``not found`` (no prediction in the sentence
between its countries) or ``wrong type``/``wrong direction``/``other modality``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from blocwatch.errors import InputError, QueryError
from blocwatch.events.realgold import SYMMETRIC_TYPES

TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
         "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
MODALITIES = ("asserted", "intended", "hypothetical", "negated", "alleged")


@dataclass(frozen=True)
class GoldEvent:
    src: str
    tgt: str
    type: str
    modality: str = "asserted"


@dataclass(frozen=True)
class GoldSentence:
    start: int
    end: int
    events: tuple[GoldEvent, ...]


@dataclass(frozen=True)
class GoldStory:
    id: str
    published: str | None
    split: str
    sentences: tuple[GoldSentence, ...]


@dataclass(frozen=True)
class Predicted:
    """One coded event reduced to what the gold records, with its sentence's index in the story."""

    sentence: int
    src: str | None
    tgt: str | None
    type: str
    modality: str


def read_real_gold(path: str | Path) -> list[GoldStory]:
    """The stories of a real-news gold file; one line that does not parse is an error naming its line."""
    try:
        lines = Path(path).read_text("utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"cannot read gold file ({exc.strerror})", path=str(path)) from exc
    stories = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            sents = tuple(GoldSentence(int(a), int(b), tuple(_gold_event(e) for e in evs))
                          for a, b, evs in rec["sentences"])
            stories.append(GoldStory(str(rec["id"]), rec.get("published"), rec.get("split", "test"), sents))
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"line {n}: not a real-news gold record ({exc})", path=str(path)) from exc
    return stories


def _gold_event(e: dict[str, Any]) -> GoldEvent:
    ev = GoldEvent(str(e["src"]).upper(), str(e["tgt"]).upper(), str(e["type"]).upper(),
                   str(e.get("modality", "asserted")).lower())
    if ev.type not in TYPES or ev.modality not in MODALITIES:
        raise ValueError(f"unknown type or modality in {e}")
    return ev


def sentence_of(sentences: tuple[GoldSentence, ...], start: int, end: int) -> int | None:
    """The index of the gold sentence that overlaps [start, end) most."""
    best, most = None, 0
    for i, s in enumerate(sentences):
        over = min(end, s.end) - max(start, s.start)
        if over > most:
            best, most = i, over
    return best


def _dyad_ok(g_src: str, g_tgt: str, g_type: str, p: Predicted) -> bool:
    if (p.src, p.tgt) == (g_src, g_tgt):
        return True
    return (p.tgt, p.src) == (g_src, g_tgt) and (g_type in SYMMETRIC_TYPES or p.type in SYMMETRIC_TYPES)


def _typed_ok(g: GoldEvent, p: Predicted) -> bool:
    return p.type == g.type and _dyad_ok(g.src, g.tgt, g.type, p)


INTERVAL_DRAWS = 1000  # resamples of the stories for RealReport.intervals
INTERVAL_SEED = 2011  # fixed, so a report gives the same intervals every time


def _draws(stories: int, draws: int, seed: int) -> Any:
    """How many times each story is drawn in each of ``draws`` resamples: an array [draws, stories]."""
    import numpy as np

    return np.random.default_rng(seed).multinomial(stories, np.full(stories, 1.0 / stories), size=draws)


def _resampled(per_story: list, times: Any) -> dict[str, Any]:
    """Precision, recall, F1 and the dyad figures of each resample (``times``: see ``_draws``)."""
    import numpy as np

    tp, predicted, gold, dyad_tp, dyad_gold = (times @ np.asarray(per_story, dtype=np.float64)).T

    def share(a: Any, b: Any) -> Any:
        return np.divide(a, b, out=np.zeros_like(a), where=b > 0)

    p, r = share(tp, predicted), share(tp, gold)
    return {"precision": p, "recall": r, "f1": share(2 * p * r, p + r), "dyad_precision": share(dyad_tp, predicted),
            "dyad_recall": share(dyad_gold, gold)}


def _central(values: Any, level: float) -> tuple[float, float]:
    import numpy as np

    lo, hi = np.percentile(values, [50 * (1 - level), 50 * (1 + level)])
    return round(float(lo), 4), round(float(hi), 4)


@dataclass
class RealReport:
    stories: int = 0
    sentences: int = 0
    sentences_with_events: int = 0
    gold: int = 0  # asserted international gold events
    predicted: int = 0  # asserted international predicted events (deduplicated per sentence)
    predicted_all: int = 0  # every coded event, any modality, with or without countries
    typed_tp: int = 0
    moded_gold: int = 0  # international gold events of every modality
    moded_predicted: int = 0  # international predicted events of every modality (deduplicated per sentence)
    moded_tp: int = 0  # of those, matching a gold event in type, direction and modality
    dyad_tp: int = 0
    dyad_gold_tp: int = 0
    sides: int = 0  # sides of events in sentences that hold gold events
    sides_without_country: int = 0
    sides_country_in_gold: int = 0
    with_target: int = 0
    both_countries: int = 0
    fp_kinds: Counter = field(default_factory=Counter)
    fn_kinds: Counter = field(default_factory=Counter)
    fp_examples: list = field(default_factory=list)
    fn_examples: list = field(default_factory=list)
    by_type: Counter = field(default_factory=Counter)
    # per story: typed matches, predicted, gold, dyad matches of predictions, gold events whose dyad was found
    per_story: list = field(default_factory=list)
    story_ids: list = field(default_factory=list)  # the stories of per_story, in order

    def metrics(self) -> dict[str, float]:
        def ratio(a: int, b: int) -> float:
            return a / b if b else 0.0

        p, r = ratio(self.typed_tp, self.predicted), ratio(self.typed_tp, self.gold)
        dp, dr = ratio(self.dyad_tp, self.predicted), ratio(self.dyad_gold_tp, self.gold)
        with_country = self.sides - self.sides_without_country
        return {"precision": p, "recall": r, "f1": ratio(2 * p * r, p + r) if p + r else 0.0,
                "dyad_precision": dp, "dyad_recall": dr, "dyad_f1": ratio(2 * dp * dr, dp + dr) if dp + dr else 0.0,
                "events_per_sentence": ratio(self.predicted_all, self.sentences),
                "international_per_sentence": ratio(self.predicted, self.sentences),
                "gold_per_sentence": ratio(self.gold, self.sentences),
                "side_country_right": ratio(self.sides_country_in_gold, with_country),
                "side_country_missing": ratio(self.sides_without_country, self.sides),
                "country_share": ratio(self.both_countries, self.with_target),
                "all_modalities_precision": ratio(self.moded_tp, self.moded_predicted),
                "all_modalities_recall": ratio(self.moded_tp, self.moded_gold)}

    def add(self, story: GoldStory, predicted: Iterable[Predicted]) -> None:
        before = self._story_counts()
        self.stories += 1
        self.sentences += len(story.sentences)
        preds = list(predicted)
        self.predicted_all += len(preds)
        for p in preds:
            if p.tgt is not None or p.src is not None:
                self.with_target += 1
                self.both_countries += bool(p.src and p.tgt)
        for i, sent in enumerate(story.sentences):
            here = [p for p in preds if p.sentence == i]
            self._sides(sent, here)
            self._sentence(story.id, i, sent, here)
        self.per_story.append(tuple(b - a for a, b in zip(before, self._story_counts())))
        self.story_ids.append(story.id)

    def _story_counts(self) -> tuple[int, int, int, int, int]:
        return self.typed_tp, self.predicted, self.gold, self.dyad_tp, self.dyad_gold_tp

    def intervals(self, level: float = 0.95, draws: int = INTERVAL_DRAWS,
                  seed: int = INTERVAL_SEED) -> dict[str, tuple[float, float]]:
        """Percentile bootstrap intervals of precision, recall and F1 (typed, and of the country pair alone):
        the stories are drawn again with replacement ``draws`` times (whole stories: the sentences of one story
        are not independent), and each figure's central ``level`` share of the draws is its interval. How far a
        figure could move on another sample of such stories (on 400 stories, recall 0.65 moves about ±0.045).
        Deterministic: a fixed ``seed``."""
        if not self.per_story:
            return {}
        figures = _resampled(self.per_story, _draws(len(self.per_story), draws, seed))
        return {name: _central(v, level) for name, v in figures.items()}

    def difference(self, other: "RealReport", level: float = 0.95, draws: int = INTERVAL_DRAWS,
                   seed: int = INTERVAL_SEED) -> dict[str, dict[str, Any]]:
        """This report's figures less ``other``'s, scored on the same stories (another coder, or this coder
        before a change), each with a paired bootstrap interval: both reports are drawn on the same resampled
        stories, so a story hard for both weighs on both alike, and the interval is far narrower than either
        report's own. A difference whose interval holds 0 is within what the sample of stories allows."""
        if self.story_ids != other.story_ids:
            raise QueryError("the two reports do not score the same stories in the same order")
        if not self.per_story:
            return {}
        times = _draws(len(self.per_story), draws, seed)
        mine, theirs = _resampled(self.per_story, times), _resampled(other.per_story, times)
        here, there = self.metrics(), other.metrics()
        return {name: {"difference": round(here[name] - there[name], 4),
                       "interval": list(_central(mine[name] - theirs[name], level))} for name in mine}

    @classmethod
    def from_dict(cls, report: dict[str, Any], path: str | None = None) -> "RealReport":
        """A report saved by ``to_dict`` (``blocwatch eval --format real --json``), as far as its per-story counts
        go: enough for its precision, recall and F1, their intervals, and ``difference`` against a report of the
        same stories (the same coder before a change, scored by an earlier version of the code)."""
        rep = cls()
        try:
            for row in report["per_story"]:
                story, counts = str(row[0]), tuple(int(x) for x in row[1:6])
                if len(counts) != 5:
                    raise ValueError(f"story {story!r} has {len(counts)} counts, not 5")
                rep.story_ids.append(story)
                rep.per_story.append(counts)
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            raise InputError(f"not a report of `blocwatch eval --format real --json` with per-story counts ({exc})",
                             path=path) from exc
        rep.stories = len(rep.per_story)
        rep.typed_tp, rep.predicted, rep.gold, rep.dyad_tp, rep.dyad_gold_tp = (
            sum(c[k] for c in rep.per_story) for k in range(5))
        return rep

    @classmethod
    def read(cls, path: str | Path) -> "RealReport":
        """A report ``blocwatch eval --format real --json`` wrote to ``path`` (see ``from_dict``)."""
        try:
            raw = json.loads(Path(path).read_text("utf-8"))
        except OSError as exc:
            raise InputError(f"cannot read the saved report ({exc.strerror})", path=str(path)) from exc
        except ValueError as exc:
            raise InputError(f"the saved report is not JSON ({exc})", path=str(path)) from exc
        return cls.from_dict(raw, str(path))

    def _sides(self, sent: GoldSentence, here: list[Predicted]) -> None:
        if not sent.events:
            return
        countries = {c for e in sent.events for c in (e.src, e.tgt)}
        for p in here:
            for side in (p.src, p.tgt):
                self.sides += 1
                if side is None:
                    self.sides_without_country += 1
                else:
                    self.sides_country_in_gold += side in countries

    def _sentence(self, story: str, i: int, sent: GoldSentence, here: list[Predicted]) -> None:
        gold = [e for e in sent.events if e.modality == "asserted" and e.src != e.tgt]
        other = [e for e in sent.events if e.modality != "asserted"]
        self.sentences_with_events += bool(sent.events)
        self.gold += len(gold)
        preds = _international(p for p in here if p.modality == "asserted")
        self.predicted += len(preds)
        # typed one-to-one matching
        free = list(gold)
        unmatched = []
        for p in preds:
            g = next((g for g in free if _typed_ok(g, p)), None)
            if g is None:
                unmatched.append(p)
                continue
            free.remove(g)
            self.typed_tp += 1
            self.by_type[(g.type, "tp")] += 1
        # untyped (country pair and direction) one-to-one matching
        dfree = list(gold)
        for p in preds:
            g = next((g for g in dfree if _dyad_ok(g.src, g.tgt, g.type, p)), None)
            if g is not None:
                dfree.remove(g)
                self.dyad_tp += 1
        self.dyad_gold_tp += len(gold) - len(dfree)
        self._with_modalities(sent, here)
        for p in unmatched:
            kind = _fp_kind(p, sent, gold, other)
            self.fp_kinds[kind] += 1
            self.by_type[(p.type, "fp")] += 1
            self.fp_examples.append({"story": story, "sentence": i, "kind": kind,
                                     "predicted": f"{p.src}->{p.tgt} {p.type}"})
        for g in free:
            kind = _fn_kind(g, [p for p in here if p.src and p.tgt])
            self.fn_kinds[kind] += 1
            self.by_type[(g.type, "fn")] += 1
            self.fn_examples.append({"story": story, "sentence": i, "kind": kind,
                                     "gold": f"{g.src}->{g.tgt} {g.type}"})

    def _with_modalities(self, sent: GoldSentence, here: list[Predicted]) -> None:
        """International events of every modality, matched in type, direction and modality ("will visit China"
        is an intended CONSULT): what an analyst reads of plans, threats and denials, not only of acts."""
        gold = [e for e in sent.events if e.src != e.tgt]
        preds = _international(here)
        self.moded_gold += len(gold)
        self.moded_predicted += len(preds)
        free = list(gold)
        for p in preds:
            g = next((g for g in free if g.modality == p.modality and _typed_ok(g, p)), None)
            if g is not None:
                free.remove(g)
                self.moded_tp += 1

    def per_type(self) -> list[dict[str, Any]]:
        out = []
        for t in TYPES:
            tp, fp, fn = (self.by_type[(t, k)] for k in ("tp", "fp", "fn"))
            if tp + fp + fn:
                out.append({"type": t, "gold": tp + fn, "predicted": tp + fp,
                            "precision": tp / (tp + fp) if tp + fp else 0.0,
                            "recall": tp / (tp + fn) if tp + fn else 0.0})
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"stories": self.stories, "sentences": self.sentences,
                "sentences_with_events": self.sentences_with_events, "gold_events": self.gold,
                "predicted_events": self.predicted, "matched": self.typed_tp, **self.metrics(),
                "intervals": {"level": 0.95, "draws": INTERVAL_DRAWS, "by": "story",
                              **{k: list(v) for k, v in self.intervals().items()}},
                # per story: id, typed matches, predicted, gold, dyad matches, gold events whose dyad was found
                "per_story": [[i, *c] for i, c in zip(self.story_ids, self.per_story)],
                "false_positives": dict(self.fp_kinds.most_common()),
                "false_negatives": dict(self.fn_kinds.most_common()),
                "per_type": self.per_type(),
                "fp_examples": self.fp_examples[:200], "fn_examples": self.fn_examples[:200]}


def _international(preds: Iterable[Predicted]) -> list[Predicted]:
    """The international events among ``preds`` (two different countries), each once: a duplicate, or a symmetric
    event listed the other way round before, is dropped."""
    out = list(dict.fromkeys(p for p in preds if p.src and p.tgt and p.src != p.tgt))
    return [p for p in out if not _mirror_seen(p, out)]


def _mirror_seen(p: Predicted, preds: list[Predicted]) -> bool:
    """A symmetric event already listed the other way round (CONSULT X→Y and Y→X are one meeting)."""
    if p.type not in SYMMETRIC_TYPES:
        return False
    mirror = Predicted(p.sentence, p.tgt, p.src, p.type, p.modality)
    return mirror in preds and preds.index(mirror) < preds.index(p)


def _fp_kind(p: Predicted, sent: GoldSentence, gold: list[GoldEvent], other: list[GoldEvent]) -> str:
    if not sent.events:
        return "no event"
    if any(_typed_ok(g, p) for g in other):
        return "modality"
    if any(g.type == p.type and (p.src, p.tgt) == (g.tgt, g.src) for g in gold):
        return "direction"
    if any(_dyad_ok(g.src, g.tgt, g.type, p) for g in gold):
        return "type"
    return "country"


def _fn_kind(g: GoldEvent, preds: list[Predicted]) -> str:
    if any(_typed_ok(g, p) for p in preds):
        return "other modality"
    if any(p.type == g.type and (p.src, p.tgt) == (g.tgt, g.src) for p in preds):
        return "wrong direction"
    if any(_dyad_ok(g.src, g.tgt, g.type, p) for p in preds):
        return "wrong type"
    return "not found"
