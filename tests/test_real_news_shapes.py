"""Shapes of real state-media news, in sentences we wrote: the learned coder finds the events they
report, with both countries, the right direction and type, and no event where there is none."""

from __future__ import annotations

from datetime import date

import pytest

from blocwatch import api

pytestmark = pytest.mark.slow

ON = date(2011, 6, 1)


def _code(pipeline, text: str, outlet: str | None = "KCNA"):
    from blocwatch.records import Article

    article = Article(id="t", path="t", text=text, outlet=outlet, published=ON)
    doc = pipeline.nlp(text)
    return pipeline.analyse(doc, article).events


def _all_in(events, modality: str) -> None:
    """There are such events, and every one has ``modality``."""
    assert events and all(e.modality == modality for e in events), [(e.plover, e.modality) for e in events]


def _dyads(events, asserted: bool = True):
    return {(e.source.country, e.target.country if e.target else None, e.plover) for e in events
            if not asserted or e.modality == "asserted"}


def test_a_passive_headline_keeps_the_doer_as_source(pipeline):
    events = _code(pipeline, "DPRK Praised by Nepali Party\n\nThe Nepali party lauded the achievements of the DPRK.")
    assert ("NPL", "PRK", "SUPPORT") in _dyads(events)
    assert ("PRK", "NPL", "SUPPORT") not in _dyads(events)


def test_a_gift_received_runs_from_the_giver(pipeline):
    events = _code(pipeline, "Gift to Kim Jong Il from Ugandan President\n\n"
                             "Kim Jong Il received a gift from the Ugandan President on Tuesday.")
    assert any(s == "UGA" and t == "PRK" for s, t, _ in _dyads(events))
    assert not any(s == "PRK" and t == "UGA" for s, t, _ in _dyads(events))


def test_greetings_to_two_presidents_are_two_support_events(pipeline):
    events = _code(pipeline, "Kim Jong Il Sends Greetings\n\n"
                             "Kim Jong Il sent messages of greeting to the presidents of Laos and Viet Nam.")
    found = _dyads(events)
    assert ("PRK", "LAO", "SUPPORT") in found and ("PRK", "VNM", "SUPPORT") in found


def test_a_denunciation_by_a_paper_is_accuse_from_its_country(pipeline):
    events = _code(pipeline, "Rodong Sinmun Slams U.S. Warmongers\n\n"
                             "Rodong Sinmun on Monday lashed out at the U.S. for its reckless war moves.")
    assert ("PRK", "USA", "ACCUSE") in _dyads(events)


def test_domestic_news_gives_no_international_event(pipeline):
    events = _code(pipeline, "Bumper Harvest in North Hwanghae Province\n\n"
                             "Farmers of the province gathered a rich crop of maize this autumn. "
                             "The output of the cooperative farm rose by a fifth over last year.")
    assert not any(s and t and s != t for s, t, _ in _dyads(events, asserted=False))


def test_a_delegation_leaving_for_another_country_is_consult(pipeline):
    events = _code(pipeline, "DPRK Delegation Leaves for China\n\n"
                             "A delegation of the DPRK Ministry of Foreign Affairs left Pyongyang for Beijing on Friday.")
    assert any(s == "PRK" and t == "CHN" and k == "CONSULT" for s, t, k in _dyads(events, asserted=False))


# The key events of the seed story (China, North Korea, Russia), in sentences we wrote.
SEED_SHAPES = [
    ("China and North Korea signed a treaty of friendship and mutual assistance in Beijing on July 11, 1961.",
     {"CHN", "PRK"}, "AGREE"),
    ("Vladimir Putin and Kim Jong Un signed a comprehensive strategic partnership treaty in Pyongyang.",
     {"RUS", "PRK"}, "AGREE"),
    ("Xi Jinping sent a congratulatory message to Kim Jong Un on the anniversary of diplomatic ties.",
     {"CHN", "PRK"}, "SUPPORT"),
    ("Kim Jong Un held a summit with Vladimir Putin at the Vostochny space centre.", {"PRK", "RUS"}, "CONSULT"),
    ("North Korea's foreign ministry denounced the United States for its hostile policy.", {"PRK", "USA"}, "ACCUSE"),
    ("Russia supplied fighter jets and air defence missiles to North Korea last year.", {"RUS", "PRK"}, "AID"),
    ("China began to openly arm North Korea with missile launchers in 2011.", {"CHN", "PRK"}, "AID"),
]


def test_a_country_the_accused_plan_aims_at_is_not_accused(pipeline):
    found = _dyads(_code(pipeline, "Laos stepped up its criticism of the Thai plan to counter Vietnam's influence "
                                   "in the region.", outlet=None))
    assert ("LAO", "THA", "ACCUSE") in found
    assert not any(k == "ACCUSE" and "VNM" in (s, t) for s, t, k in found), found


def test_a_country_in_the_charge_is_not_the_accuser(pipeline):
    found = _dyads(_code(pipeline, "The Syrian ministry denounced the United States for its new sanctions on Iran.",
                         outlet=None))
    assert ("SYR", "USA", "ACCUSE") in found
    assert ("IRN", "USA", "ACCUSE") not in found, found


@pytest.mark.parametrize("text", [
    "The Chilean presidential office criticized Minister Rojas for greatly displeasing Peru.",
    "The Chilean government slammed its defense minister for angering Bolivia.",
])
def test_a_country_in_the_charge_against_a_person_is_not_accused(pipeline, text):
    """The one accused is the verb's object, a person of no known country; the country of the "for" phrase is
    told of (by the rules' nearest-country search and by the pair head alike)."""
    found = _dyads(_code(pipeline, text, outlet=None), asserted=False)
    assert found and not any(t in ("PER", "BOL") for _, t, _ in found), found


def test_both_accused_of_a_conjoined_object_are_accused(pipeline):
    found = _dyads(_code(pipeline, "Syria condemned the United States and Israel for the raid.", outlet=None))
    assert {("SYR", "USA", "ACCUSE"), ("SYR", "ISR", "ACCUSE")} <= found, found


@pytest.mark.parametrize("text, pair", [
    ("Laos courted Vietnam for years with offers of power lines.", {"LAO", "VNM"}),
    ("Hanoi is wooing Vientiane with cheap loans.", {"LAO", "VNM"}),
    ("The Lao leader pushed for a river pact and courted Vietnam.", {"LAO", "VNM"}),  # the second verb
    ("Russia made overtures to North Korea.", {"RUS", "PRK"}),  # the model reads ACCUSE: the lexicon's sense stands
    ("North Korea made new overtures to China this week.", {"PRK", "CHN"}),
])
def test_courting_a_state_is_support(pipeline, text, pair):
    found = _dyads(_code(pipeline, text, outlet=None))
    assert any({s, t} == pair and k == "SUPPORT" for s, t, k in found), found
    assert not any(k == "ACCUSE" for _, _, k in found)


@pytest.mark.parametrize("text,pair,kind", SEED_SHAPES)
def test_seed_story_shapes_come_out_with_both_countries_and_the_type(pipeline, text, pair, kind):
    found = _dyads(_code(pipeline, text, outlet=None), asserted=False)
    assert any({s, t} == pair and k == kind for s, t, k in found), found


def test_a_match_report_is_play_not_an_attack(pipeline):
    text = ("Korean Side Beats Japan at Football\n\n"
            "The DPRK defeated Japan 2:1 in a qualifying match for the Asian cup in Pyongyang on Friday. "
            "The Korean team scored twice in the second half. "
            "After the match the Japanese coach told reporters that the DPRK players were strong.")
    assert not [e for e in _code(pipeline, text) if e.target and e.source.country != e.target.country]


def test_a_team_trip_and_a_friendly_game_are_still_read(pipeline):
    events = _code(pipeline, "The Chinese football team arrived in Pyongyang on Monday to visit the DPRK. "
                             "The team was received by the DPRK sports minister.")
    assert any({e.source.country, e.target.country if e.target else None} == {"CHN", "PRK"} for e in events)


def _pair_parts(pipeline, text: str, src_text: str, tgt_text: str):
    from blocwatch.events.rules import MentionIndex
    from blocwatch.learned.coder import _pair_anchor

    doc = pipeline.nlp(text)
    mentions = pipeline.coder.rules.resolver.mentions(doc, on=ON)
    sent = next(iter(doc.sents))
    src, tgt = (next(m for m in mentions if m.span.text.startswith(t)) for t in (src_text, tgt_text))
    return sent, src, tgt, _pair_anchor(sent, src, tgt), MentionIndex(mentions)


def test_the_accused_is_the_verbs_object_not_a_country_further_down(pipeline):
    from blocwatch.learned.coder import _accused_elsewhere

    text = "The Syrian ministry denounced the United States for its new sanctions on Iran."
    sent, src, tgt, anchor, idx = _pair_parts(pipeline, text, "The Syrian ministry", "Iran")
    assert anchor.lemma_ == "denounce" and _accused_elsewhere(sent, anchor, src, tgt, idx)
    sent, src, tgt, anchor, idx = _pair_parts(pipeline, text, "The Syrian ministry", "the United States")
    assert not _accused_elsewhere(sent, anchor, src, tgt, idx)
    text = "The Syrian ministry denounced the United States and Israel on Monday."
    sent, src, tgt, anchor, idx = _pair_parts(pipeline, text, "The Syrian ministry", "Israel")
    assert not _accused_elsewhere(sent, anchor, src, tgt, idx)  # a second object is accused too


