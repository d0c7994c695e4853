"""Event dates from DATE entities: explicit, or relative to the publication date."""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from blocwatch.events.lexicon import SPEECH_ACTS
from blocwatch.ingest.pubdate import anniversaries
from blocwatch.months import MONTH_RX as _MONTH_RX
from blocwatch.months import month_number
from blocwatch.speech import REPORTING, TELLING

# The actors of a state that end with it; a party or association named after it may outlive it ("the New Yugoslav
# Communist Party" in 2011)
STATE_SECTORS = frozenset({None, "GOV", "MIL"})
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
# Words that name a stretch of time, never a date: "decades", "recent years", "the past few weeks".
VAGUE = re.compile(r"\b(decades?|years|months|weeks|days|recent(ly)?|past|few|several|many|coming|ages|era|"
                   r"centur(y|ies)|future|times?|period|ago|long|while)\b")
MDY = re.compile(rf"^(?:on\s+)?{_MONTH_RX}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?$", re.I)
DMY = re.compile(rf"^(\d{{1,2}})\s+{_MONTH_RX}(?:,?\s+(\d{{4}}))?$", re.I)
MY = re.compile(rf"^(?:in\s+)?(?:early\s+|late\s+|mid-?)?{_MONTH_RX}(?:,?\s+(\d{{4}}))?$", re.I)
YEAR = re.compile(r"^(?:in\s+)?(\d{4})$")
ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")

Resolved = tuple[date, str, str]  # date, precision, how


def resolve(text: str, published: date | None) -> Resolved | None:
    """A date for a DATE entity's text; relative forms need ``published``."""
    t = " ".join(text.lower().replace("the ", "").split()).strip(" ,.")
    if VAGUE.search(t):
        return None
    for rx, fn in ((ISO, _iso), (MDY, _mdy), (DMY, _dmy), (MY, _my), (YEAR, _year)):
        m = rx.match(t)
        if m:
            return fn(m, published)
    return _relative(t, published) if published else None


def _iso(m, _pub) -> Resolved | None:
    return _safe(int(m[1]), int(m[2]), int(m[3]), "day", "explicit")


def _mdy(m, pub) -> Resolved | None:
    year = int(m[3]) if m[3] else _infer_year(month_number(m[1]), int(m[2]), pub)
    if year is None:
        return None
    return _safe(year, month_number(m[1]), int(m[2]), "day", "explicit" if m[3] else "explicit, year of publication")


def _dmy(m, pub) -> Resolved | None:
    year = int(m[3]) if m[3] else _infer_year(month_number(m[2]), int(m[1]), pub)
    if year is None:
        return None
    return _safe(year, month_number(m[2]), int(m[1]), "day", "explicit")


def _my(m, pub) -> Resolved | None:
    month = month_number(m[1])
    year = int(m[2]) if m[2] else _infer_year(month, 1, pub)
    if year is None:
        return None
    return _safe(year, month, 1, "month", "explicit" if m[2] else "explicit, year of publication")


def _year(m, _pub) -> Resolved | None:
    y = int(m[1])
    return (date(y, 1, 1), "year", "explicit") if 1800 <= y <= 2100 else None


SOON_DAYS = 90  # a date without a year this many days after publication is one to come, not last year's


def _infer_year(month: int, day: int, pub: date | None) -> int | None:
    """A month without a year: the latest such date not after publication, unless it falls within ``SOON_DAYS``
    after it. "The puppet warmongers are mulling bringing them to the island on March 25", published on March 20,
    is about this March, not last year's (the event then takes no date of the future: ``_first``)."""
    if pub is None:
        return None
    if (month, day) <= (pub.month, pub.day):
        return pub.year
    ahead = _safe(pub.year, month, day, "day", "")
    return pub.year if ahead is not None and (ahead[0] - pub).days <= SOON_DAYS else pub.year - 1


def _safe(y: int, mo: int, d: int, precision: str, how: str) -> Resolved | None:
    try:
        return date(y, mo, d), precision, how
    except ValueError:
        return None


def _relative(t: str, pub: date) -> Resolved | None:
    """"yesterday", "last week", "Monday" before ``pub``; None where that falls before year 1."""
    try:
        return _relative_to(t, pub)
    except (OverflowError, ValueError):  # "yesterday" of 0001-01-01
        return None


