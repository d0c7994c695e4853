"""Print the named entities the actor knowledge leaves without a country, most frequent first.

Usage: python scripts/uncoded_entities.py [PATH ...]   (default: examples/corpus and ../shared/corpus/seeds)
"""

from __future__ import annotations

import sys
from pathlib import Path

from blocwatch.actors import ActorResolver
from blocwatch.actors.coverage import uncoded_entities
from blocwatch.ingest import read_sources
from blocwatch.nlp import load_nlp
from blocwatch.records import Article

REPO = Path(__file__).resolve().parents[1]


def main(paths: list[str]) -> None:
    paths = paths or [p for p in (str(REPO / "examples" / "corpus"), str(REPO.parent / "shared" / "corpus" / "seeds"))
                      if Path(p).exists()]
    nlp = load_nlp()
    articles = [a for a in read_sources(paths) if isinstance(a, Article)]
    docs = ((doc, a.published) for doc, a in nlp.pipe(((a.text, a) for a in articles), as_tuples=True))
    for (label, text), count in uncoded_entities(docs, ActorResolver.from_package()).most_common(100):
        sys.stdout.write(f"{count}\t{label}\t{text}\n")


if __name__ == "__main__":
    main(sys.argv[1:])