def test_the_lexicon_reads_the_verb_that_acts_on_the_target(pipeline):
    text = "The Belarusian ministry released a statement supporting Russia's military operation."
    sent, src, tgt, anchor, _ = _pair_parts(pipeline, text, "The Belarusian ministry", "Russia")
    assert anchor.lemma_ == "release"
    assert pipeline.coder._verb_over(sent, tgt, anchor).lemma_ == "support"


def test_a_region_is_no_side_of_an_event(pipeline):
    text = ("Statement of Korean Body in Europe\n\n"
            "The European branch of the Korean youth league and the Society of Koreans in Germany issued a "
            "statement on Tuesday. The statement bitterly denounced the south Korean authorities for their "
            "hostile policy toward the DPRK.")
    events = _code(pipeline, text)
    from blocwatch.actors.resolve import REGIONS

    sides = {c for e in events for c in (e.source.country, e.target.country if e.target else None)}
    assert not sides & REGIONS
    assert any(e.plover == "ACCUSE" and e.target and e.target.country == "KOR" for e in events)  # still read


@pytest.mark.parametrize("text", [
    # the agency's commentary: the verb tells what Japan is seeking; the agency's accusation is a fact
    "KCNA Commentary\n\nThe Japanese reactionaries are seeking to drive their youth into a new overseas war "
    "against Korea.",
    # the named speaker is the subject of another verb: its demand is asserted though its content is negated
    "Finnish Group on Foreign Troops\n\nSwedish troops should not be let to remain in Finland for a day more, "
    "the Finnish peace group insisted.",
])
def test_a_speech_act_takes_the_speakers_modality_not_its_contents(pipeline, text):
    from blocwatch.learned.coder import SPEECH_ACTS

    events = [e for e in _code(pipeline, text) if e.plover in SPEECH_ACTS]
    assert events and all(e.modality == "asserted" for e in events), [(e.plover, e.modality) for e in events]


def test_a_speech_act_by_its_own_negated_verb_stays_negated(pipeline):
    text = "Ministry Statement\n\nThe Swedish ministry did not condemn Norway for the border incident."
    events = [e for e in _code(pipeline, text) if e.source.country == "SWE" and e.target and e.target.country == "NOR"]
    assert events and all(e.modality != "asserted" for e in events), [(e.plover, e.modality) for e in events]


@pytest.mark.parametrize("text, src_text", [
    ("The Swedish ministry said it would not condemn Norway for the border incident.", "The Swedish ministry"),
    ("The Swedish ministry and the Finnish ministry did not condemn Norway.", "the Finnish ministry"),
])
def test_the_speakers_own_act_keeps_its_modality(pipeline, text, src_text):
    from blocwatch.learned.coder import _speech_mood

    sent, src, tgt, anchor, idx = _pair_parts(pipeline, text, src_text, "Norway")
    content = pipeline.coder._verb_over(sent, tgt, anchor)
    mood = _speech_mood(sent, src, anchor, idx, content)
    assert (mood is None and anchor.lemma_ == "condemn") or (mood[0] == "negated" and content.lemma_ == "condemn")


def test_not_this_but_that_asserts(pipeline):
    text = ("Border Incident Denounced\n\nThe shelling of the border village by the south Korean army is not a "
            "mere accident but a deliberate attack on the DPRK.")
    events = [e for e in _code(pipeline, text)
              if {e.source.country, e.target.country if e.target else None} == {"PRK", "KOR"}]
    assert events and not any(e.modality == "negated" for e in events), [(e.plover, e.modality) for e in events]


def test_a_list_of_who_attended_gives_no_event(pipeline):
    text = ("Reception for Visiting Delegation\n\nThe Ministry of Foreign Affairs of the DPRK gave a reception for "
            "the visiting government delegation of Laos on Monday. Present there were the ambassadors of Cuba, "
            "Syria and Viet Nam to the DPRK.")
    events = _code(pipeline, text)
    assert not [e for e in events if e.sentence.startswith("Present there")], events
    assert any({e.source.country, e.target.country if e.target else None} == {"PRK", "LAO"} for e in events)


def _sources_in(events, sentence_start: str):
    return {e.source.country for e in events if e.sentence.startswith(sentence_start) and e.target
            and e.target.country == "PRK"}


def test_they_after_a_list_carries_the_act_for_every_listed_country(pipeline):
    text = ("Condolences Over Kim Jong Il's Death\n\n"
            "Diplomats of Chile, Peru and Bolivia expressed deep condolences over the death of Kim Jong Il. "
            "They laid wreaths before the portrait of Kim Jong Il and bowed in silence.")
    events = _code(pipeline, text)  # (with "before his portrait" the DPRK is implied too: a model's call)
    assert {"CHL", "PER", "BOL"} <= _sources_in(events, "Diplomats")
    carried = _sources_in(events, "They laid")
    assert carried == {"CHL", "PER", "BOL"}, carried



def test_they_after_one_named_speaker_means_the_speakers_not_the_earlier_list(pipeline):
    text = ("Birthday of Kim Jong Il Marked Abroad\n\n"
            "Film shows and seminars were held in Chile, Peru and Bolivia to mark the birthday of Kim Jong Il. "
            "The leader of the Communist Party of Peru and other speakers said that Kim Jong Il is a great man. "
            "They expressed full support for the Korean people in building a thriving nation.")
    events = _code(pipeline, text)
    assert {"CHL", "PER", "BOL"} <= _sources_in(events, "Film shows")
    assert _sources_in(events, "They expressed") == {"PER"}, _sources_in(events, "They expressed")
    passive = ("Birthday of Kim Jong Il Marked Abroad\n\n"
               "Film shows and seminars were held in Chile, Peru and Bolivia to mark the birthday of Kim Jong Il. "
               "Wreaths were laid in the name of the Chilean embassy. "
               "They expressed full support for the Korean people in building a thriving nation.")
    carried = _sources_in(_code(pipeline, passive), "They expressed")
    assert {"CHL", "PER", "BOL"} <= carried, carried  # a wreath laid in one's name: no doer named, the list stays

def _event(src: str, tgt: str, plover: str, at: int, src_at: int | None, sentence: str = "s") -> "Event":
    from blocwatch.records import ActorSpan, Event

    return Event(event_id=f"{src}{tgt}{plover}{at}", doc_id="d", sentence=sentence, sentence_start=at,
                 sentence_end=at + 50, source=ActorSpan(src, src_at, None if src_at is None else src_at + 3, src, src),
                 target=ActorSpan(tgt, at + 10, at + 13, tgt, tgt), plover=plover, plover_mode=None, cameo=None,
                 quad_class=None, goldstein=None, modality="asserted", date=None, date_precision=None, location=None,
                 reason="r")


class _Sent:
    start_char, end = 0, 12


def test_the_list_is_the_largest_set_doing_one_act_to_one_target():
    from blocwatch.learned.coder import _list_group

    events = [_event("CHL", "PRK", "SUPPORT", 0, 1), _event("PER", "PRK", "SUPPORT", 0, 5),
              _event("BOL", "PRK", "SUPPORT", 0, 9), _event("USA", "PRK", "ACCUSE", 0, 20),
              _event("CUB", "PRK", "ACCUSE", 0, 25)]
    group = _list_group(events, _Sent())
    assert {g.country for g in group.sources} == {"CHL", "PER", "BOL"} and (group.target, group.plover) == ("PRK", "SUPPORT")
    assert _list_group(events[:1] + events[3:4], _Sent()) is None  # no act with two sources


def test_they_carries_only_an_act_on_the_lists_target_by_a_member_named_before():
    from blocwatch.learned.coder import _list_group, _they_carry

    group = _list_group([_event(c, "PRK", "SUPPORT", 0, k) for k, c in enumerate(("CHL", "PER", "BOL"))], _Sent())
    carried = _they_carry([_event("CHL", "PRK", "SUPPORT", 100, 1)], group)
    assert {e.source.country for e in carried} == {"PER", "BOL"} and len({e.event_id for e in carried}) == 2
    assert all(e.target.country == "PRK" and e.plover == "SUPPORT" and "they:" in e.reason for e in carried)
    assert not _they_carry([_event("CHL", "PRK", "SUPPORT", 100, 120)], group)  # named in the sentence itself
    assert not _they_carry([_event("CHL", "PRK", "SUPPORT", 100, None)], group)  # the outlet's country
    assert not _they_carry([_event("CHL", "CUB", "SUPPORT", 100, 1)], group)  # another target
    assert not _they_carry([_event("VEN", "PRK", "SUPPORT", 100, 1)], group)  # not one of them
    already = [_event("CHL", "PRK", "SUPPORT", 100, 1), _event("PER", "PRK", "SUPPORT", 100, 5)]
    assert {e.source.country for e in _they_carry(already, group)} == {"BOL"}


def _mention(country: str, at: int, tok: int = 0):
    from blocwatch.actors import ActorMention
    from blocwatch.records import ActorSpan

    return ActorMention(ActorSpan(country.lower(), at, at + 3, country, country), tok, tok + 1, tok, "test")


