"""The named entities of the example corpus (and the seed articles, where present) left without a country."""

from __future__ import annotations

import pytest

from blocwatch.actors import ActorResolver
from blocwatch.actors.coverage import uncoded_entities
from blocwatch.ingest import read_sources
from blocwatch.records import Article
from tests.conftest import REPO, SHARED

pytestmark = pytest.mark.slow
MUST_CODE = {"Soviet Union", "USSR", "KCNA", "Rodong Sinmun", "Xinhua", "TASS", "Xi", "Kim", "Putin", "Zhao",
             "UN", "United Nations", "NATO", "US", "U.S.", "China", "Russia", "North Korea", "Pyongyang"}


def test_top_100_uncoded_entities(nlp, capsys):
    paths = [str(REPO / "examples" / "corpus")] + ([str(SHARED / "corpus" / "seeds")]
                                                   if (SHARED / "corpus" / "seeds").exists() else [])
    articles = [a for a in read_sources(paths) if isinstance(a, Article)]
    docs = ((doc, a.published) for doc, a in nlp.pipe(((a.text, a) for a in articles), as_tuples=True))
    top = uncoded_entities(docs, ActorResolver.from_package()).most_common(100)
    with capsys.disabled():
        print(f"\ntop uncoded entities in {', '.join(paths)}:")
        for (label, text), count in top:
            print(f"  {count:3d} {label:6s} {text}")
    texts = {text.removeprefix("the ").removeprefix("The ") for (_, text), _ in top}
    assert not texts & MUST_CODE, texts & MUST_CODE
    assert sum(c for _, c in top) < 60, "more uncoded entity mentions than before; extend the actor knowledge"
