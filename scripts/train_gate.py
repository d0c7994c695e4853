"""Fit the story gate (``blocwatch.learned.gate``) of the shipped learned coder and write ``gate.json``.

    python scripts/train_gate.py                 # fit on the stories the encoder never saw, write the gate
    python scripts/train_gate.py --cv 5          # also report 5-fold cross-validated figures (by story)
    python scripts/train_gate.py --no-write      # figures only

The gate learns from real stories the encoder was not trained on (their pair probabilities are what the
coder sees on new stories; on its own training stories they are overconfident): the silver stories after
the first ``--silver-last`` that ``make train`` uses, and the first gold's dev split. Never a story of the
test split (by the hash of its id) nor of the tuning set dev2. Each candidate pair (best root p ≥
``MIN_CANDIDATE``) of each sentence the pair head reads is one example, right where the gold has that
source, target and root in the sentence, in any modality (a symmetric root in either direction). Needs ../shared (the
corpus); deterministic.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
REAL_GOLD = REPO / "gold" / "kcna2011" / "gold.jsonl"
REAL_SILVER = REPO / "gold" / "kcna2011" / "silver.jsonl"
REAL_TUNING = REPO / "gold" / "kcna2011" / "dev2_sample.jsonl"
DEV2 = REPO / "gold" / "kcna2011" / "dev2.jsonl"
REAL_CORPUS = REPO.parent / "shared" / "corpus" / "kcna2011"
SILVER_LAST = 4000  # the silver stories make train uses (Makefile's SILVER_LAST)
THRESHOLD = 0.7  # chosen on dev2 (the tuning set), end to end: see the README's session 20

log = logging.getLogger("train_gate")


def gate_stories(silver_last: int) -> list:
    """The stories the gate learns from: silver after the first ``silver_last`` the encoder trained on, and the
    first gold's dev split; none of the test split or of the tuning set."""
    from blocwatch.events.realeval import read_real_gold
    from blocwatch.events.realgold import gold_split
    from blocwatch.learned.realdata import training_silver

    gold = read_real_gold(REAL_GOLD)
    tuning = {json.loads(x)["id"] for x in REAL_TUNING.read_text("utf-8").splitlines() if x.strip()}
    silver = training_silver(gold, read_real_gold(REAL_SILVER), tuning)
    dev2 = {s.id for s in read_real_gold(DEV2)} if DEV2.exists() else set()
    stories = silver[silver_last:] + [s for s in gold if s.split == "dev"]
    return [s for s in stories if gold_split(s.id) != "test" and s.id not in dev2]


def examples(stories: list, pipe) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Features, labels and story numbers of every candidate pair, and the number of gold events."""
    from blocwatch.api.events import _locate, _record_article, real_corpus
    from blocwatch.events.realeval import sentence_of
    from blocwatch.events.realgold import SYMMETRIC_TYPES
    from blocwatch.learned.coder import story_context
    from blocwatch.learned.gate import MIN_CANDIDATE, best_root, features
    from blocwatch.records import Failure

    texts = real_corpus(str(REAL_CORPUS), {s.id for s in stories})
    coder = pipe.coder
    labels = coder.model.pair_labels
    none = labels.index("NONE")
    xs, ys, ids, gold_events = [], [], [], 0
    for n, story in enumerate(stories):
        # any modality: the gate says whether the sentence holds the pair's act; its modality (asserted, intended,
        # hypothetical, negated) is the rule machinery's to tell, and an intended event is still an event
        golds = [{(g.src, g.tgt, g.type) for g in s.events if g.src != g.tgt} for s in story.sentences]
        gold_events += sum(len(g) for g in golds)
        rec = texts.get(story.id)
        art = _record_article(rec) if rec else None
        if art is None or isinstance(art, Failure):
            continue
        pending = coder.prepare(pipe.nlp(art.text), published=art.published, outlet=art.outlet)
        preds = coder.predict(pending)
        ctx = story_context(pending, preds, none)
        for k, (sent, inp, pred) in enumerate(zip(pending.sentences, pending.inputs, preds)):
            at = _locate(rec["text"], art.text, sent.start_char, sent.end_char) if inp is not None else None
            i = sentence_of(story.sentences, *at) if at else None
            if i is None:
                continue
            probs, span = pred
            for j, ((a, b), p) in enumerate(zip(inp.pairs, probs)):
                best = best_root(p, none)
                if p[best] < MIN_CANDIDATE:
                    continue
                s, t, root = inp.countries[a], inp.countries[b], labels[best]
                right = (s, t, root) in golds[i] or (root in SYMMETRIC_TYPES and (
                        (t, s, root) in golds[i] or any((t, s, x) in golds[i] for x in SYMMETRIC_TYPES)))
                xs.append(features(ctx, k, inp, j, p, labels, span.p_none))
                ys.append(float(right))
                ids.append(n)
        if n % 100 == 99:
            log.info("%d of %d stories read", n + 1, len(stories))
    return np.stack(xs), np.asarray(ys), np.asarray(ids), gold_events


def cross_validate(x: np.ndarray, y: np.ndarray, ids: np.ndarray, gold: int, names: list[str], folds: int) -> None:
    from blocwatch.learned.gate import fit

    score = np.zeros(len(y))
    for f in range(folds):
        held = ids % folds == f
        score[held] = fit(x[~held], y[~held], names, threshold=THRESHOLD).scores(x[held])
    for th in (0.35, 0.4, 0.45, 0.5, 0.55, 0.6):
        keep = score >= th
        tp = int((keep & (y == 1)).sum())
        print(f"cv gate {th:.2f}: candidates kept right {tp / max(keep.sum(), 1):.3f}, gold found {tp / gold:.3f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--silver-last", type=int, default=SILVER_LAST)
    ap.add_argument("--threshold", type=float, default=THRESHOLD)
    ap.add_argument("--cv", type=int, default=0, help="also cross-validate with this many folds (by story)")
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--out", type=Path, default=None, help="model directory (default: the shipped model's)")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not REAL_CORPUS.is_dir():
        print(f"skipped: the corpus {REAL_CORPUS} is absent (../shared); the shipped gate is kept", file=sys.stderr)
        return 0
    from blocwatch.learned.gate import feature_names, fit
    from blocwatch.learned.coder import LearnedCoder
    from blocwatch.learned.model import MODEL_NAME, EventModel
    from blocwatch.pipeline import Pipeline, PipelineOptions

    pipe = Pipeline(PipelineOptions(coder="learned"))
    out = args.out or REPO / "src" / "blocwatch" / "data" / "models" / MODEL_NAME
    # the features never depend on a gate: the old one is not read (it may have been fitted for other features)
    pipe.coder = LearnedCoder(pipe.coder.rules, model=EventModel.load(out, gate=False))
    stories = gate_stories(args.silver_last)
    x, y, ids, gold = examples(stories, pipe)
    names = feature_names(pipe.coder.model.pair_labels)
    print(f"{len(stories)} stories, {gold} gold events, {len(y)} candidate pairs ({int(y.sum())} right)")
    if args.cv:
        cross_validate(x, y, ids, gold, names, args.cv)
    gate = fit(x, y, names, threshold=args.threshold, trained_on={
        "stories": len(stories), "candidates": len(y), "right": int(y.sum()), "gold_events": gold,
        "silver_after": args.silver_last, "gold_splits": ["dev"]})
    if not args.no_write:
        print(f"wrote {gate.save(out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
