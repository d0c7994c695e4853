"""Country pairs in a sentence: the candidates of the pair head.

The pair head reads the encoder's token states once per sentence and classifies each ordered pair of
countries (source, target) as NONE or a PLOVER root, so a sentence yields none, one or several events
and the direction is explicit.

The candidates of a sentence are the countries of its actor mentions plus up to ``MAX_CONTEXT``
countries the story implies: the country of the outlet (KCNA reports from Pyongyang: "Mourners from
China left here"), of the title and of the sentence before. Real news leaves actors implicit ("I
express my condolences to you" in a letter quoted by the story); an annotator reading the whole story
names them, so the model must see them. Implied countries are written before the sentence
("Cambodia ; DPRK | I express ..."), so every candidate has words in the model's input: a country's
representation is the mean state of its mentions in the sentence, else of its name in that prefix.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from blocwatch.actors import ActorMention
from blocwatch.actors.resolve import REGIONS
from blocwatch.learned.gloss import Glossary

MAX_COUNTRIES = 24  # condolence lists name 20 states in one sentence
MAX_CONTEXT = 4
CONTEXT_WITH_TWO = 2  # implied countries where the sentence names two or more itself
MAX_PAIRS = 12 * 11  # pairs of one training sentence (the rest are rare, and cost every batch)
# How an implied country is written in the prefix: the names KCNA-style prose uses.
PREFIX_NAMES = {"PRK": "DPRK", "KOR": "south Korea", "USA": "U.S.", "GBR": "Britain", "RUS": "Russia",
                "SUN": "Soviet Union", "COD": "DR Congo", "COG": "Congo", "LAO": "Laos", "SYR": "Syria",
                "IRN": "Iran", "VNM": "Viet Nam", "VEN": "Venezuela", "BOL": "Bolivia", "TZA": "Tanzania"}


@dataclass(frozen=True)
class PairInput:
    """What the pair head reads for one sentence."""

    text: str  # the prefix of implied countries, then the sentence
    offset: int  # sentence char i is text char offset + i
    countries: tuple[str, ...]
    spans: tuple[tuple[tuple[int, int], ...], ...]  # per country: its char spans in ``text``
    pairs: tuple[tuple[int, int], ...]  # ordered (source, target) indexes into ``countries``
    mentions: tuple[ActorMention | None, ...] = field(default=(), compare=False)  # per country, for evidence
    outlet: str | None = field(default=None, compare=False)  # the outlet's country, if known
    glossed: bool = field(default=False, compare=False)  # the text is a Spanish sentence's English gloss


def country_name(code: str) -> str:
    from blocwatch.countries import name

    return PREFIX_NAMES.get(code) or name(code) or code


def pair_input(sentence: str, in_sentence: list[tuple[str, tuple[int, int], ActorMention | None]],
               context: list[tuple[str, ActorMention | None]], outlet: str | None = None) -> PairInput:
    """The pair head's input: ``in_sentence`` holds (country, sentence-relative span, mention) of the
    sentence's mentions; ``context`` the implied countries in order of preference; ``outlet`` the
    outlet's country, if known."""
    order: list[str] = []
    for c, _, _ in in_sentence:  # a long list leaves room for the implied countries (the outlet's)
        if c not in order and len(order) < MAX_COUNTRIES - CONTEXT_WITH_TWO:
            order.append(c)
    room = MAX_CONTEXT if len(order) < 2 else CONTEXT_WITH_TWO
    implied = [(c, m) for c, m in _first_of(context).items() if c not in order][:max(0, min(room,
                                                                                      MAX_COUNTRIES - len(order)))]
    prefix, pre_spans = "", {}
    for c, _ in implied:
        name = country_name(c)
        pre_spans[c] = (len(prefix), len(prefix) + len(name))
        prefix += name + " ; "
    if prefix:
        prefix = prefix[:-3] + " | "
    off = len(prefix)
    spans: dict[str, list[tuple[int, int]]] = {c: [] for c in order}
    first: dict[str, ActorMention | None] = {}
    for c, (a, b), m in in_sentence:
        if c in spans:
            spans[c].append((a + off, b + off))
            first.setdefault(c, m)
    countries = order + [c for c, _ in implied]
    for c, m in implied:
        spans[c] = [pre_spans[c]]
        first[c] = m
    pairs = tuple((i, j) for i in range(len(countries)) for j in range(len(countries)) if i != j)
    return PairInput(prefix + sentence, off, tuple(countries), tuple(tuple(spans[c]) for c in countries),
                     pairs, tuple(first.get(c) for c in countries), outlet)


