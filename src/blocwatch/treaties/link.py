"""Linking sentences to treaties: names, aliases, "the 1961 treaty", "Article 2", in country context."""

from __future__ import annotations

import re
from itertools import islice
from typing import Any

from blocwatch.records import TreatyMention
from blocwatch.treaties.kb import Treaty, TreatyKB

CUE = re.compile(r"\b(treat(y|ies)|pact|alliance|article|accord|agreement|charter|nato|csto|aukus|anzus|commitment)\b", re.I)
ARTICLE = re.compile(r"\bArticle\s+(\d+|[IVX]+)\b")
YEAR_TREATY = re.compile(r"\b(1[89]\d\d|20\d\d)\s+(?:[\w-]+\s+){0,3}?(treaty|pact|accord|agreement|alliance)\b", re.I)
# Names, demonyms and capitals of the states the curated treaties bind: the context that
# tells "the treaty" between China and North Korea from any other.
COUNTRY_WORDS = {
    "CHN": r"China|Chinese|Beijing", "PRK": r"North Korea\w*|DPRK|Pyongyang|N\.? Korea\w*",
    "RUS": r"Russia\w*|Moscow|Kremlin|Soviet|USSR", "USA": r"United States|U\.S\.|US|America\w*|Washington",
    "JPN": r"Japan\w*|Tokyo", "KOR": r"South Korea\w*|Seoul|ROK|Republic of Korea", "IRN": r"Iran\w*|Tehran",
    "AUS": r"Australia\w*|Canberra", "GBR": r"Britain|British|UK|United Kingdom|London",
    "NZL": r"New Zealand\w*", "BLR": r"Belarus\w*|Minsk",
}


class TreatyLinker:
    """Finds sentences in a parsed Doc that name a treaty in the knowledge base."""

    def __init__(self, kb: TreatyKB):
        self.kb = kb
        named = [t for t in kb if t.aliases]
        pairs = [(alias, t) for t in named for alias in (t.name, *t.aliases)]
        pairs.sort(key=lambda p: -len(p[0]))
        self.aliases = [(re.compile(r"\b" + re.escape(a) + r"\b", re.I if not a.isupper() else 0), a, t)
                        for a, t in pairs]
        self.countries = {iso: re.compile(rf"\b(?:{rx})\b") for iso, rx in COUNTRY_WORDS.items()}

    @classmethod
    def from_package(cls, extra_files: tuple[str, ...] = ()) -> "TreatyLinker":
        return cls(TreatyKB.from_package(extra_files))

    def link(self, doc: Any, *, article_id: str, max_sentences: int | None = None) -> list[TreatyMention]:
        """Treaty mentions in the first ``max_sentences`` sentences (all by default)."""
        if not CUE.search(doc.text):
            return []
        in_article = self._mentioned(doc.text)
        last: Treaty | None = None
        out = []
        for sent in islice(doc.sents, max_sentences):
            text = sent.text
            if not CUE.search(text):
                continue
            in_sent = self._mentioned(text)
            for treaty, matched, why in self._candidates(text, in_article, in_sent, last):
                out.append(TreatyMention(article_id, treaty.id, sent.start_char, sent.end_char, text.strip(),
                                         matched, why))
                last = treaty
        return out

    def _mentioned(self, text: str) -> set[str]:
        return {iso for iso, rx in self.countries.items() if rx.search(text)}

    def _candidates(self, text, in_article, in_sent, last):
        found: dict[str, tuple[Treaty, str, str]] = {}
        for rx, alias, treaty in self.aliases:
            if treaty.id not in found and rx.search(text) and self._fits(treaty, in_article, alias):
                found[treaty.id] = (treaty, alias, f"alias:{alias!r}; parties {'/'.join(treaty.parties[:4])} in context")
        for m in YEAR_TREATY.finditer(text):
            for t in self._pick([t for t in self.kb if t.signed and t.signed.year == int(m[1])], in_article, in_sent):
                found.setdefault(t.id, (t, m.group(0), f"year:{m[1]} treaty with parties in context"))
        for m in ARTICLE.finditer(text):
            pool = [t for t in self.kb if any(o.article == f"Article {m[1]}" for o in t.obligations)]
            chosen = [last] if last in pool else self._pick(pool, in_article, in_sent)
            for t in chosen[:1]:
                found.setdefault(t.id, (t, m.group(0), f"article:{m.group(0)} of the treaty under discussion"))
        return list(found.values())

    @staticmethod
    def _fits(treaty: Treaty, in_article: set[str], alias: str) -> bool:
        """Specific names stand alone; generic phrases need the parties named in the article."""
        if alias == treaty.name or (alias.isupper() and len(alias) > 3):
            return True
        return len(treaty.parties) > 3 or set(treaty.parties) <= in_article

    @staticmethod
    def _pick(pool: list[Treaty], in_article: set[str], in_sent: set[str]) -> list[Treaty]:
        fits = [t for t in pool if t.aliases and set(t.parties) <= in_article and len(t.parties) <= 3]
        return sorted(fits, key=lambda t: -len(set(t.parties) & in_sent))[:1]
