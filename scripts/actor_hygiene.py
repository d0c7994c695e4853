"""List the actor-knowledge entries that are ordinary words (dictionary hygiene).

    python scripts/actor_hygiene.py              # entries in ordinary_words.txt that code a country (exit 1 if any)
    python scripts/actor_hygiene.py --generic    # also longer names made only of ordinary words, to review
    python scripts/actor_hygiene.py --suggest [--shared ../shared]

``--suggest`` proposes words for ``src/blocwatch/data/ordinary_words.txt``: words of the knowledge's
names that the spaCy model's WordNet index knows and that running English text (the shared kcna2011
stories and PLV sentences) writes in lowercase at least a tenth of the time mid-sentence. Review them
by hand: a place that is also a word ("Turkey") is written capitalised and does not come up.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from blocwatch.actors.hygiene import WORD_SPLIT, generic_names, ordinary_entries, ordinary_words
from blocwatch.actors.kb import ActorKB

REPO = Path(__file__).resolve().parents[1]
WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")


def case_counts(shared: Path) -> tuple[Counter, Counter]:
    """(lowercase, capitalised) counts of each word past the first of its sentence, in the shared texts."""
    low: Counter = Counter()
    cap: Counter = Counter()

    def feed(text: str) -> None:
        for sent in re.split(r"(?<=[.!?])\s+|\n+", text):
            for w in WORD.findall(sent)[1:]:
                if w.islower():
                    low[w] += 1
                elif w[0].isupper() and not w.isupper():
                    cap[w.lower()] += 1

    for path in sorted((shared / "corpus" / "kcna2011").glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                text = json.loads(line).get("text")
                if isinstance(text, str):
                    feed(text)
    plv = shared / "gold" / "PLV_train.tsv"
    if plv.exists():
        feed(plv.read_text("utf-8"))
    return low, cap


def suggest(kb: ActorKB, shared: Path) -> list[str]:
    from blocwatch.nlp import load_nlp

    index = load_nlp().get_pipe("lemmatizer").lookups.get_table("lemma_index")
    wordnet = set().union(*(set(index[pos]) for pos in ("noun", "verb", "adj", "adv")))
    low, cap = case_counts(shared)
    known = ordinary_words()
    tokens = {p for name in kb.names for p in WORD_SPLIT.split(name) if len(p) > 1}
    return sorted(w for w in tokens - known
                  if w in wordnet and low[w] >= 5 and low[w] >= 0.1 * (low[w] + cap[w]))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--generic", action="store_true", help="also list longer names made of ordinary words")
    ap.add_argument("--suggest", action="store_true", help="propose new ordinary words from WordNet and the corpora")
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = ap.parse_args()
    kb = ActorKB.from_package()
    bad = ordinary_entries(kb)
    for name, codes in bad:
        print(f"ordinary word codes a country: {name!r} → {' '.join(codes)}")
    if args.generic:
        for name, codes in generic_names(kb):
            print(f"review (only ordinary words): {name!r} → {' '.join(codes)}")
    if args.suggest:
        for word in suggest(kb, args.shared):
            print(f"suggest: {word}")
    print(f"{len(bad)} ordinary-word entries code a country", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
