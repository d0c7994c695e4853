"""The pair head's input: candidate countries of a sentence, implied ones written before it."""

from __future__ import annotations

import pytest

from blocwatch.learned.pairs import MAX_COUNTRIES, pair_input, piece_mask


def test_countries_in_the_sentence_and_implied_ones_get_spans_and_all_ordered_pairs():
    sentence = "The Lao President thanked the hosts."
    inp = pair_input(sentence, [("LAO", (4, 17), None)], [("PRK", None), ("LAO", None), ("CHN", None)])
    assert inp.countries == ("LAO", "PRK", "CHN")
    assert inp.text.endswith(sentence) and inp.text[inp.offset:] == sentence
    lao, prk, chn = inp.spans
    assert inp.text[lao[0][0]:lao[0][1]] == "Lao President"
    assert inp.text[prk[0][0]:prk[0][1]] == "DPRK" and inp.text[chn[0][0]:chn[0][1]] == "China"
    assert len(inp.pairs) == 6 and (0, 1) in inp.pairs and (1, 0) in inp.pairs
    assert all(a != b for a, b in inp.pairs)


def test_a_sentence_alone_has_no_prefix_and_one_country_gives_no_pair():
    inp = pair_input("Cuba thanked Laos.", [("CUB", (0, 4), None), ("LAO", (13, 17), None)], [])
    assert inp.offset == 0 and inp.text == "Cuba thanked Laos." and len(inp.pairs) == 2
    alone = pair_input("Farmers harvested rice.", [], [])
    assert alone.pairs == () and alone.countries == ()


def test_the_number_of_countries_is_bounded():
    many = [(f"C{i:02d}", (i, i + 1), None) for i in range(MAX_COUNTRIES + 5)]
    inp = pair_input("x" * 40, many, [("PRK", None)])
    assert len(inp.countries) <= MAX_COUNTRIES
    assert "PRK" in inp.countries, "a long list still leaves room for the implied country"
    assert len(inp.pairs) == len(inp.countries) * (len(inp.countries) - 1)


def test_piece_mask_marks_the_pieces_inside_the_spans():
    offsets = [(0, 0), (0, 3), (4, 9), (10, 14), (0, 0)]
    assert piece_mask(offsets, ((4, 14),), 5).tolist() == [0, 0, 1, 1, 0]


@pytest.mark.slow
def test_a_region_is_no_pair_candidate(pipeline):
    """"Latin American" resolves to a region (LAM); an event needs two countries, so it is no candidate."""
    text = "Latin American parties and the Cuban government praised the DPRK on Monday."
    _, sents, inputs = pipeline.coder.pair_inputs(pipeline.nlp(text), None, None)
    assert "LAM" not in inputs[0].countries and {"CUB", "PRK"} <= set(inputs[0].countries)


def test_a_country_named_alone_stands_for_it_before_its_share_of_a_group(pipeline):
    """"the two nations" names China and the DPRK; the paper named on its own is the DPRK's side."""
    text = ('China and North Korea marked the day. "The friendship of the two nations will endure," '
            "North Korea's Rodong Sinmun said on Wednesday.")
    _, sents, inputs = pipeline.coder.pair_inputs(pipeline.nlp(text), None, None)
    inp = inputs[-1]
    side = inp.mentions[inp.countries.index("PRK")]
    assert side is not None and "Rodong Sinmun" in side.span.text


def test_a_name_the_sentence_splitter_cuts_is_clipped_to_each_sentence(pipeline):
    """A long Spanish list was cut inside a name ("… Choe Thae | Bok y …"): the mention's head lies in the second
    sentence and its span starts in the first, and the gloss of the second failed on a span before its start (a
    whole story lost as an internal error). Each sentence keeps the part of the span inside it."""
    from blocwatch.actors import ActorMention
    from blocwatch.events.rules import MentionIndex
    from blocwatch.learned.pairs import sentence_countries
    from blocwatch.records import ActorSpan

    doc = pipeline.nlp("El ministro Pak Kim llego. Song saludo a Cuba.")
    first, second = list(doc.sents)[:2]
    name = doc.text.index("Kim")
    end = doc.text.index("Song") + len("Song")
    head = next(t.i for t in second if t.text == "Song")
    cut = ActorMention(ActorSpan(doc.text[name:end], name, end, "PRKGOV", "PRK", "GOV"), head - 2, head + 1, head,
                       "test")
    found = sentence_countries(second, MentionIndex([cut]))
    assert found == [("PRK", (0, len("Song")), cut)]
    glossed = pipeline.coder.glossary.gloss(second.text)
    assert glossed.span(*found[0][1])  # the gloss of the part inside the sentence