def test_an_implied_source_gives_way_to_the_last_named_speaker():
    from blocwatch.learned.coder import _carries
    from blocwatch.learned.pairs import pair_input

    sent = "The standing of the DPRK has risen, the paper said."
    ury, ind, prk = _mention("URY", 300), _mention("IND", 100), _mention("PRK", 20)
    inp = pair_input(sent, [("PRK", (20, 24), prk)], [("PRK", None), ("IND", ind), ("URY", ury)], "PRK")
    assert inp.countries == ("PRK", "IND", "URY")
    assert _carries(inp, 1, 0, ury)  # India, named earlier, gives way to Uruguay, the paper that spoke last
    assert not _carries(inp, 2, 0, ury)  # already the speaker's
    assert not _carries(inp, 1, 0, _mention("PRK", 5))  # the speaker is the target
    assert not _carries(inp, 0, 1, ury)  # the source is named in the sentence: the model's call
    named = pair_input("Uruguay said the DPRK has risen.", [("URY", (0, 7), ury), ("PRK", (17, 21), prk)],
                       [("PRK", None), ("IND", ind)], "PRK")
    assert not _carries(named, named.countries.index("IND"), 1, ury)  # the speaker's country is in the sentence
    voice = pair_input("The U.S. is to blame.", [("USA", (4, 8), _mention("USA", 4))],
                       [("PRK", None), ("PRK", prk), ("IND", ind)], "PRK")
    assert voice.countries == ("USA", "PRK", "IND")
    assert not _carries(voice, 1, 0, ury)  # the outlet's own voice stays its own
    assert _carries(voice, 2, 0, ury)  # the speaker need not be among the candidates
    assert not _carries(voice, 2, 0, _mention("PRK", 40))  # "the commentary": the outlet's voice takes over nothing


def test_the_speakers_of_a_sentence_are_the_sources_it_names(pipeline):
    from blocwatch.events.rules import MentionIndex
    from blocwatch.learned.coder import _speakers

    doc = pipeline.nlp("Intro line. The Uruguayan paper praised the DPRK. It said more.")
    idx = MentionIndex(pipeline.coder.rules.resolver.mentions(doc))
    first, second, third = list(doc.sents)
    at = doc.text.index("Uruguayan")
    [m] = [m for m in idx.by_token.values() if m.span.country == "URY"][:1]
    found = _speakers(second, [_event("URY", "PRK", "SUPPORT", second.start_char, m.span.start)], idx)
    assert [x.span.country for x in found] == ["URY"] and found[0].span.start <= at
    assert not _speakers(third, [_event("URY", "PRK", "SUPPORT", third.start_char, m.span.start)], idx)  # implied
    assert not _speakers(third, [_event("URY", "PRK", "SUPPORT", third.start_char, None)], idx)  # the outlet's


@pytest.mark.parametrize("text, they", [
    ("They laid wreaths before the portrait.", True),
    ("The guests laid wreaths and bowed.", True),
    ("The Cuban guests laid wreaths.", False),
    ("Wreaths were laid by the embassy.", False),
    ("The guests, who came from Cuba, laid wreaths.", False),
    ("Two guests laid wreaths.", False),
    ("The embassy said that they had laid wreaths.", False),
])
def test_they_subject(nlp, text, they):
    from blocwatch.learned.coder import _they_subject

    assert _they_subject(next(nlp(text).sents)) is they


@pytest.mark.parametrize("text, asserted", [
    # a quoted message's praise of a third party's future: the speaker praises now (was AGREE, intended)
    ("Message of Peruvian Party to Kim Jong Il\n\nThe Peruvian Communist Party sent a message to Kim Jong Il. "
     "The message said:\n\nThe DPRK will surely emerge victorious in its struggle under the leadership of Kim "
     "Jong Il.", True),
    # a pledge of support is support now (the annotators coded 23 of 29 such sentences asserted SUPPORT)
    ("Message of Peruvian Party to Kim Jong Il\n\nThe Peruvian Communist Party sent a message to Kim Jong Il. "
     "The message said:\n\nThe Peruvian Communist Party will always support the DPRK in its just cause.", True),
    # the speaker's own future act of another kind is intended
    ("Message of Peruvian Party to Kim Jong Il\n\nThe Peruvian Communist Party sent a message to Kim Jong Il. "
     "The message said:\n\nThe Peruvian Communist Party will hold talks with the Workers' Party of Korea next year.",
     False),
])
def test_praise_is_a_speech_act_with_the_speakers_modality(pipeline, text, asserted):
    events = [e for e in _code(pipeline, text) if e.source.country == "PER" and e.target
              and e.target.country == "PRK" and " will " in e.sentence]
    assert events, "no PER->PRK event"
    assert any(e.modality == "asserted" and e.plover == "SUPPORT" for e in events) is asserted, \
        [(e.plover, e.modality) for e in events]


@pytest.mark.parametrize("text, asserted", [
    # a tribute to be held is a plan, not a pledge of support
    ("Birthday of Kim Il Sung to Be Celebrated in Peru\n\nLIMA, March 2 (KCNA) -- Festivities are planned.", False),
    ("Peruvians Plan Events\n\nLIMA, March 2 (KCNA) -- The Peruvian committee for friendship with Korea decided "
     "to organize a photo show and a film week on the birthday of Kim Il Sung.", False),
    ("Peruvians Plan Events\n\nLIMA, March 2 (KCNA) -- The Peruvian committee for friendship with Korea will "
     "hold a seminar on the exploits of Kim Il Sung in April.", False),
    # a pledge stays support: "hold him in esteem" is a regard, not an event held
    ("Peruvian Party Praises Leader\n\nLIMA, March 2 (KCNA) -- The Peruvian Communist Party will always hold Kim "
     "Il Sung in high esteem, its chairman said.", True),
])
def test_a_tribute_to_be_held_is_a_plan_not_a_pledge(pipeline, text, asserted):
    events = [e for e in _code(pipeline, text) if e.source.country == "PER" and e.target
              and e.target.country == "PRK"]
    assert events, "no PER->PRK event"
    assert any(e.modality == "asserted" for e in events) is asserted, [(e.plover, e.modality) for e in events]


_DRILLS = ("KCNA Commentary on Japanese Drills\n\nPYONGYANG, May 2 (KCNA) -- The Japanese authorities staged naval "
           "drills near the Korean coast last week, in a grave provocation against the DPRK. ")


@pytest.mark.parametrize("text, asserted", [
    # a commentary's "they should ..." bids the target act: a demand (was a hypothetical request)
    (_DRILLS + "They should stop such reckless drills at once and behave with reason.", True),
    (_DRILLS + "If they truly want better ties with their neighbours, they should drop their hostile policy toward "
     "the DPRK.", True),
    # the speaker's own "we should ..." bids no one else
    (_DRILLS + "We should strengthen our defence against Japan, KCNA said.", False),
])
def test_they_should_is_a_demand_on_them(pipeline, text, asserted):
    last = text.rsplit(". ", 1)[-1][:20]
    events = [e for e in _code(pipeline, text) if e.plover == "REQUEST" and e.source.country == "PRK"
              and e.target and e.target.country == "JPN" and last in e.sentence]
    assert any(e.modality == "asserted" for e in events) is asserted, [(e.plover, e.modality) for e in events]


def test_a_commentarys_they_is_the_accused_not_the_speaker(pipeline):
    # "they" the resolver leaves open, in the outlet's voice, is the accused: the accusation is made (was negated)
    text = _DRILLS + "They are not interested in peace and dialogue at all."
    events = [e for e in _code(pipeline, text) if e.plover == "ACCUSE" and e.source.country == "PRK"
              and e.target and e.target.country == "JPN" and "not interested" in e.sentence]
    assert events and all(e.modality == "asserted" for e in events), [(e.plover, e.modality) for e in events]


def test_never_forgetting_support_is_praise(pipeline):
    # "will never forget" denies the forgetting, not the praise (was SUPPORT, negated)
    text = ("Peruvian Party Mourns Kim Il Sung\n\nLIMA, July 8 (KCNA) -- The Peruvian Communist Party sent a message "
            "to the DPRK. The Peruvian people will never forget the great support Kim Il Sung gave to them, the "
            "message said.")
    events = [e for e in _code(pipeline, text) if e.plover == "SUPPORT" and e.source.country == "PER"
              and e.target and e.target.country == "PRK" and "never forget" in e.sentence]
    assert events and all(e.modality == "asserted" for e in events), [(e.plover, e.modality) for e in events]


def test_a_doer_named_before_is_no_speaker_whose_voice_carries(pipeline):
    """The U.S. that "brought its carrier" acted and did not speak: the praise in the next sentence is the
    radio's (the U.S. had become its source)."""
    text = ("Peruvian Radio on DPRK\n\nLIMA, Sept. 9 (KCNA) -- A Peruvian radio station aired a program on the DPRK "
            "on Sept. 7.\n\nThe U.S. forces occupied the south of Korea 66 years ago, the radio noted.\n\nThis year, "
            "too, the U.S. brought its aircraft carrier to the waters off Korea and staged war drills, straining the "
            "situation.\n\nBut peace on the peninsula will be defended as there are leader Kim Jong Il and the "
            "peace-loving policy of the DPRK supported by the whole world.")
    praise = [e for e in _code(pipeline, text) if e.plover == "SUPPORT" and "peace-loving" in e.sentence]
    assert praise and {e.source.country for e in praise} == {"PER"}, [(e.source.text, e.source.country) for e in praise]


def test_a_threat_of_what_will_come_is_asserted(pipeline):
    # the threat is made now; what it threatens is future (was THREATEN, intended)
    text = _DRILLS + "The army of the DPRK will deal merciless blows at the Japanese aggressors if they dare intrude."
    events = [e for e in _code(pipeline, text) if e.plover == "THREATEN" and e.source.country == "PRK"
              and e.target and e.target.country == "JPN" and "merciless" in e.sentence]
    assert events and all(e.modality == "asserted" for e in events), [(e.plover, e.modality) for e in events]


