"""Training and evaluation examples: the PLV gold split, our own no-event sentences, label alignment."""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from blocwatch.learned.encoder import TAGS

# PLV's roots (YIELD is PLOVER 2.0's CONCEDE or RETREAT) plus NONE: no political event.
ROOTS = ("ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONSULT", "COOPERATE", "MOBILIZE", "PROTEST",
         "REJECT", "REQUEST", "SANCTION", "SUPPORT", "THREATEN", "YIELD", "NONE")
HELDOUT_PERCENT = 15
_MARK = re.compile(r"</?[st]>")


@dataclass(frozen=True)
class Example:
    text: str
    label: str
    source: tuple[int, int] | None = None  # char offsets in text
    target: tuple[int, int] | None = None
    id: str = ""
    # ordered pairs for the pair head: (source spans, target spans, label), char offsets in text
    pairs: tuple[tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...], str], ...] = ()
    sentence_level: bool = True  # False: only the pair head learns from it (no span or sentence label)


def heldout(sentence_id: str) -> bool:
    """The fixed 15% evaluation split, chosen by a hash of the sentence id."""
    digest = hashlib.sha256(str(sentence_id).strip().encode()).hexdigest()
    return int(digest[:8], 16) % 100 < HELDOUT_PERCENT


def in_split(sentence_id: str, split: str) -> bool:
    return split == "all" or (split == "heldout") == heldout(sentence_id)


def marked_spans(marked: str) -> tuple[str, tuple[int, int] | None, tuple[int, int] | None]:
    """The plain sentence and the char spans of ``<s>…</s>`` and ``<t>…</t>``."""
    plain, spans, opened, pos = [], {}, {}, 0
    for m in _MARK.finditer(marked):
        plain.append(marked[pos:m.start()])
        at = sum(len(p) for p in plain)
        tag = m.group()
        if tag.startswith("</"):
            spans[tag[2]] = (opened.pop(tag[2], at), at)
        else:
            opened[tag[1]] = at
        pos = m.end()
    plain.append(marked[pos:])
    return "".join(plain), spans.get("s"), spans.get("t")


def plv_examples(path: str | Path, split: str = "train") -> list[Example]:
    """PLV rows of a split (``train``, ``heldout`` or ``all``) as examples with gold spans."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    out = []
    for r in rows:
        if not in_split(r["sentence_id"], split):
            continue
        text, src, tgt = marked_spans(r["marked_sentence"])
        root = r["gold_root"].strip().upper()
        if root in ROOTS:
            out.append(Example(text, root, src, tgt, r["sentence_id"], plv_pairs(root, src, tgt)))
    return out


def plv_pairs(root: str, src: tuple[int, int] | None, tgt: tuple[int, int] | None) -> tuple:
    """The gold pair of a PLV row and its mirror (the same root for a symmetric one, else NONE)."""
    if src is None or tgt is None or root == "NONE":
        return ()
    back = root if root in ("AGREE", "CONSULT", "COOPERATE") else "NONE"
    return (((src,), (tgt,), root), ((tgt,), (src,), back))


def negative_examples(path: str | Path) -> list[Example]:
    """Our own sentences with no political event, one a line (``#`` comments)."""
    lines = Path(path).read_text("utf-8").splitlines()
    return [Example(s.strip(), "NONE", id=f"neg{i}") for i, s in enumerate(lines)
            if s.strip() and not s.lstrip().startswith("#")]


def marked_examples(path: str | Path) -> list[Example]:
    """Our own event sentences, ``label<TAB>marked sentence`` a line (``#`` comments)."""
    out = []
    for i, line in enumerate(Path(path).read_text("utf-8").splitlines()):
        if line.strip() and not line.startswith("#"):
            label, marked = line.split("\t", 1)
            text, src, tgt = marked_spans(marked.strip())
            out.append(Example(text, label.strip(), src, tgt, f"short{i}"))
    return out


def data_hash(examples: list[Example]) -> str:
    h = hashlib.sha256()
    for e in examples:
        h.update(f"{e.id}\t{e.text}\t{e.label}\t{e.source}\t{e.target}{e.pairs or ''}\n".encode())
    return h.hexdigest()[:16]


def _overlaps(a: int, b: int, span: tuple[int, int] | None) -> bool:
    return span is not None and a < span[1] and span[0] < b and b > a


def token_tags(offsets: list[tuple[int, int]], src: Any, tgt: Any) -> list[int]:
    """BIO tag ids for one sentence's wordpieces; -1 where the loss ignores a token."""
    tags, prev = [], "O"
    for a, b in offsets:
        if a == b:
            tags.append(-1)
            prev = "O"
            continue
        kind = "SRC" if _overlaps(a, b, src) else "TGT" if _overlaps(a, b, tgt) else "O"
        tag = "O" if kind == "O" else (f"I-{kind}" if prev == kind else f"B-{kind}")
        tags.append(TAGS.index(tag))
        prev = kind
    return tags


def encode(tokenizer: Any, examples: list[Example], max_len: int, max_pairs: int = 0) -> dict[str, np.ndarray]:
    """Padded ids, mask, tag and class labels for a list of examples (one shape: ``max_len``); with
    ``max_pairs``, also the pair head's piece masks and labels (-1 where no pair)."""
    from blocwatch.learned.pairs import piece_mask

    tokenizer.no_padding()
    tokenizer.enable_truncation(max_len)
    encs = tokenizer.encode_batch([e.text for e in examples])
    n = len(examples)
    ids = np.zeros((n, max_len), np.int32)
    mask = np.zeros((n, max_len), np.float32)
    tags = np.full((n, max_len), -1, np.int32)
    for i, (enc, ex) in enumerate(zip(encs, examples)):
        k = len(enc.ids)
        ids[i, :k] = enc.ids
        mask[i, :k] = 1.0
        if ex.sentence_level:
            tags[i, :k] = token_tags(enc.offsets, ex.source, ex.target)
    labels = np.array([ROOTS.index(e.label) for e in examples], np.int32)
    out = {"ids": ids, "mask": mask, "tags": tags, "labels": labels,
           "cls_weight": np.array([float(e.sentence_level) for e in examples], np.float32)}
    if max_pairs:
        pa = np.zeros((n, max_pairs, max_len), np.uint8)
        pb = np.zeros((n, max_pairs, max_len), np.uint8)
        pl = np.full((n, max_pairs), -1, np.int32)
        for i, (enc, ex) in enumerate(zip(encs, examples)):
            for k, (a, b, label) in enumerate(ex.pairs[:max_pairs]):
                ma, mb = piece_mask(enc.offsets, a, max_len), piece_mask(enc.offsets, b, max_len)
                if ma.any() and mb.any():
                    pa[i, k], pb[i, k], pl[i, k] = ma, mb, ROOTS.index(label)
        out.update(pair_a=pa, pair_b=pb, pair_labels=pl)
    return out