def _relative_to(t: str, pub: date) -> Resolved | None:
    t = t.removeprefix("on ").removeprefix("last ") if t.removeprefix("on ") in WEEKDAYS or \
        t.removeprefix("last ") in WEEKDAYS else t
    if t in WEEKDAYS:
        back = (pub.weekday() - WEEKDAYS[t]) % 7
        return pub - timedelta(days=back), "day", f"weekday before publication {pub}"
    simple = {"today": (0, "day"), "yesterday": (1, "day"), "tonight": (0, "day"), "this week": (0, "week"),
              "last week": (7, "week"), "this month": (0, "month"), "last month": (31, "month"),
              "this year": (0, "year"), "last year": (365, "year")}
    if t in simple:
        days, unit = simple[t]
        d = pub - timedelta(days=days)
        if unit == "month":
            d = (pub.replace(day=1) - timedelta(days=1)).replace(day=1) if days else pub.replace(day=1)
            return d, "month", f"{t} before publication {pub}"
        if unit == "year":
            return date(pub.year - (1 if days else 0), 1, 1), "year", f"{t} before publication {pub}"
        if unit == "week":
            return d, "day" if not days else "month", f"{t} before publication {pub}"
        return d, "day", f"{t} before publication {pub}"
    return None


COMMEMORATE = frozenset({"mark", "celebrate", "commemorate", "observe", "honor", "honour", "attend", "hold"})


def anniversary_of(verb: Any) -> tuple[Resolved, str] | None:
    """"marked the 61st anniversary of the treaty signed on July 11, 1961": the commemoration's date, where
    the article dates what it commemorates (see ``ingest.pubdate.anniversaries``)."""
    near = [verb, *(c for c in verb.children if c.dep_ in ("advcl", "conj", "xcomp", "acl"))]
    if verb.dep_ in ("advcl", "conj") and verb.head.i != verb.i:
        near.append(verb.head)  # "…, as it marked the 73rd anniversary of …"
    near = [v for v in near if v.lemma_.lower() in COMMEMORATE]
    obj = next((c for v in near for c in v.children if c.dep_ == "dobj" and c.lemma_.lower() == "anniversary"),
               None)
    nth = next((c for c in obj.children if c.ent_type_ == "ORDINAL"), None) if obj is not None else None
    if nth is None or not nth.text[:-2].isdigit():
        return None
    doc = verb.doc
    found = doc.user_data.get("blocwatch.anniversaries")
    if found is None:
        found = doc.user_data["blocwatch.anniversaries"] = anniversaries(doc.text)
    years = int(nth.text[:-2])
    for when, how in found:
        if how.startswith(f"{years} years after"):
            return (when, "day", f"anniversary: {how}"), f"the {nth.text} anniversary"
    return None


def event_date(verb: Any, sent: Any, published: date | None, sources: tuple[int, ...] = (),
               speech: bool = False) -> tuple[Resolved | None, str]:
    """The date of the DATE entity in the verb's clause (else none): (resolved, entity text). A verb of telling
    (``speech.TELLING``) whose act's ``sources`` (token indices) tell rather than are told of is not dated by a year
    of history inside what it tells ("the statement noted that Kim Il Sung set forth the proposal in October 1980" is
    no praise of 1980: ``_told``, ``_of_history``), nor is a ``speech`` act whose sources stand outside the verb's
    clause (the speaker of "President Kim Il Sung founded the association in 1936" praises him now). A verb
    commemorating "the Nth anniversary" of something the article dates takes the anniversary, unless a date hangs off
    the verb itself."""
    lo, hi = verb.left_edge.i, verb.right_edge.i  # the verb's subtree, without walking it
    ents = [e for e in sentence_ents(sent) if e.label_ == "DATE" and lo <= e.root.i <= hi]
    told = _told(verb)
    told = set() if any(i in told for i in sources) else told  # the act's doer is told of: the date may be its act's
    if speech and sources and not any(lo <= i <= hi for i in sources):
        told = set(range(lo, hi + 1))  # a speaker outside the clause tells all of it ("It noted that … in 1946")
    ents = [e for e in ents if not (e.root.i in told and _of_history(e, published))]
    near = [e for e in ents if _attached_to(e.root, verb)]
    rest = [e for e in ents if e not in near]
    head = verb.head
    if verb.dep_ in ("ccomp", "conj") and head.i != verb.i and head.lemma_ in REPORTING:
        rest += [e for e in ents if _attached_to(e.root, head)]  # "..., the media said Monday"
    found = _first(near, published)
    if found is None and (anniversary := anniversary_of(verb)) is not None:
        if published is None or anniversary[0][0] <= published:
            return anniversary
    return found or _first(rest, published) or _when_clause(verb, sent, published) or (None, "")