@pytest.mark.parametrize("text, intended", [
    ("Mexico and Peru have a lot in common. The minister voiced the will to boost the ties between the two "
     "countries.", True),
    ("Mexico and Peru have a lot in common. It is the firm policy of the party to develop the relations with "
     "Peru, he said.", True),
    ("Mexico and Peru have a lot in common. The two sides will strengthen their ties in trade.", True),
    ("Mexican Party to Boost Relations with Peru. The party spoke.", True),
    ("Mexico and Peru have a lot in common. Mexico has strengthened its alliance with Peru.", False),
    ("Mexico and Peru have a lot in common. Steps are being taken to deepen the cooperation between them.", False),
])
def test_developing_ties_as_a_will_or_policy_is_intended(nlp, text, intended):
    from blocwatch.events.modality import development_intended

    sent = list(nlp(text).sents)[0 if text.startswith("Mexican Party") else 1]
    assert bool(development_intended(sent)) is intended, [(t.text, t.dep_, t.head.text) for t in sent]


def test_a_will_to_boost_ties_is_no_asserted_cooperation(pipeline):
    text = ("Chilean Minister Meets Peruvian Envoy\n\nThe Chilean foreign minister met the Peruvian ambassador "
            "on Monday. The minister expressed the will to further boost the cooperative ties between Chile and "
            "Peru. The two countries have expanded their trade in recent years.")
    events = [e for e in _code(pipeline, text, outlet=None) if {e.source.country, e.target.country if e.target
                                                                else None} == {"CHL", "PER"}]
    will = [e for e in events if "will to" in e.sentence]
    assert will and all(e.modality == "intended" for e in will), [(e.plover, e.modality, e.reason) for e in will]


def test_a_named_doer_stands_for_its_act_over_an_implied_one():
    from blocwatch.learned.coder import _one_doer

    class Sent:
        start_char, end_char = 100, 150

    named = _event("COD", "PRK", "SUPPORT", 100, 101)  # "It (the Congolese paper) said ..."
    implied = _event("KHM", "PRK", "SUPPORT", 100, 10)  # Cambodia, named in the title
    other_act = _event("KHM", "PRK", "AID", 100, 10)
    other_target = _event("KHM", "LAO", "SUPPORT", 100, 10)
    outlet = _event("PRK", "USA", "SUPPORT", 100, None)
    kept = _one_doer([implied, named, other_act, other_target, outlet], Sent())
    assert kept == [named, other_act, other_target, outlet]
    assert _one_doer([implied, other_act], Sent()) == [implied, other_act]  # no named doer: the model's call


@pytest.mark.parametrize("text, giver, taker, turned", [
    ("The Peruvian president received a gift from the minister of Defence of Chile.", "CHL", "PER", True),
    ("The vase was handed to the Peruvian ambassador by an envoy of Chile on Monday.", "CHL", "PER", True),
    ("The vase was handed to the Peruvian ambassador to Chile on Monday.", "CHL", "PER", True),
    ("The Chilean minister handed a vase to the Peruvian ambassador.", "CHL", "PER", True),
    ("Ana Rojas, head of the Front, handed the gift over to the Peruvian ambassador to Chile.", "CHL", "PER", True),
    # parsed with two "to"s on the verb ("to Peruvian Ambassador", "to Chile"): the first is who received
    ("A great-grandson of Chai Shiying handed over the gift to Peruvian Ambassador to Chile Ji Jae Ryong on Dec. 9.",
     "CHL", "PER", True),
    ("The Chilean minister received the Peruvian ambassador on Monday.", "CHL", "PER", False),
])
def test_the_grammar_says_who_gave_to_whom(pipeline, text, giver, taker, turned):
    from blocwatch.events.rules import MentionIndex
    from blocwatch.learned.coder import _given_by_target

    doc = pipeline.nlp(text)
    sent = next(doc.sents)
    by_country: dict = {}
    mentions = MentionIndex(pipeline.coder.rules.resolver.mentions(doc)).by_token.values()
    for m in sorted(mentions, key=lambda m: m.tok_start):
        by_country.setdefault(m.span.country, m)  # the first mention of each country
    # a pair read taker -> giver is turned where the grammar has the giver give; the right way round never is
    assert _given_by_target(sent, by_country[taker], by_country[giver]) is turned
    assert not _given_by_target(sent, by_country[giver], by_country[taker])


def test_a_place_visited_is_no_visitor(pipeline):
    """The model is sure of a visit between the two but reads it from the place visited: "It also visited the
    Pyongyang Metro" has the delegation visit the DPRK, and the event's source is the delegation's country."""
    from blocwatch.events.rules import MentionIndex
    from blocwatch.learned.coder import _visited_place

    events = _code(pipeline, "Japanese Delegation Arrives\n\nA delegation of the Gifu Prefectural Assembly of Japan "
                             "arrived in Pyongyang on Monday.\n\nIt also visited the Pyongyang Metro, Kim Chaek "
                             "University of Technology and a secondary school.")
    visits = [e for e in events if e.plover == "CONSULT" and "visited" in e.sentence]
    assert visits and all((e.source.country, e.target.country) == ("JPN", "PRK") for e in visits), \
        [(e.source.text, e.target.text, e.reason) for e in visits]
    doc = pipeline.nlp("The Chilean minister visited the Lima Metro and the port of Peru on Monday.")
    sent = next(doc.sents)
    mentions = MentionIndex(pipeline.coder.rules.resolver.mentions(doc)).by_token.values()
    by_country = {m.span.country: m for m in sorted(mentions, key=lambda m: -m.tok_start)}  # the first of each
    assert _visited_place(sent, by_country["PER"]) and not _visited_place(sent, by_country["CHL"])


@pytest.mark.parametrize("headline", ["Nepali Party Denounces Lee Group", "Lee Group's Provocation Slammed"])
def test_the_body_of_a_foreign_speakers_statement_is_the_speakers_word(pipeline, headline):
    """A story that reports a foreign party's statement: the accusations of its body, whose source no sentence
    names, are the party's, named in the headline or (where the headline gives no event) in the lead, not the
    agency's; the agency's own commentary keeps its voice."""
    body = ("The Communist Party of Nepal issued a statement on Monday denouncing the Lee Myung Bak group of south "
            "Korea.\n\nTraitor Lee committed an unpardonable provocation, laying bare his true colors as a "
            "confrontation maniac.\n\nThe group can never shirk off the responsibility for its crimes against the "
            "nation.")
    events = [e for e in _code(pipeline, f"{headline}\n\n{body}") if "Traitor Lee" in e.sentence]
    assert events and {(e.source.country, e.target.country, e.plover) for e in events} == {("NPL", "KOR", "ACCUSE")}, \
        [(e.source.text, e.target.text, e.reason) for e in events]
    # the country the act is aimed at ("a war against the DPRK") is no speaker: the accusation stays the party's
    aimed = _code(pipeline, "Lee Group's Provocation Slammed\n\nThe Communist Party of Nepal issued a statement on "
                            "Monday denouncing the Lee Myung Bak group of south Korea.\n\nThe puppet group is bent on "
                            "confrontation and pursues its ambition for a war against the DPRK.")
    aimed = {(e.source.country, e.target.country, e.plover) for e in aimed if "war against" in e.sentence}
    assert aimed == {("NPL", "KOR", "ACCUSE")}, aimed
    own = _code(pipeline, "KCNA Slams Lee Group\n\nThe Lee Myung Bak group of south Korea staged a provocation on "
                          "Monday.\n\nTraitor Lee committed an unpardonable provocation, laying bare his true colors "
                          "as a confrontation maniac.")
    assert ("PRK", "KOR", "ACCUSE") in {(e.source.country, e.target.country, e.plover) for e in own
                                        if "Traitor Lee" in e.sentence}


def test_an_opposition_or_a_sanction_keeps_the_guides_type_over_the_lexicons(pipeline):
    """The lexicon breaks the pair head's doubt ("signed a treaty" is AGREE), but not where the real-news guide
    reads the verb the model's way: KCNA's "opposed the plan" is an accusation (the tie made it REJECT),
    imposing sanctions is SANCTION (the lexicon's CAMEO 163 is PLOVER's COERCE), and "kicked off" drills are no
    assault (PETRARCH's "kick")."""
    import numpy as np

    events = _code(pipeline, "Chilean Party Opposes Peru Base Plan\n\nThe Chilean party strongly opposed the plan of "
                             "the Peruvian authorities to build a naval base near the border.")
    assert events and {(e.source.country, e.target.country, e.plover) for e in events} == {("CHL", "PER", "ACCUSE")}, \
        [(e.plover, e.reason) for e in events]
    coder = pipeline.coder
    labels = coder.model.pair_labels

    def tie(text: str, verb: str, label: str, other: str) -> str:
        anchor = next(t for t in pipeline.nlp(text) if t.text == verb)
        p = np.zeros(len(labels))
        p[labels.index(label)], p[labels.index(other)] = 0.6, 0.3
        return coder._lexicon_tie(anchor, label, p, labels)[0]

    assert tie("Peru imposed sanctions on Bolivia.", "imposed", "SANCTION", "COERCE") == "SANCTION"
    assert tie("Peru signed a treaty with Bolivia.", "signed", "SUPPORT", "AGREE") == "AGREE"
    # "kick off" begins what its object names: drills kicked off stay the model's MOBILIZE, no assault
    assert tie("Peru kicked off naval drills against Bolivia.", "kicked", "MOBILIZE", "ASSAULT") == "MOBILIZE"


def test_who_tells_of_an_act_is_no_party_to_it(pipeline):
    text = ("Chile's intelligence agency briefed lawmakers on Wednesday. The National Intelligence Agency of Chile "
            "said Peru had sent about 900 soldiers to Bolivia. Lima also supplied shells and rifles to La Paz, "
            "according to the agency.")
    dyads = {(s, t, k) for s, t, k in _dyads(_code(pipeline, text, outlet=None)) if k == "AID"}
    assert ("PER", "BOL", "AID") in dyads, dyads
    assert not {d for d in dyads if "CHL" in d[:2]}, dyads  # Chile only tells of it


