"""A word-by-word English gloss of Spanish sentences, for the pair head to read.

The coder's encoder (MiniLM) was trained on English; KCNA also publishes in Spanish, and there the
pair head reads word pieces it hardly knows ("critica", "autoridades surcoreanas") and says NONE for
most events. Before the model reads a sentence of a Spanish story, each word with an entry in the
glossary (``data/gloss_es.tsv``: our own glosses of the most frequent words of the Spanish stories,
listed by ``scripts/spanish_words.py``) is replaced by its English gloss, longest phrase first
("Estados Unidos" → "United States", "sin embargo" → "however"); names and words without an entry
stay as they are. Word order stays Spanish, but for a noun after a determiner and the adjectives of
nationality, "puppet", "military", "joint", "nuclear" or "international" that follow it ("las autoridades
surcoreanas" → "the South Korean authorities", as the model read it in English). Only the model's input
changes: actors, rules, dates and evidence still read the story's own words, and a mention's span is
carried over to the gloss of the words it covers.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources

from blocwatch.language import WORD

# Spanish puts most adjectives after their noun ("las autoridades surcoreanas"): after a determiner, a noun
# and the adjectives of these that follow it are glossed in English order ("the South Korean authorities").
DETERMINERS = frozenset("el la los las un una unos unas su sus este esta estos estas ese esa esos esas del al "
                        "nuestro nuestra nuestros nuestras dicho dicha dichos dichas".split())
AFTER_NOUN = frozenset("""coreana coreano coreanas coreanos surcoreana surcoreano surcoreanas surcoreanos norcoreano
    norcoreana norcoreanos norcoreanas japones japonesa japoneses japonesas chino china chinos chinas ruso rusa rusos
    rusas norteamericano norteamericana norteamericanos norteamericanas estadounidense estadounidenses cubano cubana
    cubanos cubanas vietnamita vietnamitas iraqui iraquies palestino palestina palestinos palestinas sirio siria
    sirios sirias britanico britanica britanicos britanicas mexicano mexicana mexicanos mexicanas mongol mongola
    indonesio indonesia asiatico asiatica asiaticos asiaticas europeo europea europeos europeas africano africana
    titere titeres militar militares conjunto conjunta conjuntos conjuntas nuclear nucleares internacional
    internacionales""".split())
MAX_PHRASE = 4  # words in the longest glossary phrase that is looked up
DROP = "-"  # the gloss of a word English has no counterpart for


def fold(word: str) -> str:
    """Lowercase without accents ("Criticó" → "critico"): KCNA's Spanish often drops its accents."""
    return "".join(c for c in unicodedata.normalize("NFD", word.lower()) if not unicodedata.combining(c))


