"""Dictionary hygiene: which actor-knowledge names are ordinary words, and which of those code a country.

An ordinary word ("Youth", "Western", "Republic", "Organization") is capitalised in names and
headlines, so a dictionary entry for it codes a country wherever a name contains it ("the Belorussian
February 16 Youth Association" came out French, "the Western Front Command" Samoan). The list of such
words and phrases is package data (``ordinary_words.txt``); ``scripts/build_actors.py`` leaves them out
of ``actors.json``, ``scripts/actor_hygiene.py`` lists the entries that still hold one, and the test
suite fails on any that codes a country or a regional group.
"""

from __future__ import annotations

import re
from importlib import resources

from blocwatch.actors.codes import split_code
from blocwatch.actors.kb import ActorKB

WORD_SPLIT = re.compile(r"[ '’\-]+")


def ordinary_words() -> frozenset[str]:
    """The ordinary words and phrases (lowercase, space-joined) of ``ordinary_words.txt``."""
    text = resources.files("blocwatch.data").joinpath("ordinary_words.txt").read_text("utf-8")
    return frozenset(" ".join(line.split()) for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


def codes_country(codes: list[str]) -> bool:
    """True when one of ``codes`` carries a country or a regional group (anything but a bare sector/IGO)."""
    return any(split_code(c)[0] for c in codes)


def ordinary_entries(kb: ActorKB, words: frozenset[str] | None = None) -> list[tuple[str, list[str]]]:
    """(name, codes) of every entry of ``kb`` that is an ordinary word or phrase and codes a country."""
    words = ordinary_words() if words is None else words
    return [(name, [r[0] for r in roles]) for name, roles in sorted(kb.names.items())
            if name in words and codes_country([r[0] for r in roles])]


def generic_names(kb: ActorKB, words: frozenset[str] | None = None) -> list[tuple[str, list[str]]]:
    """(name, codes) of the longer entries made only of ordinary words and stop words that code a
    country ("popular resistance", "the west"): names to review by hand, not all wrong."""
    from spacy.lang.en.stop_words import STOP_WORDS

    words = ordinary_words() if words is None else words
    out = []
    for name, roles in sorted(kb.names.items()):
        parts = [p for p in WORD_SPLIT.split(name) if p]
        codes = [r[0] for r in roles]
        if (len(parts) > 1 and name not in words and codes_country(codes)
                and all(p in words or p in STOP_WORDS or p == "s" for p in parts)):
            out.append((name, codes))
    return out
