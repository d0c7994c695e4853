"""The English gloss of Spanish sentences that the pair head reads (``learned.gloss``)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from blocwatch.language import spanish_text
from blocwatch.learned.gloss import Glossary, fold

SMALL = Glossary.from_text(
    "# our own glosses\n"
    "el\tthe\nla\tthe\nde\tof\ncondena\tcondemns\nmaniobras\tmanoeuvres\nse\t-\n"
    "estados unidos\tUnited States\nsin embargo\thowever\nee uu\tU.S.\nsurcoreano\tsouth Korean\n")


def test_words_and_phrases_are_replaced_and_names_kept():
    g = SMALL.gloss("El diario Rodong Sinmun condena la maniobras de Estados Unidos.")
    assert g.text == "The diario Rodong Sinmun condemns the manoeuvres of United States."


def test_the_longest_phrase_wins_and_case_and_accents_are_folded():
    g = SMALL.gloss("Sin embargo, Cóndena el régimen surcoreano.")
    assert g.text.startswith("However, Condemns the régimen south Korean")
    assert fold("Criticó") == "critico"


def test_a_dropped_word_takes_its_space_and_an_abbreviation_keeps_one_full_stop():
    assert SMALL.gloss("la maniobras se condena").text == "the manoeuvres condemns"
    assert SMALL.gloss("de EE.UU. y").text == "of U.S. y"


def test_spans_move_to_the_gloss_of_the_words_they_cover():
    text = "La maniobras de Estados Unidos condena el Sur."
    g = SMALL.gloss(text)
    for words, english in (("Estados Unidos", "United States"), ("maniobras", "manoeuvres"), ("Sur", "Sur")):
        a = text.index(words)
        x, y = g.span(a, a + len(words))
        assert g.text[x:y] == english


@given(st.text(alphabet="abcdeñéSsinEmbargoUnidos .,", max_size=60))
def test_every_span_of_whole_words_maps_inside_the_gloss(text):
    g = SMALL.gloss(text)
    assert len(g.starts) == len(text)
    for a in range(len(text)):
        x, y = g.span(a, a + 1)
        assert 0 <= x <= y <= len(g.text)


def test_the_packaged_glossary_reads_news_words():
    g = Glossary.from_package()
    assert len(g.entries) > 1000
    out = g.gloss("El portavoz condenó las maniobras de Estados Unidos y exigió el fin de las sanciones.").text
    assert "United States" in out and "spokesman" in out.lower()
    assert spanish_text("El portavoz de la RPDC condenó las maniobras de los Estados Unidos.")
    assert not spanish_text("The spokesman of the DPRK condemned the manoeuvres of the United States.")


def test_a_spanish_story_is_read_through_the_gloss_and_an_english_one_is_not(pipeline):
    coder = pipeline.coder
    es = pipeline.nlp("El portavoz de la RPDC condenó las maniobras de Estados Unidos contra el pueblo.")
    _, _, inputs = coder.pair_inputs(es, date(2011, 5, 1), None)
    inp = inputs[0]
    assert "United States" in inp.text and "condenó" not in inp.text
    usa = inp.countries.index("USA")
    assert any(inp.text[a:b] == "United States" for a, b in inp.spans[usa])
    en = pipeline.nlp("The spokesman of the DPRK condemned the manoeuvres of the United States.")
    _, _, inputs = coder.pair_inputs(en, date(2011, 5, 1), None)
    assert inputs[0].text.endswith(en.text)


@pytest.mark.parametrize("line", ["sin\tembargo\textra", "# only a comment", "\t", "palabra\t"])
def test_odd_lines_are_read_or_skipped_without_error(line):
    Glossary.from_text(line)


def test_a_word_inside_a_name_is_not_glossed():
    g = Glossary.from_text("un\ta\nde\tof\nsu\tits\n")
    assert g.gloss("Kim Jong Un envió un mensaje de Kim Jong Un.").text == "Kim Jong Un envió a mensaje of Kim Jong Un."
    assert g.gloss("Un mensaje de Su Presidente").text.startswith("A mensaje of Its")


def test_an_event_read_through_the_gloss_says_so_and_keeps_the_spanish_evidence(pipeline):
    text = "El portavoz de la RPDC condenó las maniobras de Estados Unidos contra el pueblo coreano."
    events = pipeline.coder.code(pipeline.nlp(text), doc_id="es-1", published=date(2011, 5, 1))
    pair = [e for e in events if "-pair" in e.reason]
    assert pair, events
    for e in pair:
        assert "English gloss" in e.reason and e.sentence == text


ORDERED = Glossary.from_text("las\tthe\nlos\tthe\nautoridades\tauthorities\nsurcoreanas\tSouth Korean\n"
                             "ejercicios\texercises\nmilitares\tmilitary\nconjuntos\tjoint\ndeben\tmust\nparar\tstop\n"
                             "coreanos\tKoreans\ny\tand\n")


def test_a_noun_after_a_determiner_comes_after_its_adjectives():
    """Spanish puts the adjective after the noun; the model read English ("the South Korean authorities")."""
    text = "Las autoridades surcoreanas deben parar los ejercicios militares conjuntos y los coreanos."
    g = ORDERED.gloss(text)
    assert g.text == "The South Korean authorities must stop the military joint exercises and the Koreans."
    for words, english in (("autoridades surcoreanas", "South Korean authorities"), ("surcoreanas", "South Korean"),
                           ("autoridades", "authorities"), ("deben", "must"),
                           ("Las autoridades surcoreanas", "The South Korean authorities")):
        a = text.index(words)
        x, y = g.span(a, a + len(words))
        assert g.text[x:y] == english
    # no determiner before it, or a name: the order stays
    assert ORDERED.gloss("autoridades surcoreanas").text == "authorities South Korean"
    assert ORDERED.gloss("las Autoridades surcoreanas").text == "the Authorities South Korean"


WORDS = ["las", "los", "autoridades", "surcoreanas", "militares", "conjuntos", "y", "Sur", "deben"]


@given(st.lists(st.sampled_from(WORDS), max_size=12), st.sampled_from([" ", "  ", ", "]))
def test_every_span_maps_inside_the_gloss_when_words_move(words, sep):
    text = sep.join(words)
    g = ORDERED.gloss(text)
    assert len(g.starts) == len(text)
    for a in range(len(text)):
        for b in range(a + 1, min(len(text), a + 8) + 1):
            x, y = g.span(a, b)
            assert 0 <= x <= y <= len(g.text)
