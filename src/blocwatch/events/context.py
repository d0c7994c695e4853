"""Sentences that report no political event whatever verbs they hold.

Attendance: "Present there were the ambassadors of Laos and Cuba", "Attending the ceremony were …",
"Accompanying him were …", "Greeting them at the airport were …": a list of who was there is no act of theirs
(the event is the ceremony's or the visit's, told in its own sentence).

Exhibits: "Displayed at the venue were photos on the feats of …", "The exhibits included books …": what an
exhibition shows is no act (its opening, told in its own sentence, is).

Sport: "X defeated Y 2:0 in the second half of the match" is play, not an attack, and "the Japanese coach
said the Korean team was stronger" is no statement between states. A sentence counts as play where it
names a sport or a competition (an anchor: match, tournament, football, medal …) and holds at least two
different sport words in all (anchors, or words such as team, goal, coach, beat, won that news also uses
for politics), and nothing of an exchange between the sides (a friendly game, a delegation, a visit, a
tour, talks, a message): those are events a team's trip can carry. War is not sport ("won victory after
victory in the war").
"""

from __future__ import annotations

import re
from typing import Any

from blocwatch.speech import QUOTE_OPENERS

# Each alternative is one sport word; a named group is its stem, so "match" and "matches" count once.
_ANCHORS = {
    "match": r"match(?:es)?", "tournament": r"tournaments?", "championship": r"championships?",
    "preliminary": r"preliminar(?:y|ies)", "world cup": r"world cup", "olympic": r"olympi(?:c|cs|ad)",
    "football": r"football(?:ers?)?", "soccer": r"soccer", "basketball": r"basketball", "volleyball": r"volleyball",
    "table tennis": r"table tennis", "boxing": r"boxing", "wrestling": r"wrestl(?:ing|ers?)",
    "weightlifting": r"weightlift(?:ing|ers?)", "marathon": r"marathons?", "judo": r"judo(?:ists?)?",
    "medal": r"medals?", "athlete": r"athletes?", "referee": r"referees?", "league": r"league",
}
_CUES = {
    "team": r"teams?", "goal": r"goals?", "score": r"scor(?:e|ed|es|ing)", "half": r"half", "coach": r"coach(?:es)?",
    "player": r"players?", "game": r"games?", "bout": r"bouts?", "final": r"(?:semi-?)?finals?",
    "beat": r"beat(?:s|en)?", "defeat": r"defeat(?:s|ed)?", "win": r"w(?:on|ins?)", "lose": r"los(?:t|es?)",
    "draw": r"dr(?:ew|aws?)", "kick-off": r"kick-off",
}
_SPORT = re.compile(r"\b(?:" + "|".join(f"(?P<{'a' + str(i)}>{p})" for i, p in enumerate(_ANCHORS.values()))
                    + "|" + "|".join(f"(?P<{'c' + str(i)}>{p})" for i, p in enumerate(_CUES.values())) + r")\b",
                    re.I)
_EXCHANGE = re.compile(
    r"\b(friendly|friendship|delegations?|visit(?:s|ed|ing)?|tour(?:s|ed|ing)?|brought|bring|took|take|"
    r"arriv\w+|left|leaving|receiv\w+|talks?|agreements?|messages?|prais\w+|war|wars|army|troops|military|"
    r"aggression)\b", re.I)


def reports_play(text: str) -> bool:
    """Whether ``text`` reports sport play or results and no exchange between the sides."""
    found = {m.lastgroup for m in _SPORT.finditer(text)}
    return (any(g.startswith("a") for g in found) and len(found) >= 2
            and not _EXCHANGE.search(text))


# "Accompanying him were …"; not "Accompanying the delegation, the minister was received …" (no comma)
_ATTENDEES = re.compile(r"^\W*(?:(?:(?:also|among those|among the guests)\s+)?(?:present|attending|invited)\b"
                        r"[^.;:]{0,60}?|(?:accompanying|greeting)\b[^.;:,]{0,60}?)\b(?:were|was)\b", re.I)