def _of_history(ent: Any, published: date | None) -> bool:
    """The date lies in a year before the article's (a told act of the past, not this week's report)."""
    found = resolve(_with_year(ent), published)
    return found is not None and published is not None and found[0].year < published.year


def _told(verb: Any) -> set[int]:
    """The tokens of what a verb of telling tells: its "that" clauses and the clauses under its nouns ("the statement
    noted that Kim Il Sung set forth the proposal in October 1980", "referred to the fact that the President founded
    the association in May 1936", "carried an article saying that …", "recalled in a lecture that …", which the
    parser hangs on "lecture"): a date there is the told act's, not the telling's. Its own modifiers ("in a statement
    on May 5 said", "said this when meeting the ambassador on April 29") are not told. Nothing for another verb."""
    out: set[int] = set()
    if verb.lemma_.lower() not in TELLING:
        return out
    for tok in verb.subtree:
        if tok.i in out or tok.i == verb.i:
            continue
        if tok.dep_ in ("ccomp", "relcl") or (tok.dep_ == "acl" and tok.pos_ in ("VERB", "AUX")):
            out.update(t.i for t in tok.subtree)
    return out


def when_clause(verb: Any) -> Any:
    """The "when" clause ``verb`` stands in (its verb, reached through the verbs it completes or is joined to), else
    None: a clause modifying another ("China ended its caution in 2011 when it began to arm North Korea") or a date
    ("in 2011, when it began …", which the parser hangs on the date)."""
    v = verb
    while v.dep_ in ("xcomp", "conj") and v.head.i != v.i:
        v = v.head
    if not (v.dep_ == "advcl" or (v.dep_ == "relcl" and v.head.ent_type_ == "DATE")):
        return None
    return v if any(c.dep_ == "advmod" and c.lower_ == "when" for c in v.children) else None


def _when_clause(verb: Any, sent: Any, published: date | None) -> tuple[Resolved, str] | None:
    """A verb in a "when" clause with no date of its own takes the date of the verb the clause modifies ("China
    ended its caution in 2011 when it began to arm North Korea": 2011), or of the date it qualifies ("in 2011, when
    …")."""
    clause = when_clause(verb)
    if clause is None:
        return None
    above = clause.head
    ents = [e for e in sentence_ents(sent) if e.label_ == "DATE"]
    return _first([e for e in ents if e.root.i == above.i or (clause.dep_ == "advcl" and _attached_to(e.root, above))],
                  published)


def sentence_ents(sent: Any) -> list[Any]:
    """The named entities inside ``sent``. ``Span.ents`` rebuilds the whole Doc's list on every call
    (quadratic over a long document); this looks them up in one list kept on the Doc."""
    doc = sent.doc
    cached = doc.user_data.get("blocwatch.ents")
    if cached is None:
        ents = list(doc.ents)
        cached = doc.user_data["blocwatch.ents"] = ([e.start for e in ents], ents)
    starts, ents = cached
    out = []
    for e in ents[bisect_left(starts, sent.start):]:
        if e.start >= sent.end:
            break
        if e.end <= sent.end:
            out.append(e)
    return out


def _first(ents: list[Any], published: date | None) -> tuple[Resolved, str] | None:
    for ent in ents:
        if _bound(ent) or _names_a_thing(ent):
            continue
        text = _with_year(ent)
        found = resolve(text, published)
        if found and (published is None or found[0] <= published):
            return found, text
    return None


NAMED_BY_DATE = frozenset({"declaration", "statement", "era", "uprising", "movement", "incident", "accord",
                           "communique", "agreement", "revolution"})


