"""Training examples for the pair head from the real-news gold (stand-off annotations of real stories).

Each story is read, cleaned and parsed as ``ingest`` would, its actor mentions resolved, and each
sentence turned into the pair head's input (``pairs.story_inputs``): exactly what the coder sees at
run time. A country pair is labelled with the gold event between those countries in that sentence
(asserted or intended: the rules decide modality), else NONE.
"""

from __future__ import annotations

from typing import Any

from blocwatch.events.realgold import SYMMETRIC_TYPES
from blocwatch.learned.data import Example

TO_ROOT = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}
LABELLED_MODALITIES = frozenset({"asserted", "intended"})


def training_silver(gold: list[Any], silver: list[Any], tuning: set[str] | None) -> list[Any]:
    """The silver stories a model may learn from: never one of the test split (by the hash of its id) nor of a
    tuning set (the gold's dev stories and the ids in ``tuning``); where the tuning set's list is unknown
    (``tuning`` None), no dev-split story at all. Used by ``train_coder.py`` and ``train_gate.py``."""
    from blocwatch.events.realgold import gold_split

    held = {s.id for s in gold if s.split == "dev"} | (tuning or set())
    return [s for s in silver if (split := gold_split(s.id)) == "train" or (
            split == "dev" and tuning is not None and s.id not in held)]


def real_examples(stories: list[Any], texts: dict[str, dict[str, Any]], pipeline: Any) -> list[Example]:
    """Pair-head examples of every sentence with two or more candidate countries."""
    from blocwatch.api.events import _locate, code_inputs
    from blocwatch.events.realeval import sentence_of

    out: list[Example] = []
    for story, (article, inputs) in zip(stories, code_inputs(pipeline, [texts[s.id] for s in stories])):
        raw = texts[story.id]["text"]
        if not inputs:
            continue
        for k, (sent_span, inp) in enumerate(inputs):
            at = _locate(raw, article.text, *sent_span)
            i = sentence_of(story.sentences, *at) if at else None
            gold: dict[tuple[str, str], str] = {}
            if i is not None:
                for e in story.sentences[i].events:
                    if e.modality in LABELLED_MODALITIES:
                        label = TO_ROOT.get(e.type, e.type)
                        gold.setdefault((e.src, e.tgt), label)
                        if e.type in SYMMETRIC_TYPES:
                            gold.setdefault((e.tgt, e.src), label)
            pairs = tuple((inp.spans[a], inp.spans[b], gold.get((inp.countries[a], inp.countries[b]), "NONE"))
                          for a, b in inp.pairs)
            if pairs:
                out.append(Example(inp.text, "NONE", id=f"{story.id}#{k}", pairs=pairs, sentence_level=False))
    return out
