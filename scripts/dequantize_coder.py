"""Float weights (the layout ``train_coder.py --init`` reads) from a shipped coder's int8 ONNX model and pair head.

    python scripts/dequantize_coder.py --out W.npz [--model src/blocwatch/data/models/coder-v1]

The shipped model keeps no float weights (``make train`` keeps them in ``.train/``, 90 MB, not committed). Each
int8 weight times its per-output-channel scale gives float weights that quantise back to the shipped model
exactly, so a training stage can go on from the shipped coder without rebuilding it (3 h 15 min on a CPU):
``python scripts/train_coder.py --init W.npz --epochs 1 --lr 1e-5 --silver-stories 4000 --out DIR``.
Needs the ``[train]`` extra (``onnx``).
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "src" / "blocwatch" / "data" / "models" / "coder-v1"
log = logging.getLogger("dequantize_coder")


def dequantized(tensors: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Float params from an ONNX model's initializers: ``name_quantized`` (int8), ``name_scale`` and
    ``name_zero_point`` per output channel (the last axis of that length) become ``name``; float weights and
    biases are kept; the first token-type row (``type0``, the only one the graph uses) stands for both."""
    params: dict[str, np.ndarray] = {}
    for name, arr in tensors.items():
        if name.endswith("_quantized"):
            base = name[: -len("_quantized")]
            q = arr.astype(np.float32)
            scale = tensors[base + "_scale"].astype(np.float32)
            zero = tensors[base + "_zero_point"].astype(np.float32)
            if scale.size > 1:
                axis = [d for d, n in enumerate(q.shape) if n == scale.size][-1]
                shape = [1] * q.ndim
                shape[axis] = scale.size
                scale, zero = scale.reshape(shape), zero.reshape(shape)
            params[base] = ((q - zero) * scale).astype(np.float32)
        elif name.endswith((".weight", ".bias")):
            params[name] = arr.astype(np.float32)
    params["embeddings.token_type_embeddings.weight"] = np.stack([tensors["type0"]] * 2).astype(np.float32)
    return params


def load(model: Path) -> dict[str, np.ndarray]:
    """The float params of the coder in ``model`` (its ``model.onnx`` and ``pair_head.npz``)."""
    import onnx
    from onnx import numpy_helper

    graph = onnx.load(str(model / "model.onnx")).graph
    params = dequantized({i.name: numpy_helper.to_array(i) for i in graph.initializer})
    with np.load(model / "pair_head.npz") as head:
        params.update({k: head[k].astype(np.float32) for k in head.files})
    return params


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default=str(SHIPPED), help="a coder's directory (model.onnx, pair_head.npz)")
    ap.add_argument("--out", required=True, help="the .npz to write")
    args = ap.parse_args(argv)
    model = Path(args.model)
    if not (model / "model.onnx").exists() or not (model / "pair_head.npz").exists():
        log.error("error: %s holds no model.onnx and pair_head.npz", model)
        return 2
    params = load(model)
    with open(args.out, "wb") as fh:  # the exact path given (np.savez would add ".npz")
        np.savez(fh, **params)
    log.info("wrote %d float tensors to %s", len(params), args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
