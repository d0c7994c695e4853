"""Actor shapes of real agency news (issue 19), on sentences written for these tests, with the real model:
lowercase Korean demonyms, title-case headlines, hyphenated country compounds, demonym + title,
organisations whose name holds their country, DPRK bodies, ordinary words that code nothing, and
the Soviet Union / Russia by date."""

from __future__ import annotations

from datetime import date

import pytest

from blocwatch.actors.codes import split_code

pytestmark = pytest.mark.slow

ON = date(2011, 6, 1)


@pytest.fixture
def found(nlp, resolver):
    """text → {mention text: code}, members of a group listed under the group's text as a tuple."""
    def run(text: str, on: date | None = ON) -> dict[str, object]:
        out: dict[str, object] = {}
        for m in resolver.mentions(nlp(text), on):
            out[m.span.text] = tuple(x.span.code for x in m.members) if m.members else m.span.code
        return out
    return run


def countries(result: dict[str, object]) -> set[str]:
    codes = [c for v in result.values() for c in (v if isinstance(v, tuple) else (v,))]
    return {split_code(c)[0] for c in codes if c and split_code(c)[0]}


@pytest.mark.parametrize("text, mention, code", [
    ("The south Korean authorities banned the rally on Sunday.", "The south Korean authorities", "KORGOV"),
    ("Observers say the south Korean puppet army fired shells.", "the south Korean puppet army", "KORMIL"),
    ("The paper slammed the south Korean warmongers for the drills.", "the south Korean warmongers", "KOR"),
    ("Tension rose after drills in south Korea last week.", "south Korea", "KOR"),
    ("A north Korean official spoke to reporters.", "A north Korean official", "PRKGOV"),
    ("The article said the U.S. imperialists started the war.", "the U.S. imperialists", "USA"),
])
def test_lowercase_korean_forms_and_us_imperialists(found, text, mention, code):
    assert found(text).get(mention) == code


def test_the_north_and_the_south_in_a_korean_story(found):
    result = found("Officials in Pyongyang said talks between the north and the south should resume.")
    assert result.get("the north") == "PRK" and result.get("the south") == "KOR"


def test_the_south_of_a_country_is_a_place_not_korea(found):
    result = found("Seoul sent aid after floods hit the south of the country.")
    assert "KOR" not in {v for k, v in result.items() if k != "Seoul"}


def test_hyphenated_countries_are_a_group_of_those_countries(found):
    result = found("Beijing Daily Slams US-Japan-S. Korea Naval Drills")
    assert result.get("US-Japan-S. Korea Naval Drills") == ("USAMIL", "JPNMIL", "KORMIL")


def test_one_token_compound_names_both_countries(found):
    result = found("Critics called the U.S.-Japan alliance a threat to peace.")
    assert result.get("the U.S.-Japan alliance") == ("USA", "JPN")


@pytest.mark.parametrize("text, want", [
    ("Rodong Sinmun Urges Japan to Lift Sanctions", {"PRK", "JPN"}),
    ("KCNA Decries S. Korean Puppet Group's Smear Campaign", {"PRK", "KOR"}),
    ("Nepali Organization Honours Kim Jong Il", {"NPL", "PRK"}),
    ("S. Korean Chief Executive's Servile U.S. Trip Criticised", {"KOR", "USA"}),
])
def test_title_case_headline_gives_every_country_it_names(found, text, want):
    assert countries(found(text)) == want


def test_title_case_headline_demonym_and_title(found):
    assert found("Lao President Tours Pyongyang Factory").get("Lao President") == "LAOGOV"


@pytest.mark.parametrize("text, mention, code", [
    ("The Lao President received the envoy.", "The Lao President", "LAOGOV"),
    ("The Ugandan President sent a message.", "The Ugandan President", "UGAGOV"),
    ("He met the Russian ambassador on Friday.", "the Russian ambassador", "RUSGOV"),
    ("Kenyan President William Ruto spoke first.", "Kenyan President William Ruto", "KENGOV"),
])
def test_demonym_and_title(found, text, mention, code):
    assert found(text).get(mention) == code


