"""Development aid: show gold rows the coder misses (for error analysis; prints to the terminal only).

    python scripts/eval_errors.py ../shared/gold/PLV_train.tsv [N]
"""

from __future__ import annotations

import random
import sys

from blocwatch.events.evaluate import matches, read_gold, root_ok
from blocwatch.pipeline import Pipeline


def main() -> None:
    rows = read_gold(sys.argv[1])
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    pipe = Pipeline()
    random.seed(7)
    sample = random.sample(rows, min(len(rows), 400))
    docs = pipe.nlp.pipe(r.sentence for r in sample)
    shown = 0
    for row, doc in zip(sample, docs):
        events = pipe.coder.code(doc, doc_id="x")
        if any(matches(row, e) and root_ok(row.root, e.plover) for e in events) or shown >= n:
            continue
        shown += 1
        print(f"\n[{row.root}] {row.source!r} -> {row.target!r}\n  {row.sentence[:220]}")
        for e in events:
            print(f"  got {e.source.text!r}({e.source.code}) {e.plover} {e.target.text if e.target else None!r} | {e.reason[:60]}")
        if not events:
            ms = pipe.coder.resolver.mentions(doc)
            print("  mentions:", [(m.span.text, m.span.code) for m in ms][:8])


if __name__ == "__main__":
    main()
