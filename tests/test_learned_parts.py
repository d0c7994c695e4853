"""The learned coder's parts that need no trained weights: split, labels, decoding, ONNX export."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from blocwatch.learned import encoder
from blocwatch.learned.data import ROOTS, heldout, marked_spans, token_tags
from blocwatch.learned.model import decode

TAG = {t: i for i, t in enumerate(encoder.TAGS)}


def test_marked_spans_give_plain_text_and_offsets():
    text, src, tgt = marked_spans("Yesterday <s>Chile</s> thanked <t>the Peruvian navy</t> for help.")
    assert text == "Yesterday Chile thanked the Peruvian navy for help."
    assert text[src[0]:src[1]] == "Chile" and text[tgt[0]:tgt[1]] == "the Peruvian navy"


def test_marked_spans_without_markers():
    assert marked_spans("No marks here.") == ("No marks here.", None, None)


def test_heldout_split_is_fixed_and_near_fifteen_percent():
    ids = [str(i) for i in range(4000)]
    chosen = [i for i in ids if heldout(i)]
    assert 0.12 < len(chosen) / len(ids) < 0.18
    assert chosen == [i for i in ids if heldout(i)]


def test_token_tags_mark_the_first_piece_of_each_span():
    offsets = [(0, 0), (0, 5), (6, 13), (14, 17), (17, 20), (21, 25), (0, 0)]
    tags = token_tags(offsets, (0, 5), (14, 20))
    assert tags == [-1, TAG["B-SRC"], TAG["O"], TAG["B-TGT"], TAG["I-TGT"], TAG["O"], -1]


def _probs(labels: list[str]) -> np.ndarray:
    p = np.full((len(labels), len(encoder.TAGS)), 0.01)
    for i, tag in enumerate(labels):
        p[i, TAG[tag]] = 0.96
    return p


def test_decode_picks_source_and_a_target_that_does_not_overlap_it():
    offsets = [(0, 0), (0, 5), (6, 10), (11, 15), (16, 20), (0, 0)]
    probs = _probs(["O", "B-SRC", "I-SRC", "O", "B-TGT", "O"])
    src, tgt = decode(probs, offsets)
    assert (src.start, src.end) == (0, 10) and (tgt.start, tgt.end) == (16, 20)
    assert 0.9 < src.p <= 1.0


def test_decode_with_no_tagged_target():
    offsets = [(0, 0), (0, 5), (6, 10), (0, 0)]
    src, tgt = decode(_probs(["O", "B-SRC", "O", "O"]), offsets)
    assert (src.start, src.end) == (0, 5) and tgt is None


def test_labels_cover_plv_roots_and_none():
    assert ROOTS[-1] == "NONE" and len(set(ROOTS)) == len(ROOTS) == 16


def _tiny_params(rng, layers=2, hidden=32, heads=4, vocab=50):
    def w(*shape):
        return (rng.standard_normal(shape) * 0.2).astype(np.float32)
    p = {"embeddings.word_embeddings.weight": w(vocab, hidden), "embeddings.position_embeddings.weight": w(64, hidden),
         "embeddings.token_type_embeddings.weight": w(2, hidden),
         "embeddings.LayerNorm.weight": np.ones(hidden, np.float32), "embeddings.LayerNorm.bias": w(hidden)}
    for i in range(layers):
        pre = f"encoder.layer.{i}."
        for name, shape in (("attention.self.query", (hidden, hidden)), ("attention.self.key", (hidden, hidden)),
                            ("attention.self.value", (hidden, hidden)), ("attention.output.dense", (hidden, hidden)),
                            ("intermediate.dense", (hidden, 4 * hidden)), ("output.dense", (4 * hidden, hidden))):
            p[f"{pre}{name}.weight"], p[f"{pre}{name}.bias"] = w(*shape), w(shape[1])
        for name in ("attention.output.LayerNorm", "output.LayerNorm"):
            p[f"{pre}{name}.weight"], p[f"{pre}{name}.bias"] = 1 + w(hidden), w(hidden)
    p["head.tok.weight"], p["head.tok.bias"] = w(hidden, len(encoder.TAGS)), w(len(encoder.TAGS))
    p["head.cls.weight"], p["head.cls.bias"] = w(hidden, len(ROOTS)), w(len(ROOTS))
    return p


def test_padding_does_not_change_the_numpy_encoder():
    rng = np.random.default_rng(1)
    p = _tiny_params(rng)
    ids = rng.integers(1, 50, (1, 7))
    tags, cls = encoder.forward(p, ids, np.ones((1, 7), np.float32), np, heads=4)
    padded = np.concatenate([ids, np.zeros((1, 5), ids.dtype)], 1)
    mask = np.concatenate([np.ones((1, 7)), np.zeros((1, 5))], 1).astype(np.float32)
    tags2, cls2 = encoder.forward(p, padded, mask, np, heads=4)
    assert np.allclose(tags, tags2[:, :7], atol=1e-4) and np.allclose(cls, cls2, atol=1e-4)


def test_onnx_graph_computes_what_the_numpy_encoder_computes(tmp_path: Path):
    pytest.importorskip("onnx", reason="the [train] extra (onnx) is not installed")
    import onnxruntime as ort

    from blocwatch.learned import onnx_export

    rng = np.random.default_rng(0)
    p = _tiny_params(rng)
    model = onnx_export.build(p, heads=4)
    path = tmp_path / "m.onnx"
    path.write_bytes(model.SerializeToString())
    ids = rng.integers(1, 50, (3, 9)).astype(np.int64)
    mask = np.ones((3, 9), np.float32)
    mask[1, 6:] = 0
    got = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"]).run(
        None, {"input_ids": ids, "attention_mask": mask})
    want = encoder.forward(p, ids, mask, np, heads=4)
    for g, w in zip(got, want):
        assert g.shape == w.shape and np.allclose(g, w, atol=1e-4)