def lists_attendees(text: str) -> bool:
    """Whether ``text`` opens as a list of who attended ("Present there were …", "Attending it were …") or came
    along or out to meet ("Accompanying him were …", "Greeting them were …")."""
    return _ATTENDEES.match(text) is not None


_EXHIBITS = re.compile(r"^\W*(?:also\s+)?(?:(?:displayed|exhibited|shown|put on display|on display|on show)\b"
                       r"[^.;:]{0,80}?\b(?:were|was|are|is)\b"
                       r"|the exhibits?\s+(?:included|include|were|are|showed|show)\b)", re.I)
_GIVEN = re.compile(r"\b(?:sent|presented|given|donated|handed)\s+(?:\w+\s+){0,6}?(?:to|by)\b|\bgifts?\b", re.I)


def lists_exhibits(text: str) -> bool:
    """Whether ``text`` opens as a list of what was on show ("Displayed there were photos on …", "The
    exhibits included books …") and names no gift ("Exhibited there is a vase sent to Kim by …" is one)."""
    return _EXHIBITS.match(text) is not None and _GIVEN.search(text) is None


_MESSAGES = re.compile(r"\b(?:floral baskets?|letters?|messages?|wreaths?|greetings?|condolences?|bouquets?|cards?)\b",
                       re.I)
_MATERIAL = re.compile(r"\b(?:gifts?|relief|aid|donat\w+|funds?|goods|materials?|equipment|assistance|presents?|"
                       r"grants?|loans?|rice|food|medicines?|books|publications)\b", re.I)


def sends_messages(text: str) -> bool:
    """Whether what ``text`` has passed between the sides is words or homage, not goods: it names a message,
    letter, floral basket, wreath, greetings or condolences and no gift, aid, funds or goods (in the
    real-news gold such sentences hold 1,183 SUPPORT events and no AID)."""
    return _MESSAGES.search(text) is not None and _MATERIAL.search(text) is None


_EXCHANGED = re.compile(r"\bexchang\w*\s+(?:of\s+)?(?:[\w-]+\s+){0,3}?(?:messages?|letters?|greetings?|"
                        r"congratulations?|condolences?|notes?)\b", re.I)


def exchanges_messages(text: str) -> bool:
    """Whether ``text`` has its sides exchange messages, letters or greetings ("the leaders exchanged
    congratulatory messages", "by exchanging personal letters", "an exchange of greetings") and nothing material:
    each side greeted the other, a SUPPORT each way (the guide), not a meeting."""
    return _EXCHANGED.search(text) is not None and _MATERIAL.search(text) is None


def holds_no_event(text: str) -> bool:
    """Whether ``text`` is a sentence no coder reads: sport play, a list of who attended or of what was on show."""
    return reports_play(text) or lists_attendees(text) or lists_exhibits(text)


_CONTENT_DEPS = frozenset({"ccomp", "dobj", "xcomp", "advcl", "conj", "parataxis", "acomp", "attr"})


def introduces_quote(sent: Any) -> bool:
    """Whether a parsed sentence only opens a quote: it ends in a colon and its verb is one of saying with
    nothing said in the sentence itself ("The message said:", "It goes on:", "Garib Newaz, president of the
    Bangladesh People's League, said:"; 44 such sentences in dev2 and 450 silver stories, no event in any).
    "…, it said, adding:" says something before the colon and is read."""
    text = sent.text.rstrip()
    if not text.endswith(":"):
        return False
    root = sent.root
    return root.lemma_.lower() in QUOTE_OPENERS and not any(c.dep_ in _CONTENT_DEPS for c in root.children)


def reads_no_event(sent: Any) -> bool:
    """Whether a parsed sentence is one no coder reads (``holds_no_event``, or it only opens a quote)."""
    return holds_no_event(sent.text) or introduces_quote(sent)
