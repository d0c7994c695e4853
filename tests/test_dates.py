"""Dates: one month table, vague words, anniversary arithmetic (texts written for these tests)."""

from __future__ import annotations

from datetime import date

import pytest

from blocwatch.events.dates import resolve
from blocwatch.ingest import IngestOptions, read_sources
from blocwatch.ingest.pubdate import anniversary_date, find_date

PUB = date(2024, 6, 12)


@pytest.mark.parametrize("text", ["decades", "recent years", "the past few weeks", "several months",
                                  "centuries", "the coming days", "years ago", "Decades"])
def test_vague_words_are_never_dates(text):
    assert resolve(text, PUB) is None


@pytest.mark.parametrize("text,expected", [
    ("Dec. 3", date(2023, 12, 3)), ("Sept. 9, 2021", date(2021, 9, 9)), ("Oct. 25, 1950", date(1950, 10, 25)),
    ("December", date(2023, 12, 1)), ("in early March 2020", date(2020, 3, 1)), ("Monday", date(2024, 6, 10)),
])
def test_month_names_and_abbreviations_still_resolve(text, expected):
    assert resolve(text, PUB)[0] == expected


def test_full_dates_need_a_real_month_word():
    assert find_date("over decades 12, 2020") is None
    assert find_date("signed on Sept. 4, 1999 in Lima") == date(1999, 9, 4)


def test_anniversary_dated_in_the_same_sentence():
    text = ("Hanoi and Havana marked the 50th anniversary of a trade accord signed by both governments on "
            "March 2, 1960. Officials praised it.")
    when, how = anniversary_date(text)
    assert when == date(2010, 3, 2) and "same sentence" in how


def test_anniversary_dated_by_a_related_sentence_elsewhere():
    text = ("Leaders in Lima and Quito celebrated the 30th anniversary of their consular relations, trading "
            "letters. A photo released on April 3, 2015 shows the two presidents. Since the opening of consular "
            "offices on May 14, 1990, trade between them has grown.")
    when, how = anniversary_date(text)
    assert when == date(2020, 5, 14) and "consul" in how


def test_no_anchor_no_inferred_date():
    assert anniversary_date("Both sides will mark the 40th anniversary of their ties next year.") is None


def test_undated_article_gets_its_inferred_date_but_a_dateline_wins(tmp_path):
    body = ("Ministers from Oslo and Reykjavik gathered for the 25th anniversary of a fisheries pact the two "
            "states signed on August 8, 1999, and pledged to extend it.")
    (tmp_path / "a.txt").write_text(f"Fisheries pact turns 25\n\n{body}", encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"Fisheries pact\n\nAugust 10, 2024\n\n{body} More.", encoding="utf-8")
    arts = {a.path.rsplit("/", 1)[-1]: a for a in read_sources([str(tmp_path)], IngestOptions(
        default_date=date(2000, 1, 1)))}
    assert (arts["a.txt"].published, arts["a.txt"].date_source) == (date(2024, 8, 8), "inferred:anniversary")
    assert (arts["b.txt"].published, arts["b.txt"].date_source) == (date(2024, 8, 10), "dateline")


@pytest.mark.slow
def test_commemoration_takes_the_anniversary_date_unless_the_verb_has_its_own(nlp):
    from blocwatch.events import EventCoder

    coder = EventCoder.from_package()
    text = ("Hanoi thanked Laos for its help on Friday, marking the 40th anniversary of a border treaty the two "
            "governments signed on July 18, 1977. Vietnam praised Laos as it marked the 40th anniversary of the "
            "treaty.")
    events = {e.sentence[:6]: e for e in coder.code(nlp(text), doc_id="t", published=PUB)}
    assert events["Hanoi "].date == date(2024, 6, 7)
    assert events["Vietna"].date == date(2017, 7, 18) and "anniversary" in events["Vietna"].reason