@pytest.mark.parametrize("text, modality", [
    ("The Chilean president said Chile would help Peru rebuild its ports.", "intended"),
    ("The Chilean president said Chile had sent food to Peru.", "asserted"),
])
def test_an_act_told_by_its_speaker_takes_the_told_clauses_modality(pipeline, text, modality):
    events = [e for e in _code(pipeline, text, outlet=None) if e.source.country == "CHL" and e.target
              and e.target.country == "PER"]
    assert events and all(e.modality == modality for e in events), [(e.plover, e.modality, e.reason) for e in events]


@pytest.mark.parametrize("text, accused", [
    ("Peru condemned the new pact on Thursday and said it would consider sending grain to Bolivia.", False),
    ("Peru staged a drill on Thursday and is now trying to blame Bolivia for the tension.", True),
])
def test_a_country_in_a_clause_coordinated_with_an_accusation_is_not_the_accused(pipeline, text, accused):
    from blocwatch.events.rules import MentionIndex
    from blocwatch.learned.coder import _anchor, _in_other_clause

    doc = pipeline.nlp(text)
    sent = next(doc.sents)
    found = {m.span.country: m for m in MentionIndex(pipeline.coder.rules.resolver.mentions(doc)).by_token.values()}
    anchor = _anchor(sent, found["PER"], found["BOL"])
    assert _in_other_clause(sent, anchor, found["BOL"], pipeline.coder.rules.lexicon) is not accused


def test_aid_in_a_sentence_of_letters_and_baskets_is_support():
    from blocwatch.learned.coder import _as_message

    letters = "Consolatory letters came to the leader from the military attaches of the Peruvian embassy."
    assert _as_message("AID", letters) and _as_message("CONCEDE", letters)
    assert not _as_message("CONSULT", letters)  # a visit with a letter is still a visit
    assert not _as_message("AID", "The envoy handed over a gift and a letter of thanks.")


def test_a_country_the_talks_are_about_is_no_side_of_them(pipeline):
    """"Held talks on the war in Ukraine": the ministers' countries consulted; Ukraine is the topic, not a party
    (the example corpus had DPRK→Ukraine and Russia→Ukraine CONSULT from such a sentence)."""
    text = ("Chilean and Peruvian Ministers Meet\n\nThe Chilean foreign minister and the Peruvian foreign minister "
            "held talks on the war in Ukraine in Lima on Monday.")
    events = _code(pipeline, text, outlet=None)
    consult = {frozenset((e.source.country, e.target.country)) for e in events
               if e.plover == "CONSULT" and e.target is not None}
    assert frozenset(("CHL", "PER")) in consult, [(e.source.country, e.plover, e.target and e.target.country)
                                                  for e in events]
    assert not any("UKR" in pair for pair in consult)


@pytest.mark.parametrize("text, verb", [
    ("With such talk the defence minister can never conceal his ambition for a war.", "conceal"),
    ("The army will never pardon the puppets for the provocation but punish them.", "pardon"),
    ("With no excuse can the regime justify its war drills.", "justify"),
    ("The German minister does not understand the decision to build new settlements.", "understand"),
])
def test_a_denied_concealment_or_pardon_still_accuses(nlp, text, verb):
    """"Can never conceal his ambition" accuses as firmly as "shows his ambition" (the annotators coded such
    sentences asserted ACCUSE or THREATEN; the coder had them negated or hypothetical)."""
    from blocwatch.learned.coder import _rhetorical_denial

    doc = nlp(text)
    tok = next(t for t in doc if t.lemma_ == verb)
    assert _rhetorical_denial(tok) == tok.text
    plain = nlp("The Swedish ministry did not condemn Norway for the incident.")
    assert _rhetorical_denial(next(t for t in plain if t.lemma_ == "condemn")) is None
    affirmed = nlp("The minister tried to conceal his ambition.")
    assert _rhetorical_denial(next(t for t in affirmed if t.lemma_ == "conceal")) is None


def test_a_denial_that_accuses_is_asserted_end_to_end(pipeline):
    text = ("Seoul Rapped\n\nPyongyang, May 3 (KCNA) -- The south Korean puppets keep staging drills near the "
            "border. The DPRK will never pardon the south Korean puppets for the provocation.")
    events = [e for e in _code(pipeline, text) if e.source.country == "PRK" and e.target
              and e.target.country == "KOR" and e.plover in ("ACCUSE", "THREATEN") and "pardon" in e.sentence]
    assert events and all(e.modality == "asserted" for e in events), [(e.plover, e.modality) for e in events]


def test_a_pledge_is_an_asserted_agreement_and_a_planned_signing_intended(pipeline):
    text = ("Thailand and Laos Pledge Cooperation\n\nVientiane, June 2 (KCNA) -- Thailand and Laos on Monday "
            "pledged to expand cooperation in trade. Thailand will sign an agreement with Laos next year.")
    events = [e for e in _code(pipeline, text) if e.plover == "AGREE" and e.target
              and {e.source.country, e.target.country} == {"THA", "LAO"}]
    pledged = [e for e in events if "pledged" in e.sentence]
    planned = [e for e in events if "will sign" in e.sentence]
    assert pledged and all(e.modality == "asserted" for e in pledged), [(e.sentence, e.modality) for e in events]
    assert all(e.modality == "intended" for e in planned)


@pytest.mark.parametrize("text", [
    "Chilean President Gabriel Boric urged the allies of Chile to respond.",
    "Chilean President Gabriel Boric urged Chile's allies to respond.",
])
def test_the_allies_of_a_country_are_not_that_country(pipeline, rules_pipeline, text):
    """"The allies of Chile", "Chile's allies" are other states: the urging has Chile as its source and no
    target of Chile's (it was Chile → Chile REQUEST, shown in the demo's evidence table)."""
    for coder in (pipeline, rules_pipeline):
        events = [e for e in _code(coder, text, outlet=None) if e.plover == "REQUEST"]
        assert events and all(e.source.country == "CHL" for e in events)
        assert all(e.target is None or e.target.country != "CHL" for e in events)
        assert any(e.target is not None and "allies" in e.target.text for e in events)


@pytest.mark.parametrize("text, actor, partner", [
    ("Energy Deal\n\nThe Belarusian leader said Belarus would help Cuba build power plants, according to "
     "Belarusian state television.", "BLR", "CUB"),
    ("Space Pact\n\nPutin said Russia would help Iran build satellites, according to Russian state media.",
     "RUS", "IRN"),
])
def test_a_country_acting_abroad_is_not_also_acting_on_itself(pipeline, text, actor, partner):
    """The span head or the rules may take another mention of the source's own country as the target (the
    demo stored Russia → Russian state media AGREE beside Russia → North Korea); where the sentence has that
    country act on another, the event on itself is dropped."""
    events = _code(pipeline, text, outlet=None)
    found = _dyads(events, asserted=False)
    assert any(s == actor and t == partner for s, t, _ in found)
    assert not any(s == actor and t == actor for s, t, _ in found)


def test_a_subheading_inside_a_story_is_not_read(pipeline):
    """"The Perfect Show", a subheading of a seed article, came out as an event between the story's countries
    (the model reads the story's countries into a sentence that names none)."""
    text = ("Chile Greets Peru\n\nThe Chilean president sent greetings to Peru on its national day.\n\n"
            "A Lasting Friendship\n\nThe message hailed the progress of Peru.")
    doc = pipeline.nlp(text)
    read = [s.text.strip() for s in pipeline.coder.prepare(doc, published=ON).sentences]
    assert "A Lasting Friendship" not in read and "Chile Greets Peru" in read
    assert any(s.startswith("The message hailed") for s in read)
    text = text.replace("A Lasting Friendship", "Peru Thanks Chile")  # a line that names a country is read
    read = [s.text.strip() for s in pipeline.coder.prepare(pipeline.nlp(text), published=ON).sentences]
    assert "Peru Thanks Chile" in read


def test_sides_that_exchange_letters_greet_each_other(pipeline):
    """Messages, letters and greetings are SUPPORT (the guide); exchanged, each side sent one: a SUPPORT each way,
    where the model read a meeting (CONSULT) one way."""
    text = ("Laos and Vietnam Mark Ties\n\nThe leaders of Laos and Vietnam exchanged letters on Monday to mark 60 "
            "years of ties.\n\nThe Lao President praised Vietnam for its support over the years.")
    found = [(s, t, k) for s, t, k in _dyads(_code(pipeline, text, outlet=None), asserted=False)]
    assert ("LAO", "VNM", "SUPPORT") in found and ("VNM", "LAO", "SUPPORT") in found
    assert not any(k == "CONSULT" for _, _, k in found)


@pytest.mark.parametrize("text, exchanged", [
    ("The two leaders exchanged congratulatory messages on the anniversary.", True),
    ("They strengthened ties by exchanging personal letters.", True),
    ("An exchange of greetings took place.", True),
    ("The two sides exchanged gifts and letters.", False),  # something material passed too
    ("The ministers exchanged views on the situation.", False),
])
def test_exchanged_messages_are_told_from_exchanged_goods_and_views(text, exchanged):
    from blocwatch.events.context import exchanges_messages

    assert exchanges_messages(text) is exchanged


