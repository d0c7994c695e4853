"""Sentence bounds on the real spaCy model: paragraph breaks, headlines kept whole, and paragraphs
that a scraper ran together ("... on Sunday., The delegation ...") split where they were joined."""

from __future__ import annotations

import pytest


def _sents(nlp, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents]


@pytest.mark.parametrize("join", [".,  ", "., "])
def test_a_paragraph_join_starts_a_new_sentence(nlp, join):
    text = f"The envoy met the minister on Monday{join}The talks opened in Hanoi on Friday."
    sents = _sents(nlp, text)
    assert len(sents) == 2
    assert sents[1] == "The talks opened in Hanoi on Friday."


def test_a_quoted_sentence_end_before_the_join_splits_too(nlp):
    sents = _sents(nlp, 'The minister answered "we shall see.", Later the envoy left for Hanoi.')
    assert sents == ['The minister answered "we shall see.",', "Later the envoy left for Hanoi."]


@pytest.mark.parametrize("text", [
    "Trade with the U.S., Japan and Canada grew fast last year.",
    "They brought paintings, books, etc., for the exhibition in the hall.",
    "Yes, he said, the talks went well.",
    "Los EE.UU., Japón y Corea del Sur realizaron maniobras.",
])
def test_an_abbreviation_or_a_comma_alone_never_splits(nlp, text):
    assert len(_sents(nlp, text)) == 1


def test_a_headline_line_stays_one_sentence(nlp):
    sents = _sents(nlp, "Envoy, Minister Hold Talks in Hanoi\n\nThe envoy met the minister on Monday.")
    assert sents[0] == "Envoy, Minister Hold Talks in Hanoi"


@pytest.mark.parametrize("text, word", [
    ("Talks Urged\n\nS. Korean fishermen met the envoys on Monday. They asked for talks.", "Korean"),
    ("The seminar opened. B. C. Rao, chairman of the society, spoke first.", "Rao"),
])
def test_a_capital_letters_abbreviation_ends_no_sentence(nlp, text, word):
    """The parser sometimes ends a sentence at "S." ("S. Korean women victims met …" came out as "S." and
    a sentence of its own); the component rules it out before the parser runs."""
    from blocwatch.nlp_components import paragraph_breaks

    doc = paragraph_breaks(nlp.make_doc(text))
    tok = next(t for t in doc if t.text == word)
    assert tok.is_sent_start is False
    assert next(t for t in doc if t.text == "They" or t.text == "chairman").is_sent_start is not True


def test_an_abbreviated_title_ends_no_sentence(nlp):
    """The tokenizer splits "Lieut." and "Maj." from their stops; the parser then ended sentences there
    ("…, General Pak Jae Gyong, Lieut." and "General Ri Yong Ho and others.")."""
    text = ("Present were General Kim Tae Sok, Lieut. General Ri Yong Ho and Maj. Pak Su Il. Then the guests left "
            "for Beijing. They arrived on Monday.")
    sents = _sents(nlp, text)
    assert sents[0].endswith("Pak Su Il.") and sents[1].startswith("Then")
    assert len(sents) == 3


def test_a_dotted_abbreviation_before_a_small_letter_ends_no_sentence(nlp):
    """The tokenizer splits "EE.UU." into "EE.UU" and "."; the parser then ended the sentence there ("EE.UU." alone,
    and "y las autoridades surcoreanas deben …" as a sentence without its subject)."""
    from blocwatch.nlp_components import paragraph_breaks

    text = "Lo dijo el vocero.\n\nEE.UU. y las autoridades surcoreanas deben parar las maniobras."
    doc = paragraph_breaks(nlp.make_doc(text))
    assert next(t for t in doc if t.text == "y").is_sent_start is False
    english = paragraph_breaks(nlp.make_doc("They left.\n\nsouth Korea protested."))
    assert next(t for t in english if t.text == "south").is_sent_start is True  # after a line break it still starts one


