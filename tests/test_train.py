"""A tiny real training run: a few JAX steps on a few sentences, written out and loaded back."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from blocwatch.learned.data import ROOTS
from blocwatch.learned.model import EventModel
from tests.conftest import REPO, shared_or_skip

pytestmark = [pytest.mark.slow, pytest.mark.train]


def _train(out: Path, *extra: str) -> dict:
    run = subprocess.run([sys.executable, "scripts/train_coder.py", "--tiny", "--out", str(out), *extra], cwd=REPO,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads((out / "metrics.json").read_text())


def test_tiny_training_run_is_deterministic_and_loads(tmp_path: Path):
    pytest.importorskip("jax", reason="the [train] extra is not installed (make train-deps)")
    pytest.importorskip("onnx", reason="the [train] extra is not installed (make train-deps)")
    shared_or_skip("gold", "PLV_train.tsv")
    kept = tmp_path / "a-weights"  # no ".npz": the path is used as given
    first, second = _train(tmp_path / "a", "--save-params", str(kept)), _train(tmp_path / "b")
    assert first["heldout"] == second["heldout"] and first["data_hash"] == second["data_hash"]
    assert first["init_sha256"] is None and kept.exists()
    assert (tmp_path / "a" / "model.onnx").read_bytes() == (tmp_path / "b" / "model.onnx").read_bytes()
    config = json.loads((tmp_path / "a" / "config.json").read_text())
    assert config["labels"] == list(ROOTS)
    (p,) = EventModel.load(tmp_path / "a").predict(["Chile thanked Peru for its help."])
    assert p.label in ROOTS and 0.0 <= p.p_none <= 1.0


def test_training_goes_on_from_kept_weights_and_says_which(tmp_path: Path):
    pytest.importorskip("jax", reason="the [train] extra is not installed (make train-deps)")
    pytest.importorskip("onnx", reason="the [train] extra is not installed (make train-deps)")
    shared_or_skip("gold", "PLV_train.tsv")
    kept = tmp_path / "w.npz"
    _train(tmp_path / "a", "--save-params", str(kept))
    went_on = _train(tmp_path / "b", "--init", str(kept), "--lr", "1e-5")
    assert went_on["init_sha256"] == hashlib.sha256(kept.read_bytes()).hexdigest()
    assert (tmp_path / "a" / "model.onnx").read_bytes() != (tmp_path / "b" / "model.onnx").read_bytes()
    refused = subprocess.run([sys.executable, "scripts/train_coder.py", "--cv", "2", "--init", str(kept)], cwd=REPO,
                             capture_output=True, text=True, timeout=120)
    assert refused.returncode == 2 and "--cv" in refused.stderr


def test_a_plv_repeat_below_one_is_refused():
    refused = subprocess.run([sys.executable, "scripts/train_coder.py", "--tiny", "--plv-repeat", "0"], cwd=REPO,
                             capture_output=True, text=True, timeout=120)
    assert refused.returncode == 2 and "--plv-repeat" in refused.stderr


def test_the_shipped_coder_dequantised_quantises_back_to_itself(tmp_path: Path):
    """Training can go on from the shipped coder without its float weights (scripts/dequantize_coder.py)."""
    pytest.importorskip("onnx", reason="the [train] extra is not installed (make train-deps)")
    import numpy as np
    import onnxruntime as ort

    from blocwatch.learned.onnx_export import export
    from blocwatch.learned.weights import load_base

    out = tmp_path / "w.npz"
    run = subprocess.run([sys.executable, "scripts/dequantize_coder.py", "--out", str(out)], cwd=REPO,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    with np.load(out) as kept:
        params = {k: kept[k] for k in kept.files}
    base, _ = load_base()
    assert {k: v.shape for k, v in base.items()} == {k: params[k].shape for k in base}
    export(params, tmp_path / "again.onnx")
    shipped = REPO / "src" / "blocwatch" / "data" / "models" / "coder-v1" / "model.onnx"
    ids = np.array([[101, 7592, 2088, 2056, 1037, 4471, 102]], np.int64)
    feed = {"input_ids": ids, "attention_mask": np.ones_like(ids, np.float32)}
    a = ort.InferenceSession(str(shipped)).run(None, feed)
    b = ort.InferenceSession(str(tmp_path / "again.onnx")).run(None, feed)
    assert all(np.allclose(x, y, atol=1e-5) for x, y in zip(a, b))
