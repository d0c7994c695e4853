"""Inference: the shipped int8 ONNX model on onnxruntime (or in-memory numpy weights) plus ``tokenizers``.

No JAX and no torch at run time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from threadpoolctl import ThreadpoolController

from blocwatch.errors import ModelError
from blocwatch.learned import encoder
from blocwatch.learned.encoder import TAGS
from blocwatch.learned.gate import Gate
from blocwatch.learned.pairs import PairInput, pair_features, piece_mask
from blocwatch.limits import Deadline

MODEL_NAME = "coder-v1"


@dataclass(frozen=True)
class SpanGuess:
    start: int  # char offsets in the sentence text
    end: int
    p: float


@dataclass(frozen=True)
class Prediction:
    """What the model says of one sentence."""

    label: str  # best event root, never NONE
    p_label: float
    p_none: float
    source: SpanGuess | None
    target: SpanGuess | None


def _runs(probs: np.ndarray, offsets: list[tuple[int, int]], kind: str) -> list[SpanGuess]:
    """Spans whose first wordpiece is tagged B-kind (or I-kind after a non-kind tag), scored by that tag."""
    b, i = TAGS.index(f"B-{kind}"), TAGS.index(f"I-{kind}")
    best = probs.argmax(-1)
    out = []
    t = 0
    while t < len(offsets):
        if offsets[t][0] == offsets[t][1] or best[t] not in (b, i):
            t += 1
            continue
        start, score = t, float(probs[t, b] + probs[t, i])
        t += 1
        while t < len(offsets) and best[t] == i and offsets[t][0] != offsets[t][1]:
            t += 1
        out.append(SpanGuess(offsets[start][0], offsets[t - 1][1], score))
    return sorted(out, key=lambda s: -s.p)


def _argmax_span(probs: np.ndarray, offsets: list[tuple[int, int]], kind: str) -> SpanGuess | None:
    """Where no wordpiece is tagged: the single most likely start, if it is likely enough."""
    b = TAGS.index(f"B-{kind}")
    real = [t for t, (x, y) in enumerate(offsets) if x != y]
    if not real:
        return None
    t = max(real, key=lambda k: probs[k, b])
    return SpanGuess(offsets[t][0], offsets[t][1], float(probs[t, b])) if probs[t, b] > 0.1 else None


def decode(probs: np.ndarray, offsets: list[tuple[int, int]]) -> tuple[SpanGuess | None, SpanGuess | None]:
    """The most likely source span and a target span that does not overlap it."""
    sources = _runs(probs, offsets, "SRC") or [s for s in [_argmax_span(probs, offsets, "SRC")] if s]
    src = sources[0] if sources else None
    def apart(t: SpanGuess) -> bool:
        return src is None or t.end <= src.start or t.start >= src.end

    targets = [t for t in _runs(probs, offsets, "TGT") if apart(t)]
    fallback = [t for t in [_argmax_span(probs, offsets, "TGT")] if t and apart(t)]
    return src, (targets or fallback or [None])[0]


class NumpyRunner:
    """The encoder in numpy, from float32 params (training-time evaluation, parity tests)."""

    batch = 32  # float32: a row's result does not depend on the other rows

    def __init__(self, params: dict[str, np.ndarray], heads: int = 12):
        self.params, self.heads = params, heads

    def __call__(self, ids: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, ...]:
        x, pooled = encoder.states(self.params, ids, mask, np, heads=self.heads)
        return (encoder.dense(self.params, "head.tok", x), encoder.dense(self.params, "head.cls", pooled), x, pooled)


class OnnxRunner:
    """The exported graph on onnxruntime's CPU provider."""

    # One sentence a call: int8 activations are quantised with one scale per call, so a batch would
    # make a sentence's probabilities depend on its neighbours (measured: p(NONE) 0.86 vs 0.92).
    batch = 1

    def __init__(self, path: Path, threads: int = 1):
        import onnxruntime as ort

        # One thread, no spin-waiting: a sentence is too small to share between cores (one thread was
        # 1.9x faster than onnxruntime's default on this 2-core machine under load), and other documents
        # or Dask workers use the other core.
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        opts.log_severity_level = 3
        try:
            self.session = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own Fail/InvalidGraph types
            raise ModelError(f"cannot load learned coder model {path}: {exc}") from exc

    def __call__(self, ids: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, ...]:
        return tuple(self.session.run(None, {"input_ids": ids, "attention_mask": mask}))


