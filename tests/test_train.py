"""A tiny real training run: a few JAX steps on a few sentences, written out and loaded back."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from blocwatch.learned.data import ROOTS
from blocwatch.learned.model import EventModel
from tests.conftest import REPO, shared_or_skip

pytestmark = [pytest.mark.slow, pytest.mark.train]


def _train(out: Path) -> dict:
    run = subprocess.run([sys.executable, "scripts/train_coder.py", "--tiny", "--out", str(out)], cwd=REPO,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads((out / "metrics.json").read_text())


def test_tiny_training_run_is_deterministic_and_loads(tmp_path: Path):
    pytest.importorskip("jax", reason="the [train] extra is not installed (make train-deps)")
    pytest.importorskip("onnx", reason="the [train] extra is not installed (make train-deps)")
    shared_or_skip("gold", "PLV_train.tsv")
    first, second = _train(tmp_path / "a"), _train(tmp_path / "b")
    assert first["heldout"] == second["heldout"] and first["data_hash"] == second["data_hash"]
    assert (tmp_path / "a" / "model.onnx").read_bytes() == (tmp_path / "b" / "model.onnx").read_bytes()
    config = json.loads((tmp_path / "a" / "config.json").read_text())
    assert config["labels"] == list(ROOTS)
    (p,) = EventModel.load(tmp_path / "a").predict(["Chile thanked Peru for its help."])
    assert p.label in ROOTS and 0.0 <= p.p_none <= 1.0