@pytest.mark.slow
@pytest.mark.parametrize("text, year", [
    ("Cuba dropped years of caution in 2010 when it began to arm Venezuela with coastal guns.", 2010),
    ("In 2008, when Peru began to sell Chile its fish, the two had no treaty.", 2008),
    ("Cuba began to arm Venezuela with coastal guns when the talks failed.", None),  # no date above either
])
def test_a_when_clause_takes_the_date_of_the_clause_it_modifies(nlp, text, year):
    """"In 2011 when it began to arm North Korea": the arming is of 2011, though the date hangs off the clause above."""
    from blocwatch.events.dates import event_date

    sent = next(nlp(text).sents)
    verb = next(t for t in sent if t.lemma_ in ("arm", "sell"))
    found, _ = event_date(verb, sent, PUB)
    assert (found[0].year if found else None) == year


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    ("On March 17, Juche 38 (1949) the two countries concluded an agreement on trade.", date(1949, 3, 17)),
    ("The leader issued the order in late December Juche 39 (1950).", date(1950, 12, 1)),
    ("The envoy first visited the capital in June Juche 53 (1964) for a seminar.", date(1964, 6, 1)),
    ("The song was created in August Juche 36 to praise the army.", date(1947, 8, 1)),
    ("The two ministers met on March 3 in the capital.", date(2011, 3, 3)),  # no year after it: publication's
])
def test_a_juche_or_bracketed_year_after_a_date_is_its_year(nlp, text, expected):
    """KCNA dates history as "March 17, Juche 38 (1949)"; the parser's DATE is "March 17", which the year of
    publication had placed in 2011 (an agreement with the Soviet Union among August 2011's events)."""
    from blocwatch.events.dates import _first, sentence_ents

    doc = nlp(text)
    found = _first([e for e in sentence_ents(doc[:]) if e.label_ == "DATE"], date(2011, 8, 10))
    assert found is not None and found[0][0] == expected


@pytest.mark.slow
def test_an_undated_act_of_a_state_that_had_ended_is_dated_before_its_end(pipeline, nlp):
    """"Kim Il Sung visited the Soviet Union nine times" in a story of 2011 is no tie of 2011: the undated event
    takes the Soviet Union's last day, "before", so the relations of 2011 do not count it; a dated act keeps its
    date."""
    from blocwatch.records import Article
    from blocwatch.web import date_label

    text = ("Friendship Recalled\n\nThe first DPRK leader visited the Soviet Union nine times and met its leaders. "
            "In 2011 the DPRK premier visited Russia.")
    article = Article(id="t", path="t", text=text, outlet=None, published=date(2011, 8, 1))
    events = pipeline.analyse(nlp(text), article).events
    soviet = [e for e in events if "SUN" in (e.source.country, e.target.country if e.target else None)]
    russian = [e for e in events if "RUS" in (e.source.country, e.target.country if e.target else None)]
    assert soviet and all((e.date, e.date_precision) == (date(1991, 12, 26), "before") for e in soviet)
    assert russian and all(e.date == date(2011, 1, 1) for e in russian)
    assert date_label(soviet[0].date, soviet[0].date_precision) == "by 26 Dec 1991"


@pytest.mark.slow
def test_homage_to_an_ended_state_and_a_party_named_after_one_keep_the_day_of_the_story(pipeline):
    """The Cuban embassy honouring fallen Soviet soldiers today is no act of the Soviet era; a party named after an
    ended state outlives it: neither event is dated "before" the state's end. The Soviet Union's own act is."""
    from blocwatch.events.dates import before_ended_states
    from blocwatch.records import ActorSpan, Event

    def ev(src, src_sector, tgt, plover):
        return Event(event_id="e", doc_id="d", sentence="s", sentence_start=0, sentence_end=1,
                     source=ActorSpan(src, 0, 1, src, src, src_sector), target=ActorSpan(tgt, 2, 3, tgt, tgt, None),
                     plover=plover, plover_mode=None, cameo=None, quad_class=None, goldstein=None, modality="asserted",
                     date=None, date_precision=None, location=None, reason="r")

    homage, party, soviet = before_ended_states(
        [ev("CUB", "GOV", "SUN", "SUPPORT"), ev("YUG", "PTY", "PRK", "SUPPORT"), ev("SUN", "GOV", "PRK", "AID")],
        pipeline.coder.rules.resolver.kb.states, date(2011, 8, 1))
    assert homage.date is None and party.date is None
    assert (soviet.date, soviet.date_precision) == (date(1991, 12, 26), "before")


