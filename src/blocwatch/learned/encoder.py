"""A BERT encoder (MiniLM-L6) with two heads, written once for numpy and for jax.numpy.

Parameters are a flat dict keyed by the Hugging Face names; dense weights are stored as
``[in, out]``. Heads: ``head.tok`` (per-token BIO tags for source/target) and ``head.cls``
(event root type or NONE, from the mean-pooled sentence).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

TAGS = ("O", "B-SRC", "I-SRC", "B-TGT", "I-TGT")
LN_EPS = 1e-12


def n_layers(params: dict[str, Any]) -> int:
    return len({k.split(".")[2] for k in params if k.startswith("encoder.layer.")})


def dense(params: dict[str, Any], name: str, x: Any) -> Any:
    return x @ params[f"{name}.weight"] + params[f"{name}.bias"]


def layer_norm(params: dict[str, Any], name: str, x: Any, xp: Any) -> Any:
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / xp.sqrt(var + LN_EPS) * params[f"{name}.weight"] + params[f"{name}.bias"]


def gelu(x: Any, xp: Any) -> Any:
    """The tanh form of GELU, used in training and inference alike."""
    return 0.5 * x * (1.0 + xp.tanh(0.7978845608028654 * (x + 0.044715 * x ** 3)))


def softmax(x: Any, xp: Any) -> Any:
    e = xp.exp(x - x.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


def _attention(params: dict[str, Any], pre: str, x: Any, bias: Any, heads: int, xp: Any) -> Any:
    b, t, d = x.shape
    hd = d // heads

    def split(name: str) -> Any:
        return dense(params, f"{pre}attention.self.{name}", x).reshape(b, t, heads, hd).transpose(0, 2, 1, 3)

    q, k, v = split("query"), split("key"), split("value")
    att = softmax(q @ k.transpose(0, 1, 3, 2) / math.sqrt(hd) + bias, xp)
    return (att @ v).transpose(0, 2, 1, 3).reshape(b, t, d)


def forward(params: dict[str, Any], ids: Any, mask: Any, xp: Any, *, heads: int = 12,
            drop: Callable[[Any], Any] = lambda x: x) -> tuple[Any, Any]:
    """Token-tag logits ``[B, T, len(TAGS)]`` and sentence logits ``[B, classes]``.

    ``ids`` and ``mask`` are ``[B, T]``; ``drop`` applies dropout in training.
    """
    x, pooled = states(params, ids, mask, xp, heads=heads, drop=drop)
    return dense(params, "head.tok", drop(x)), dense(params, "head.cls", drop(pooled))


def states(params: dict[str, Any], ids: Any, mask: Any, xp: Any, *, heads: int = 12,
           drop: Callable[[Any], Any] = lambda x: x) -> tuple[Any, Any]:
    """The last layer's token states ``[B, T, H]`` and their masked mean ``[B, H]``."""
    t = ids.shape[1]
    x = (params["embeddings.word_embeddings.weight"][ids]
         + params["embeddings.position_embeddings.weight"][:t][None]
         + params["embeddings.token_type_embeddings.weight"][0])
    x = drop(layer_norm(params, "embeddings.LayerNorm", x, xp))
    bias = ((1.0 - mask) * -1e9)[:, None, None, :].astype(x.dtype)
    for i in range(n_layers(params)):
        pre = f"encoder.layer.{i}."
        att = dense(params, f"{pre}attention.output.dense", _attention(params, pre, x, bias, heads, xp))
        x = layer_norm(params, f"{pre}attention.output.LayerNorm", x + drop(att), xp)
        hidden = gelu(dense(params, f"{pre}intermediate.dense", x), xp)
        x = layer_norm(params, f"{pre}output.LayerNorm", x + drop(dense(params, f"{pre}output.dense", hidden)), xp)
    m = mask[..., None].astype(x.dtype)
    pooled = (x * m).sum(1) / xp.maximum(m.sum(1), 1.0)
    return x, pooled


def pair_logits(params: dict[str, Any], feats: Any, xp: Any, drop: Callable[[Any], Any] = lambda x: x) -> Any:
    """The pair head: ``[..., 4H]`` pair features → ``[..., classes]`` (one hidden GELU layer)."""
    return dense(params, "head.pair2", drop(gelu(dense(params, "head.pair1", feats), xp)))