def test_an_agreement_between_two_named_sides_is_not_also_with_a_country_named_before(pipeline):
    """"A significant agreement was formalized during a summit in Pyongyang between Kim Jong Un and Putin" was also
    North Korea's and Russia's agreement with China, which the article named earlier."""
    text = ("Laos Watches Vietnam and Cambodia\n\nLaos has long been the main partner of Cambodia. A major agreement "
            "was signed in May during a summit in Phnom Penh between the Cambodian prime minister and the Vietnamese "
            "president.")
    events = _code(pipeline, text, outlet=None)
    signed = {frozenset((e.source.country, e.target.country)) for e in events
              if e.plover == "AGREE" and e.target and "agreement was signed" in e.sentence}
    assert signed == {frozenset(("KHM", "VNM"))}


def test_an_unnamed_accuser_is_the_outlet_not_a_country_only_named_as_a_place(pipeline):
    """In a KCNA commentary the accusation whose source the sentence does not name is KCNA's: the model took
    Australia, named the sentence before only as where U.S. forces stay, for the accuser of the U.S."""
    text = ("KCNA Commentary Denounces U.S. Policy\n\nThe U.S. decided to keep its forces in Australia. The U.S. "
            "seeks to realize its ambition for domination at any cost.")
    events = [e for e in _code(pipeline, text) if e.sentence.startswith("The U.S. seeks")]
    assert ("PRK", "USA", "ACCUSE") in _dyads(events)
    assert not any(e.source.country == "AUS" for e in events)


def test_the_city_where_two_others_meet_is_no_party_to_their_talks(pipeline):
    """"Kim also held talks with Putin in Beijing" was also North Korea → China and China → Russia CONSULT, from
    "Beijing"; arriving "in China" still is a visit to China."""
    text = ("Kim Meets Putin\n\nKim Jong Un arrived in China on Tuesday. Kim also held talks with Putin in Beijing and "
            "thanked Russia for its help.")
    events = _code(pipeline, text, outlet=None)
    talks = {frozenset((e.source.country, e.target.country)) for e in events
             if e.plover == "CONSULT" and e.target and e.sentence.startswith("Kim also held talks")}
    assert talks == {frozenset(("PRK", "RUS"))}
    assert any(e.plover == "CONSULT" and {e.source.country, e.target.country} == {"CHN", "PRK"}
               for e in events if e.target and e.sentence.startswith("Kim Jong Un arrived"))


def test_co_leaders_exchanging_messages_each_send_one_though_the_sentence_has_other_readings(pipeline):
    """"The leaders of North Korea and China celebrated the anniversary …, exchanging messages": the rules read a
    message each way, but the sentence's cap of two events kept the span head's reading (a source with no country)
    and one of the two, so China's message was lost. The other way of an exchange rides with its twin."""
    text = ("Cuba and Vietnam Commemorate 65 Years of Ties\n\nThe leaders of Cuba and Vietnam celebrated the 65th "
            "anniversary of their diplomatic relations, exchanging messages that express aspirations for deeper ties.")
    found = _dyads([e for e in _code(pipeline, text, outlet=None) if e.sentence.startswith("The leaders")])
    assert {("CUB", "VNM", "SUPPORT"), ("VNM", "CUB", "SUPPORT")} <= found, found


def test_an_act_the_grammar_names_stands_where_the_model_reads_an_event_of_no_sure_type(pipeline):
    """The model gives "China … when it began to openly arm North Korea with launchers" an event (p(NONE) 0.36) but
    spreads it over COOPERATE and MOBILIZE; the source is the subject of "arm" (through "it") and the target its
    object, so the lexicon says what the act is."""
    text = "Arms Watch\n\nIran ended years of restraint in 2009, when it began to openly arm Yemen with anti-ship missiles."
    pair = ("IRN", "YEM")
    events = [e for e in _code(pipeline, text, outlet=None) if e.target and e.plover == "AID"]
    assert any((e.source.country, e.target.country) == pair and e.modality == "asserted" for e in events), events
    e = next(e for e in events if (e.source.country, e.target.country) == pair)
    assert e.cameo == "072" and "grammar: 'arm'" in e.reason and e.date == date(2009, 1, 1)


@pytest.mark.parametrize("text, pair", [
    ("Belarus began to arm Venezuela with modern rifles and armoured trucks.", ("BLR", "VEN")),
    ("Arms Watch\n\nTurkey began to arm Azerbaijan with armed drones made by its defence firms.", ("TUR", "AZE")),
])
def test_arming_a_country_is_aid_not_cooperation(pipeline, text, pair):
    """The model reads "X began to arm Y with weapons" as COOPERATE (p(AID) under 0.1, too low for the lexicon's tie);
    a verb that names a material act on its object (``MATERIAL_VERBS``) gives its own type, and the reading the other
    way round, Y's cooperation with X, is the same act, not a second event."""
    found = _dyads(_code(pipeline, text, outlet=None))
    assert (*pair, "AID") in found, found
    assert not any({s, t} == set(pair) and k == "COOPERATE" for s, t, k in found), found


@pytest.mark.parametrize("text, pair", [
    ("Peru urged Chile to arm Bolivia.", ("PER", "BOL")),  # the act urged is Chile's, not Peru's
    ("Peru asked Chile to stop arming Bolivia.", ("PER", "BOL")),
    ("Peru refused to arm Bolivia.", ("PER", "BOL")),
    ("Peru denied arming Bolivia.", ("PER", "BOL")),
    ("Peru did not begin to arm Bolivia.", ("PER", "BOL")),
    ("Peru condemned the company when it armed Bolivia.", ("PER", "BOL")),  # "it" is the company
    ("Peru praised the militia, saying it had invaded Bolivia.", ("PER", "BOL")),
    ("Peru praised Chile when it began to arm Bolivia.", ("PER", "BOL")),  # "it" may be Chile
    ("Peru imposed sanctions on Chile when it began to arm Bolivia.", ("PER", "BOL")),
])
def test_arming_told_of_refused_or_urged_is_not_the_speakers_aid(pipeline, text, pair):
    """The grammar names the act only through a phase verb ("began to arm"), never through one whose object does
    it ("urged Chile to arm"), refuses or denies it, or a pronoun that may be another thing's; a phase verb's
    negation is the act's."""
    found = _code(pipeline, text, outlet=None)
    assert not any((e.source.country, e.target.country if e.target else None) == pair
                   and e.plover in ("AID", "ASSAULT") and e.modality == "asserted" for e in found), [
        (e.source.country, e.target and e.target.country, e.plover, e.modality) for e in found]


def test_the_other_way_of_an_exchange_does_not_bring_back_a_reading_the_model_replaced(pipeline):
    """Where the model's event stands for a dyad, the rules' event on that dyad is dropped; the other way of an
    exchange rides only with a rule event that was kept, so one act does not get two types on one dyad."""
    found = _code(pipeline, "The Cuban leader and the rebels exchanged fire on Monday.", outlet=None)
    by_dyad: dict = {}
    for e in found:
        by_dyad.setdefault((e.source.text, e.target.text if e.target else None), set()).add(e.plover)
    assert all(len(kinds) == 1 for kinds in by_dyad.values()), by_dyad


@pytest.mark.parametrize("text, sides, third", [
    ("Ghana praised Kenya when it began to arm Uganda.", ("GHA", "KEN"), "UGA"),
    ("Ghana imposed sanctions on Kenya when it began to arm Uganda.", ("GHA", "KEN"), "UGA"),
    ("China praised Russia when it began to arm Syria.", ("CHN", "RUS"), "SYR"),
])
def test_a_pronoun_clause_that_may_be_the_object_gives_the_subject_no_act_in_it(pipeline, text, sides, third):
    """"When it began to arm Uganda": "it" may be the main clause's object as well as its subject, so neither the
    subject's act on the third country nor any pair with the third country on the main verb is asserted; the main
    act stands."""
    found = _code(pipeline, text, outlet=None)
    dyads = {(s, t) for s, t, _ in _dyads(found)}
    assert sides in dyads, found
    assert not any(third in (s, t) for s, t in dyads), [(e.source.country, e.target and e.target.country, e.plover,
                                                       e.reason[:80]) for e in found]


@pytest.mark.parametrize("text", [
    "Norway ceased supplying gas to Sweden.",
    "Norway stopped arming Sweden last year.",
    "Norway halted supplying weapons to Sweden in May.",
])
def test_stopping_aid_is_a_sanction(pipeline, text):
    """CAMEO 162 "reduce or stop aid" is PLOVER SANCTION: a source that stops giving cuts the tie, asserted; the
    aid itself is no asserted act."""
    found = _dyads(_code(pipeline, text, outlet=None))
    assert ("NOR", "SWE", "SANCTION") in found, found
    assert ("NOR", "SWE", "AID") not in found, found


@pytest.mark.parametrize("text", [
    "The Cuban leader gives a speech during a visit to Caracas in this photo released by the Cuban news agency.",
    "The Lao premier speaks during a visit to Hanoi, Vietnam in this undated picture released by the Lao agency.",
])
def test_a_photo_released_is_no_release_of_prisoners(pipeline, text):
    """"Release" codes freeing persons (RETREAT, CAMEO 0841); a photo or picture released by an agency is none."""
    assert not [e for e in _code(pipeline, text, outlet=None) if e.plover == "RETREAT"]


@pytest.mark.parametrize("text", [
    "Treaty Text Published\n\nSEOUL, June 21 -- Lao state media released the treaty on Thursday.",
    "Treaty Text Published\n\nSEOUL, June 21 -- Lao state media released a copy of the treaty on Thursday.",
])
def test_a_document_released_is_no_act(pipeline, text):
    """A treaty or a copy released by the press is published, not freed (RETREAT) nor conceded: no event of the verb,
    whatever the model reads (it had read CONCEDE)."""
    assert not [e for e in _code(pipeline, text, outlet=None) if "released" in e.sentence], \
        [(e.plover, e.reason) for e in _code(pipeline, text, outlet=None)]


