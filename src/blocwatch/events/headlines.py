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
# The same acts in a title-case headline's active voice, the censurer first: "KCNA Denounces "Two Plus Two" Talks".
ACTIVE_CENSURES = frozenset({
    "denounces", "condemns", "slams", "flays", "blasts", "assails", "raps", "hits", "lashes", "criticizes",
    "criticises", "accuses", "derides", "ridicules", "decries", "deplores", "refutes", "mocks", "castigates",
    "lambastes", "excoriates", "censures", "blames", "denounce", "condemn", "slam", "blast", "rap", "criticize",
    "criticise", "accuse"})
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


def headline_active_censure(sent: Any, mentions: list[ActorMention]) -> Censure | None:
    """The censure a title-case headline ``sent`` reports in the active voice, or None: a capitalised verb of
    ``ACTIVE_CENSURES`` right after the censurer's name (capitalised words between: "KCNA Commentary Rejects",
    "Rodong Sinmun Hits"), whose mentions before it have a country, and the first mention after it with a
    country that is not the object of a preposition ("Hezbollah Slams Israel's Attack on Lebanese Army": Israel,
    not Lebanon), unless it is a tie of the censurer's own country ("Okinawa Leaders Slam Japan-US Deal"). "Hits
    back", "Hits … with" (struck) are no censure, nor "Hit for …" (the passive: ``headline_censure``)."""
    toks = list(sent)
    for n, tok in enumerate(toks):
        if n == 0 or tok.lower_ not in ACTIVE_CENSURES or not tok.text[:1].isupper():
            continue
        after = toks[n + 1:]
        if tok.lower_ == "hits" and (after and after[0].lower_ in ("back", "by")
                                      or any(t.lower_ == "with" for t in after)):
            continue
        before = [m for m in mentions if m.tok_end <= tok.i]
        if not before or not all(t.is_title or t.is_upper for t in toks[before[-1].tok_end - sent.start:n]):
            continue
        censurers = _countries(before)
        first = next((m for m in mentions if m.tok_start > tok.i and not _object_of_the_act(sent, m)
                      and _countries((m,))), None)
        censured = _countries((first,)) if first is not None else ()
        if {c.span.country for c in censured} & {c.span.country for c in censurers}:
            continue  # "Okinawa Leaders Slam Japan-US Deal": a tie of the censurer's own country
        if censurers and censured:
            return Censure(tok, censured, censurers, "active")
    return None


def _countries(mentions: Any) -> tuple[ActorMention, ...]:
    """The mentions with a country, a compound's members each ("US-S. Korea Military Exercises": both)."""
    return tuple(one for m in mentions for one in (m.members or (m,)) if one.span.country)


def _object_of_the_act(sent: Any, m: ActorMention) -> bool:
    """The mention follows a preposition of ``OBJECT_PREPS`` (a mention may span "Japan's Arms Buildup
    Slammed": the participle inside it is not its start)."""
    return m.tok_start > sent.start and sent.doc[m.tok_start - 1].lower_ in OBJECT_PREPS