def _names_a_thing(ent: Any) -> bool:
    """"They violated the June 15 joint declaration": a day and month that modify a document, an era or an uprising
    name it (the declaration of 2000), and do not date the act (it was dated June 15 of the year before); so does a
    date after "of" on a noun ("labeling him one of the five traitors of 1905")."""
    root = ent.root
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ in ("NOUN", "PROPN") \
            and root.head.head.lemma_.lower() not in TIME_NOUNS:  # "the five traitors of 1905", not "May of 1905"
        return True
    return root.dep_ in ("nmod", "compound") and root.head.lemma_.lower() in NAMED_BY_DATE


# Nouns of time that a date after "of" dates ("the spring of 1950", "the end of 1950"); after another noun the date
# names it ("the five traitors of 1905": ``_names_a_thing``)
TIME_NOUNS = frozenset({"month", "year", "spring", "summer", "autumn", "fall", "winter", "end", "beginning", "start",
                        "middle", "day", "week", "night", "morning", "evening", "period", "time", "days", "half",
                        "quarter", "season", "early", "late"})


JUCHE_OFFSET = 1911  # the DPRK's Juche calendar: Juche 1 is 1912


def _with_year(ent: Any) -> str:
    """The entity's text with the year the words after it give, where it has none of its own: KCNA writes "On
    March 17, Juche 38 (1949) the DPRK and the Soviet Union concluded an agreement", and the parser's DATE is
    "March 17" alone, which the year of publication would place in 2011. The year in brackets is taken, else the
    Juche year's (Juche 38 is 1949). "June Juche" (the parser's span) loses its "Juche"."""
    words = ent.text.split()
    if words and words[-1].lower() == "juche":
        words = words[:-1]
    text = " ".join(words)
    if re.search(r"\b\d{4}\b", text):
        return text
    doc, i = ent.doc, ent.end - (1 if ent[-1].lower_ == "juche" else 0)
    toks = [t.text for t in doc[i:i + 6]]
    if toks[:1] == [","]:
        toks = toks[1:]
    if len(toks) >= 2 and toks[0].lower() == "juche" and toks[1].isdigit():
        bracket = toks[3] if len(toks) >= 5 and toks[2] == "(" and toks[4] == ")" else None
        year = int(bracket) if bracket and bracket.isdigit() and len(bracket) == 4 else int(toks[1]) + JUCHE_OFFSET
        return f"{text} {year}"
    if len(toks) >= 3 and toks[0] == "(" and toks[1].isdigit() and len(toks[1]) == 4 and toks[2] == ")":
        return f"{text} {toks[1]}"
    return text


BOUNDS = frozenset({"until", "till", "since", "through", "before", "after", "by", "from"})


def _bound(ent: Any) -> bool:
    """"until 2030", "since 2019": a limit of a period, not when the event happened."""
    head = ent.root.head
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    return (head.dep_ == "prep" and head.lower_ in BOUNDS) or (before is not None and before.lower_ in BOUNDS)


def _attached_to(tok: Any, verb: Any) -> bool:
    """True if the date hangs off this verb, not off a deeper clause."""
    node = tok
    for _ in range(4):
        if node.head.i == verb.i:
            return True
        if node.head.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            return False
        node = node.head
    return False


def before_ended_states(events: list[Any], states: Mapping[str, Any], published: date | None) -> list[Any]:
    """Events with no date of their own are dated by their article; one with a side that is a state that had ended
    by then ("Kim Il Sung visited the Soviet Union nine times", in a story of 2011) happened before it ended, not on
    the day of publication: it takes the state's last day with precision "before" (shown "by 26 Dec 1991"), so a
    window of 2011 no longer holds ties of the Soviet Union. Not for praise, charges or homage paid to an ended
    state (``SPEECH_ACTS``: the Russian embassy honours the Soviet Army's fallen today), nor for a party or association
    named after one (only ``STATE_SECTORS`` end with it). ``states`` maps a code to its ``HistoricalState``."""
    if published is None:
        return events
    out = []
    for e in events:
        sides = [e.source] if e.plover in SPEECH_ACTS else [e.source, e.target]  # homage to the Soviet Army's fallen
        ends = [s.end for s in (states.get(side.country or "") for side in sides
                                if side is not None and side.sector in STATE_SECTORS)
                if s is not None and s.end is not None and s.end < published]
        if e.date is None and ends:
            end = min(ends)
            e = replace(e, date=end, date_precision="before",
                        reason=f"{e.reason}; date: before its state ended ({end.isoformat()})")
        out.append(e)
    return out
