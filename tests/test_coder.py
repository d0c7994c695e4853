"""Coder rules on sentences written for these tests, with the real spaCy model."""

from __future__ import annotations

from datetime import date

import pytest

from blocwatch.events import EventCoder

pytestmark = pytest.mark.slow
PUB = date(2024, 6, 12)  # a Wednesday


@pytest.fixture(scope="module")
def coder():
    return EventCoder.from_package()


@pytest.fixture
def code(nlp, coder):
    def run(text: str, published: date | None = PUB):
        return coder.code(nlp(text), doc_id="t", published=published)
    return run


def _triples(events):
    return {(e.source.country or e.source.code, e.plover, e.target.country if e.target else None) for e in events}


def test_svo_with_leader_roles(code):
    events = code("Chinese President Xi Jinping met North Korean leader Kim Jong Un in Beijing on Tuesday.")
    (e,) = [e for e in events if e.plover == "CONSULT"]
    assert (e.source.code, e.target.code) == ("CHNGOV", "PRKGOV")
    assert e.date == date(2024, 6, 11) and e.date_precision == "day" and "publication" in e.reason
    assert e.quad_class == 1 and e.location == "Beijing"


def test_passive_voice_swaps_roles(code):
    events = code("A South Korean patrol boat was attacked by North Korean forces near the border.")
    assert ("PRK", "ASSAULT", "KOR") in _triples(events)


def test_calling_a_state_the_enemy_is_an_accusation(code):
    """The object predicate ("oprd") names the act: call/brand X the enemy, a threat, a puppet."""
    events = code("Kim Jong Un called South Korea the principal enemy of his country.")
    assert ("PRK", "ACCUSE", "KOR") in _triples(events)
    assert any("call|obj:enemy" in e.reason for e in events)
    assert ("PRK", "ACCUSE", "KOR") not in _triples(code("Kim Jong Un called South Korea's president on Monday."))


def test_coordinated_sources_each_get_an_event(code):
    events = code("Japan and South Korea condemned the missile launch by North Korea.")
    assert {("JPN", "ACCUSE", "PRK"), ("KOR", "ACCUSE", "PRK")} <= _triples(events)


@pytest.mark.parametrize("text", [
    "The Lao President sent a message to the Cuban President on Monday.",
    "Peru sent a letter to Chile about the anniversary.",
    "Kenya and Ghana exchanged messages on the anniversary of their ties.",
])
def test_messages_and_letters_are_support_not_talks(code, text):
    """The real-news guide: messages, letters and greetings are SUPPORT; only talks and visits are CONSULT.
    The verb lexicon keeps CAMEO's code (040) and says SUPPORT, as signing an agreement keeps 057 and says AGREE."""
    events = [e for e in code(text) if "message" in e.reason or "letter" in e.reason]
    assert events and all(e.plover == "SUPPORT" for e in events), [(e.plover, e.reason) for e in events]


def test_thanks_are_support_and_committed_crimes_no_commitment(code):
    """"Expressed thanks to" is praise (the lexicon's bare "express" is a disapproval, CAMEO 110); "committed crimes
    against" is no commitment (the bare "commit" is CAMEO 030, a pledge)."""
    thanks = _triples(code("The Cuban minister expressed thanks to the Bolivian government for its support."))
    assert ("CUB", "SUPPORT", "BOL") in thanks and not any(p == "ACCUSE" for _, p, _ in thanks), thanks
    crimes = _triples(code("The Peruvian troops committed crimes against the Bolivian people."))
    assert not any(p == "AGREE" for _, p, _ in crimes), crimes


def test_co_subjects_who_exchange_messages_each_send_the_other_one(code):
    events = code("Kenya and Ghana exchanged messages on the anniversary of their ties.")
    assert {("KEN", "SUPPORT", "GHA"), ("GHA", "SUPPORT", "KEN")} <= _triples(events)
    with_third = _triples(code("Kenya and Ghana exchanged messages with Togo."))
    assert {("KEN", "SUPPORT", "TGO"), ("GHA", "SUPPORT", "TGO")} <= with_third, "a named other party is the target"
    assert not {("KEN", "SUPPORT", "GHA"), ("GHA", "SUPPORT", "KEN")} & with_third