class EventModel:
    """The fine-tuned encoder with its tokenizer and label set."""

    def __init__(self, runner: Any, tokenizer: Any, config: dict[str, Any],
                 pair_head: dict[str, np.ndarray] | None = None, gate: Gate | None = None,
                 directory: Path | None = None):
        self.runner = runner
        self.pair_head = pair_head
        self.gate = gate  # the story gate (``learned.gate``), where the model directory has one
        self.pair_labels: list[str] = config.get("pair_labels", config["labels"])
        self.tokenizer = tokenizer
        self.labels: list[str] = config["labels"]
        self.max_len: int = config["max_len"]
        self.name: str = config.get("name", MODEL_NAME)
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(self.max_len)
        self.threadpools = ThreadpoolController()  # the BLAS libraries loaded in this process (numpy's)
        self.directory = directory  # where ``load`` read it from (the model process loads it again)

    @classmethod
    def load(cls, directory: str | Path | None = None, threads: int = 1, gate: bool = True) -> "EventModel":
        """Load from ``directory`` (default: the model shipped in the package); ``gate=False`` leaves its story
        gate unread (``scripts/train_gate.py`` refits it)."""
        from tokenizers import Tokenizer

        root = Path(directory) if directory else Path(str(resources.files("blocwatch.data") / "models" / MODEL_NAME))
        if not (root / "model.onnx").exists():
            raise ModelError(f"no learned coder model in {root}; run 'make train' or use --coder rules")
        config = json.loads((root / "config.json").read_text("utf-8"))
        tokenizer = Tokenizer.from_file(str(root / "tokenizer.json"))
        head = None
        if (root / "pair_head.npz").exists():
            with np.load(root / "pair_head.npz") as z:
                head = {k: z[k].astype(np.float32) for k in z.files}
        story_gate = Gate.load(root, config.get("pair_labels", config["labels"])) if head is not None and gate else None
        return cls(OnnxRunner(root / "model.onnx", threads), tokenizer, config, head, story_gate, root)

    def predict_pairs(self, inputs: list[PairInput]) -> list[tuple[np.ndarray, Prediction]]:
        """For each input, the probabilities ``[pairs, labels]`` of its ordered country pairs and the span
        head's prediction for the sentence (offsets relative to the sentence; the prefix of implied
        countries is never a span), from one encoder call per input."""
        if self.pair_head is None:
            raise ModelError(f"model {self.name} has no pair head; retrain it ('make train')")
        with self.one_blas_thread():
            return [self._predict_pair(inp) for inp in inputs]

    def one_blas_thread(self) -> Any:
        """A context in which numpy's BLAS runs on one thread, as onnxruntime does. The pair head's matmuls
        are small (pairs by 1,536 by 256); OpenBLAS splits each over all cores by default, and its worker
        waits for a core that spaCy (parsing on the other thread) or any other load holds: ingesting
        500 KCNA stories on a loaded 2-core machine took 161 s of CPU and 301 s instead of 37 s and
        54 s. The stored events are the same to the bit (checked on 500 KCNA stories)."""
        return self.threadpools.limit(limits=1, user_api="blas")

    def _predict_pair(self, inp: PairInput) -> tuple[np.ndarray, Prediction]:
        enc = self.tokenizer.encode(inp.text)
        n = len(enc.ids)
        ids = np.asarray([enc.ids], np.int64)
        mask = np.ones((1, n), np.float32)
        tok_logits, cls_logits, hidden, pooled = self.runner(ids, mask)
        masks = [piece_mask(enc.offsets, sp, n) for sp in inp.spans]
        ma = np.stack([masks[i] for i, _ in inp.pairs])[None]
        mb = np.stack([masks[j] for _, j in inp.pairs])[None]
        feats = pair_features(hidden, pooled, ma, mb, np)
        probs = encoder.softmax(encoder.pair_logits(self.pair_head, feats, np), np)[0]
        shifted = [(a - inp.offset, b - inp.offset) if a >= inp.offset and a != b else (0, 0)
                   for a, b in enc.offsets]
        span = self._prediction(encoder.softmax(tok_logits, np)[0], encoder.softmax(cls_logits, np)[0], shifted)
        return probs, span

    def predict(self, texts: list[str]) -> list[Prediction]:
        """One prediction per text, computed in length-sorted batches of the runner's size."""
        encs = self.tokenizer.encode_batch(texts)
        order = sorted(range(len(texts)), key=lambda k: len(encs[k].ids))
        out: list[Prediction | None] = [None] * len(texts)
        for at in range(0, len(order), self.runner.batch):
            chunk = order[at:at + self.runner.batch]
            width = max(len(encs[k].ids) for k in chunk)
            ids = np.zeros((len(chunk), width), np.int64)
            mask = np.zeros((len(chunk), width), np.float32)
            for row, k in enumerate(chunk):
                ids[row, :len(encs[k].ids)] = encs[k].ids
                mask[row, :len(encs[k].ids)] = 1.0
            tok_logits, cls_logits = self.runner(ids, mask)[:2]
            tok_p, cls_p = encoder.softmax(tok_logits, np), encoder.softmax(cls_logits, np)
            for row, k in enumerate(chunk):
                n = len(encs[k].ids)
                out[k] = self._prediction(tok_p[row, :n], cls_p[row], encs[k].offsets)
        return out  # type: ignore[return-value]

    def _prediction(self, tok_p: np.ndarray, cls_p: np.ndarray, offsets: list[tuple[int, int]]) -> Prediction:
        none = self.labels.index("NONE")
        ranked = [i for i in np.argsort(-cls_p) if i != none]
        src, tgt = decode(tok_p, offsets)
        return Prediction(self.labels[ranked[0]], float(cls_p[ranked[0]]), float(cls_p[none]), src, tgt)


def answer(model: Any, questions: list[PairInput | str | None], deadline: Deadline | None = None) -> list[Any]:
    """``model``'s answer to each of a story's questions (``LearnedCoder.questions``): for a pair input, its
    pair probabilities and span prediction (``EventModel.predict_pairs``); for a text, its span prediction
    (``EventModel.predict``); for None, None. ``deadline`` is checked before each. Reads no Doc, so it runs
    as well in the model process (``learned.process``)."""
    out: list[Any] = []
    for question in questions:
        if deadline:
            deadline.check("coding events")
        if question is None:
            out.append(None)
        elif isinstance(question, str):
            out.append(model.predict([question])[0])
        else:
            out.append(model.predict_pairs([question])[0])
    return out
