"""A sweep of pair-head training settings, scored on the dev split of the real-news gold.

    python scripts/sweep_pairs.py prepare --dir .sweep    # here: encode train/dev data and the base weights
    python scripts/sweep_pairs.py run --dir .sweep        # anywhere with JAX (a GPU machine): train, score

``prepare`` needs the package's NLP stack (spaCy, the resolver) and ../shared; ``run`` needs only
numpy, JAX and optax, so it can run on a machine with an accelerator and nothing else. The score is
the pair head's own: per dev sentence and ordered country pair, the best root over the threshold
against the gold root (NONE where the gold has no event between them); precision, recall, F1.
The shipped model is still trained by ``train_coder.py`` on this CPU.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

CONFIGS = [
    {"epochs": 10, "pair_weight": 2.0},
    {"epochs": 6, "pair_weight": 2.0},
    {"epochs": 10, "pair_weight": 4.0},
    {"epochs": 10, "pair_weight": 2.0, "lr": 5e-5},
]


def prepare(out: Path) -> None:
    from tokenizers import Tokenizer

    import train_coder as tc
    from blocwatch.learned.data import encode
    from blocwatch.learned.pairs import MAX_PAIRS
    from blocwatch.learned.weights import load_base

    out.mkdir(parents=True, exist_ok=True)
    params, tokenizer_json = load_base(layers=6)
    tok = Tokenizer.from_str(tokenizer_json.decode())
    train_set = (tc.plv_examples(tc.GOLD, "train") + tc.split_negatives("train") + tc.marked_examples(tc.SHORT_EVENTS)
                 + tc.real_set(("train",)))
    dev = tc.real_set(("dev",))
    sets = {name: encode(tok, exs, 128, MAX_PAIRS) for name, exs in (("train", train_set), ("dev", dev))}
    # Only the vocabulary rows the data uses travel (the whole base model is too big to carry).
    used = np.unique(np.concatenate([d["ids"].ravel() for d in sets.values()]))
    remap = np.zeros(int(params["embeddings.word_embeddings.weight"].shape[0]), np.int32)
    remap[used] = np.arange(len(used), dtype=np.int32)
    for name, data in sets.items():
        data["ids"] = remap[data["ids"]]
        np.savez_compressed(out / f"{name}.npz", **data)
    params["embeddings.word_embeddings.weight"] = params["embeddings.word_embeddings.weight"][used]
    np.savez(out / "base.npz", **{k: v.astype(np.float16) for k, v in params.items()})
    print(f"train {len(train_set)} dev {len(dev)} -> {out}")


def load(path: Path) -> dict[str, np.ndarray]:
    with np.load(path) as z:
        return {k: z[k] for k in z.files}


def score(params: dict[str, np.ndarray], dev: dict[str, np.ndarray], thresholds=(0.3, 0.4, 0.5, 0.6, 0.7)) -> dict:
    import jax
    import jax.numpy as jnp

    from blocwatch.learned import encoder
    from blocwatch.learned.data import ROOTS
    from blocwatch.learned.pairs import pair_features

    none = ROOTS.index("NONE")

    @jax.jit
    def probs(p, ids, mask, pa, pb):
        x, pooled = encoder.states(p, ids, mask, jnp)
        return jax.nn.softmax(encoder.pair_logits(p, pair_features(x, pooled, pa, pb, jnp), jnp), -1)

    jp = {k: jnp.asarray(v) for k, v in params.items()}
    out = []
    for at in range(0, len(dev["ids"]), 64):
        sl = slice(at, at + 64)
        out.append(np.asarray(probs(jp, dev["ids"][sl], dev["mask"][sl], dev["pair_a"][sl].astype(np.float32),
                                    dev["pair_b"][sl].astype(np.float32))))
    pr = np.concatenate(out)
    gold = dev["pair_labels"]
    valid = gold >= 0
    res = {}
    for th in thresholds:
        masked = pr.copy()
        masked[..., none] = -1
        best = masked.argmax(-1)
        pbest = masked.max(-1)
        pred = np.where((pbest >= th) & (pbest > pr[..., none]), best, none)
        tp = int(((pred == gold) & (gold != none) & valid).sum())
        fp = int(((pred != none) & (pred != gold) & valid).sum())
        fn = int(((gold != none) & (pred != gold) & valid).sum())
        p = tp / max(tp + fp, 1)
        r = tp / max(tp + fn, 1)
        res[str(th)] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / max(p + r, 1e-9), 3)}
    return res


def run(d: Path, only: list[int] | None) -> None:
    import train_coder as tc

    train = load(d / "train.npz")
    dev = load(d / "dev.npz")
    with np.load(d / "base.npz") as z:
        base = {k: z[k].astype(np.float32) for k in z.files}
    results = []
    for i, cfg in enumerate(CONFIGS):
        if only and i not in only:
            continue
        opts = replace(tc.TrainOptions(), **cfg)
        params = dict(base)
        rng = np.random.default_rng(opts.seed)
        hidden = params["embeddings.word_embeddings.weight"].shape[1]
        for name, fan_in, width in (("head.tok", hidden, 5), ("head.cls", hidden, 16),
                                    ("head.pair1", 4 * hidden, opts.pair_hidden), ("head.pair2", opts.pair_hidden, 16)):
            params[f"{name}.weight"] = (rng.standard_normal((fan_in, width)) * 0.02).astype(np.float32)
            params[f"{name}.bias"] = np.zeros(width, np.float32)
        started = time.time()
        trained = tc.fit(params, train, opts)
        results.append({"config": cfg, "seconds": round(time.time() - started, 1), "dev": score(trained, dev)})
        print(json.dumps(results[-1]), flush=True)
    (d / "results.json").write_text(json.dumps(results, indent=1))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("step", choices=("prepare", "run"))
    ap.add_argument("--dir", type=Path, default=Path(".sweep"))
    ap.add_argument("--only", default="")
    args = ap.parse_args()
    if args.step == "prepare":
        prepare(args.dir)
    else:
        run(args.dir, [int(x) for x in args.only.split(",") if x])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