def sentence_countries(sent: Any, idx: Any) -> list[tuple[str, tuple[int, int], ActorMention]]:
    """(country, sentence-relative char span, mention) of each mention in ``sent`` that has a country
    (the members of "the two leaders" each stand for their own, after the mentions that stand alone, so
    a country named on its own, "Rodong Sinmun said", is the side of its events rather than its share
    of "the two nations"; the order also sets the order of a sentence's countries and pairs, the story's
    most named countries on a tie, and which countries a long list keeps: the model was trained with
    it); a region ("European", "Latin American") is no country of an event."""
    alone, members = [], []
    size = sent.end_char - sent.start_char
    for m in idx.within(sent):
        for one in (m.members or (m,)):
            c = one.span.country
            if c and c not in REGIONS and one.span.start is not None and one.span.sector != "IGO":
                # a name the sentence splitter cut ("… Choe Thae | Bok y …") is clipped to the sentence
                a, b = max(0, one.span.start - sent.start_char), min(size, one.span.end - sent.start_char)
                if a < b:
                    (members if m.members else alone).append((c, (a, b), one))
    return alone + members


def story_inputs(sents: list[Any], idx: Any, outlet_country: str | None,
                 glossary: Glossary | None = None) -> list[PairInput]:
    """A PairInput for each sentence of a story, with its implied countries: the outlet's, the
    title's (the first sentence), the sentence before's, and the story's two most named countries.
    With a ``glossary`` (a Spanish story) the model reads each sentence's English gloss, its
    mentions' spans carried over (``learned.gloss``)."""
    found = [sentence_countries(s, idx) for s in sents]
    title = [(c, m) for c, _, m in found[0]] if found else []
    counts: dict[str, int] = {}
    first: dict[str, ActorMention] = {}
    for here in found:
        for c, _, m in here:
            counts[c] = counts.get(c, 0) + 1
            first.setdefault(c, m)
    top = [(c, first[c]) for c in sorted(counts, key=lambda c: -counts[c])[:2]]
    out = []
    for k, (sent, here) in enumerate(zip(sents, found)):
        context: list[tuple[str, ActorMention | None]] = []
        if outlet_country:
            context.append((outlet_country, None))
        context += title if k else []
        context += [(c, m) for c, _, m in found[k - 1]] if k else []
        context += top
        if glossary is None:
            out.append(pair_input(sent.text, here, context, outlet_country))
        else:
            glossed = glossary.gloss(sent.text)
            out.append(replace(pair_input(glossed.text, [(c, glossed.span(*span), m) for c, span, m in here],
                                          context, outlet_country), glossed=True))
    return out


def piece_mask(offsets: list[tuple[int, int]], spans: tuple[tuple[int, int], ...], width: int) -> np.ndarray:
    """1 on the wordpieces that overlap any of ``spans`` (char offsets), 0 elsewhere."""
    m = np.zeros(width, np.float32)
    for t, (a, b) in enumerate(offsets[:width]):
        if a != b and any(a < y and x < b for x, y in spans):
            m[t] = 1.0
    return m


def pair_features(hidden: Any, pooled: Any, ma: Any, mb: Any, xp: Any) -> Any:
    """Features of pairs: [h_src, h_tgt, h_src * h_tgt, pooled] from token states ``hidden [B,T,H]``,
    ``pooled [B,H]`` and piece masks ``ma``, ``mb [B,P,T]`` → ``[B,P,4H]``."""
    ha = (ma @ hidden) / xp.maximum(ma.sum(-1, keepdims=True), 1.0)
    hb = (mb @ hidden) / xp.maximum(mb.sum(-1, keepdims=True), 1.0)
    pool = xp.broadcast_to(pooled[:, None, :], ha.shape)
    return xp.concatenate([ha, hb, ha * hb, pool], axis=-1)


def implied(inp: PairInput, k: int) -> bool:
    """Country ``k`` is implied: all its spans lie in the prefix, none in the sentence."""
    return all(b <= inp.offset for _, b in inp.spans[k])


def _first_of(context: list[tuple[str, ActorMention | None]]) -> dict[str, ActorMention | None]:
    """Each country once, in order of first appearance, with its first mention."""
    out: dict[str, ActorMention | None] = {}
    for c, m in context:
        if out.get(c) is None:
            out[c] = m
    return out