def test_a_spanish_sentence_ends_only_at_a_stop(nlp):
    """The English parser cut Spanish sentences mid-clause ("la campaña de EE.UU. para tomar" | "la hegemonía
    mundial se torna …"); in a Spanish text a sentence starts only after a stop, a colon or a line break."""
    text = ("La realidad muestra que la campaña de EE.UU. para tomar la hegemonía mundial se torna cada día más "
            "aventurera. Los países que aprecian la independencia deben rechazarla: es su deber.\n\nNada más.")
    sents = _sents(nlp, text)
    assert sents[0].endswith("aventurera.") and sents[1].startswith("Los países")
    assert all(s.endswith((".", ":")) for s in sents)
    english = _sents(nlp, "The campaign of the U.S. to take hegemony grows more reckless every day. The nations "
                          "must reject it.")
    assert len(english) == 2


def test_a_long_paragraph_is_cut_only_at_its_stops(nlp):
    """A cap of 150 tokens a sentence counted from the line's start, not the sentence's: a long paragraph of web
    news was cut mid-clause ("In response, Xi conveyed to Kim that" | "China is prepared …")."""
    text = ("On Monday the leaders of Laos and Vietnam marked the 60th anniversary of their ties through letters, "
            "stressing hopes for closer cooperation. This show of unity comes as the bond between Vietnam and "
            "Cambodia seems to grow tighter, even as Laos keeps a certain distance from its neighbour. Observers say "
            "that future visits and joint events will show the true state of the ties. In a letter to the "
            "Vietnamese President, the Lao leader stressed his government's will to strengthen and develop the "
            "friendly and cooperative ties between the two nations, as reported by the official news agency. In "
            "response, the Vietnamese President told the Lao leader that Vietnam is ready to advance the ideal "
            "shared by both countries. Since the start of their ties in 1962, the relationship between Laos and "
            "Vietnam has often been likened to that of brothers. In contrast, there are signs of a pronounced "
            "alignment between Vietnam and Cambodia, amid wide doubts that Cambodia has been sending rice to "
            "Vietnam in exchange for support.")
    sents = _sents(nlp, text)
    assert len(nlp(text)) > 150 and len(sents) == 7
    assert all(s.endswith(".") for s in sents)


def test_a_long_list_of_abbreviated_bodies_is_still_cut_at_the_cap(nlp):
    """"The messages came from the C.C., the People's Party of …, the C.C., …": an abbreviation's stop ends no
    sentence, so the cap on a sentence's tokens still cuts such a list (it ran to 456 tokens in one sentence,
    and the coder reads at most eight pair events a sentence)."""
    from blocwatch.nlp_components import MAX_SENTENCE_TOKENS

    parties = ", ".join(f"the C.C., the People's Party of {c}" for c in
                        ["Laos", "Cuba", "Peru", "Chile", "Nepal", "Ghana", "Mali", "Chad", "Togo", "Iran", "Iraq",
                         "Oman", "Fiji", "Cambodia", "Bolivia", "Ecuador", "Uruguay", "Mexico", "Brazil", "Angola"])
    text = f"Messages came on Monday.,  The messages came from {parties} and others.\n\nThey were warm."
    sents = list(nlp(text).sents)
    assert len(nlp(text)) > MAX_SENTENCE_TOKENS + 50
    assert all(len(s) <= MAX_SENTENCE_TOKENS for s in sents)
    assert sents[-1].text.strip() == "They were warm."


def test_a_list_after_a_colon_is_still_cut_at_the_cap(nlp):
    """A colon or a semicolon ends no sentence for the cap: the parser seldom cuts a list there."""
    from blocwatch.nlp_components import MAX_SENTENCE_TOKENS

    items = "; ".join(f"People's Party of Country{k} and its youth league branch" for k in range(30))
    doc = nlp(f"The list was long: {items}. They left.")
    assert len(doc) > MAX_SENTENCE_TOKENS + 50
    assert all(len(s) <= MAX_SENTENCE_TOKENS for s in doc.sents)


def test_a_closing_quote_on_a_sentence_end_is_no_sentence_of_its_own(nlp):
    """The parser cut a quoted paragraph's closing mark into a sentence, which the pair head read as an event."""
    text = ('A guest said:\n\n"Peru stands firm. This gift shows our wish to see the leader guide the '
            'movement of the world."\n\nThe statue shows a worker. He said "we will win." Then he left.')
    sents = _sents(nlp, text)
    assert all(any(c.isalpha() for c in s) for s in sents), sents
    assert 'This gift shows our wish to see the leader guide the movement of the world."' in sents, sents
    assert "Then he left." in sents and "The statue shows a worker." in sents, sents
