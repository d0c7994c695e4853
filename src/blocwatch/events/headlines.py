"""A censure headline: who censures whom, from the headline's own words.

State media headline a censure in the passive, the censurer after "by" or after a colon or dashes:
"Bunker Buster Development of U.S. Censured: Rodong Sinmun", "Joint Drills of U.S. and S. Korea Flayed by
Peruvians", "S. Korea Branded Dialogue Breaker--KCNA Commentary". The parser reads such title-case lines
poorly and the pair head, trained mostly on prose, gives these pairs little probability (p 0.04 for
"… Censured: Rodong Sinmun"). Here the line is read by its words: a participle of censure, the countries
named before it (the censured) and those named after "by", the colon or the dashes (the censurers).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from blocwatch.actors.mention import ActorMention

CENSURE_PARTICIPLES = frozenset({
    "censured", "denounced", "condemned", "slammed", "flayed", "blasted", "assailed", "branded", "rapped", "hit",
    "lashed", "criticized", "criticised", "accused", "derided", "ridiculed", "decried", "deplored", "refuted",
    "exposed", "mocked", "castigated", "lambasted", "excoriated", "scored", "blamed"})
SOURCE_MARKS = frozenset({":", "--", "—", "–"})
# Before the participle, a country after one of these is what the censured act was done to or where, not
# the censured ("U.S. Embargo on DPRK Criticized by …", "GIs' Crimes in S. Korea Condemned by …").
OBJECT_PREPS = frozenset({"on", "against", "to", "toward", "towards", "with", "at", "over", "into", "in", "for"})


@dataclass(frozen=True)
class Censure:
    """The censuring participle and the mentions on each side (each with a country)."""

    verb: Any  # the participle token
    censured: tuple[ActorMention, ...]
    censurers: tuple[ActorMention, ...]
    how: str  # "by" or the mark before the censurer


def headline_censure(sent: Any, mentions: list[ActorMention]) -> Censure | None:
    """The censure a headline ``sent`` reports, with ``mentions`` its actor mentions in order, or None: a
    participle of ``CENSURE_PARTICIPLES`` with a country named before it and, after it, "by" or a colon or
    dashes and then a country ("Japan Hit by Heavy Rain" names no censurer: none; "Hit by" is struck, "Hit
    for …: Minju Joson" censured)."""
    toks = list(sent)
    for n, tok in enumerate(toks):
        if tok.lower_ not in CENSURE_PARTICIPLES or n == 0:
            continue
        after = toks[n + 1:]
        if after and after[0].lower_ == "by":
            if tok.lower_ == "hit":  # "Hit by U.S. Sanctions", "Hit by Storm": struck, not censured
                continue
            how, start = "by", after[0].i + 1
        else:
            mark = next((t for t in after if t.text in SOURCE_MARKS or t.text.startswith("--")), None)
            if mark is None:
                continue
            how, start = mark.text, mark.i + 1
        before = _countries(m for m in mentions if m.tok_start < tok.i and not _object_of_the_act(sent, m))
        by = _countries(m for m in mentions if m.tok_start >= start)
        if before and by:
            return Censure(tok, before, by, how)
    return None


def _countries(mentions: Any) -> tuple[ActorMention, ...]:
    """The mentions with a country, a compound's members each ("US-S. Korea Military Exercises": both)."""
    return tuple(one for m in mentions for one in (m.members or (m,)) if one.span.country)


def _object_of_the_act(sent: Any, m: ActorMention) -> bool:
    """The mention follows a preposition of ``OBJECT_PREPS`` (a mention may span "Japan's Arms Buildup
    Slammed": the participle inside it is not its start)."""
    return m.tok_start > sent.start and sent.doc[m.tok_start - 1].lower_ in OBJECT_PREPS