def test_a_praise_of_a_deed_of_history_is_not_dated_by_the_deed(nlp):
    """"The statement noted that Kim Il Sung set forth the proposal in October 1980": the statement's praise is of
    2011, not of 1980; the deed's own verb keeps its date, and so does a date of this year in what is told."""
    from blocwatch.events.dates import event_date

    doc = nlp("The statement noted that Kim Il Sung set forth the proposal in October 1980.")
    sent = doc[:]
    noted = next(t for t in doc if t.lemma_ == "note")
    teller = next(t for t in doc if t.lower_ == "statement").i
    assert event_date(noted, sent, date(2011, 5, 3), (teller,), speech=True)[0] is None
    assert event_date(next(t for t in doc if t.lower_ == "set"), sent, date(2011, 5, 3))[0][0] == date(1980, 10, 1)
    recent = nlp("The statement noted that Kim Il Sung met the envoy in April.")
    noted = next(t for t in recent if t.lemma_ == "note")
    assert event_date(noted, recent[:], date(2011, 5, 3), (1,), speech=True)[0][0] == date(2011, 4, 1)
    lecture = nlp("The chairman recalled in a lecture that Kim Il Sung founded the state on September 9, 1948.")
    recalled = next(t for t in lecture if t.lemma_ == "recall")  # the parser hangs "that …" on "lecture"
    assert event_date(recalled, lecture[:], date(2011, 9, 9), (1,), speech=True)[0] is None
    outside = nlp("President Kim Il Sung founded the association in May 1936.")  # a speaker of another sentence
    founded = next(t for t in outside if t.lemma_ == "found")
    assert event_date(founded, outside[:], date(2011, 5, 3), (99,), speech=True)[0] is None
    assert event_date(founded, outside[:], date(2011, 5, 3), (99,), speech=False)[0][0] == date(1936, 5, 1)


def test_a_year_after_of_on_a_noun_names_a_thing_not_the_time_of_the_act(nlp):
    """"Labeling him one of the five traitors of 1905" does not date the labelling; "in June 1950" dates."""
    from blocwatch.events.dates import _first, sentence_ents

    def first(text):
        doc = nlp(text)
        found = _first([e for e in sentence_ents(doc[:]) if e.label_ == "DATE"], date(2011, 9, 9))
        return found[0][0] if found else None

    assert first("The people rallied, labeling the minister one of the five traitors of 1905.") is None
    assert first("The troops crossed the border in June 1950.") == date(1950, 6, 1)


def test_a_day_soon_after_publication_is_to_come_not_last_years():
    """"On March 25" in a story of March 20 is five days on, not a year back; "December 28" in one of January 3 is
    last week's."""
    assert resolve("March 25", date(2011, 3, 20))[0] == date(2011, 3, 25)
    assert resolve("December 28", date(2011, 1, 3))[0] == date(2010, 12, 28)
    assert resolve("September 30", date(2011, 3, 20))[0] == date(2010, 9, 30)


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    ("The authorities violated the June 15 joint declaration again.", None),
    ("They broke the October 4 declaration on March 3.", date(2011, 3, 3)),
    ("The ministers are to meet on the island on March 25.", None),  # to come: no date of the future
])
def test_a_date_that_names_a_declaration_or_is_to_come_does_not_date_the_act(nlp, text, expected):
    """"Violated the June 15 joint declaration" had been dated June 15 of the year before publication."""
    from blocwatch.events.dates import _first, sentence_ents

    found = _first([e for e in sentence_ents(nlp(text)[:]) if e.label_ == "DATE"], date(2011, 3, 20))
    assert (found[0][0] if found else None) == expected
