"""How often an actor mention overlaps the gold source / target span of a PLV-format TSV.

    python scripts/actor_coverage.py [--gold ../shared/gold/PLV_train.tsv] [--misses N]

Prints the source and target overlap rates (a development measure for the actor resolver)
and the time spent in ``ActorResolver.mentions`` per sentence.
"""

from __future__ import annotations

import argparse
import csv
import logging
import sys
import time
from pathlib import Path

from blocwatch.actors import ActorResolver
from blocwatch.nlp import load_nlp

REPO = Path(__file__).resolve().parents[1]
log = logging.getLogger("actor_coverage")


def gold_rows(path: Path) -> list[dict]:
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def span_of(sentence: str, marked: str, tag: str) -> tuple[int, int] | None:
    """Char span of <s>…</s> / <t>…</t> in the unmarked sentence."""
    open_, close = f"<{tag}>", f"</{tag}>"
    if open_ not in marked:
        return None
    other = "t" if tag == "s" else "s"
    plain_before = marked.split(open_, 1)[0].replace(f"<{other}>", "").replace(f"</{other}>", "")
    inner = marked.split(open_, 1)[1].split(close, 1)[0].replace(f"<{other}>", "").replace(f"</{other}>", "")
    start = len(plain_before)
    return (start, start + len(inner)) if sentence[start:start + len(inner)] == inner else None


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", type=Path, default=REPO.parent / "shared" / "gold" / "PLV_train.tsv")
    ap.add_argument("--misses", type=int, default=0, help="print this many missed gold spans")
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    rows = gold_rows(args.gold)
    nlp, resolver = load_nlp(), ActorResolver.from_package()
    docs = list(nlp.pipe([r["sentence"] for r in rows], batch_size=64))
    hit = {"s": 0, "t": 0}
    total = {"s": 0, "t": 0}
    misses: list[str] = []
    t0 = time.perf_counter()
    found = [resolver.mentions(d) for d in docs]
    per_sentence_ms = (time.perf_counter() - t0) * 1000 / max(len(docs), 1)
    for row, mentions in zip(rows, found):
        for tag in ("s", "t"):
            span = span_of(row["sentence"], row["marked_sentence"], tag)
            if span is None:
                continue
            total[tag] += 1
            if any(m.span.start < span[1] and span[0] < m.span.end for m in mentions):
                hit[tag] += 1
            elif len(misses) < args.misses:
                misses.append(f"{tag}: {row['sentence'][span[0]:span[1]]!r}")
    for line in misses:
        log.info("miss %s", line)
    log.info("source overlap %.3f (%d/%d)", hit["s"] / max(total["s"], 1), hit["s"], total["s"])
    log.info("target overlap %.3f (%d/%d)", hit["t"] / max(total["t"], 1), hit["t"], total["t"])
    log.info("mentions(): %.3f ms per sentence over %d sentences", per_sentence_ms, len(docs))


if __name__ == "__main__":
    main()
