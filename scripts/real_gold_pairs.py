"""How many gold events of the real-news gold have both countries among the resolver's mentions of
their sentence (the ceiling of the pair coder), and which countries the resolver misses.

    python scripts/real_gold_pairs.py [--gold gold/kcna2011/gold.jsonl] [--split dev]
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from blocwatch.api.events import DEFAULT_REAL_CORPUS, real_corpus
from blocwatch.events.realeval import read_real_gold, sentence_of
from blocwatch.learned.pairs import sentence_mentions
from blocwatch.pipeline import Pipeline, PipelineOptions


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", default="gold/kcna2011/gold.jsonl")
    ap.add_argument("--corpus", default=DEFAULT_REAL_CORPUS)
    ap.add_argument("--split", default="all")
    ap.add_argument("--show", type=int, default=30)
    args = ap.parse_args()
    stories = [s for s in read_real_gold(args.gold) if args.split == "all" or s.split == args.split]
    texts = real_corpus(args.corpus, {s.id for s in stories})
    pipe = Pipeline(PipelineOptions(coder="rules"))
    resolver = pipe.coder.resolver
    from blocwatch.events.rules import MentionIndex
    total = both = 0
    missing = Counter()
    examples = []
    for st in stories:
        raw = texts[st.id]["text"]
        doc = pipe.nlp(raw)
        from blocwatch.ingest.pubdate import parse_date
        idx = MentionIndex(resolver.mentions(doc, on=parse_date(st.published)))
        found: dict[int, set] = {}
        for sent in doc.sents:
            i = sentence_of(st.sentences, sent.start_char, sent.end_char)
            if i is not None:
                found.setdefault(i, set()).update(m.span.country for m in sentence_mentions(sent, idx))
        for i, gs in enumerate(st.sentences):
            for e in gs.events:
                if e.modality != "asserted":
                    continue
                total += 1
                have = found.get(i, set())
                if e.src in have and e.tgt in have:
                    both += 1
                else:
                    for c in (e.src, e.tgt):
                        if c not in have:
                            missing[c] += 1
                            examples.append((st.id, i, c, raw[gs.start:gs.end][:160], sorted(have)))
    print(json.dumps({"gold_events": total, "both_countries_mentioned": both, "share": both / max(total, 1),
                      "missing": missing.most_common(20)}, indent=1))
    for ex in examples[:args.show]:
        print(ex)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