@pytest.mark.parametrize("text", ["The fishermen released by Peru on Monday returned to Chile.",
                                  "Peru released the Chilean fishermen on Monday."])
def test_prisoners_released_by_a_country_are_still_a_release(pipeline, text):
    events = _code(pipeline, text, outlet=None)
    assert any(e.plover == "RETREAT" and e.source and e.source.country == "PER" for e in events), events


def test_a_sentence_that_names_its_speaker_is_that_speakers_word(pipeline):
    """The sentence before speaks of Palestinians and the U.S.; this one names its speaker, North Korea's news
    agency: the accusation is North Korea's, not Palestine's taken from the sentence before."""
    text = ("Rallies in the West Bank\n\nLast week, a picture of the North Korean leader was carried at an anti-U.S. "
            "rally in the West Bank, showing the warm feeling of Palestine people against the U.S. and its allies who "
            "stand with Israel. The Mideast war was a \"calamity brought wholly by the United States,\" North Korea's "
            "official Korean Central News Agency said Monday.")
    blamed = [e for e in _code(pipeline, text) if e.plover == "ACCUSE" and "calamity" in e.sentence
              and e.target and e.target.country == "USA"]
    assert blamed and {e.source.country for e in blamed} == {"PRK"}, [(e.source.text, e.source.country)
                                                                       for e in blamed]


def test_a_place_is_no_target_of_a_demand_on_another(pipeline):
    """The demand is on the U.S.; Japan is only where its forces are to leave (was also Sweden → Japan REQUEST)."""
    text = ("Swedish Group Calls for Withdrawal\n\nA Swedish group issued a statement on May 2. The statement strongly "
            "demanded the U.S. pull its forces out of Japan.")
    demands = [e for e in _code(pipeline, text) if e.plover == "REQUEST" and "pull its forces" in e.sentence]
    assert {e.target.country for e in demands if e.target} == {"USA"}, [(e.source.country, e.target)
                                                                          for e in demands]


def test_an_intended_act_keeps_its_own_type(pipeline):
    """The real-news guide codes a plan with its own type, intended ("will expand relations" is an intended
    COOPERATE); PLOVER's AGREE for any intention to cooperate was the rules' convention, and stays theirs."""
    text = ("Relations\n\nThe Togolese party will make every effort to expand the friendly and cooperative relations "
            "with the Workers' Party of Korea, he said.")
    events = [e for e in _code(pipeline, text) if e.target and e.target.country == "PRK" and e.source.country == "TGO"]
    assert events and {(e.plover, e.modality) for e in events} == {("COOPERATE", "intended")}, [
        (e.plover, e.modality, e.reason) for e in events]


@pytest.mark.parametrize("text", [
    "Drills Planned\n\nMeanwhile, the Peruvian authorities are contemplating staging large-scale joint military "
    "exercises against Chile in August.",
    "Drills Planned\n\nThe Peruvian army is mulling staging joint naval exercises against Chile next year.",
])
def test_drills_under_consideration_are_not_staged(pipeline, text):
    """"contemplating staging", "mulling staging": the drills are a plan (intended), not an act."""
    _all_in([e for e in _code(pipeline, text) if e.plover == "MOBILIZE" and e.target and e.target.country == "CHL"],
            "intended")


def test_a_headlines_visit_to_come_is_a_plan(pipeline):
    """The act hangs under the headline's subject noun ("Delegation to Pay … Visit"): the visit is to come."""
    _all_in([e for e in _code(pipeline, "Cuban Delegation to Pay Official Goodwill Visit to Vietnam")
             if e.plover == "CONSULT" and e.target and e.target.country == "VNM"], "intended")


@pytest.mark.parametrize("text", [
    "Puppet Army Drills\n\nPYONGYANG, Feb. 10 (KCNA) -- The 3rd division of the south Korean puppet army "
    "announced that it would stage field exercises in Kangwon Province from Feb. 20, according to a south Korean "
    "radio.",
    "Drills Slammed\n\nPYONGYANG, Feb. 10 (KCNA) -- The puppet warmongers' projected war exercises against the DPRK "
    "lay bare their true colors.",
])
def test_drills_to_come_are_intended(pipeline, text):
    """Announced or "projected" exercises are a plan, where the pair's anchor is the verb of saying or none."""
    _all_in([e for e in _code(pipeline, text) if e.plover == "MOBILIZE" and e.source.country == "KOR"], "intended")


@pytest.mark.parametrize("text, pair", [
    ("Port Praised\n\nThe Mongolian foreign minister praised the new port during his recent visit to Peru.",
     ("MNG", "PER")),
    ("Friendship Hailed\n\nThe Cuban ambassador congratulated the Lao president on his successful visit to Vietnam.",
     ("LAO", "VNM")),
    ("Ministers Talk\n\nThe defence chiefs of Japan and Australia held an annual strategic dialogue in Tokyo on "
     "Friday.", ("JPN", "AUS")),
    ("Settlements Criticized\n\nThe Norwegian premier in a telephone conversation with the Turkish president "
     "criticized Turkey's new border wall.", ("NOR", "TUR")),
    ("Settlements Criticized\n\nThe Norwegian premier during a phone dialogue with the Turkish president on "
     "Sunday criticized Turkey's new border wall.", ("NOR", "TUR")),
])
def test_a_visit_or_meeting_a_noun_names_is_consult(pipeline, text, pair):
    """A visit that took place is CONSULT between visitor and host, beside what was said or done during it; a
    possessive pronoun is the actor named before it ("congratulated the Lao president on his visit")."""
    found = {(s, t) for s, t, kind in _dyads(_code(pipeline, text)) if kind == "CONSULT"}
    assert pair in found or pair[::-1] in found, found


@pytest.mark.parametrize("text", [
    "Envoy Received\n\nThe Cuban envoy conveyed the greetings of his president to the Bolivian leader and presented "
    "gifts to the Bolivian leader.",
    "Gift\n\nA Peruvian family made a present to the Bolivian president on his birthday.",
])
def test_a_gift_given_is_aid_beside_the_greeting(pipeline, text):
    """The guide: gifts and donations are AID, greetings SUPPORT; a gift presented, handed or made as a present is AID
    from the giver to the recipient, beside whatever else the sentence says they did."""
    found = {(s, t) for s, t, kind in _dyads(_code(pipeline, text)) if kind == "AID"}
    assert ("CUB", "BOL") in found or ("PER", "BOL") in found, _dyads(_code(pipeline, text))


@pytest.mark.parametrize("text", [
    "Call for Talks\n\nThe Chilean party proposed dialogue between Peru and Bolivia.",
    "Envoys Mourn\n\nBolivian envoys paid a condolatory visit to the Peruvian embassy on Friday.",
])
def test_a_proposed_meeting_or_a_condolatory_visit_is_no_consult(pipeline, text):
    """Dialogue proposed has not taken place; a visit of condolence to a mission is a condolence."""
    assert not any(kind == "CONSULT" for *_, kind in _dyads(_code(pipeline, text)))


@pytest.mark.parametrize("text, pair", [
    ("Film Show Held\n\nA film show was held in Pyongyang on Friday to mark the 40th anniversary of the "
     "establishment of diplomatic relations between the DPRK and Malta.", ("PRK", "MLT")),
    ("Anniversary of Laos-Vietnam Treaty Marked in Hanoi\n\nOfficials and citizens attended the function.",
     ("VNM", "LAO")),
])
def test_marking_the_anniversary_of_ties_is_support_of_the_other(pipeline, text, pair):
    """The country that marks the anniversary of its ties with another (where it is held, else the outlet's)
    praises the other."""
    assert (*pair, "SUPPORT") in _dyads(_code(pipeline, text))


def test_two_countries_that_mark_their_own_ties_each_praise_the_other(pipeline):
    found = _dyads(_code(pipeline, "Ties Hailed\n\nCuba and Peru commemorated 75 years of diplomatic relations on "
                                   "Monday."))
    assert ("CUB", "PER", "SUPPORT") in found and ("PER", "CUB", "SUPPORT") in found, found


@pytest.mark.parametrize("headline, marked", [
    ("Laos Marks 60 Years of Ties with Vietnam", {("LAO", "VNM")}),
    ("Laos and Vietnam Celebrate 60th Anniversary of Diplomatic Relations", {("LAO", "VNM"), ("VNM", "LAO")}),
    ("Mexican Party Marks 60 Years of Laos-Vietnam Ties", set()),  # a third party's: left to the model
])
def test_a_title_case_headline_that_marks_ties_is_read_by_its_words(pipeline, headline, marked):
    """The parser reads a title-case headline as a string of names ("Commemorate" a proper noun), so who marks
    the ties is read from the words before the marking verb."""
    events = _code(pipeline, f"{headline}\n\nA reception was given in Vientiane on Monday.", outlet=None)
    found = {(e.source.country, e.target.country) for e in events
             if e.plover == "SUPPORT" and e.modality == "asserted" and "anniversary" in e.reason}
    assert found == marked, [(e.source.country, e.target.country if e.target else None, e.plover, e.reason)
                             for e in events]


