"""Real-news gold: stand-off annotations of real stories, their split and their sentences.

A gold record names a story (`id`), and for each sentence its character span in the story
text and the list of international events it reports (`src`, `tgt` ISO3, PLOVER `type`,
`modality`). The story text itself is never stored with it: it is read from the corpus.
"""
from __future__ import annotations

import hashlib
import re

from blocwatch.events.lexicon import RECIPROCAL

__all__ = ["gold_split", "split_sentences", "SYMMETRIC_TYPES"]

#: Event types that read the same in both directions when scored.
SYMMETRIC_TYPES = RECIPROCAL

_ABBREV = re.compile(
    r"(?:\b(?:U\.S|U\.N|U\.K|D\.P\.R\.K|Mr|Mrs|Ms|Dr|St|No|Nos|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|"
    r"Nov|Dec|Gen|Col|Lt|Maj|Prof|Jr|Sr|Co|Corp|Inc|Ltd|vs|etc|[A-Z])\.)$")
_BOUNDARY = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")


def gold_split(story_id: str) -> str:
    """`test` (40%), `dev` (20%) or `train` (40%) by a hash of the story id: fixed for ever."""
    bucket = int(hashlib.sha256(story_id.encode("utf-8")).hexdigest()[:8], 16) % 10
    return "test" if bucket < 4 else "dev" if bucket < 6 else "train"


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of a story: the first line (its title) is one sentence,
    each paragraph is split at sentence ends (not after common abbreviations or initials)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for para in re.finditer(r"[^\n]+", text):
        start, end = para.start(), para.end()
        seg_start = start
        for m in _BOUNDARY.finditer(text, start, end):
            head = text[seg_start:m.start()].rstrip("\"')]")
            if _ABBREV.search(head[-12:]):
                continue
            _add(text, spans, seg_start, m.start())
            seg_start = m.end()
        _add(text, spans, seg_start, end)
        pos = end
    del pos
    return spans


def _add(text: str, spans: list[tuple[int, int]], a: int, b: int) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b - a >= 2 and re.search(r"[A-Za-z]", text[a:b]):
        spans.append((a, b))
