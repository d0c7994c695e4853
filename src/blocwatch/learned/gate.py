"""The story gate: which of the pair head's candidate events a story keeps.

The pair head reads one sentence; the annotators read the story. A pair the head finds unlikely in
one sentence ("The south Korean ruling forces paid a high price for their treachery": DPRK → south
Korea, ACCUSE, p 0.3) is likely where the headline and the sentences around it make the same pair
likely; a likely pair that nothing else in the story repeats is often no event. Fixed floors on the
pair's probability (one for named sides, higher ones for implied sides and headlines) kept 0.757 of
its candidates right and found 0.698 of the gold events on 904 real stories. The gate is a logistic
model over the pair's probabilities, whether the sentence names its sides, and what the rest of the
story says of the same pair; the learned coder keeps a pair the gate scores over its threshold, and a
pair over the floors unless the gate scores it under ``learned.coder.GATE_VETO`` (alone, the gate
dropped clear events of short stories that no headline restates).

Its weights are ``gate.json`` beside the model (``scripts/train_gate.py`` fits them on real stories
the encoder never saw); a model directory without one keeps the floors (``LearnedCoder``).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from blocwatch.errors import ModelError
from blocwatch.learned.pairs import PairInput, implied

GATE_FILE = "gate.json"
MIN_CANDIDATE = 0.1  # a pair whose best root has less than this is no candidate (nor was one in training)
LIKELY = 0.5  # a pair "likely" in another sentence of the story: its best root has at least this
STORY_PAIRS_CAP = 5
# The features, in order; the per-root ones follow (``feature_names``). "Context" features read the other
# sentences the model read in the story: the headline (where the story has one), the sentence before and after.
BASE_FEATURES = ("p_root", "p_none", "log_odds", "src_implied", "tgt_implied", "headline", "sentence_p_none",
                 "headline_pair", "prev_pair", "next_pair", "story_pairs", "src_outlet", "countries", "position",
                 "headline_root", "prev_root")
CROSSED = ("src_implied", "tgt_implied", "headline", "headline_pair", "prev_pair", "next_pair", "story_pairs",
           "headline_root", "prev_root")  # each also times log_odds


def feature_names(labels: list[str]) -> list[str]:
    """The gate's feature names for a model with pair labels ``labels``."""
    return [*BASE_FEATURES, *(f"root={x}" for x in labels), *(f"root={x}*log_odds" for x in labels),
            *(f"{x}*log_odds" for x in CROSSED)]


@dataclass(frozen=True)
class StoryContext:
    """The pair head's probabilities for each sentence of a story it read, by (source, target) country, with
    each pair's best root's probability and the number of sentences where it is likely (computed once a story)."""

    sentences: tuple[dict[tuple[str, str], Any], ...]
    headline: bool  # the first of them is the story's headline
    tops: tuple[dict[tuple[str, str], float], ...] = ()  # per sentence: each pair's best root's probability
    likely: dict[tuple[str, str], int] = field(default_factory=dict)  # sentences where the pair is likely

    @classmethod
    def of(cls, inputs: list[PairInput | None], probs: list[Any | None], headline: bool,
           none: int | None = None) -> "StoryContext":
        """From the sentences' pair inputs and probabilities (None for a sentence the pair head did not read);
        ``none`` is the index of NONE among the labels (default: the last)."""
        sentences, tops = [], []
        likely: dict[tuple[str, str], int] = {}
        for inp, p in zip(inputs, probs):
            pairs: dict[tuple[str, str], Any] = {}
            top: dict[tuple[str, str], float] = {}
            if inp is not None and p is not None:
                keep = np.ones(p.shape[-1], bool)
                keep[none if none is not None else p.shape[-1] - 1] = False
                best = p[:, keep].max(-1) if len(p) else []
                for (a, b), row, q in zip(inp.pairs, p, best):
                    key = (inp.countries[a], inp.countries[b])
                    pairs[key], top[key] = row, float(q)
                    likely[key] = likely.get(key, 0) + (q >= LIKELY)
            sentences.append(pairs)
            tops.append(top)
        return cls(tuple(sentences), headline, tuple(tops), likely)


def best_root(p: Any, none: int) -> int:
    """The most likely root that is not NONE (the first on a tie)."""
    return max((k for k in range(len(p)) if k != none), key=lambda k: p[k])


