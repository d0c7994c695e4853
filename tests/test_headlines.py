"""A censure headline (``events.headlines``): the censured before the participle, the censurers after "by",
a colon or dashes; headlines we wrote in the shapes state media use."""

from __future__ import annotations

from datetime import date

import pytest

from blocwatch.events.headlines import headline_active_censure, headline_censure

pytestmark = pytest.mark.slow


def _censure(nlp, resolver, headline: str, read=headline_censure):
    doc = nlp(headline + "\n\nPyongyang, May 5 (KCNA) -- The story goes on in a second sentence.")
    sent = next(iter(doc.sents))
    mentions = [m for m in resolver.mentions(doc, date(2011, 6, 1)) if m.tok_start < sent.end]
    found = read(sent, mentions)
    if found is None:
        return None
    return ({m.span.country for m in found.censurers}, {m.span.country for m in found.censured}, found.verb.text)


@pytest.mark.parametrize("headline, censurers, censured", [
    ("Bunker Buster Plan of U.S. Censured: Rodong Sinmun", {"PRK"}, {"USA"}),
    ("US-S. Korea Drills Flayed by Peruvian Party", {"PER"}, {"USA", "KOR"}),
    ("Seoul Branded Dialogue Breaker--KCNA Commentary", {"PRK"}, {"KOR"}),
    ("Japan Hit for Arms Exports: Rodong Sinmun", {"PRK"}, {"JPN"}),
    ("Japan's Arms Buildup Slammed by Chinese Paper", {"CHN"}, {"JPN"}),
    ("U.S. Blockade on Cuba Criticized by Nepali Party", {"NPL"}, {"USA"}),  # Cuba is the blockade's target
])
def test_a_censure_headline_names_who_censures_whom(nlp, resolver, headline, censurers, censured):
    got = _censure(nlp, resolver, headline)
    assert got is not None and got[0] == censurers and got[1] == censured, got


@pytest.mark.parametrize("headline", [
    "Japan Hit by Heavy Rain",  # no censurer: weather
    "Iran Hit by U.S. Sanctions",  # struck, not censured
    "Japanese Drills Slammed",  # no censurer named
    "Nepali Party Hails DPRK: Statement",  # no participle of censure
    "Censured by Chinese Paper",  # nothing censured
])
def test_no_censure_without_both_sides_or_the_word(nlp, resolver, headline):
    assert _censure(nlp, resolver, headline) is None


@pytest.mark.parametrize("headline, censurers, censured", [
    ("Minju Joson Hits S. Korean Ruling Party for Railroading Trade Deal", {"PRK"}, {"KOR"}),
    ("Jordanian Party Condemns Israeli Raids against Gaza", {"JOR"}, {"ISR"}),  # Gaza is the raids' target
    ("Lebanese Group Slams Israel's Attack on Syrian Army", {"LBN"}, {"ISR"}),
    ("Nepali Parties Denounce US-S. Korea Drills", {"NPL"}, {"USA", "KOR"}),
])
def test_an_active_censure_headline_names_its_subject_as_the_censurer(nlp, resolver, headline, censurers, censured):
    got = _censure(nlp, resolver, headline, headline_active_censure)
    assert got is not None and got[0] == censurers and got[1] == censured, got


@pytest.mark.parametrize("headline", [
    "Typhoon Hits Japan",  # no censurer: weather
    "U.S. Hits Iran with New Sanctions",  # struck
    "Chilean Senator Hits Back at Peru",  # Peru follows a preposition
    "Okinawa Leaders Slam Japan-US Deal on Base",  # a tie of the censurer's own country
    "S. Korean Authorities Hit for Shifting Blame onto DPRK",  # the passive: censured, not censuring
    "Nepali Party Hails DPRK",  # no verb of censure
])
def test_no_active_censure_without_a_censurer_a_censured_country_or_the_word(nlp, resolver, headline):
    assert _censure(nlp, resolver, headline, headline_active_censure) is None


def test_a_story_codes_its_censure_headline_as_an_asserted_accusation(pipeline):
    """The coder adds the headline's censure where its events have nothing on that dyad, and not twice."""
    from blocwatch.events.rules import MentionIndex
    from blocwatch.records import Article

    text = ("Japan SDF's Planned Purchase of New Tankers Censured: Rodong Sinmun\n\nPyongyang, May 4 (KCNA) -- "
            "The Self-Defence Forces of Japan plan to buy new tankers, the paper wrote on Tuesday.")
    doc = pipeline.nlp(text)
    coder = pipeline.coder
    idx = MentionIndex(coder.rules.resolver.mentions(doc, on=date(2011, 5, 5)))
    head = next(iter(doc.sents))
    added = coder._censure_events(head, [], idx, "t", date(2011, 5, 5))
    assert [(e.source.country, e.target.country, e.plover, e.modality) for e in added] == [
        ("PRK", "JPN", "ACCUSE", "asserted")]
    assert "headline censure" in added[0].reason and added[0].sentence.startswith("Japan SDF")
    assert coder._censure_events(head, added, idx, "t", date(2011, 5, 5)) == []
    article = Article(id="t", path="t", text=text, outlet="KCNA", published=date(2011, 5, 5))
    events = pipeline.analyse(doc, article).events
    assert [(e.source.country, e.target.country, e.modality) for e in events
            if e.sentence.startswith("Japan SDF") and e.plover == "ACCUSE"] == [("PRK", "JPN", "asserted")]


def test_a_story_codes_its_active_censure_headline(pipeline):
    """"Minju Joson Hits …": the pair head gives the title-case line little probability; the headline's words
    say the paper (the DPRK's) censures the South Korean party."""
    from blocwatch.records import Article

    text = ("Minju Joson Hits S. Korean Ruling Party for Railroading Trade Deal\n\nThe paper carried a commentary "
            "on Tuesday.")
    article = Article(id="t", path="t", text=text, outlet="KCNA", published=date(2011, 5, 5))
    events = pipeline.analyse(pipeline.nlp(text), article).events
    head = [(e.source.country, e.target.country, e.plover, e.modality) for e in events
            if e.sentence.startswith("Minju Joson") and "headline censure" in e.reason]
    assert head == [("PRK", "KOR", "ACCUSE", "asserted")], [(e.plover, e.reason) for e in events]