def test_reciprocal_agreement_between_co_subjects(code):
    events = code("Russia and North Korea signed a defence treaty in Pyongyang.")
    signed = [e for e in events if e.cameo == "057"]
    assert len(signed) == 1 and {signed[0].source.country, signed[0].target.country} == {"RUS", "PRK"}
    # signing is AGREE, as the real-news guide has it (CAMEO2PLOVER maps 057 to SUPPORT)
    assert signed[0].plover == "AGREE" and signed[0].quad_class == 1


def test_attribution_to_state_media(code):
    events = code("Washington is plotting a war against our country, the Rodong Sinmun said. "
                  "According to KCNA, Pyongyang denounced the drills by the United States.")
    assert any(e.source.code in ("PRKMED", "PRKGOV") and e.target and e.target.country == "USA"
               and e.plover == "ACCUSE" for e in events)


def test_nominal_summit_between_two_states(code):
    events = code("The summit between Vietnam and Laos ended with a joint statement.")
    assert any({e.source.country, e.target.country if e.target else None} == {"VNM", "LAO"} for e in events)


@pytest.mark.parametrize("text, expected", [
    ("Norway did not attend the talks with Sweden.", "negated"),
    ("Norway will strengthen ties with Sweden.", "intended"),
    ("Norway vowed to strengthen ties with Sweden.", "intended"),
    ("Analysts said Norway could join the talks with Sweden.", "hypothetical"),
    ("If Norway attacks Sweden, the region would suffer.", "hypothetical"),
    ("There are suspicions that Norway has been supplying weapons to Sweden.", "alleged"),
    ("Ties grow amid skepticism that Norway has been supplying weapons to Sweden.", "alleged"),
    ("Norway allegedly supplied weapons to Sweden.", "alleged"),
    ("Norway praised Sweden.", "asserted"),
    ("Norway not only praised Sweden but also thanked it.", "asserted"),
    ("Norway did not praise Sweden but Denmark.", "negated"),  # "not X but Y" on the object denies X
    ("Norwegian King to Visit Sweden", "intended"),  # a headline's "to": a visit to come
    ("A Norwegian delegation to visit Sweden next week was named on Monday.", "intended"),
    ("Will Norway criticize Sweden at the summit?", "hypothetical"),  # a yes-no question asks, it does not tell
    ("Is Norway arming Sweden?", "hypothetical"),
    ("Will Norway begin to arm Sweden?", "hypothetical"),
    ("Why did Norway criticize Sweden?", "asserted"),  # a wh-question takes the act as given
    ("Norway will work hard to help Sweden.", "intended"),  # the future of the head covers its purpose
    ("Norway stopped criticizing Sweden last year.", "negated"),  # the criticism ended (stopping aid: SANCTION)
    ("Norway should stop arming Sweden.", "hypothetical"),
])
def test_modality(code, text, expected):
    events = [e for e in code(text) if e.source.country == "NOR"]
    assert events and events[0].modality == expected, [(e.plover, e.modality, e.reason) for e in events]


@pytest.mark.parametrize("text, expected", [
    ("Norway will open the session and criticize Sweden.", "intended"),  # a bare verb joined to a future shares it
    ("Norway will open the session as it criticized Sweden.", "asserted"),  # a clause with its own subject does not
])
def test_a_verb_joined_to_a_future_shares_it(code, text, expected):
    events = [e for e in code(text) if e.target is not None and e.target.country == "SWE"]
    assert events and {e.modality for e in events} == {expected}, [(e.plover, e.modality, e.reason) for e in events]


def test_explicit_and_relative_dates(code):
    e1 = code("Egypt and Israel signed a peace treaty on March 26, 1979.")[0]
    assert (e1.date, e1.date_precision) == (date(1979, 3, 26), "day")
    e2 = code("Chile criticized Peru last month.")[0]
    assert (e2.date, e2.date_precision) == (date(2024, 5, 1), "month")
    e3 = code("Chile criticized Peru.", published=None)[0]
    assert e3.date is None and e3.date_precision is None


def test_evidence_offsets_point_into_the_text(nlp, coder):
    text = "Headline about trade\n\nBERLIN – Germany thanked France for its help. Poland protested."
    doc = nlp(text)
    events = coder.code(doc, doc_id="t", published=None)
    assert events
    for e in events:
        assert text[e.sentence_start:e.sentence_end] == e.sentence
        assert text[e.source.start:e.source.end] == e.source.text
        if e.target:
            assert text[e.target.start:e.target.end] == e.target.text
        assert e.reason and "CAMEO" in e.reason