@dataclass(frozen=True)
class Glossed:
    """A gloss and where each character of the original went: original char ``i`` is gloss chars
    ``starts[i]``…``ends[i]`` (a whole glossed word: a span's edges move to its words' edges)."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def span(self, a: int, b: int) -> tuple[int, int]:
        """The gloss span of the original span ``a``…``b`` (b exclusive)."""
        if a >= len(self.starts):
            return len(self.text), len(self.text)
        if b <= a:
            return self.starts[a], self.starts[a]
        b = min(b, len(self.ends))
        return min(self.starts[a:b]), max(self.ends[a:b])


@dataclass(frozen=True)
class Glossary:
    """Folded Spanish word or phrase (a tuple of folded words) → English."""

    entries: dict[tuple[str, ...], str] = field(default_factory=dict)

    @classmethod
    def from_text(cls, text: str) -> "Glossary":
        """Lines ``spanish<TAB>english`` (``-``: the word is dropped); ``#`` starts a comment."""
        entries: dict[tuple[str, ...], str] = {}
        for line in text.splitlines():
            line = line.split("#", 1)[0].rstrip()
            if "\t" not in line:
                continue
            es, en = (x.strip() for x in line.split("\t", 1))
            key = tuple(fold(w) for w in WORD.findall(es))
            if key and en and len(key) <= MAX_PHRASE:
                entries.setdefault(key, en)
        return cls(entries)

    @classmethod
    def from_package(cls) -> "Glossary":
        return cls.from_text(resources.files("blocwatch.data").joinpath("gloss_es.tsv").read_text("utf-8"))

    def gloss(self, text: str) -> Glossed:
        """``text`` with each glossed word or phrase replaced (its first letter's case kept)."""
        words = list(WORD.finditer(text))
        folded = [fold(w.group()) for w in words]
        out: list[str] = []
        starts = [0] * len(text)
        ends = [0] * len(text)
        pos = 0  # next original char to copy
        at = 0  # length of the gloss so far
        i = 0
        while i < len(words):
            window = self._after_noun(text, words, folded, i)
            if window:  # "las autoridades surcoreanas": the adjectives' glosses, then the noun's
                at = _copy(text, pos, words[i].start(), out, starts, ends, at)
                at = self._reordered(words, folded, [*range(i + 1, i + 1 + window), i], out, starts, ends, at)
                pos, i = words[i + window].end(), i + 1 + window
                continue
            hit = self._longest(words, folded, i)
            if hit is None or self._in_name(text, words, folded, i):
                i += 1
                continue
            n, en = hit
            a, b = words[i].start(), words[i + n - 1].end()
            at = _copy(text, pos, a, out, starts, ends, at)
            if en == DROP:  # no English counterpart ("se"): the word and one space after it go
                en = ""
                b += 1 if text[b:b + 1] == " " else 0
            elif en.endswith(".") and text[b:b + 1] == ".":  # "EE.UU." → "U.S."
                en = en[:-1]
            if en and words[i].group()[0].isupper():
                en = en[0].upper() + en[1:]
            for k in range(a, b):
                starts[k], ends[k] = at, at + len(en)
            out.append(en)
            at += len(en)
            pos, i = b, i + n
        _copy(text, pos, len(text), out, starts, ends, at)
        return Glossed("".join(out), tuple(starts), tuple(ends))

    def _reordered(self, words: list[re.Match], folded: list[str], order: list[int], out: list[str],
                   starts: list[int], ends: list[int], at: int) -> int:
        """The glosses of words ``order`` (a run of words one space apart, reordered), one space apart; the
        spaces between the original words map to the run's end. Returns the gloss length after them."""
        for n, k in enumerate(order):
            en = self.entries[(folded[k],)]
            if n:
                out.append(" ")
                at += 1
            for c in range(words[k].start(), words[k].end()):
                starts[c], ends[c] = at, at + len(en)
            out.append(en)
            at += len(en)
        for k in range(min(order), max(order)):
            for c in range(words[k].end(), words[k + 1].start()):
                starts[c], ends[c] = at, at
        return at

    def _after_noun(self, text: str, words: list[re.Match], folded: list[str], i: int) -> int:
        """How many adjectives of AFTER_NOUN follow word ``i``, a glossed noun after a determiner (0: none)."""
        if i == 0 or folded[i - 1] not in DETERMINERS or folded[i] in AFTER_NOUN or folded[i] in DETERMINERS:
            return 0
        if (folded[i],) not in self.entries or self.entries[(folded[i],)] == DROP or words[i].group()[0].isupper():
            return 0
        n = 0
        while (i + n + 1 < len(words) and folded[i + n + 1] in AFTER_NOUN and (folded[i + n + 1],) in self.entries
               and text[words[i + n].end():words[i + n + 1].start()] == " "):
            n += 1
        return n

    def _in_name(self, text: str, words: list[re.Match], folded: list[str], i: int) -> bool:
        """A capitalized word right after a capitalized word the glossary does not know is part of a
        name and stays ("Un" in "Kim Jong Un" is no article)."""
        if i == 0 or not words[i].group()[0].isupper():
            return False
        before = words[i - 1]
        return (before.group()[0].isupper() and text[before.end():words[i].start()] == " "
                and (folded[i - 1],) not in self.entries)

    def _longest(self, words: list[re.Match], folded: list[str], i: int) -> tuple[int, str] | None:
        for n in range(min(MAX_PHRASE, len(words) - i), 0, -1):
            en = self.entries.get(tuple(folded[i:i + n]))
            if en is not None and all(words[k].end() + 1 >= words[k + 1].start() for k in range(i, i + n - 1)):
                return n, en
        return None


def _copy(text: str, a: int, b: int, out: list[str], starts: list[int], ends: list[int], at: int) -> int:
    """Copy original chars a…b unchanged; returns the gloss length after them."""
    for k in range(a, b):
        starts[k], ends[k] = at + k - a, at + k - a + 1
    out.append(text[a:b])
    return at + b - a
