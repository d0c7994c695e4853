"""Sentences that report sport play (``events.context.reports_play``), on sentences we wrote: play needs a
sport or competition word and a second sport word; words news shares with politics (beat, won, goal,
team, final) do not make play alone, and an exchange between the sides (a visit, a friendly game, a
team brought on a tour) is still read."""

from __future__ import annotations

import pytest

from blocwatch.events.context import reports_play


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
