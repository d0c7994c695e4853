"""Possessives, outlets, historical states and target-only adjectives (sentences written for these tests)."""

from __future__ import annotations

from datetime import date

import pytest

from blocwatch.actors.codes import split_code
from blocwatch.actors.kb import ActorKB
from blocwatch.errors import KnowledgeError

pytestmark = pytest.mark.slow


@pytest.fixture
def codes(nlp, resolver):
    def run(text: str, on: date | None = date(2024, 6, 1)) -> dict[str, str | None]:
        return {m.span.text: m.span.code for m in resolver.mentions(nlp(text), on)}
    return run


@pytest.mark.parametrize("text, mention, code", [
    ("A spokesman for Iran's Foreign Ministry rejected the charge.", "A spokesman for Iran's Foreign Ministry", "IRNGOV"),
    ("China's foreign ministry spokesperson took questions.", "China's foreign ministry spokesperson", "CHNGOV"),
    ("Japan's Joint Chiefs of Staff tracked the launch.", None, "JPNMIL"),
    ("Russian state media aired the speech.", "Russian state media", "RUSMED"),
    ("A spokeswoman for the Korean People's Army issued a warning.", None, "PRKMIL"),
    ("Officials from Hanoi arrived on Tuesday.", "Officials from Hanoi", "VNMGOV"),
])
def test_possessive_and_prepositional_owner_gives_the_country(codes, text, mention, code):
    found = codes(text)
    if mention:
        assert found.get(mention) == code, found
    else:
        assert code in found.values(), found


@pytest.mark.parametrize("text, absent", [
    ("Crowds joined an anti-U.S. rally in the capital.", "USA"),
    ("Students staged an anti-American march on Friday.", "USA"),
    ("Ministers criticised the US-led coalition for the raids.", "USA"),
    ("Pro-Russian groups held a vote in the region.", "RUS"),
])
def test_adjectives_that_only_name_a_target_make_no_actor(codes, text, absent):
    assert all(split_code(c)[0] != absent for c in codes(text).values())


@pytest.mark.parametrize("text, mention, code", [
    ("The Soviet Union signed the pact.", "The Soviet Union", "SUN"),
    ("The USSR tested a new rocket.", "The USSR", "SUN"),
    ("East Germany closed the border.", "East Germany", "DDR"),
    ("Yugoslavia left the bloc.", "Yugoslavia", "YUG"),
    ("Czechoslovakia split in two.", "Czechoslovakia", "CSK"),
    ("NATO and ASEAN sent observers.", "NATO", "IGOWSTNAT"),
    ("BRICS admitted new members.", "BRICS", "IGOBRICS"),
])
def test_historical_states_and_igos_have_codes(codes, text, mention, code):
    assert codes(text, date(2024, 6, 1)).get(mention) == code


def test_historical_state_is_a_country_not_a_sector():
    assert split_code("SUN") == ("SUN", None) and split_code("SUNGOV") == ("SUN", "GOV")


@pytest.mark.parametrize("name, country, state", [
    ("kcna", "PRK", True), ("rodong sinmun", "PRK", True), ("uriminzokkiri", "PRK", True), ("tass", "RUS", True),
    ("ria novosti", "RUS", True), ("xinhua", "CHN", True), ("global times", "CHN", True),
    ("people's daily", "CHN", True), ("yonhap", "KOR", False), ("nhk", "JPN", False),
    ("radio free asia", "USA", False), ("hangyore", "KOR", False), ("jaju minbo", "KOR", False),
    ("choson sinbo", "JPN", False), ("pyongyang sinmun", "PRK", True), ("granma", "CUB", True),
    ("asahi shimbun", "JPN", False),
])
def test_outlets_table_country_and_state_flag(resolver, name, country, state):
    outlet = resolver.kb.outlet(name)
    assert (outlet.country, outlet.state_controlled) == (country, state)
    assert resolver.code_phrase(name) == country + "MED"


def test_outlet_country_follows_the_state_over_time(codes):
    assert codes("TASS carried the decree.", date(1985, 3, 12))["TASS"] == "SUNMED"
    assert codes("TASS carried the decree.", date(2023, 3, 12))["TASS"] == "RUSMED"
    assert codes("Pravda carried the decree.", date(1985, 3, 12))["Pravda"] == "SUNMED"
    assert codes("Pravda carried the decree.", date(2011, 3, 12))["Pravda"] == "RUSMED"  # was the Soviet elite


def test_bad_outlet_line_names_file_and_line():
    kb = ActorKB()
    with pytest.raises(KnowledgeError, match="outlets.tsv:2"):
        kb.load_outlets("# comment\nSome Paper\tsome paper\tXX\tstate\n", "outlets.tsv")


def test_unknown_dateline_place_is_no_actor(codes):
    found = codes("KHASAN, Russia – Mongolian President Ukhnaagiin Khurelsukh met Chinese officials on Monday.")
    assert "KHASAN" not in found and "Chinese officials" in found


def test_bad_exercise_line_names_file_and_line():
    kb = ActorKB()
    kb.load_exercises("# comment\nfoal eagle\tUSAMIL+KORMIL\n", "exercises.tsv")
    assert kb.exercises[("foal", "eagle")] == ("USAMIL", "KORMIL")
    with pytest.raises(KnowledgeError, match="exercises.tsv:2"):
        kb.load_exercises("# comment\nlone drill\tUSAMIL\n", "exercises.tsv")


@pytest.mark.parametrize("text, mention, country", [
    ("Wang Jiarui met the visiting delegation.", "Wang Jiarui", "CHN"),
    ("Kim Kye Gwan held talks with the envoy.", "Kim Kye Gwan", "PRK"),
    ("Robert King arrived in the capital on Monday.", "Robert King", "USA"),  # not a king of no country
    ("Hoang Binh Quan led the delegation.", "Hoang Binh Quan", "VNM"),
])
def test_officials_the_2011_stories_name_often_have_their_country(codes, text, mention, country):
    assert split_code(codes(text, date(2011, 6, 1))[mention])[0] == country
