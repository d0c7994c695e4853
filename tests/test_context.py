"""Sentences that report no political event, on sentences we wrote. Sport play (``reports_play``): play needs a
sport or competition word and a second sport word; words news shares with politics (beat, won, goal,
team, final) do not make play alone, and an exchange between the sides (a visit, a friendly game, a
team brought on a tour) is still read. Lists of attendees (``lists_attendees``): "Present there were …"
is who was there, not what they did."""

from __future__ import annotations

import pytest

from blocwatch.events.context import holds_no_event, lists_attendees, lists_exhibits, reports_play, sends_messages


@pytest.mark.parametrize("text", [
    "Korean Side Beats Japan at Football",
    "The hosts beat the visitors 3:0 in the final of the tournament.",
    "She won a gold medal in the women's marathon on Sunday.",
    "After the match the Japanese coach said the home players were stronger.",
])
def test_play_and_results_are_play(text):
    assert reports_play(text)


@pytest.mark.parametrize("text", [
    "Police beat the protesters and scores were injured.",
    "Tokyo lost no time in imposing sanctions and won support from Washington.",
    "The inspection team said the country had not met the goals set by the council.",
    "The final goal of the revolution is a prosperous country.",
    "The army won victory after victory in the war against the invaders.",
    "A football delegation of China arrived in Pyongyang for a friendly match.",
    "Last year we brought a women's football team from Britain to play matches in Pyongyang.",
    "The matches lasted long.",
])
def test_politics_and_exchanges_are_not_play(text):
    assert not reports_play(text)


def test_a_word_and_its_plural_count_once():
    assert not reports_play("The match was followed by more matches.")
    assert reports_play("The match was followed by more matches and a medal ceremony.")


@pytest.mark.parametrize("text", [
    "Present there were the envoys of Laos, Cuba and Syria.",
    "Attending the reception were diplomats of several countries.",
    "Also present was the ambassador of Nepal.",
    "Among those present were officials of the ministry.",
    "Invited to the banquet were members of the visiting delegation.",
    "Accompanying him were the deputy foreign minister of Laos and the head of its trade office.",
    "Greeting them at the airport were officials of the host ministry.",
])
def test_lists_of_attendees(text):
    assert lists_attendees(text)


@pytest.mark.parametrize("text", [
    "Attending the summit, the president denounced the sanctions on Cuba.",
    "The present situation on the peninsula was tense, the envoy said.",
    "The minister invited his counterpart to visit Pyongyang, and the two were of one mind.",
    "Those present at the talks agreed to expand trade.",
    "Accompanying the envoy, the Peruvian minister praised Chile for its help.",
    "Greeting the delegation, the president thanked Cuba for its support, and the guests were moved.",
    "Accompanying the delegation, the Chilean foreign minister was received by the Peruvian president.",
])
def test_acts_are_not_lists_of_attendees(text):
    assert not lists_attendees(text)


@pytest.mark.parametrize("text", [
    "Displayed at the venue were photos on the feats of the leader.",
    "On display at the hall were books and pictures on the country.",
    "The exhibits included photos showing the people at work.",
    "Also shown there was a film on the history of the friendship.",
])
def test_lists_of_exhibits(text):
    assert lists_exhibits(text) and holds_no_event(text)


@pytest.mark.parametrize("text", [
    "Exhibited at the house is a vase sent to the leader by a Jordanian writer.",  # a gift
    "The Peruvian embassy displayed photos of the visit.",  # an act with its doer
    "The exhibition was opened in Lima by the Peruvian committee.",
])
def test_gifts_and_acts_are_not_lists_of_exhibits(text):
    assert not lists_exhibits(text)


@pytest.mark.parametrize("text, messages", [
    ("The leader received floral baskets and congratulatory letters from the diplomatic corps.", True),
    ("Consolatory letters came from military attaches of the Peruvian and Chilean embassies.", True),
    ("The envoy handed over a gift and a letter of thanks to the minister.", False),  # a gift is goods
    ("Chile sent relief goods to Peru after the quake.", False),
    ("The two ministers held talks on trade.", False),
])
def test_messages_and_homage_are_not_goods(text, messages):
    assert sends_messages(text) is messages


@pytest.mark.parametrize("text, opens", [
    ("The message said:", True),
    ("It goes on:", True),
    ("Ana Rojas, president of the Chilean Socialist League, said:", True),
    ("The radio of Peru said in a program on May 9:", True),
    ("The talks went well, the statement said, adding:", False),
    ("Chile condemned Peru for the raid, the statement said:", False),
    ("The message said the ties would grow.", False),
])
def test_a_sentence_that_only_opens_a_quote(nlp, text, opens):
    from blocwatch.events.context import introduces_quote

    assert introduces_quote(next(nlp(text).sents)) is opens


def test_the_opening_of_a_quote_gives_no_event_but_names_its_speaker(pipeline):
    text = ("Kim Il Sung's Feats Praised\n\nAna Rojas, president of the Chilean Committee for Friendship with the "
            "DPRK, said:\n\nThe President built a strong nation.")
    events = pipeline.coder.code(pipeline.nlp(text), doc_id="t")
    opening = [e for e in events if e.sentence.startswith("Ana Rojas")]
    assert not opening
