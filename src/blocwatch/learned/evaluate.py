"""Model-level scores on examples with gold spans: span and dyad recall, root accuracy, macro-F1."""

from __future__ import annotations

from collections import Counter
from typing import Any

from blocwatch.learned.data import Example
from blocwatch.learned.model import SpanGuess

RECIPROCAL = frozenset({"AGREE", "CONSULT", "COOPERATE"})
NONE_THRESHOLD = 0.5


def _hit(guess: SpanGuess | None, gold: tuple[int, int] | None) -> bool:
    return guess is not None and gold is not None and guess.start < gold[1] and gold[0] < guess.end


def macro_f1(pairs: list[tuple[str, str]]) -> float:
    """Macro-averaged F1 over the gold classes of (gold, predicted) pairs."""
    tp, fp, fn = Counter(), Counter(), Counter()
    for gold, pred in pairs:
        if gold == pred:
            tp[gold] += 1
        else:
            fn[gold] += 1
            fp[pred] += 1
    f1s = [2 * tp[c] / (2 * tp[c] + fp[c] + fn[c]) for c in {g for g, _ in pairs}]
    return sum(f1s) / max(len(f1s), 1)


def model_metrics(model: Any, examples: list[Example]) -> dict[str, float]:
    """Scores of ``model.predict`` against the gold spans and labels of ``examples``."""
    events = [e for e in examples if e.label != "NONE"]
    negatives = [e for e in examples if e.label == "NONE"]
    preds = model.predict([e.text for e in events + negatives])
    src = tgt = dyad = root = both = 0
    pairs = []
    for ex, p in zip(events, preds):
        s, t = _hit(p.source, ex.source), _hit(p.target, ex.target)
        if ex.label in RECIPROCAL and not (s and t):
            s = t = _hit(p.source, ex.target) and _hit(p.target, ex.source)
        src, tgt, dyad = src + s, tgt + t, dyad + (s and t)
        root += p.label == ex.label
        both += (s and t) and p.label == ex.label
        pairs.append((ex.label, p.label if s and t else "—"))
    n = max(len(events), 1)
    none_right = sum(p.p_none >= NONE_THRESHOLD for p in preds[len(events):])
    none_wrong = sum(p.p_none >= NONE_THRESHOLD for p in preds[:len(events)])
    return {"sentences": float(len(events)), "source_recall": src / n, "target_recall": tgt / n,
            "dyad_recall": dyad / n, "root_accuracy_gold_spans": root / n, "end_to_end_accuracy": both / n,
            "macro_f1_end_to_end": macro_f1(pairs), "negatives": float(len(negatives)),
            "negatives_none": none_right / max(len(negatives), 1), "events_none": none_wrong / n}
