"""Sentences that report no political event whatever verbs they hold.

Sport: "X defeated Y 2:0 in the second half of the match" is play, not an attack, and "the Japanese coach
said the Korean team was stronger" is no statement between states. A sentence counts as play where it
holds two or more different sport cues and nothing of an exchange between the sides (a friendly game,
a delegation, a visit, talks, a message): those are events a team's trip can carry. War is not sport
("won victory after victory in the war").
"""

from __future__ import annotations

import re

_SPORT = re.compile(
    r"\b(match(?:es)?|teams?|tournaments?|championships?|preliminar\w*|world cup|olympi\w+|goals?|"
    r"scor(?:e|ed|es|ing)|half|coach(?:es)?|players?|referees?|medals?|athletes?|games?|bouts?|finals?|"
    r"semi-?finals?|league|football|soccer|basketball|volleyball|table tennis|boxing|wrestl\w+|"
    r"weightlift\w+|marathon|defeated|beat|won|lost|drew)\b", re.I)
_EXCHANGE = re.compile(
    r"\b(friendly|friendship|delegations?|visit(?:s|ed|ing)?|arriv\w+|left|leaving|receiv\w+|talks?|agreements?|"
    r"messages?|prais\w+|war|wars|army|troops|military|aggression)\b", re.I)


def reports_play(text: str) -> bool:
    """Whether ``text`` reports sport play or results and no exchange between the sides."""
    cues = {m.group(0).lower() for m in _SPORT.finditer(text)}
    return len(cues) >= 2 and not _EXCHANGE.search(text)