@pytest.mark.parametrize("text, country", [
    ("The Denmark-DPRK Friendship Association held a seminar.", "DNK"),
    ("The Brazilian Committee for Solidarity with the DPRK issued a statement.", "BRA"),
    ("The Nepal Workers and Peasants Party praised the plan.", "NPL"),
    ("The Belorussian Youth Association for Juche Studies met in Minsk.", "BLR"),
    ("The Hungarian Communist Workers' Party laid a wreath.", "HUN"),
    ("The Communist Party of the Democratic Congo sent greetings.", "COD"),
])
def test_organisation_takes_the_country_its_name_holds(found, text, country):
    first = next(iter(found(text).values()))
    assert split_code(first)[0] == country


def test_friendship_named_farm_is_of_the_first_country(found):
    result = found("The guests toured the DPRK-Laos Friendship Rice Farm.")
    assert result.get("the DPRK-Laos Friendship Rice Farm") == "PRK"


@pytest.mark.parametrize("text, mention, code", [
    ("The Korean People's Army staged a parade.", "The Korean People's Army", "PRKMIL"),
    ("The KPA Western Front Command issued a warning.", "The KPA Western Front Command", "PRKMIL"),
    ("The Kim Il Sung Socialist Youth League held a rally.", "The Kim Il Sung Socialist Youth League", "PRK"),
    ("The Kimilsungist-Kimjongilist Youth League held a rally.",
     "The Kimilsungist-Kimjongilist Youth League", "PRK"),
    ("The WPK convened a conference.", "The WPK", "PRKPTY"),
    ("The Workers' Party of Korea convened a conference.", "The Workers' Party of Korea", "PRKPTY"),
    ("The Supreme People's Assembly passed a law.", "The Supreme People's Assembly", "PRKLEG"),
    ("The CPRK released a bulletin.", "The CPRK", "PRKGOV"),
    ("The Committee for the Peaceful Reunification of Korea released a bulletin.",
     "The Committee for the Peaceful Reunification of Korea", "PRKGOV"),
    ("The National Defence Commission issued an order.", "The National Defence Commission", "PRKGOV"),
    ("KCNA carried the report.", "KCNA", "PRKMED"),
    ("Minju Joson ran a commentary.", "Minju Joson", "PRKMED"),
])
def test_dprk_bodies(found, text, mention, code):
    assert found(text).get(mention) == code


@pytest.mark.parametrize("text", [
    "The Western Front Command issued a warning.",
    "The Youth Park opened on Sunday.",
    "The organization held its congress.",
    "The Republic celebrated its founding day.",
    "Us too, they said.",
])
def test_ordinary_words_code_no_country(found, text):
    assert countries(found(text)) == set()


def test_a_region_word_in_a_name_cuts_nothing(found):
    result = found("India Europe Times carried the story.")
    assert "EUR" not in countries(result)


@pytest.mark.parametrize("on, code", [(date(1985, 5, 1), "SUNGOV"), (date(2011, 5, 1), "RUSGOV")])
def test_moscow_is_soviet_before_1992_and_russian_after(found, on, code):
    assert found("Moscow signed the treaty.", on).get("Moscow") == code


@pytest.mark.parametrize("on, code", [(date(1985, 5, 1), "SUN"), (date(2011, 5, 1), "RUS")])
def test_russia_by_date(found, on, code):
    assert found("Russia sent a delegation.", on).get("Russia") == code


def test_the_soviet_union_stays_soviet_in_a_later_story(found):
    assert found("The Soviet Union helped rebuild the city.", date(2011, 5, 1)).get("The Soviet Union") == "SUN"


def test_a_list_of_countries_opening_a_headline_is_no_dateline(found):
    assert countries(found("U.S., Japan Blamed for Tension in Region")) == {"USA", "JPN"}


def test_a_dateline_is_still_dropped(found):
    result = found("PYONGYANG, May 3 (KCNA) -- Japan sent a note.")
    assert "PYONGYANG" not in result and result.get("Japan") == "JPN"


@pytest.mark.parametrize("text, mention, code", [
    ("The Afghan-born U.S. special envoy arrived.", "The Afghan-born U.S. special envoy", "USAGOV"),
    ("Qatari Prime Minister Sheikh Hamad spoke.", "Qatari Prime Minister Sheikh Hamad", "QATGOV"),
])
def test_origin_adjectives_and_titles_do_not_cut_a_mention(found, text, mention, code):
    assert found(text).get(mention) == code