def features(ctx: StoryContext, k: int, inp: PairInput, pair: int, p: Any, labels: list[str],
             sentence_p_none: float) -> np.ndarray:
    """The feature vector of pair ``pair`` (an index into ``inp.pairs``) of the story's ``k``-th read sentence,
    whose probabilities are ``p``; ``sentence_p_none`` is the sentence head's p(NONE)."""
    none = labels.index("NONE")
    best = best_root(p, none)
    a, b = inp.pairs[pair]
    key = (inp.countries[a], inp.countries[b])
    pb, pn = float(p[best]), float(p[none])
    odds = math.log(pb + 1e-6) - math.log(pn + 1e-6)

    def other(j: int) -> Any:
        return ctx.sentences[j].get(key) if 0 <= j < len(ctx.sentences) and j != k else None

    def top(j: int) -> float:
        return ctx.tops[j].get(key, 0.0) if 0 <= j < len(ctx.sentences) and j != k else 0.0

    head = other(0) if ctx.headline else None
    prev = other(k - 1)
    likely = ctx.likely.get(key, 0) - (ctx.tops[k].get(key, 0.0) >= LIKELY if k < len(ctx.tops) else 0)
    base = {
        "p_root": pb, "p_none": pn, "log_odds": odds, "src_implied": float(implied(inp, a)),
        "tgt_implied": float(implied(inp, b)), "headline": float(ctx.headline and k == 0),
        "sentence_p_none": sentence_p_none, "headline_pair": top(0) if ctx.headline else 0.0,
        "prev_pair": top(k - 1), "next_pair": top(k + 1),
        "story_pairs": min(likely, STORY_PAIRS_CAP) / STORY_PAIRS_CAP,
        "src_outlet": float(inp.outlet is not None and key[0] == inp.outlet), "countries": len(inp.countries) / 10,
        "position": math.log1p(k), "headline_root": float(head[best]) if head is not None else 0.0,
        "prev_root": float(prev[best]) if prev is not None else 0.0,
    }
    root = [0.0] * len(labels)
    root[best] = 1.0
    return np.asarray([*(base[f] for f in BASE_FEATURES), *root, *(x * odds for x in root),
                       *(base[f] * odds for f in CROSSED)], np.float64)


@dataclass(frozen=True)
class Gate:
    """A fitted logistic gate: keep a candidate where ``score`` ≥ ``threshold``."""

    names: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    threshold: float
    trained_on: dict[str, Any]

    def score(self, x: np.ndarray) -> float:
        """The probability that the candidate of feature vector ``x`` is an event."""
        return float(self.scores(x[None])[0])

    def scores(self, x: np.ndarray) -> np.ndarray:
        """``score`` of each row of ``x``."""
        z = np.clip(((x - self.mean) / self.scale) @ self.weights + self.bias, -60.0, 60.0)
        return 1.0 / (1.0 + np.exp(-z))

    @classmethod
    def load(cls, directory: str | Path, labels: list[str]) -> "Gate | None":
        """The gate in ``directory``, or None where it has none; a gate fitted for other features is an error."""
        path = Path(directory) / GATE_FILE
        if not path.exists():
            return None
        try:
            raw = json.loads(path.read_text("utf-8"))
            gate = cls(tuple(raw["names"]), np.asarray(raw["mean"], np.float64), np.asarray(raw["scale"], np.float64),
                       np.asarray(raw["weights"], np.float64), float(raw["bias"]), float(raw["threshold"]),
                       dict(raw.get("trained_on", {})))
        except (ValueError, KeyError, TypeError) as exc:
            raise ModelError(f"cannot read the story gate {path}: {exc}") from exc
        if list(gate.names) != feature_names(labels) or not (
                len(gate.mean) == len(gate.scale) == len(gate.weights) == len(gate.names)):
            raise ModelError(f"the story gate {path} was fitted for other features; refit it "
                             "(scripts/train_gate.py)")
        return gate

    def save(self, directory: str | Path) -> Path:
        path = Path(directory) / GATE_FILE
        path.write_text(json.dumps({
            "names": list(self.names), "mean": self.mean.round(8).tolist(), "scale": self.scale.round(8).tolist(),
            "weights": self.weights.round(8).tolist(), "bias": round(self.bias, 8), "threshold": self.threshold,
            "trained_on": self.trained_on}, indent=1) + "\n", "utf-8")
        return path


def fit(x: np.ndarray, y: np.ndarray, names: list[str], *, threshold: float, l2: float = 1e-3,
        iterations: int = 1500, rate: float = 0.5, trained_on: dict[str, Any] | None = None) -> Gate:
    """Logistic regression on standardised features by full-batch gradient descent (deterministic)."""
    mean = x.mean(0)
    scale = x.std(0)
    scale[scale < 1e-6] = 1.0
    z = (x - mean) / scale
    w = np.zeros(z.shape[1])
    bias = 0.0
    for _ in range(iterations):
        pred = 1.0 / (1.0 + np.exp(-(z @ w + bias)))
        err = pred - y
        w -= rate * (z.T @ err / len(y) + l2 * w)
        bias -= rate * float(err.mean())
    return Gate(tuple(names), mean, scale, w, bias, threshold, trained_on or {})