def test_a_side_the_sentence_also_names_as_its_source_is_the_party_not_the_source(pipeline):
    """"According to Cambodia's state media, … Cambodia's envoy to Vietnam was there": Cambodia's side of the
    meeting is its envoy, not the media the sentence cites (which tell of the act and take no part in it)."""
    events = _code(pipeline, "Talks in Hanoi\n\nVietnam's foreign minister held talks with a senior Cambodian "
                             "official in Hanoi early this month. According to Cambodia's state media, the "
                             "meetings took place in a friendly atmosphere, and Cambodia's envoy to Vietnam, Hun "
                             "Sok, was there.", outlet=None)
    second = [e for e in events if e.sentence.startswith("According") and e.plover == "CONSULT"]
    assert second and all("envoy" in e.source.text or "envoy" in e.target.text for e in second), [
        (e.source.text, e.target.text if e.target else None, e.plover, e.sentence[:30]) for e in events]


def test_a_visit_named_as_a_topic_is_no_meeting_where_the_pair_head_reads_none(pipeline):
    """"Visits and exchanges between Peru and Chile have become brisk": the noun names a kind of tie, and in a story
    sentence the pair head read (both countries candidates) the rules' reading of such a noun (visit, meeting,
    cooperation) as an event does not stand on its own: of 19 on the silver stories, 2 were right."""
    events = _code(pipeline, "Reception Given\n\nThe ambassador noted that visits and exchanges between Peru and "
                             "Chile have become brisk in politics, trade and culture.", outlet=None)
    assert not [e for e in events if e.plover == "CONSULT"], [(e.plover, e.reason) for e in events]


@pytest.mark.parametrize("text", [
    "Reception Given\n\nLaos and Vietnam marked the day in Vientiane. The Lao minister said the friendly relations "
    "between the two countries provided by the late leaders of Laos and Vietnam grow stronger.",
    "Laos praised the friendship provided by the late leaders of Laos and Vietnam.",
])
def test_a_tie_provided_by_leaders_is_no_aid(pipeline, text):
    """State media say a friendship was "provided" (founded) by two leaders: no one gave anything to anyone."""
    assert not [e for e in _code(pipeline, text, outlet=None) if e.plover == "AID"]


def test_what_a_country_provided_is_still_its_aid(pipeline):
    events = _code(pipeline, "Aid Provided\n\nRice provided by Laos reached Vietnam on Monday.", outlet=None)
    assert ("LAO", "VNM", "AID") in _dyads(events)


def test_a_country_in_the_charge_of_a_statement_is_neither_accused_nor_accuser(pipeline):
    """"X issued a statement denouncing Chile for its hostile acts against Bolivia": the statement's verb is the
    act, so Bolivia (in its charge) is not accused, though the pair's anchor is "issued"."""
    events = _code(pipeline, "Chilean Government Slammed\n\nKim Ho, chairman of the Association of Koreans in Peru, "
                             "issued a statement on Monday denouncing the Chilean government for its hostile acts "
                             "against Bolivia.")
    accused = {(e.source.country, e.target.country) for e in events if e.plover == "ACCUSE" and e.target}
    assert accused == {("PER", "CHL")}, accused


def test_the_issuer_of_a_statement_accuses_not_a_country_in_its_charge(pipeline):
    from blocwatch.events.rules import MentionIndex
    from blocwatch.learned.coder import _another_accuses

    doc = pipeline.nlp("Lee Group Slammed\n\nPak Chol, chairman of the Association of Koreans in Peru, issued a "
                       "statement on Tuesday denouncing the Lee Myung Bak group for its reckless provocations "
                       "against the DPRK.")
    idx = MentionIndex(pipeline.coder.rules.resolver.mentions(doc, on=ON))
    sent = list(doc.sents)[-1]
    side = {m.span.country: m for m in idx.within(sent)}
    verb = next(t for t in sent if t.lower_ == "denouncing")
    assert _another_accuses(sent, verb, side["PRK"], side["KOR"], idx)  # the association's word, not the DPRK's
    assert not _another_accuses(sent, verb, side["PER"], side["KOR"], idx)


def test_two_subjects_of_an_agreement_agree_with_each_other_where_the_pair_head_is_unsure(pipeline):
    """"On Wednesday Peru and Ecuador agreed to cooperate with each other": the pair head doubts it (p(NONE) 0.58),
    but the two are the subjects of a verb of a reciprocal act (the parser reads them after the date as the object
    of "On", with no other subject)."""
    events = _code(pipeline, "Cooperation among Countries\n\nLaos and India agreed Thursday to strengthen bilateral "
                             "cooperation in mining.\n\nOn Wednesday Peru and Ecuador agreed to cooperate with each "
                             "other in the work to ensure the security in the border region of the two countries.")
    assert {("PER", "ECU", "AGREE"), ("ECU", "PER", "AGREE")} & _dyads(events), _dyads(events)


def test_a_pact_made_during_a_visit_is_an_agreement_beside_the_visit(pipeline):
    """The seed story's 2024 treaty in our words: the pair head reads the visit (CONSULT) on the dyad, and the
    two countries that revived an alliance in a treaty agree as well, though the parser leaves the verb without a
    subject ("Pyongyang, Russia and North Korea" read as one list)."""
    events = _code(pipeline, "Treaty Revived\n\nRevealed during Vladimir Putin's visit to Pyongyang, Russia and "
                             "North Korea have revived their defense alliance in a new treaty.", outlet=None)
    found = _dyads(events)
    assert {("RUS", "PRK", "AGREE"), ("PRK", "RUS", "AGREE")} & found, found
    assert {("RUS", "PRK", "CONSULT"), ("PRK", "RUS", "CONSULT")} & found, found


def test_a_pact_only_planned_is_an_intended_agreement(pipeline):
    events = _code(pipeline, "Plans\n\nPeru and Chile plan to sign a new treaty next year.", outlet=None)
    assert not {("PER", "CHL", "AGREE"), ("CHL", "PER", "AGREE")} & _dyads(events)


def test_a_year_that_marks_an_anniversary_is_no_one_marking_it(pipeline):
    events = _code(pipeline, "Friendship Year\n\nThis year marks the 40th anniversary of DPRK-Malta diplomatic "
                             "relations.")
    assert not any(s == "PRK" and t == "MLT" for s, t, _ in _dyads(events))


@pytest.mark.parametrize("text,censurer,act", [
    ("Cuban Group Slams U.S.\n\nA Cuban youth group on Monday condemned the United States for imposing new "
     "sanctions on Venezuela.", "CUB", ("USA", "VEN", "SANCTION")),
    ("Laotian Minister Speaks\n\nThe Laotian minister slammed Thailand for shelling villages in Cambodia.",
     "LAO", ("THA", "KHM", "ASSAULT")),
    ("Statement Issued\n\nThe Palestinian official accused the Israeli authorities of detaining Jordanian "
     "fishermen.", "PSE", ("ISR", "JOR", "COERCE")),
    ("Statement\n\nThe Cuban ministry lambasted the U.S. and its allies for ramping up sanctions on Venezuela.",
     "CUB", ("USA", "VEN", "SANCTION")),
])
def test_the_act_an_actor_is_censured_for_is_its_event(pipeline, text, censurer, act):
    """The guide codes the act reported as well as the censure ("KCNA said the U.S. staged drills" is the U.S.'s
    MOBILIZE): "condemned X for doing Z to Y" is X's act on Y beside the censure of X, asserted as the censure is."""
    found = _dyads(_code(pipeline, text))
    assert act in found and (censurer, act[0], "ACCUSE") in found, found


@pytest.mark.parametrize("text,speaker", [
    ("Talks Held\n\nThe Chilean party condemned the talks for failing the people of Peru.", "CHL"),
    ("Film Reviewed\n\nThe Bolivian paper criticized the Brazilian film for its portrayal of Paraguay.", "BOL"),
    ("Album\n\nThe Peruvian paper praised the Brazilian singer for her new album.", "PER"),
])
def test_a_charge_with_no_doer_or_no_act_on_another_country_gives_no_more(pipeline, text, speaker):
    """A censure of something no country's actor did, or of a doer whose charge names no act on another country,
    adds no event beyond the censure or praise itself."""
    found = _dyads(_code(pipeline, text))
    assert all(s == speaker for s, _, _ in found), found


def test_force_a_noun_names_is_an_assault_beside_the_support_of_it(pipeline):
    """A statement "supporting Peru's armed invasion of Chile" is the speaker's support of Peru and, by the noun,
    Peru's assault on Chile (the seed story's shape: a statement backing Russia's invasion of Ukraine)."""
    found = _dyads(_code(pipeline, "Statement\n\nThe Laotian ministry released a statement supporting Peru's armed "
                                   "invasion of Chile."))
    assert ("LAO", "PER", "SUPPORT") in found and ("PER", "CHL", "ASSAULT") in found, found


@pytest.mark.parametrize("text", [
    "Ties\n\nLaos is bolstering ties with Peru following its invasion of Chile.",
    "Arms\n\nLaos may have sent shells to Peru, which could be used in its invasion against Chile.",
])
def test_the_owner_of_its_invasion_is_the_state_named_before(pipeline, text):
    """"its" before a noun of force, where coreference links nothing, is the last state the sentence named before
    it; the invasion a clause of possibility tells of ("could be used in its invasion") was made."""
    events = _code(pipeline, text)
    assert any((e.source.country, e.target.country, e.plover, e.modality) == ("PER", "CHL", "ASSAULT", "asserted")
               for e in events if e.target), [(e.source.country, e.plover, e.modality) for e in events]


def test_force_a_noun_names_in_a_conditional_is_no_assault_made(pipeline):
    events = _code(pipeline, "Warning\n\nA Peruvian attack on Chile would wreck the peace of the region.")
    assert not any(e.plover == "ASSAULT" and e.modality == "asserted" for e in events), [
        (e.source.country, e.plover, e.modality) for e in events]
