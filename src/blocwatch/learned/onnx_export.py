"""Build an ONNX graph of :func:`blocwatch.learned.encoder.forward` and quantise it to int8.

Needs the ``[train]`` extra (``onnx``); the runtime needs only ``onnxruntime``.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from blocwatch.learned.encoder import LN_EPS, n_layers

OPSET = 17


class _Graph:
    """A small builder: named constants (initializers) and nodes with fresh output names."""

    def __init__(self, params: dict[str, np.ndarray]):
        from onnx import helper, numpy_helper

        self.helper, self.numpy_helper = helper, numpy_helper
        self.params = params
        self.nodes: list = []
        self.inits: dict[str, object] = {}
        self.count = 0

    def const(self, name: str, value: np.ndarray) -> str:
        if name not in self.inits:
            self.inits[name] = self.numpy_helper.from_array(np.asarray(value), name)
        return name

    def param(self, name: str) -> str:
        return self.const(name, self.params[name].astype(np.float32))

    def op(self, kind: str, *inputs: str, **attrs) -> str:
        self.count += 1
        out = f"{kind.lower()}_{self.count}"
        self.nodes.append(self.helper.make_node(kind, list(inputs), [out], **attrs))
        return out

    def dense(self, name: str, x: str) -> str:
        return self.op("Add", self.op("MatMul", x, self.param(f"{name}.weight")), self.param(f"{name}.bias"))

    def norm(self, name: str, x: str) -> str:
        return self.op("LayerNormalization", x, self.param(f"{name}.weight"), self.param(f"{name}.bias"),
                       axis=-1, epsilon=LN_EPS)

    def scalar(self, value: float) -> str:
        return self.const(f"c_{value!r}", np.array(value, np.float32))


def _attention(g: _Graph, pre: str, x: str, bias: str, heads: int, hidden: int) -> str:
    hd = hidden // heads
    split = g.const("shape_heads", np.array([0, 0, heads, hd], np.int64))

    def proj(name: str, perm: list[int]) -> str:
        return g.op("Transpose", g.op("Reshape", g.dense(f"{pre}attention.self.{name}", x), split), perm=perm)

    q, k, v = proj("query", [0, 2, 1, 3]), proj("key", [0, 2, 3, 1]), proj("value", [0, 2, 1, 3])
    scores = g.op("Add", g.op("Mul", g.op("MatMul", q, k), g.scalar(1.0 / math.sqrt(hd))), bias)
    ctx = g.op("Transpose", g.op("MatMul", g.op("Softmax", scores, axis=-1), v), perm=[0, 2, 1, 3])
    return g.op("Reshape", ctx, g.const("shape_merge", np.array([0, 0, hidden], np.int64)))


def _gelu(g: _Graph, h: str) -> str:
    cube = g.op("Mul", g.op("Mul", h, h), h)
    inner = g.op("Mul", g.op("Add", h, g.op("Mul", cube, g.scalar(0.044715))), g.scalar(0.7978845608028654))
    return g.op("Mul", g.op("Mul", h, g.scalar(0.5)), g.op("Add", g.op("Tanh", inner), g.scalar(1.0)))


def build(params: dict[str, np.ndarray], heads: int = 12):
    """The encoder and both heads as an ONNX model: inputs ``input_ids``, ``attention_mask``."""
    from onnx import TensorProto

    g = _Graph(params)
    hidden = params["embeddings.word_embeddings.weight"].shape[1]
    length = g.op("Gather", g.op("Shape", "input_ids"), g.const("one", np.array(1, np.int64)), axis=0)
    positions = g.op("Range", g.const("zero", np.array(0, np.int64)), length, "one")
    x = g.op("Add", g.op("Gather", g.param("embeddings.word_embeddings.weight"), "input_ids"),
             g.op("Gather", g.param("embeddings.position_embeddings.weight"), positions))
    x = g.norm("embeddings.LayerNorm", g.op("Add", x, g.const(
        "type0", params["embeddings.token_type_embeddings.weight"][0].astype(np.float32))))
    bias = g.op("Mul", g.op("Sub", g.scalar(1.0), "attention_mask"), g.scalar(-1e9))
    bias = g.op("Unsqueeze", bias, g.const("axes12", np.array([1, 2], np.int64)))
    for i in range(n_layers(params)):
        pre = f"encoder.layer.{i}."
        att = g.dense(f"{pre}attention.output.dense", _attention(g, pre, x, bias, heads, hidden))
        x = g.norm(f"{pre}attention.output.LayerNorm", g.op("Add", x, att))
        h = _gelu(g, g.dense(f"{pre}intermediate.dense", x))
        x = g.norm(f"{pre}output.LayerNorm", g.op("Add", x, g.dense(f"{pre}output.dense", h)))
    m = g.op("Unsqueeze", "attention_mask", g.const("axis2", np.array([2], np.int64)))
    total = g.op("ReduceSum", g.op("Mul", x, m), g.const("axis1", np.array([1], np.int64)), keepdims=0)
    count = g.op("Max", g.op("ReduceSum", m, "axis1", keepdims=0), g.scalar(1.0))
    tok, cls = g.dense("head.tok", x), g.dense("head.cls", g.op("Div", total, count))
    g.nodes += [g.helper.make_node("Identity", [tok], ["tag_logits"]),
                g.helper.make_node("Identity", [cls], ["cls_logits"]),
                g.helper.make_node("Identity", [x], ["states"]),
                g.helper.make_node("Identity", [g.op("Div", total, count)], ["pooled"])]
    n_tags, n_cls = params["head.tok.weight"].shape[1], params["head.cls.weight"].shape[1]
    graph = g.helper.make_graph(
        g.nodes, "blocwatch-coder",
        [g.helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "length"]),
         g.helper.make_tensor_value_info("attention_mask", TensorProto.FLOAT, ["batch", "length"])],
        [g.helper.make_tensor_value_info("tag_logits", TensorProto.FLOAT, ["batch", "length", n_tags]),
         g.helper.make_tensor_value_info("cls_logits", TensorProto.FLOAT, ["batch", n_cls]),
         g.helper.make_tensor_value_info("states", TensorProto.FLOAT, ["batch", "length", hidden]),
         g.helper.make_tensor_value_info("pooled", TensorProto.FLOAT, ["batch", hidden])],
        list(g.inits.values()))
    return g.helper.make_model(graph, opset_imports=[g.helper.make_opsetid("", OPSET)], producer_name="blocwatch")


def export(params: dict[str, np.ndarray], path: Path, *, int8: bool = True) -> None:
    """Write the model to ``path``, weights quantised to int8 (dynamic quantisation) unless ``int8=False``."""
    import onnx

    model = build(params)
    if not int8:
        onnx.save(model, str(path))
        return
    from onnxruntime.quantization import QuantType, quantize_dynamic

    fp32 = path.with_suffix(".fp32.onnx")
    onnx.save(model, str(fp32))
    try:
        quantize_dynamic(str(fp32), str(path), weight_type=QuantType.QInt8, per_channel=True)
    finally:
        fp32.unlink(missing_ok=True)