def test_json_contract_keys(code):
    (e,) = [e for e in code("Chile criticized Peru.") if e.plover == "ACCUSE"]
    d = e.to_dict(None)
    assert list(d) == ["event_id", "doc_id", "article", "sentence", "sentence_start", "sentence_end", "source",
                       "target", "plover", "plover_mode", "cameo", "quad_class", "goldstein", "modality", "date",
                       "date_precision", "location", "reason", "origin"]
    assert set(d["source"]) == {"text", "start", "end", "code", "country", "sector"}


def test_bio_and_speculation_give_no_asserted_events(code):
    events = code("Jane Roe is a journalist who writes about China and Russia. "
                  "Experts said Beijing would face pressure if it sold weapons to Moscow.")
    assert not [e for e in events if e.modality == "asserted"]


def test_demand_in_reported_speech(code):
    events = code("Norway says Sweden must stop the whaling tests.")
    assert ("NOR", "REQUEST", "SWE") in _triples(events)


def test_light_verb_takes_the_type_of_its_noun(code):
    events = code("Chile launched an investigation into Peru.")
    assert ("CHL", "ACCUSE", "PER") in _triples(events)


def test_stated_intention_is_agree_or_threaten(code):
    assert ("NOR", "AGREE", "SWE") in _triples(code("Norway said it would release the Swedish sailors to Sweden."))
    assert ("NOR", "THREATEN", "SWE") in _triples(code("Norway will attack Sweden."))


def test_readiness_is_a_stated_intention(code):
    events = code("Norway is ready to send troops to Sweden.")
    agree = [e for e in events if e.plover == "AGREE"]
    assert agree and agree[0].target.country == "SWE" and agree[0].modality == "intended"


def test_period_limits_and_future_dates_are_not_event_dates(code):
    until = code("Chile and Peru signed a plan for trade cooperation until 2030.")
    since = code("Chile praised Peru on its first visit since 2019.")
    assert until and all(e.date is None for e in until)
    assert since and all(e.date is None or e.date.year != 2019 for e in since)


def test_fighting_for_a_state_helps_it(code):
    assert ("NOR", "AID", "SWE") in _triples(code("Norwegian soldiers fought for Sweden in the war."))
    assert ("NOR", "ASSAULT", "SWE") not in _triples(code("Norwegian soldiers fought for Sweden in the war."))


@pytest.mark.parametrize("text,doer,act,target", [
    ("The Chilean party condemned Argentina for sending troops to Uruguay.", "ARG", "send", "URY"),
    ("The minister accused the Turkish army of shelling towns in Syria.", "TUR", "shell", "SYR"),
    ("The paper denounced Israel for its blockade of Lebanon.", "ISR", "n:blockade", "LBN"),
    ("The paper condemned Chile for stepping up military exercises against Peru.", "CHL", "n:exercise", "PER"),
    ("The Chilean army was condemned by Argentina for shelling towns in Peru.", "CHL", "shell", "PER"),
])
def test_the_charge_of_a_censure_names_the_doer_and_the_act(nlp, coder, text, doer, act, target):
    """``charge_predicates``: the censured object does the act of the "for"/"of" phrase to the actor it names."""
    from blocwatch.events.rules import MentionIndex, charge_predicates

    doc = nlp(text)
    idx = MentionIndex(coder.resolver.mentions(doc, on=PUB))
    found = [(p.sources[0].span.country, p.entry.key.split("|")[0], p.targets[0].span.country)
             for p in charge_predicates(next(iter(doc.sents)), idx, coder.lexicon)]
    assert found == [(doer, act, target)]


@pytest.mark.parametrize("text", [
    "The Chilean party condemned Argentina for its silence.",  # no act
    "The Chilean party condemned Argentina for supporting a group attacking Uruguay.",  # Uruguay is in a clause inside
    "The Chilean party praised Argentina for sending aid to Uruguay.",  # praise is no censure
    "The Chilean party condemned the plan for sending troops to Uruguay.",  # no country's doer
])
def test_no_charge_without_a_doer_an_act_or_its_target(nlp, coder, text):
    from blocwatch.events.rules import MentionIndex, charge_predicates

    doc = nlp(text)
    idx = MentionIndex(coder.resolver.mentions(doc, on=PUB))
    assert charge_predicates(next(iter(doc.sents)), idx, coder.lexicon) == []
