"""The learned coder: the model finds source, target and event type; the rule machinery does the rest.

Per sentence with at least one actor candidate, the model predicts a source span, a target span and
a PLOVER root (or NONE). Spans are mapped to the resolver's actor mentions (so codes, roles and
coreference come from ``actors``), and modality, dates, location, evidence and ``reason`` come from
the rule coder's event builder. A rule event with another dyad in the same sentence is kept too.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import islice
from types import MappingProxyType
from typing import Any, NamedTuple

from blocwatch.actors import ActorMention
from blocwatch.actors.codes import split_code
from blocwatch.events.coder import STOPPED_AID, EventCoder, distinct, regional
from blocwatch.events.context import exchanges_messages, holds_no_event, introduces_quote, sends_messages
from blocwatch.events.dates import when_clause
from blocwatch.events.headlines import headline_active_censure, headline_censure
from blocwatch.events.lexicon import RECIPROCAL, SPEECH_ACTS, Entry
from blocwatch.events.modality import INTENT_HEADS, development_intended, drills_intended, modality, stops
from blocwatch.events.rules import (MentionIndex, Predicate, actor_object, anniversary_predicates, charge_predicates,
                                    clause_verb, find_sources, gift_predicates, lookup_verb, meeting_predicates,
                                    nominal_predicates, pact_predicates, verb_above)
from blocwatch.language import spanish_story
from blocwatch.learned.gate import MIN_CANDIDATE, Gate, StoryContext, best_root, features
from blocwatch.learned.gloss import Glossary
from blocwatch.learned.model import EventModel, Prediction, SpanGuess, answer
from blocwatch.learned.pairs import PairInput, implied, story_inputs
from blocwatch.limits import MAX_SENTENCES, Deadline
from blocwatch.nlp import first_conjunct
from blocwatch.records import ActorSpan, Event
from blocwatch.speech import SAY_LEMMAS

# The CAMEO code an event gets when the lexicon's entry for its verb disagrees with the model's root.
ROOT_CAMEO = {"AGREE": "030", "CONSULT": "040", "SUPPORT": "050", "CONCEDE": "080", "COOPERATE": "060",
              "AID": "070", "RETREAT": "087", "REQUEST": "100", "ACCUSE": "111", "REJECT": "120",
              "THREATEN": "130", "PROTEST": "140", "MOBILIZE": "150", "SANCTION": "160", "COERCE": "170",
              "ASSAULT": "190"}
YIELD = ("CONCEDE", "RETREAT")  # PLV's YIELD: the lexicon decides which, else CONCEDE
# Verbs that name a material act on their direct object, whose lexicon root stands over the model's
# (LearnedCoder._material_act); not "attack" or "strike", which KCNA also uses of words.
MATERIAL_VERBS = frozenset({"arm", "aid", "invade", "bomb", "shell", "blockade", "arrest", "detain", "kidnap", "abduct",
                            "expel", "raid"})
# Acts whose lexicon sense stands wherever the rules find them, with both countries, over whatever the model reads
# of that dyad in the sentence or where it reads nothing ("… pushes for a front, courts China" in a headline the
# model reads as no event; "made overtures to China", which it reads as ACCUSE): verb lemma → the object lemma
# it needs (None: any).
PLAIN_ACTS = MappingProxyType({"court": None, "woo": None, "make": "overture"})
# Verbs through which an act keeps its subject: "began to arm X" is the subject's arming ("urged Y to arm X",
# "refused to arm X" are not), and the mood is the phase verb's ("did not begin to arm X").
PHASE_VERBS = frozenset({"begin", "start", "continue", "resume", "keep", "go"})
NONE_THRESHOLD = 0.5  # p(NONE) at or above this: the model sees no event
CO_SUBJECTS_NONE = 0.7  # see LearnedCoder._grammar_pairs: two subjects of a reciprocal verb, p(NONE) under this
NONE_CERTAIN = 0.85  # p(NONE) at or above this: rule events in the sentence are dropped too
MAX_PER_SENTENCE = 2
TRUST_TYPE = 0.5  # below this p(root), a rule event on the same dyad gives the type (lexicon evidence)
MIN_LABEL = 0.28  # below this p(root), with no rule event on the same dyad, the model's event is not kept
# Types a speaker does not perform by speaking about others: "the agency said the soldiers had been placed
# in Russian units" reports someone else's act, so the speaker is no source of AID. Accusing, requesting,
# rejecting, threatening and protesting are done by saying; "X said Y agreed" is often X's own agreement.
NOT_BY_SPEAKING = frozenset({"CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "YIELD", "MOBILIZE",
                             "SANCTION", "COERCE", "ASSAULT"})


PAIR_THRESHOLD = 0.5  # the pair head's best root must have at least this probability
MAX_PAIR_EVENTS = 8  # events a sentence gives at most through the pair head
LEXICON_TIE_MAX, LEXICON_TIE_MIN = 0.9, 0.1  # see LearnedCoder._lexicon_tie
# The model's root stands over the lexicon's where the real-news guide reads the verb the model's way: KCNA's
# "opposes"/"rejects"/"denies" a policy or a claim is an accusation in the gold (the tie to REJECT turned 9 right
# silver events wrong and 1 right), and imposing sanctions is SANCTION in the guide where the lexicon's CAMEO 163/172
# is PLOVER's COERCE (3 right silver events turned wrong, none right).
MODEL_OVER_LEXICON = frozenset({("ACCUSE", "REJECT"), ("SANCTION", "COERCE")})
NOMINAL_FORCE = frozenset({"ASSAULT"})  # roots of the event nouns read beside the pair head (_nominal_force)
# Imposing sanctions (CAMEO 163), an embargo or a blockade (lexicon keys): PLOVER's COERCE, the real-news guide's
# SANCTION (see _sanctioning)
SANCTIONING = frozenset({"163", "n:blockade", "n:embargo"})
PAIR_SURE = 0.8  # a pair's root needs this much where the sentence head is sure of no event
SPAN_PAIR_MIN = 0.25  # a span-head event between two candidate countries needs this much from the pair head
# A pair of two implied countries (the sentence names neither: "They laid wreaths") needs this much. Set at
# 0.9 in session 12 (then 27% of such events under it were right on 800 unseen silver stories); with session
# 19's coder and code, on dev2 and 450 unseen silver stories, 61% of those at 0.8-0.9 were right, 55% at
# 0.6-0.8 and 35% at 0.5-0.6: the floor is 0.6 (F1 rises on both sets at 0.8, 0.7 and 0.6).
PAIR_IMPLIED_SURE = 0.6
# A line of at most this many words with no verb inside a story is a subheading (``_subheading``): no event.
SUBHEADING_WORDS = 8
SENTENCE_ENDS = frozenset({".", "!", "?", ":", ";"})
# A headline's event whose source the headline does not name ("Condolatory Message from Nepali Personage":
# the source, NPL, is named; "Message of Greeting to Mexican President": the source, the outlet's country, is
# not) needs this much: the annotators leave most such headlines empty (on dev2 and the 450 unseen silver
# stories, 12 such events under 0.9, none right).
HEADLINE_IMPLIED_SURE = 0.9
GATE_VETO = 0.3  # a pair over the floors stays unless the story gate scores it under this (see _gated_pairs)
ON_FLOORS = " under its threshold, kept on the floors"  # in a gated pair's note where the floors alone keep it
# A Spanish sentence's pair is kept where the story gate scores it this much under its threshold: the model
# reads a word-by-word gloss it never saw in training, and its probabilities there run low (on the 400 tuning
# stories, Spanish recall 0.53 → 0.63 at precision 0.77 → 0.75; English unchanged).
GLOSSED_GATE_EASE = 0.3
ACCUSING = frozenset({"ACCUSE", "REJECT", "THREATEN", "PROTEST"})  # see _accused_elsewhere
# The links by which a country hangs on the accused phrase after its head word: told of, not accused (_told_of)
TOLD_OF_DEPS = frozenset({"acl", "relcl", "prep", "xcomp", "ccomp", "advcl"})
# Nouns of censure whose "of" phrase is the accused ("stepped up its criticism of the U.S. initiative")
CENSURE_NOUNS = frozenset({"criticism", "condemnation", "denunciation", "censure", "rebuke", "protest"})
# Acts a speaker performs by speaking about another (``events.lexicon.SPEECH_ACTS``) take the speaking's modality
# (see _speech_mood). Praise is one ("the Korean people will surely win, the message said" is asserted SUPPORT); the
# speaker's own act keeps its modality ("we will support the DPRK" is intended).
# The verbs of commitment whose "to" clause an AGREE event is (the pledge is the act: asserted).
PLEDGES = frozenset({"pledge", "vow", "promise", "agree", "commit", "resolve"})
# Acts of putting on, sending or spreading something in honour of another: in the future ("will hold events",
# "decided to organize a seminar", "to Be Commemorated in Nepal") they are plans, not a pledge of support.
PLANNED_TRIBUTES = frozenset({"hold", "conduct", "organize", "organise", "arrange", "stage", "host", "sponsor",
                              "commemorate", "celebrate", "mark", "observe", "visit", "send", "dispatch",
                              "introduce", "publicize", "publicise", "disseminate", "give", "launch", "open"})
# Words of obligation under which a speaker's words bid another act (``_bidden``), and the speaker's own pronouns.
BIDDING = frozenset({"should", "must", "ought"})
FIRST_PERSON = frozenset({"we", "i", "us"})
GIVEN_EVENTS = frozenset({"publicity", "reception", "banquet", "performance", "concert", "lecture", "show"})
ESTEEM_NOUNS = frozenset({"esteem", "respect", "reverence", "regard", "honour", "honor"})
# Verbs whose denial praises or mourns ("we will never forget his support", "cannot repress our sorrow").
UNFORGETTING = frozenset({"forget", "repress", "suppress", "hide", "conceal", "contain", "hold"})
# Verbs whose denial accuses or threatens ("can never conceal", "will never pardon", "cannot understand").
RHETORICAL_DENIALS = frozenset({"conceal", "hide", "cover", "disguise", "justify", "excuse", "overlook", "pardon",
                                "forgive", "tolerate", "condone", "understand", "repress", "suppress", "escape",
                                "evade", "shirk", "whitewash", "deny"})
# "They laid wreaths" after a sentence whose events have several sources ("Envoys of Uganda, Nigeria and
# Egypt expressed condolences"): the act is each of theirs (see _they_carry). The list's sentence must end
# at most this many tokens before the "They" sentence starts.
THEY_REACH = 120
THEY_WORDS = frozenset({"they", "these", "those"})
THEY_LEAD = 2  # the subject opens the sentence ("They", "Meanwhile, they"): tokens before it at most
THEY_NOUNS = frozenset({"guests", "visitors", "participants", "mourners", "envoys", "delegations", "ambassadors",
                        "diplomats"})
THEY_NOT_BARE = frozenset({"amod", "compound", "prep", "nmod", "relcl", "acl", "appos", "nummod", "poss"})
# "The Uruguayan paper carried an article … . The DPRK's position has been enhanced, the paper said": a
# sentence whose source the model takes from the story (implied) is the last named speaker's, where one
# country spoke in the last sentence that named a source (see _speakers, _carries). The outlet's own voice is kept.
SPEAKER_CARRY = True
MESSAGE_NOT = frozenset({"AID", "CONCEDE"})
GIVING = frozenset({"AID", "SUPPORT"})  # see _given_by_target
# Roots the model gives a pair that exchanged messages, made SUPPORT each way (``_exchanged_between``); not AGREE, a
# concrete act ("signed a trade agreement and exchanged messages").
EXCHANGED_AS = frozenset({"CONSULT", "COOPERATE", "SUPPORT"})
RECEIVE_LEMMAS = frozenset({"receive", "get", "accept", "obtain"})


@dataclass
class Pending:
    """A document between actor resolution and the model's answers (see ``LearnedCoder.prepare``)."""

    idx: MentionIndex
    sentences: list[Any]  # spaCy Spans the model reads
    published: date | None
    inputs: list[PairInput | None] = field(default_factory=list)  # per sentence: its country pairs, if any


# A pair the coder keeps (``LearnedCoder._likely_pairs``): p, source index, target index, root, the pair's
# probabilities, the note on how it was kept, and whether the floors alone kept it, short of the story gate
_PairEntry = tuple[float, int, int, str, Any, str, bool]


class _GrammarAct(NamedTuple):
    """A pair the grammar names the act of (``LearnedCoder._grammar_pairs``): its entry as ``_likely_pairs``
    gives one, the verb, the top of its chain of phase verbs and the object's mention."""

    pair: _PairEntry
    verb: Any
    top: Any
    obj: ActorMention


class LearnedCoder:
    """Codes a parsed Doc with the model; loads the weights on first use.

    ``code`` runs the three steps in turn: ``prepare`` and ``finish`` touch the Doc, ``predict`` reads only
    the sentence texts (and the pair inputs). The pipeline runs ``code`` whole, with the rest of a
    document's analysis, on its second thread while the next documents are parsed (``Pipeline._overlapped``).
    """

    def __init__(self, rules: EventCoder, model: EventModel | None = None, model_dir: str | None = None,
                 glossary: Glossary | None = None):
        self.rules = rules
        self._model = model
        self._model_dir = model_dir
        self._glossary = glossary

    @property
    def model(self) -> EventModel:
        if self._model is None:
            self._model = EventModel.load(self._model_dir)
        return self._model

    @property
    def glossary(self) -> Glossary:
        """The Spanish-English glossary the model reads Spanish stories through (``learned.gloss``)."""
        if self._glossary is None:
            self._glossary = Glossary.from_package()
        return self._glossary

    def code(self, doc: Any, *, doc_id: str, published: date | None = None, deadline: Deadline | None = None,
             max_sentences: int = MAX_SENTENCES, outlet: str | None = None) -> list[Event]:
        """Events of the first ``max_sentences`` sentences, one model call per sentence; ``deadline`` is
        checked between sentences."""
        pending = self.prepare(doc, published=published, max_sentences=max_sentences, outlet=outlet)
        return self.finish(pending, self.predict(pending, deadline), doc_id=doc_id, deadline=deadline)

    def prepare(self, doc: Any, *, published: date | None = None, max_sentences: int = MAX_SENTENCES,
                outlet: str | None = None) -> Pending:
        """Resolve the Doc's actors and pick the sentences the model reads: those with two or more
        candidate countries go to the pair head (``pairs``), the others with an actor mention to the
        span head. A sentence that reports sport play or lists who attended is not read (``events.context``), nor a
        subheading (``_subheading``)."""
        idx, sents, inputs = self.pair_inputs(doc, published, outlet, max_sentences)
        pairs = getattr(self.model, "pair_head", None) is not None  # a model trained before the pair head: spans only
        keep = [k for k, s in enumerate(sents) if not holds_no_event(s.text) and not _subheading(s, idx) and (
                (pairs and len(inputs[k].countries) >= 2)
                or any(i in idx.by_token for i in range(s.start, s.end)))]
        return Pending(idx, [sents[k] for k in keep], published,
                       [inputs[k] if pairs and len(inputs[k].countries) >= 2 else None for k in keep])

    def pair_inputs(self, doc: Any, published: date | None, outlet: str | None,
                    max_sentences: int = MAX_SENTENCES) -> tuple[MentionIndex, list[Any], list[PairInput]]:
        """The Doc's actor mentions, its first ``max_sentences`` sentences and the pair head's input for
        each (training data is built with this too, so it is what the model reads at run time)."""
        idx = MentionIndex(self.rules.resolver.mentions(doc, on=published))
        sents = list(islice(doc.sents, max_sentences))
        found = self.rules.resolver.kb.outlet(outlet, published) if outlet else None
        glossary = self.glossary if spanish_story(doc) else None
        return idx, sents, story_inputs(sents, idx, found.country if found else None, glossary)

    def predict(self, pending: Pending, deadline: Deadline | None = None) -> list[Any]:
        """The model's answer for each of ``pending``'s sentences (pair probabilities, or a span
        prediction, or None where it is not asked); reads only their texts."""
        return answer(self.model, self.questions(pending), deadline)

    def questions(self, pending: Pending) -> list[PairInput | str | None]:
        """What the model is asked of each of ``pending``'s sentences: its pair input (two or more candidate
        countries), its text (the span head), or nothing: a sentence of a story that names no country has no
        event that would be kept (``_placed``; 18% of the model's calls on KCNA)."""
        inputs = pending.inputs or [None] * len(pending.sentences)
        return [inp if inp is not None else sent.text if _alone(sent) or _names_a_country(sent, pending.idx)
                else None for sent, inp in zip(pending.sentences, inputs)]

    def finish(self, pending: Pending, preds: list[Any], *, doc_id: str,
               deadline: Deadline | None = None) -> list[Event]:
        """The events: the model's predictions combined with the rules' events, sentence by sentence."""
        events: list[Event] = []
        inputs = pending.inputs or [None] * len(pending.sentences)
        group: ListGroup | None = None  # the last sentence whose events have several sources acting on one target
        speaker: ActorMention | None = None  # the one country that spoke in the last sentence naming a source
        heard: set[str] = set()  # in an outlet-voice story, the countries that acted or were a subject so far
        outlet_voice = False  # the story's headline has the outlet's country act ("KCNA Commentary Rejects U.S. …")
        voice: Voice | None = None  # the one foreign speaker of the headline or lead ("Chongryon Denounces …")
        headline = bool(pending.sentences) and _story_headline(pending.sentences[0])
        gated = getattr(self.model, "gate", None) is not None
        story = story_context(pending, preds, self.model.pair_labels.index("NONE")) if gated else None
        for k, (sent, inp, pred) in enumerate(zip(pending.sentences, inputs, preds)):
            if deadline:
                deadline.check("coding events")
            if inp is not None:
                probs, span_pred = pred
                ours = self._pair_events(sent, inp, probs, pending.idx, doc_id, pending.published,
                                         span_pred.p_none, speaker if SPEAKER_CARRY else None,
                                         None if story is None or _alone(sent) else (story, k),  # stories only
                                         heard if outlet_voice else None, voice)
                found = ours + self._span_events(sent, inp, probs, span_pred, ours, pending.idx, doc_id,
                                                 pending.published)
                found = found if _alone(sent) else _no_echoes(found)
                found = self._with_plain_acts(sent, found, pending.idx, doc_id, pending.published)
                found += self._meeting_events(sent, found, pending.idx, doc_id, pending.published)
                found += self._pact_and_gift_events(sent, found, pending.idx, doc_id, pending.published)
                found = self._with_charges(sent, found, pending.idx, doc_id, pending.published)
                found += self._nominal_force(sent, found, pending.idx, doc_id, pending.published)
                found += self._anniversary_events(sent, found, pending.idx, doc_id, pending.published, inp.outlet)
            elif pred is None:  # a sentence of a story that names no country
                found = []
            else:
                rule_events = self.rules.code_sentence(sent, pending.idx, doc_id, pending.published)
                found = [e for e in self._combine(sent, pred, pending.idx, rule_events, doc_id, pending.published,
                                                  rules_stand=not _alone(sent)) if _placed(e, sent)]
            if k == 0 and headline:
                found += self._censure_events(sent, found, pending.idx, doc_id, pending.published)
            if group is not None and sent.start - group.end <= THEY_REACH and _they_subject(sent):
                found += _they_carry(found, group)
            group = _list_group(found, sent) or (None if _names_a_doer(found, sent) else group)
            outlet = inp.outlet if inp is not None else None
            if k == 0 and headline:
                outlet_voice = _outlet_speaks(sent, found, pending.idx, outlet)
            if k <= int(headline) and voice is None and not outlet_voice:  # the headline's speaker, else the lead's
                voice = _story_voice(sent, found, pending.idx, outlet)
            if outlet_voice:  # only such a story reads who acted so far (``_outlet_voice``)
                heard.update(e.source.country for e in found if e.source.country)
                heard.update(_subject_countries(sent, pending.idx))
            named = _speakers(sent, found, pending.idx)
            if named:
                speaker = named[0] if len(named) == 1 else None
            if not introduces_quote(sent):  # "X, president of the party, said:" names the quote's speaker only
                events += found
        return distinct([e for e in events if not regional(e)])

    def _pair_events(self, sent: Any, inp: PairInput, probs: Any, idx: MentionIndex, doc_id: str,
                     published: date | None, p_none: float = 0.0,
                     speaker: ActorMention | None = None,
                     story: tuple[StoryContext, int] | None = None,
                     heard: set[str] | None = None, voice: Voice | None = None) -> list[Event]:
        """One event for each country pair whose best root is not NONE and likely enough
        (``_likely_pairs``), most likely first, each dyad and root once, at most ``MAX_PAIR_EVENTS``. A
        source the sentence does not name is ``speaker``'s, where one is given (see ``SPEAKER_CARRY``), or the
        story's foreign ``voice``'s (``_voiced``); ``story`` is the story's context and the sentence's place in it
        (for the story gate)."""
        out: list[Event] = []
        seen: set[tuple[str, str, str]] = set()
        likely = self._likely_pairs(inp, probs, p_none, _story_headline(sent), story)
        mentions = idx.within(sent)
        acts = self._grammar_pairs(sent, inp, probs, idx, mentions, {(a, b) for _, a, b, *_ in likely})
        own = _own_speaker(sent, idx)
        for prob, a, b, label, p, gated, floors in likely + [act.pair for act in acts.values()]:
            ca, cb = inp.countries[a], inp.countries[b]
            src, tgt = self._side(sent, inp, a, idx), self._side(sent, inp, b, idx)
            verb = top = None
            if (act := acts.get((a, b))) is not None:  # the object of the verb is the target's mention
                verb, top, tgt = act.verb, act.top, act.obj
            if own is not None and _speaks_here(inp, a, b, label, own):
                src, ca = own, own.span.country
            elif speaker is not None and _carries(inp, a, b, speaker):
                src, ca = speaker, speaker.span.country
            elif heard is not None and _outlet_voice(inp, a, b, label, heard):
                src, ca = self._side(sent, inp, inp.countries.index(inp.outlet), idx), inp.outlet
            elif voice is not None and _voiced(inp, a, b, label, voice, sent, idx):
                src, ca = voice.speaker, voice.speaker.span.country
            if floors and _outlet_accuses(inp, src, label):
                continue
            turned = (label in GIVING and _given_by_target(sent, src, tgt)) or (
                label == "CONSULT" and _visited_place(sent, src))
            if turned:
                src, tgt, ca, cb = tgt, src, cb, ca
            read = label  # the model's root
            material = None if verb is not None else self._material_act(sent, src, cb, idx, mentions, label)
            if material is not None:  # "Belarus began to arm Venezuela": AID, whatever root the model reads
                verb, top, tgt, label = material
                seen.add((ca, cb, read))  # the model's reading of the pair the other way round is this act too
            anchor = verb if verb is not None else _pair_anchor(sent, src, tgt)
            content = self._verb_over(sent, tgt, anchor)
            label, tie = self._lexicon_tie(content or anchor, label, p, labels=self.model.pair_labels)
            if material is not None:
                tie = f"; {read}→{label}: {anchor.lemma_.lower()!r} names a material act on its object"
            if _as_message(label, sent.text):
                label, tie = "SUPPORT", f"{tie}; {label}→SUPPORT: the sentence's things are messages, not aid"
            both = label in EXCHANGED_AS and _exchanged_between(sent, anchor, src, tgt)
            if both:
                turn = "" if label == "SUPPORT" else f"{label}→"
                tie, label = f"{tie}; {turn}SUPPORT both ways: the sides exchanged messages", "SUPPORT"
            cut = self._stopped_aid(anchor, content, label)
            if cut is not None:  # "Russia ceased supplying gas to Ukraine": it cut its aid
                tie, label = f"{tie}; {_stops_giving(anchor, label)}", "SANCTION"
            if not self._pair_stands(sent, anchor, label, src, tgt, idx, content):
                continue
            if (ca, cb, label) in seen or (label in RECIPROCAL and (cb, ca, label) in seen):
                continue
            seen.add((ca, cb, label))
            entry, how = (cut, f"cameo:lexicon {cut.key}") if cut is not None else self._entry(anchor, label)
            notes = [f"pair {cb}->{ca} p={prob:.2f}{gated}, turned: the grammar has {ca} {_turn_how(label)} {cb}{tie}"
                     if turned else f"pair {ca}->{cb} p={prob:.2f}{gated}{tie}",
                     _side_note(sent, src), _side_note(sent, tgt), how]
            if inp.glossed:
                notes.append("read through the sentence's English gloss (learned.gloss), where the story gate "
                             f"needs {GLOSSED_GATE_EASE:.2f} less")
            pred = Predicate(anchor, entry, f"model:{self.model.name}-pair", [src], [tgt], notes, countries_given=True)
            mood = _pair_mood(sent, label, src, tgt, anchor, content, idx) or _phase_mood(anchor, top)
            out += self.rules.predicate_events(pred, sent, doc_id, published, mood, intent_as_agree=False)[:1]
            if both and (cb, ca, label) not in seen and len(out) < MAX_PAIR_EVENTS:  # each greeted the other
                seen.add((cb, ca, label))
                back = Predicate(anchor, entry, f"model:{self.model.name}-pair", [tgt], [src],
                                 [f"the other way of pair {ca}->{cb} p={prob:.2f}{gated}{tie}", _side_note(sent, tgt),
                                  _side_note(sent, src), how], countries_given=True)
                out += self.rules.predicate_events(back, sent, doc_id, published, mood, intent_as_agree=False)[:1]
            if len(out) >= MAX_PAIR_EVENTS:
                break
        return _no_place(_no_venue(_one_partner(_one_doer(out, sent), sent, idx), sent), sent, idx)

    def _likely_pairs(self, inp: PairInput, probs: Any, p_none: float, headline: bool = False,
                      story: tuple[StoryContext, int] | None = None) -> list[_PairEntry]:
        """The pairs likely enough (``_PairEntry``), most likely first. With the model's story gate and the ``story`` (``learned.gate``), a pair whose best
        root has at least ``MIN_CANDIDATE`` is kept where the gate says so (``_gated_pairs``: the floors below
        still count, short of the gate's veto). Without, its best root must beat
        NONE and a floor: where the sentence head is sure the sentence holds no event (``p_none`` ≥
        ``NONE_CERTAIN``), ``PAIR_SURE`` ("Share this story with friends in Seoul and Beijing"); for a pair of
        two countries the sentence does not name, ``PAIR_IMPLIED_SURE``; for a pair whose source a
        ``headline`` does not name, ``HEADLINE_IMPLIED_SURE``."""
        labels = self.model.pair_labels
        gate = getattr(self.model, "gate", None)
        if gate is not None and story is not None:
            return self._gated_pairs(gate, inp, probs, p_none, headline, *story)
        none = labels.index("NONE")
        found = []
        for (a, b), p in zip(inp.pairs, probs):
            best = best_root(p, none)
            if _over_floor(inp, a, b, p, best, none, p_none, headline):
                found.append((float(p[best]), a, b, labels[best], p, "", False))
        found.sort(key=lambda f: -f[0])
        return found

    def _grammar_pairs(self, sent: Any, inp: PairInput, probs: Any, idx: MentionIndex, mentions: list[ActorMention],
                       taken: set[tuple[int, int]]) -> dict[tuple[int, int], _GrammarAct]:
        """Pairs not ``taken`` that the model holds to be an event (p(NONE) under ``NONE_THRESHOLD``) though of
        no root it is sure of (each under ``PAIR_THRESHOLD``), where the grammar names the act: the source is the
        subject of a lexicon verb and the target its direct object ("China began to openly arm North Korea with
        launchers", where the model reads an event, p(NONE) 0.36, but spreads it over COOPERATE and MOBILIZE): the
        lexicon's root; or the two are conjoined subjects of a lexicon verb of a reciprocal act ("On Wednesday Mexico
        and Guatemala agreed to cooperate with each other", p(NONE) 0.58: ``_co_subjects_act``), where p(NONE) is
        under ``CO_SUBJECTS_NONE`` and the pair is not taken either way round. Each pair's entry is as
        ``_likely_pairs`` gives it, with the verb, the top of its chain of phase verbs (``_object_verb``) and the
        object's mention. The story gate is not asked: it scores a pair's best root, which is not this one (its
        floors and veto turned down pairs whose root the model was sure of, which stay out)."""
        labels = self.model.pair_labels
        none = labels.index("NONE")
        out: dict[tuple[int, int], _GrammarAct] = {}
        for (a, b), p in zip(inp.pairs, probs):
            if (a, b) in taken or float(p[none]) >= CO_SUBJECTS_NONE or float(p[best_root(p, none)]) >= PAIR_THRESHOLD:
                continue  # no event, or a root the model is sure of that the floors or the gate turned down
            src = self._side(sent, inp, a, idx)
            if not _inside(sent, src):
                continue
            tgt = self._side(sent, inp, b, idx)
            together = self._co_subjects_act(sent, src, tgt)
            if together is not None and (b, a) not in out and (b, a) not in taken:  # each act once, either way
                verb, root, key = together
                pair = (1.0 - float(p[none]), a, b, root, p, f" of an event, grammar: {key!r} has both as its subject",
                        False)
                out[(a, b)] = _GrammarAct(pair, verb, verb, tgt)
                continue
            sure = float(p[none]) < NONE_THRESHOLD  # the model holds it to be an event
            act = self._object_act(sent, src, inp.countries[b], idx, mentions) if sure else None
            if act is not None:
                verb, top, obj, root, key = act
                pair = (1.0 - float(p[none]), a, b, root, p, f" of an event, grammar: {key!r} has the source as "
                        "subject and the target as object", False)
                out[(a, b)] = _GrammarAct(pair, verb, top, obj)
        return out

    def _co_subjects_act(self, sent: Any, a: ActorMention, b: ActorMention) -> tuple[Any, str, str] | None:
        """(verb, root, lexicon key) where the two are conjoined subjects of a lexicon verb of a reciprocal act
        ("On Wednesday Mexico and Guatemala agreed to cooperate with each other", "Peru and Chile signed …"), else
        None."""
        if not (_inside(sent, a) and _inside(sent, b)) or a.members or b.members:
            return None
        first, second = sorted((sent.doc[a.head], sent.doc[b.head]), key=lambda t: t.i)
        if second.dep_ != "conj" or first_conjunct(second).i != first.i:
            return None
        verb = first.head
        if first.dep_ == "pobj" and verb.dep_ == "prep" and verb.head.i > second.i:  # "On Wednesday Mexico and …"
            verb = verb.head  # the parser's reading of a subject after a date
            if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
                return None
        elif first.dep_ != "nsubj":
            return None
        found = lookup_verb(verb, self.rules.lexicon) if verb.pos_ == "VERB" else None
        if found is None or found.plover not in RECIPROCAL:
            return None
        return verb, found.plover, found.key

    def _object_act(self, sent: Any, src: ActorMention, country: str, idx: MentionIndex,
                    mentions: list[ActorMention]) -> tuple[Any, Any, ActorMention, str, str] | None:
        """(verb, top of its phase chain, object mention, root, lexicon key) where one of ``mentions`` (the
        sentence's), of ``country``, is the direct object of a lexicon verb whose subject is ``src``
        (``_object_verb``), else None."""
        for m in mentions:
            if m.span.country != country or m.members:
                continue
            verb, top = _object_verb(sent, src, m, idx)
            found = lookup_verb(verb, self.rules.lexicon) if verb is not None else None
            if found is None or found.plover is None:
                continue
            root = "YIELD" if found.plover in YIELD else found.plover
            if root in self.model.pair_labels and root != "NONE":
                return verb, top, m, root, found.key
        return None

    def _material_act(self, sent: Any, src: ActorMention, country: str, idx: MentionIndex,
                      mentions: list[ActorMention], label: str) -> tuple[Any, Any, ActorMention, str] | None:
        """(verb, top of its phase chain, object mention, root) where the source does a ``MATERIAL_VERBS`` act to
        ``country`` (its subject and direct object) and the lexicon's root for it is not the model's ``label``:
        the model reads "arm X with weapons" as COOPERATE or MOBILIZE (p(AID) under 0.1, so the lexicon's tie
        cannot turn it). A threat, refusal, demand or promise of the act never gets here: its verb is no phase verb
        (``_object_verb``), so the act has no subject of its own."""
        if not _inside(sent, src):
            return None
        act = self._object_act(sent, src, country, idx, mentions)
        if act is None or act[0].lemma_.lower() not in MATERIAL_VERBS or act[3] == label:
            return None
        return act[:4]

    def _with_plain_acts(self, sent: Any, found: list[Event], idx: MentionIndex, doc_id: str,
                         published: date | None) -> list[Event]:
        """``found`` with the rules' events of ``PLAIN_ACTS`` in the sentence between two countries, each in place of
        the events ``found`` has on its dyad."""
        if not any(t.lemma_.lower() in PLAIN_ACTS and _plain_object(t) for t in sent):
            return found
        plain = [e for pred in self.rules.predicates(sent, idx)
                 if pred.token.lemma_.lower() in PLAIN_ACTS and _plain_object(pred.token)
                 for e in self.rules.predicate_events(pred, sent, doc_id, published)
                 if e.target is not None and e.source.country and e.target.country
                 and e.source.country != e.target.country]
        if not plain:
            return found
        dyads = {(e.source.country, e.target.country) for e in plain}
        kept = [e for e in found if _sides(e) not in dyads]
        note = "; the lexicon's sense of this act stands over the model's reading of the dyad"
        return kept + [replace(e, reason=e.reason + note) for e in plain]

    def _gated_pairs(self, gate: Gate, inp: PairInput, probs: Any, p_none: float, headline: bool,
                     story: StoryContext, k: int) -> list[_PairEntry]:
        """The pairs the story gate keeps, the likeliest by the gate first (see ``_likely_pairs``): those it
        scores at least its threshold (less ``GLOSSED_GATE_EASE`` in a Spanish sentence read through its gloss),
        and those over the floors it does not score under ``GATE_VETO``."""
        labels = self.model.pair_labels
        none = labels.index("NONE")
        threshold = gate.threshold - (GLOSSED_GATE_EASE if inp.glossed else 0.0)
        found = []
        for j, ((a, b), p) in enumerate(zip(inp.pairs, probs)):
            best = best_root(p, none)
            if p[best] < MIN_CANDIDATE:
                continue
            score = gate.score(features(story, k, inp, j, p, labels, p_none))
            if score >= threshold or (
                    score >= GATE_VETO and _over_floor(inp, a, b, p, best, none, p_none, headline)):
                found.append((score, float(p[best]), a, b, labels[best], p))
        found.sort(key=lambda f: -f[0])
        return [(prob, a, b, label, p, f", story gate {score:.2f}{'' if score >= threshold else ON_FLOORS}",
                 score < threshold) for score, prob, a, b, label, p in found]

    def _censure_events(self, sent: Any, found: list[Event], idx: MentionIndex, doc_id: str,
                        published: date | None) -> list[Event]:
        """A story's headline that reports a censure ("… Flayed by Peruvians", "… Censured: Rodong Sinmun"):
        an asserted ACCUSE from each censurer's country to each censured country (``events.headlines``), where
        the headline's events have none on that dyad."""
        censure = headline_censure(sent, idx.within(sent)) or headline_active_censure(sent, idx.within(sent))
        if censure is None:
            return []
        have = {_sides(e) for e in found}
        entry, how = self._entry(censure.verb, "ACCUSE")
        out: list[Event] = []
        for src in censure.censurers:
            for tgt in censure.censured:
                dyad = (src.span.country, tgt.span.country)
                if dyad[0] == dyad[1] or dyad in have:
                    continue
                have.add(dyad)
                said = "by its subject" if censure.how == "active" else censure.how
                note = f"headline censure: '{censure.verb.text}' {said} {src.span.text!r}"
                pred = Predicate(censure.verb, entry, "headline-censure", [src], [tgt], [note, how])
                out += self.rules.predicate_events(pred, sent, doc_id, published,
                                                   ("asserted", "a headline's censure"))[:1]
        return out

    def _pair_stands(self, sent: Any, anchor: Any, label: str, src: ActorMention, tgt: ActorMention,
                     idx: MentionIndex, content: Any = None) -> bool:
        """False where the grammar says the pair did not do the act: an accusation aimed at another
        country or made in a clause that accuses no one, an act the source only reports, and two countries of
        one compound ("the DPRK-Russia friendship", "U.S.-Japan drills"), which name a tie or a joint act,
        not an act of one on the other; a source spoken to by a speaker of another country (``_addressed``), or a
        target that is an outlet so spoken to; a country the talks are about is no side of them ("held talks on
        the war in Ukraine"); nor is a country of a "when" clause whose "it" may be the object ("… when it began
        to arm Bolivia")."""
        if _one_compound(src, tgt) or any(_in_anothers_clause(sent, anchor, side, idx) for side in (src, tgt)):
            return False
        if _addressed(sent, src, idx) or (_addressed(sent, tgt, idx) and split_code(tgt.span.code)[1] == "MED"):
            return False
        if label == "CONSULT" and (_topic_of_talks(sent, src) or _topic_of_talks(sent, tgt)):
            return False
        # "issued a statement denouncing …": the verb that describes the statement is the accusation too
        acts = (anchor, content) if content is not None and content.dep_ == "acl" else (anchor,)
        if label in ACCUSING and (any(_accused_elsewhere(sent, act, src, tgt, idx) for act in acts)
                                  or _in_other_clause(sent, anchor, tgt, self.rules.lexicon)
                                  or any(_another_accuses(sent, act, src, tgt, idx) for act in acts)):
            return False
        return not (label in NOT_BY_SPEAKING - {"SUPPORT"} and _only_reports(sent, anchor, src, tgt, idx))

    def _verb_over(self, sent: Any, tgt: ActorMention, anchor: Any) -> Any:
        """The lexicon verb nearest above the target below the pair's anchor ("released a statement
        *supporting* Russia's invasion"): the act done to the target, where the anchor verb is not."""
        if not _inside(sent, tgt):
            return None
        tok = sent.doc[tgt.head]
        while tok.head.i != tok.i and tok.head.i != anchor.i:
            tok = tok.head
            if tok.pos_ == "VERB" and lookup_verb(tok, self.rules.lexicon) is not None:
                return tok
        return None

    def _lexicon_tie(self, anchor: Any, label: str, p: Any, labels: list[str]) -> tuple[str, str]:
        """The lexicon's root at the anchor verb where the model is unsure of its own (p < ``LEXICON_TIE_MAX``)
        and gives the lexicon's at least ``LEXICON_TIE_MIN`` ("signed a treaty" is AGREE)."""
        found = lookup_verb(anchor, self.rules.lexicon) if anchor is not None else None
        if found is None or found.plover in (label, "NONE"):
            return label, ""
        root = "YIELD" if found.plover in YIELD else found.plover
        if root not in labels or root == label or (label, root) in MODEL_OVER_LEXICON:
            return label, ""
        mine, theirs = float(p[labels.index(label)]), float(p[labels.index(root)])
        if mine < LEXICON_TIE_MAX and theirs >= LEXICON_TIE_MIN:
            return root, f"; lexicon {found.key}→{found.plover} p={theirs:.2f} over {label} p={mine:.2f}"
        return label, ""

    def _span_events(self, sent: Any, inp: PairInput, probs: Any, pred: Prediction, ours: list[Event],
                     idx: MentionIndex, doc_id: str, published: date | None) -> list[Event]:
        """The span head's event in a sentence the pair head read: kept where the pair head has nothing
        on its dyad and, between two candidate countries, gives that pair at least ``SPAN_PAIR_MIN``
        of being an event (a non-state side, "protesters", is the span head's alone). In a story, the span
        head gives no event of its own (``_placed``; between two countries its events were right 22 times in 83
        on dev2 and 450 unseen silver stories, the pair head's 1,646 in 2,010); the rules' stay ("Many Chileans
        demonstrated against Peru": 15 right in 31)."""
        labels = self.model.pair_labels
        none = labels.index("NONE")
        out = []
        rules = self.rules.code_sentence(sent, idx, doc_id, published)
        for e in self._combine(sent, pred, idx, rules, doc_id, published):
            cs, ct = _sides(e)
            if any(_sides(o) == (cs, ct) for o in ours):
                continue
            if not _placed(e, sent):
                continue
            if (e.plover in RECIPROCAL and e.reason.startswith("nominal:") and not _alone(sent)
                    and {cs, ct} <= set(inp.countries)):
                continue  # "on the anniversary of Kim's visit to Russia": a visit the pair head read as no event
            if cs and ct and cs != ct and cs in inp.countries and ct in inp.countries:
                k = inp.pairs.index((inp.countries.index(cs), inp.countries.index(ct)))
                if 1.0 - float(probs[k][none]) < SPAN_PAIR_MIN:
                    continue
            out.append(e)
        return out

    def _meeting_events(self, sent: Any, found: list[Event], idx: MentionIndex, doc_id: str,
                        published: date | None) -> list[Event]:
        """A visit or meeting that a noun names (``events.rules.meeting_predicates``) as CONSULT between two
        countries, beside what the pair head found on that dyad ("praised the port during his visit to Peru"
        is a praise and a visit), with the modality of the clause ("agreed to hold talks" is a plan)."""
        return self._acts_beside(meeting_predicates(sent, idx, self.rules.lexicon), clause_verb, sent, found,
                                 doc_id, published)

    def _pact_and_gift_events(self, sent: Any, found: list[Event], idx: MentionIndex, doc_id: str,
                              published: date | None) -> list[Event]:
        """A pact two countries made (``events.rules.pact_predicates``) as AGREE between them, and a gift given
        (``gift_predicates``) as AID from giver to recipient, beside what the pair head found on that dyad ("Revealed
        during Putin's visit to Pyongyang, Russia and North Korea have revived their alliance in a new treaty" is a
        visit, which the pair head reads, and an agreement; "conveyed the greetings of Hu Jintao to Kim Jong Il and
        presented gifts to him" a greeting and a gift), in the verb's modality ("plan to sign a treaty", "decided to
        present a gift" are plans)."""
        preds = pact_predicates(sent, idx, self.rules.lexicon) + gift_predicates(sent, idx, self.rules.lexicon)
        return self._acts_beside(preds, lambda verb: verb, sent, found, doc_id, published)

    def _with_charges(self, sent: Any, found: list[Event], idx: MentionIndex, doc_id: str,
                      published: date | None) -> list[Event]:
        """``found`` with the act a country's actor is censured for (``events.rules.charge_predicates``:
        "condemned the U.S. for imposing sanctions on Cuba" is also the U.S.'s SANCTION of Cuba), in the censure's
        modality, where the pair head read no act of that doer on that target, or read the censure itself
        there (the accused accusing: "accused Israel of imposing taxes on Palestinians" is no Israeli ACCUSE)."""
        preds = [replace(p, entry=replace(p.entry, plover="SANCTION")) if _sanctioning(p.entry) else p
                 for p in charge_predicates(sent, idx, self.rules.lexicon)]
        if not preds:
            return found
        censured = {(c.plover, m.span.country, t.span.country) for p in preds
                    if (c := lookup_verb(_censure_verb(p.token), self.rules.lexicon)) is not None
                    for m in p.sources for t in p.targets}
        kept = [e for e in found if (e.plover, *_sides(e)) not in censured]
        added = self._acts_beside(preds, _censure_verb, sent, kept, doc_id, published, unread_only=True)
        return kept + added if added else found

    def _nominal_force(self, sent: Any, found: list[Event], idx: MentionIndex, doc_id: str,
                       published: date | None) -> list[Event]:
        """Force a noun names with its doer and target ("Russia's invasion of Ukraine", "Israel's air raids on
        Gaza": ``events.rules.nominal_predicates`` of PLOVER ASSAULT), in the modality ``_force_clause`` gives ("an
        attack on Iran would wreck the peace" is no attack made), where the pair head read no act of that doer on
        that target (a statement "supporting Russia's armed invasion of Ukraine" is the speaker's support of Russia
        and Russia's assault on Ukraine)."""
        preds = [p for p in nominal_predicates(sent, idx, self.rules.lexicon, set())
                 if p.entry.plover in NOMINAL_FORCE and p.targets]
        return self._acts_beside(preds, _force_clause, sent, found, doc_id, published, unread_only=True)

    def _acts_beside(self, preds: list[Predicate], verb_of: Any, sent: Any, found: list[Event], doc_id: str,
                     published: date | None, unread_only: bool = False) -> list[Event]:
        """The events of ``preds`` between two countries, each in the modality of the verb ``verb_of`` gives for
        its token, beside what was found on their dyad, but not where the dyad already has an event of that root;
        with ``unread_only``, not where ``found`` has any act of that source on that target (the pair head's
        reading stands)."""
        read = {_sides(e) for e in found} if unread_only else set()
        out: list[Event] = []
        for pred in preds:
            mood = modality(verb_of(pred.token))  # "agreed to hold talks": the talks are a plan
            for e in self.rules.predicate_events(pred, sent, doc_id, published, mood, intent_as_agree=False):
                cs, ct = _sides(e)
                if not (cs and ct) or cs == ct or (cs, ct) in read:
                    continue
                if any(o.plover == e.plover and _dyad(o) == _dyad(e) for o in found + out):
                    continue
                out.append(e)
        return out

    def _anniversary_events(self, sent: Any, found: list[Event], idx: MentionIndex, doc_id: str,
                            published: date | None, outlet: str | None) -> list[Event]:
        """The anniversary of two countries' ties marked by one of them (``events.rules.anniversary_predicates``)
        as its SUPPORT of the other, where nothing else was found between the two ("a reception on the
        anniversary" stays the model's CONSULT, "a message on the anniversary" its SUPPORT) but the signing of the
        treaty marked (AGREE)."""
        out: list[Event] = []
        for pred in anniversary_predicates(sent, idx, self.rules.lexicon, outlet):
            for e in self.rules.predicate_events(pred, sent, doc_id, published, intent_as_agree=False):
                if not any(_dyad(o) == _dyad(e) and o.plover != "AGREE" for o in found):
                    out.append(e)
        return out

    def _side(self, sent: Any, inp: PairInput, k: int, idx: MentionIndex) -> ActorMention:
        """The mention that stands for country ``k`` of a pair: in the sentence, else where the story
        named it (the title or the sentence before), else the outlet's country with no span."""
        m = inp.mentions[k] if k < len(inp.mentions) else None
        if m is not None and _cited(sent, m):  # "According to Pyongyang's media, … North Korea's envoy was there"
            return next((o for o in idx.within(sent) if o.span.country == m.span.country and o.span.start is not None
                         and not _cited(sent, o)), m)
        if m is not None:
            return m
        code = inp.countries[k]
        actor = ActorSpan(f"({code}: the outlet's country)", None, None, code, code, None)
        return ActorMention(actor, sent.start, sent.start, sent.root.i, "implied:outlet")

    def _combine(self, sent: Any, pred: Prediction, idx: MentionIndex, rule_events: list[Event],
                 doc_id: str, published: date | None, rules_stand: bool = False) -> list[Event]:
        """The span head's event and the rules' of a sentence: the span head's where it is sure enough of its
        type, the rules' on other dyads. With ``rules_stand`` (a sentence of a story that the pair head does not
        read, where the span head gives no event of its own: ``_placed``) the span head's event gives way to the
        rules' on its dyad, and to nothing where they have none."""
        if pred.p_none >= NONE_THRESHOLD:
            return [] if pred.p_none >= NONE_CERTAIN else rule_events[:MAX_PER_SENTENCE]
        predicate = self._predicate(sent, pred, idx, published)
        if predicate is None:
            return _with_other_ways(rule_events[:MAX_PER_SENTENCE], rule_events)
        ours = self.rules.predicate_events(predicate, sent, doc_id, published)[:1]
        same = [e for e in rule_events if any(_same_dyad(e, o) for o in ours)]
        if same and (rules_stand or pred.p_label < TRUST_TYPE):
            note = f"; model:{self.model.name} found this dyad, its type {pred.label} p={pred.p_label:.2f} yields"
            ours = [replace(same[0], reason=same[0].reason + note)]
        elif not same and (rules_stand or pred.p_label < MIN_LABEL):
            return _with_other_ways(rule_events[:MAX_PER_SENTENCE], rule_events)
        extra = [e for e in rule_events if not any(_same_dyad(e, o) for o in ours)]
        return _with_other_ways((ours + extra)[:MAX_PER_SENTENCE], extra)

    def _predicate(self, sent: Any, pred: Prediction, idx: MentionIndex, on: date | None) -> Predicate | None:
        src = self._mention(sent, pred.source, idx, on)
        if src is None:
            return None
        tgt = self._mention(sent, pred.target, idx, on)
        anchor = _anchor(sent, src, tgt)
        if pred.label in NOT_BY_SPEAKING and _reported(anchor, src):
            return None
        if pred.label in ACCUSING and tgt is not None and _in_other_clause(sent, anchor, tgt, self.rules.lexicon):
            tgt = None  # the accusation stands; its target is not the country the other clause names
        found = lookup_verb(anchor, self.rules.lexicon) if anchor is not None else None
        if _no_event_sense(found):
            return None  # "released the treaty", "released a report": the verb's object makes it no act
        entry, how = self._entry_of(found, pred.label)
        if (cut := self._stopped_aid(anchor, self._verb_over(sent, tgt, anchor) if tgt else None, pred.label)):
            entry, how = cut, f"cameo:lexicon {cut.key}; {_stops_giving(anchor, pred.label)}"
        notes = [f"src span {src.span.text!r} p={pred.source.p:.2f}{_how(src)}"]
        if tgt is not None:
            notes.append(f"tgt span {tgt.span.text!r} p={pred.target.p:.2f}{_how(tgt)}")
        notes.append(how)
        rule = f"model:{self.model.name} p={pred.p_label:.2f}"
        return Predicate(anchor, entry, rule, [src], [tgt] if tgt else [], notes)

    def _stopped_aid(self, anchor: Any, content: Any, label: str) -> Entry | None:
        """The lexicon's entry for stopped aid (``STOPPED_AID``, CAMEO 162, SANCTION) where the anchor asserts that the
        source stops giving: ``content`` is the anchor's ``xcomp`` of ``STOP_HEADS`` and the model reads AID or the
        lexicon has the stopped verb give ("halted supplying weapons", which the model may read as a concession)."""
        if not _stopped(anchor, content) or modality(anchor)[0] != "asserted":
            return None
        if label != "AID" and getattr(lookup_verb(content, self.rules.lexicon), "plover", None) != "AID":
            return None
        return self.rules.lexicon.get(STOPPED_AID)

    def _entry(self, anchor: Any, label: str) -> tuple[Entry, str]:
        """The lexicon's entry for the anchor verb where it agrees with the model's root, else the root's base code."""
        return self._entry_of(lookup_verb(anchor, self.rules.lexicon) if anchor is not None else None, label)

    def _entry_of(self, found: Entry | None, label: str) -> tuple[Entry, str]:
        """``found`` (the lexicon's entry for the anchor verb) where it agrees with the model's root, else the root's
        base code."""
        lex = self.rules.lexicon
        roots = YIELD if label == "YIELD" else (label,)
        if found is not None and found.plover in roots:
            return found, f"cameo:lexicon {found.key}"
        root = roots[0]
        code = ROOT_CAMEO[root]
        info = lex.cameo.get(code, {})
        return Entry(f"root:{root}", code, root, info.get("mode"), lex.plover[root]["quad"],
                     info.get("goldstein")), f"cameo:base of {root}"

    def _mention(self, sent: Any, guess: SpanGuess | None, idx: MentionIndex, on: date | None) -> ActorMention | None:
        """The resolver's mention under a predicted span, or the span itself coded by name."""
        if guess is None:
            return None
        start, end = sent.start_char + guess.start, sent.start_char + guess.end
        span = sent.doc.char_span(start, end, alignment_mode="expand")
        if span is None or not span.text.strip():
            return None
        under = {m.tok_start: m for t in range(span.start, span.end) if (m := idx.by_token.get(t))}
        if under:
            return max(under.values(), key=lambda m: min(m.tok_end, span.end) - max(m.tok_start, span.start))
        code = self.rules.resolver.code_phrase(span.text, on)
        country, sector = split_code(code) if code else (None, None)
        actor = ActorSpan(span.text, span.start_char, span.end_char, code, country, sector)
        return ActorMention(actor, span.start, span.end, span.root.i, "model span" + (f"+name:{code}" if code else ""))


def _object_verb(sent: Any, src: ActorMention, obj: ActorMention, idx: MentionIndex) -> tuple[Any, Any]:
    """(verb, top) where ``obj`` is the verb's direct object (or joined to it: "armed Syria and Iran") and its
    subject is ``src``'s country, else (None, None). The subject may be that of the phase verb the act completes
    ("began to arm X", ``PHASE_VERBS``; ``top`` is the highest such verb, whose mood the act takes) or of the verb
    it is joined to ("met and praised X"). A bare "it" in a "when" clause is the subject of the clause it modifies
    ("China … in 2011 when it began to arm North Korea"), unless a thing the clause names could be it."""
    head = first_conjunct(sent.doc[obj.head])
    verb = head.head
    if head.dep_ != "dobj" or verb.pos_ != "VERB":
        return None, None
    v = top = verb
    while not (subjects := [c for c in v.children if c.dep_ == "nsubj"]):
        if v.dep_ == "xcomp" and v.head.lemma_.lower() in PHASE_VERBS and not _has_object(v.head):
            top = v = v.head
        elif v.dep_ == "conj" and v.head.i != v.i:
            v = v.head
        else:
            return None, None
    subj = subjects[0]
    if subj.lower_ == "it" and subj.i not in idx.by_token:
        subj = _when_it(subj, v, idx, obj.span.country) or subj
    m = idx.by_token.get(subj.i)
    named = src.tok_start <= subj.i < src.tok_end or (m is not None and m.span.country == src.span.country)
    return (verb, top) if named else (None, None)


def _has_object(verb: Any) -> bool:
    return any(c.dep_ in ("dobj", "iobj", "dative") for c in verb.children)


def _when_it(it: Any, verb: Any, idx: MentionIndex, target: str | None) -> Any:
    """The subject "it" of a "when" clause stands for: the subject of the clause the "when" clause modifies, where
    that subject is an actor and the clauses between name no other thing "it" could be: a singular thing that is no
    actor ("condemned the company when it armed Iran"), or an actor of a third country ("China praised Russia when it
    began to arm Syria", "imposed sanctions on Iran when it began to arm Yemen"); the target's own country is no
    candidate ("in isolating Pyongyang … when it began to arm North Korea")."""
    clause = when_clause(verb)
    if clause is None:
        return None
    others: set[str | None] = set()
    for above in clause.ancestors:
        for c in above.children:
            if c.dep_ in ("dobj", "pobj", "dative") and c.tag_ in ("NN", "NNP") and c.i not in idx.by_token:
                return None
            if c.dep_ in ("dobj", "dative", "prep", "pobj") and not _covers(c, it.i):
                others.update(m.span.country for t in c.subtree if (m := idx.by_token.get(t.i)) is not None)
        subject = next((c for c in above.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            m = idx.by_token.get(subject.i)
            if m is None or others - {m.span.country, target}:
                return None
            return subject
    return None


def _phase_mood(act: Any, top: Any) -> tuple[str, str] | None:
    """The mood of a phase verb over the act, where it is not asserted ("did not begin to arm", "will start to
    arm"): the act's own mood reads only its own clause."""
    if top is None or top.i == act.i:
        return None
    found = modality(top)
    return found if found[0] != "asserted" else None


def _with_other_ways(kept: list[Event], pool: list[Event]) -> list[Event]:
    """``kept`` with the other way of each of its rule events that the rules made from the same act, taken from
    ``pool`` ("North Korea and China exchanged messages": each sent the other one): one act, so the sentence's
    cap counts it once."""
    out = list(kept)
    for e in pool:
        if e not in out and any(_other_way(e, k) for k in kept):
            out.append(e)
    return out


def _other_way(a: Event, b: Event) -> bool:
    return (a.target is not None and b.target is not None and a.plover == b.plover
            and a.reason.split(";")[0] == b.reason.split(";")[0]
            and (a.source.start, a.target.start) == (b.target.start, b.source.start))


def _anchor(sent: Any, src: ActorMention, tgt: ActorMention | None) -> Any:
    """The verb that links source and target: their lowest common ancestor, raised to a verb."""
    src_tok = sent.doc[src.head]
    line = {src_tok.i, *(t.i for t in src_tok.ancestors)}
    tok = sent.doc[tgt.head] if tgt else src_tok.head
    while tok.i not in line and tok.head.i != tok.i:
        tok = tok.head
    return verb_above(tok)


def _reported(anchor: Any, src: ActorMention) -> bool:
    """The source only reports the act: it speaks ("said") and the clause it reports has a subject of
    its own that is not the source or a pronoun ("the soldiers had been placed", not "it sent")."""
    if anchor.lemma_.lower() not in SAY_LEMMAS:
        return False
    for clause in (c for c in anchor.children if c.dep_ in ("ccomp", "xcomp")):
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.pos_ != "PRON" and not src.tok_start <= subject.i < src.tok_end:
            return True
    return False


ADDRESSED_NOUNS = frozenset({"interview", "statement", "remark", "remarks", "comment", "comments", "speech",
                             "address", "letter", "message"})


def _addressed(sent: Any, m: ActorMention, idx: MentionIndex) -> bool:
    """The mention is whom a speaker of another country spoke to, so it says nothing in the sentence: "Mexican
    Senator Polenski in her statement to Prensa Latina said that ..." (the Cuban agency is no accuser of the
    U.S.), "an interview with the Asahi Shimbun", "told Xinhua". Where the speaker has no country or the
    addressee's ("a section chief told KCNA that ..."), the outlet may stand for it and is left to the model."""
    if not _inside(sent, m):
        return False
    tok = sent.doc[m.head]
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() == "tell":
        verb = tok.head
    elif (tok.dep_ == "pobj" and tok.head.lower_ in ("to", "with")
          and tok.head.head.lemma_.lower() in ADDRESSED_NOUNS):
        verb = next((a for a in tok.head.head.ancestors if a.pos_ in ("VERB", "AUX")), None)
    else:
        return False
    speaker = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
    said_by = idx.by_token.get(speaker.i) if speaker is not None else None
    countries = _countries(said_by) - {None} if said_by is not None else set()
    return bool(countries) and m.span.country not in countries


def _only_reports(sent: Any, anchor: Any, src: ActorMention, tgt: ActorMention, idx: MentionIndex) -> bool:
    """One side of a pair only tells of an act: the source says what another country did ("The intelligence
    service said North Korea had sent soldiers to Russia" is no act of the service's on North Korea or
    Russia), or a side is whom the sentence cites ("Pyongyang supplied shells to Moscow, according to the
    agency": ``_cited``)."""
    if _inside(sent, src) and anchor.lemma_.lower() in SAY_LEMMAS and any(
            c.dep_ == "nsubj" and _covers(c, src.head) for c in anchor.children):
        for clause in (c for c in anchor.children if c.dep_ in ("ccomp", "xcomp")):
            for subj in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")):
                m = idx.by_token.get(subj.i)
                doers = _countries(m) if m is not None else set()
                if doers - {None} and src.span.country not in doers:
                    return True
    return any(_cited(sent, side) for side in (src, tgt))


def _cited(sent: Any, m: ActorMention) -> bool:
    """The mention is whom the sentence cites ("according to the agency")."""
    return _inside(sent, m) and any(t.lower_ == "according" for t in sent.doc[m.head].ancestors)


def _reported_act(sent: Any, tgt: ActorMention, anchor: Any, content: Any) -> Any:
    """Where the pair's anchor is a verb of saying, the verb of the clause it reports that holds the target
    (the lexicon's verb there where there is one), else None."""
    if anchor.lemma_.lower() not in SAY_LEMMAS or not _inside(sent, tgt):
        return None
    if content is not None:
        return content
    path = _up_to(sent, tgt.head, anchor)
    if not path or path[-1].dep_ not in ("ccomp", "xcomp"):
        return None
    return path[-1] if path[-1].pos_ in ("VERB", "AUX") else None


def _covers(tok: Any, i: int) -> bool:
    """Token ``i`` lies in ``tok``'s subtree."""
    return tok.left_edge.i <= i <= tok.right_edge.i


def _up_to(sent: Any, i: int, anchor: Any) -> list[Any]:
    """Token ``i`` and its heads up to the child of ``anchor`` that holds it, in that order; empty where
    ``anchor`` is not above ``i``."""
    tok = sent.doc[i]
    path = [tok]
    while tok.head.i != tok.i and tok.head.i != anchor.i:
        tok = tok.head
        path.append(tok)
    return path if tok.head.i == anchor.i and tok.i != anchor.i else []


def _how(m: ActorMention) -> str:
    """How the resolver coded a span (coreference links are added to the reason by the event builder)."""
    return "" if m.reason.startswith("coref:") else f" ({m.reason})"


def _plain_object(verb: Any) -> bool:
    """``verb`` has the object ``PLAIN_ACTS`` asks of it ("made overtures"), or it asks none."""
    wanted = PLAIN_ACTS.get(verb.lemma_.lower())
    return wanted is None or any(c.dep_ == "dobj" and c.lemma_.lower() == wanted for c in verb.children)


def _sanctioning(entry: Entry) -> bool:
    """The lexicon entry imposes sanctions, an embargo or a blockade (``SANCTIONING``: a CAMEO code or a key)."""
    return entry.cameo in SANCTIONING or entry.key in SANCTIONING


def _censure_verb(act: Any) -> Any:
    """The verb of censure whose "for"/"of" phrase a charged act is (``events.rules.charge_predicates``)."""
    return act.head.head


def _force_clause(noun: Any) -> Any:
    """The word whose modality a noun of force takes: the noun itself where it is the object of a preposition (the
    circumstance of another act: "shells that could be used in its invasion of Ukraine" tell of an invasion made),
    else the verb it hangs from ("an attack on Iran would wreck the peace", "plans to launch an attack")."""
    return noun if noun.dep_ == "pobj" else verb_above(noun)


def _sides(e: Event) -> tuple[str | None, str | None]:
    """The source's and the target's country of an event."""
    return e.source.country, e.target.country if e.target else None


def _dyad(e: Event) -> frozenset[str | None]:
    """The two countries of an event, in no order."""
    return frozenset(_sides(e))


def _same_dyad(a: Event, b: Event) -> bool:
    def near(x: ActorSpan | None, y: ActorSpan | None) -> bool:
        return x is not None and y is not None and x.start < y.end and y.start < x.end

    return near(a.source, b.source) and (near(a.target, b.target) or a.target is b.target is None)


def _inside(sent: Any, m: ActorMention) -> bool:
    return m.span.start is not None and sent.start <= m.head < sent.end and m.tok_end > m.tok_start


def _in_anothers_clause(sent: Any, anchor: Any, side: ActorMention, idx: MentionIndex) -> bool:
    """The side lies in a "when" clause of the anchor, and only there, whose subject is a pronoun the resolver left
    open while the anchor's object holds an actor the pronoun may be as well as the anchor's subject ("Peru imposed
    sanctions on Chile when it began to arm Bolivia": Bolivia is what "it" armed, no side of Peru's sanctions)."""
    if not _inside(sent, side):
        return False
    path = _up_to(sent, side.head, anchor)
    clause = path[-1] if path else None
    if clause is None or getattr(when_clause(clause), "i", None) != clause.i:  # the "when" clause itself
        return False
    subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.pos_ != "PRON" or subj.i in idx.by_token or _covers(subj, side.head):
        return False
    elsewhere = any(m.span.country == side.span.country and not _covers(clause, m.head) for m in idx.within(sent))
    return not elsewhere and actor_object(anchor, idx)


def _pair_anchor(sent: Any, src: ActorMention, tgt: ActorMention) -> Any:
    """The verb that links a pair in ``sent``: as ``_anchor`` when both are in the sentence, else the
    verb above the one that is, else the sentence's root."""
    a, b = _inside(sent, src), _inside(sent, tgt)
    if a and b:
        return _anchor(sent, src, tgt)
    tok = sent.doc[src.head] if a else sent.doc[tgt.head] if b else sent.root
    return verb_above(tok)


def _side_note(sent: Any, m: ActorMention) -> str:
    if _inside(sent, m):
        return f"{m.span.country} {m.span.text!r}{_how(m)}"
    if m.span.start is None:
        return f"{m.span.country} implied by the outlet"
    return f"{m.span.country} implied by {m.span.text!r} earlier in the story"


def _accused_elsewhere(sent: Any, anchor: Any, src: ActorMention, tgt: ActorMention, idx: MentionIndex) -> bool:
    """"X denounced the US for its sanctions on Russia": the verb's object is another country's actor,
    and the target (Russia) lies outside every object, so the target is not the one accused (nor
    threatened, protested against or rejected)."""
    if not _inside(sent, tgt):
        return False
    objects = [c for c in anchor.children if c.dep_ == "dobj"]
    objects += [g for c in anchor.children if c.dep_ == "prep" and c.lower_ in ("at", "against")
                for g in c.children if g.dep_ == "pobj"]
    objects = [g for o in objects for g in _censured(o)]
    if _in_charge(sent, anchor, tgt) and any(_someone(o, idx) and not _covers(o, tgt.head)
                                             and not (_inside(sent, src) and _covers(o, src.head)) for o in objects):
        return True  # "Chongwadae criticized Hyon for displeasing the U.S.": Hyon is accused, the U.S. told of
    other = False
    for o in objects:
        if _covers(o, tgt.head):
            return _told_of(o, sent.doc[tgt.head]) and _named_before(o, idx, (tgt.span.country, src.span.country))
        m = idx.by_token.get(o.i)
        country = m.span.country if m is not None else None
        other = other or bool(country and country not in (tgt.span.country, src.span.country))
    return other


def _in_charge(sent: Any, anchor: Any, tgt: ActorMention) -> bool:
    """The target lies in the charge, the "for" phrase of the accusing verb ("criticized him for angering Peru")."""
    path = _up_to(sent, tgt.head, anchor)
    return bool(path) and path[-1].dep_ == "prep" and path[-1].lower_ == "for"


def _someone(obj: Any, idx: MentionIndex) -> bool:
    """The verb's object is an actor, of a known country or not: a mention, a person's name or a pronoun."""
    return obj.i in idx.by_token or obj.ent_type_ == "PERSON" or obj.pos_ in ("PROPN", "PRON")


def _another_accuses(sent: Any, anchor: Any, src: ActorMention, tgt: ActorMention, idx: MentionIndex) -> bool:
    """The accusing verb's subject is a third country's actor and the source lies outside it: "Syria
    denounced the U.S. for its sanctions on Iran" is no accusation by Iran; so is the issuer of a statement the verb
    describes ("Ri, chairman of the Association of Koreans in Japan, issued a statement denouncing the Lee group for
    its provocations against the DPRK" is no accusation by the DPRK)."""
    if not _inside(sent, src) or anchor is None:
        return False
    subj = next((c for c in anchor.children if c.dep_ == "nsubj"), None)
    if subj is None and anchor.dep_ == "acl":  # "X issued a statement denouncing Y for its moves against Z"
        # the issuers with what the sentence says of them ("Ri, chairman of the Association of Koreans in Japan")
        heads = [sent.doc[m.head] for m in find_sources(anchor, idx, [])]
        if any(_covers(h, src.head) for h in heads):
            return False
        named = {m.span.country for h in heads for m in idx.within(sent.doc[h.left_edge.i:h.right_edge.i + 1])}
        return bool(named - {None}) and not named & {src.span.country, tgt.span.country}
    if subj is None or _covers(subj, src.head):
        return False
    # the subject may name two: "the U.S. and south Korean authorities"
    named = {m.span.country for m in idx.within(sent.doc[subj.left_edge.i:subj.right_edge.i + 1])}
    return bool(named - {None}) and not named & {src.span.country, tgt.span.country}


def _censured(obj: Any) -> list[Any]:
    """The accused phrase of an object: the object, or where it is a noun of censure, what its "of" names
    ("its criticism of the U.S. plan": the plan)."""
    if obj.lemma_.lower() not in CENSURE_NOUNS:
        return [obj]
    named = [g for c in obj.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    return named or [obj]


def _told_of(obj: Any, tok: Any) -> bool:
    """``tok`` lies in a clause or a prepositional phrase that follows ``obj``'s head word, not in the head's
    own words or its conjuncts ("the U.S. and south Korea" are both accused)."""
    while tok.i != obj.i and tok.head.i != tok.i:
        if tok.dep_ in TOLD_OF_DEPS and tok.i > obj.i:
            return True
        tok = tok.head
    return False


def _named_before(obj: Any, idx: MentionIndex, not_these: tuple[str | None, ...]) -> bool:
    """The accused phrase ``obj`` names, at or before its head word, a country other than ``not_these``: the
    one accused is that country ("criticism of the U.S. initiative to counter China": the U.S.), and a country
    in what follows the head word is told of, not accused."""
    head_words = obj.doc[obj.left_edge.i:obj.i + 1]
    return any(m.span.country and m.span.country not in not_these for m in idx.within(head_words))


def _in_other_clause(sent: Any, anchor: Any, tgt: ActorMention, lexicon: Any) -> bool:
    """The target lies in a predicate coordinated with the accusing verb that accuses no one itself ("South
    Korea condemned the treaty and said it would consider sending weapons to Ukraine": Ukraine is not the
    accused; "... and is trying to blame the DPRK" still accuses)."""
    path = _up_to(sent, tgt.head, anchor) if _inside(sent, tgt) else []
    if not path or path[-1].dep_ != "conj" or path[-1].pos_ not in ("VERB", "AUX"):
        return False
    return not any((e := lookup_verb(v, lexicon)) is not None and e.plover in ACCUSING for v in path[1:]
                   if v.pos_ == "VERB")


def _pair_mood(sent: Any, label: str, src: ActorMention, tgt: ActorMention, anchor: Any, content: Any,
               idx: MentionIndex) -> tuple[str, str] | None:
    """The modality a pair event takes from the grammar around it (None: the anchor's own): a speech
    act its speaker's; an act a speaker tells of the told clause's ("Putin said Russia would help
    North Korea": intended); ties to be developed are intended; a pledge of support is support, but a tribute to
    be held is a plan ("decided to hold events"); a pledge to cooperate is an agreement; a demand under "should"
    on another ("they should halt the drills") and a threat of what will come are asserted; and a denied
    concealment or pardon is an accusation or threat ("can never conceal"), a denied forgetting praise ("will
    never forget his support")."""
    # an act of tribute is a deed, not words about another's: its own mood ("Birthday to Be Marked in Nepal")
    tribute = next((v for v in _doings(sent, src, anchor, content) if _tribute(v, tgt, idx)), None) \
        if label == "SUPPORT" else None
    mood = _speech_mood(sent, src, anchor, idx, content) if label in SPEECH_ACTS and tribute is None else None
    if tribute is not None and tribute.i != anchor.i:
        mood = modality(tribute)
    act = _reported_act(sent, tgt, anchor, content) if label not in SPEECH_ACTS else None
    if act is not None:
        mood = modality(act)
    elif mood is None and label != "SANCTION" and _stopped(anchor, content):
        mood = modality(content)  # "Russia ceased supplying gas to Ukraine": the act stopped is no act
    if label == "COOPERATE" and (cue := development_intended(sent)):
        mood = "intended", f"{cue} (ties to be developed)"
    said = mood or modality(anchor)
    if label == "MOBILIZE" and said[0] == "asserted" and (cue := drills_intended(sent)):
        said = mood = "intended", f"{cue} (drills to come)"
    if label == "SUPPORT" and said[0] == "intended" and tribute is None:  # "we will always support you"
        said = mood = "asserted", f"a pledge of support is support ({said[1]})"
    if label == "REQUEST" and said[0] in ("hypothetical", "negated") and (
            (bidden := _bidden(src, content, anchor, idx)) is not None):
        said = mood = "asserted", f"'{bidden}' bids the target act: a demand ({said[1]})"  # "they should halt"
    if label == "THREATEN" and said[0] == "intended":  # "the DPRK will deal merciless blows at them"
        said = mood = "asserted", f"a threat of what will come is made now ({said[1]})"
    if label == "AGREE" and said[0] == "intended" and said[1].split(" ")[0] in PLEDGES:
        mood = "asserted", f"a pledge is an agreement ({said[1]})"  # "Cambodia and Malaysia pledged to cooperate"
    if label in ("ACCUSE", "THREATEN", "SUPPORT") and said[0] in ("negated", "hypothetical"):
        words = UNFORGETTING if label == "SUPPORT" else RHETORICAL_DENIALS
        if (denial := _rhetorical_denial(content if content is not None else anchor, words)) is not None:
            mood = "asserted", (f"'{denial}' denied: the praise stands ({said[1]})" if label == "SUPPORT" else
                                f"'{denial}' denies the target an escape: the charge or threat stands ({said[1]})")
    if mood is None and anchor.pos_ in ("NOUN", "PROPN") and content is not None and content.pos_ == "VERB":
        told = modality(content)  # the act under a noun: "DPRK Delegation to Pay Visit to China" is a plan
        return told if told[0] != "asserted" else None
    return mood


def _bidden(src: ActorMention, content: Any, anchor: Any, idx: MentionIndex) -> str | None:
    """The word of obligation ("should", "must", "ought") under which a speaker bids another act: "They should halt
    the exercises", "it should not tighten the cooperation with aggressors", in a paper's commentary, is a demand
    on them, as the annotators code it; None where no such word governs the act or its doer is the source or the
    speaker ("we should ...")."""
    for verb in (v for v in (content, anchor) if v is not None):
        word = next((c.lower_ for c in verb.children if c.dep_ == "aux" and c.lower_ in BIDDING), None)
        if word is None:
            continue
        for subj in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
            m = idx.by_token.get(subj.i)
            if subj.lower_ in FIRST_PERSON or (m is not None and src.span.country in _countries(m)):
                return None
        return word
    return None


def _no_event_sense(entry: Entry | None) -> bool:
    """The lexicon's sense of a verb with its object is no event (``release|obj:report`` and the like)."""
    return entry is not None and entry.plover == "NONE" and "|obj:" in entry.key


def _doings(sent: Any, src: ActorMention, anchor: Any, content: Any) -> list[Any]:
    """The verbs that may be the source's own deed: the anchor, the act on the target, the verb the source hangs on
    ("Birthday to Be Celebrated in Peru": 'Celebrated'), and the act an intent verb of these governs ("decided to
    organize a seminar")."""
    verbs = [v for v in (anchor, content) if v is not None]
    if _inside(sent, src):
        verbs.append(verb_above(sent.doc[src.head]))
    return verbs + [c for v in verbs if v.lemma_ in INTENT_HEADS for c in v.children if c.dep_ == "xcomp"]


def _tribute(verb: Any, tgt: ActorMention, idx: MentionIndex) -> bool:
    """``verb`` puts on, sends or spreads something (``PLANNED_TRIBUTES``) that it names ("hold events", not "hold
    fast" or "hold him in esteem"; "give publicity", not "give importance"), and its doer is not the target ("the
    Korean people will conduct an offensive" is praise of them, as is "a photo of the leader visiting a plant")."""
    if verb.lemma_.lower() not in PLANNED_TRIBUTES or verb.pos_ not in ("VERB", "AUX") or _in_esteem(verb):
        return False
    objects = {c.lemma_.lower() for c in verb.children if c.dep_ == "dobj"}
    if verb.lemma_.lower() == "hold" and not objects:
        return False
    if verb.lemma_.lower() == "give" and not objects & GIVEN_EVENTS:  # "give publicity", not "give importance"
        return False
    doers = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if verb.dep_ in ("acl", "relcl"):
        doers.append(verb.head)  # "a photo of the leader visiting a plant"
    return not any(tgt.span.country in _countries(m) for d in doers if (m := idx.by_token.get(d.i)) is not None)


def _in_esteem(verb: Any) -> bool:
    """"hold him in high esteem", "hold the leader in reverence": ``verb`` is a regard, not an event held."""
    return any(c.dep_ == "prep" and c.lower_ == "in" and any(w.lower_ in ESTEEM_NOUNS for w in c.subtree)
               for c in verb.children)


def _stops_giving(anchor: Any, label: str) -> str:
    """The reason's note where a read ``label`` turns SANCTION because ``anchor`` stops the giving."""
    return f"{label}→SANCTION: '{anchor.lemma_.lower()}' stops the giving"


def _stopped(anchor: Any, content: Any) -> bool:
    """The act on the target is what the anchor stops ("ceased supplying", "stopped arming"): ``content`` is the
    ``xcomp`` of an anchor of ``STOP_HEADS``, whose own mood the act's reads (negated where the stop is asserted)."""
    return content is not None and stops(anchor, content)


def _rhetorical_denial(act: Any, words: frozenset[str] = RHETORICAL_DENIALS) -> str | None:
    """"He can never conceal his ambition", "The DPRK will never pardon them", "With no rhetoric can it justify its
    war racket", "I do not understand how they …": a denied act of ``words`` accuses or threatens as firmly as
    the plain words (praises, for ``UNFORGETTING``: "we will never forget his support"); the denied verb (with its
    "never"/"not"/"no"), else None."""
    for verb in (act, *(c for c in act.children if c.dep_ in ("xcomp", "ccomp"))):
        if verb.lemma_ not in words:
            continue
        if any(c.dep_ == "neg" or c.lower_ == "never" for c in verb.children) or any(
                d.lower_ == "no" and d.dep_ == "det" for c in verb.children if c.dep_ == "prep"
                for d in c.subtree):
            return verb.text
    return None


def _speech_mood(sent: Any, src: ActorMention, anchor: Any, idx: MentionIndex,
                 content: Any = None) -> tuple[str, str] | None:
    """The modality of a speech act (``SPEECH_ACTS``) about another's act. ``content`` is the verb acting
    on the target below the anchor, where there is one ("said it would not *condemn* Norway"). Where the
    act spoken of is the speaker's own (its subject is the source's mention, a mention of the source's
    country or a pronoun that names the speaker, ``_speakers_pronoun``: "Sweden said it would not condemn
    Norway"), its modality stands: None where it is the anchor, else that verb's. Where it is a third
    party's ("Norway aims to drag Europe into a war", in a paper's commentary; "Foreign troops should not be
    let to stay in Finland, the group held"), the
    speaker accuses or demands as a fact: asserted, or the modality of the speaker's own verb where the
    sentence names the speaker as its subject; a source that is its own verb's subject keeps that verb's
    ("Sweden and Finland did not condemn Norway")."""
    act = content if content is not None else anchor
    for subj in (c for c in act.children if c.dep_ in ("nsubj", "nsubjpass")):
        m = idx.by_token.get(subj.i)
        if (src.span.country in _countries(m)) if m is not None else _speakers_pronoun(subj, act, src, idx):
            if act.i == anchor.i:
                return None
            mod, cue = modality(act)
            return mod, f"{cue or 'asserted'} (the speaker's own act '{act.text}')"
    verb = _clause_of_subject(sent, src) if _inside(sent, src) else None
    if verb is None:
        return "asserted", "speech act of a speaker the clause does not name as its subject"
    if verb.i == anchor.i:
        return None
    mod, cue = modality(verb)
    return mod, f"{cue or 'asserted'} (speech verb '{verb.text}')"


def _countries(m: ActorMention) -> set[str]:
    """The countries a mention stands for (each member of a pair, "the two leaders")."""
    return {x.span.country for x in (m.members or (m,))}


def _speakers_pronoun(subj: Any, act: Any, src: ActorMention, idx: MentionIndex) -> bool:
    """A pronoun the resolver left open names the speaker where it is "we" or "I", or the subject of a clause that
    a verb of the source reports ("Sweden said it would not condemn Norway"); a commentary's "They should halt
    the drills", "He will have to pay" speaks of another."""
    if subj.pos_ != "PRON":
        return False
    if subj.lower_ in FIRST_PERSON:
        return True
    if act.dep_ != "ccomp":
        return False
    for above in (c for c in act.head.children if c.dep_ in ("nsubj", "nsubjpass")):
        m = idx.by_token.get(above.i)
        if m is not None and src.span.country in _countries(m):
            return True
    return False


def _clause_of_subject(sent: Any, m: ActorMention) -> Any:
    """The verb whose subject the mention is (a second conjunct subject, "Sweden and Finland said", and a
    passive's agent, "was said by Finland", count), else None."""
    tok = first_conjunct(sent.doc[m.head])
    if tok.dep_ == "pobj" and tok.head.dep_ == "agent":
        return tok.head.head
    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return None
    return verb_above(tok.head)


def _they_subject(sent: Any) -> bool:
    """The sentence opens with a plural pronoun or a bare plural group ("the guests") as the subject of
    its main verb (or of a verb coordinated with it): the sentence goes on about the people the story
    has just listed ("X noted that …, and they fought on" is no such sentence)."""
    for verb in (sent.root, *(c for c in sent.root.children if c.dep_ == "conj")):
        for subj in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
            word = subj.lower_
            if subj.left_edge.i - sent.start > THEY_LEAD:
                continue
            if word in THEY_WORDS or (word in THEY_NOUNS and not any(c.dep_ in THEY_NOT_BARE for c in subj.children)):
                return True
    return False


@dataclass(frozen=True)
class ListGroup:
    """The countries of a sentence's events that do one same act to one same target ("Envoys of Uganda,
    Nigeria and Egypt expressed condolences over Kim Jong Il's death"): whom a "They ..." after it means."""

    sources: tuple[ActorSpan, ...]  # first span of each country
    target: str
    plover: str
    start_char: int  # the list's sentence
    end: int  # its end (token index)


def _list_group(events: list[Event], sent: Any) -> ListGroup | None:
    """The largest set of two or more source countries of ``events`` that do one same act (type) to one same
    target country, else None."""
    by_act: dict[tuple[str, str], dict[str, ActorSpan]] = {}
    for e in events:
        if e.target is not None and e.target.country and e.source.country and e.source.country != e.target.country:
            by_act.setdefault((e.target.country, e.plover), {}).setdefault(e.source.country, e.source)
    if not by_act:
        return None
    (target, plover), best = max(by_act.items(), key=lambda kv: len(kv[1]))
    if len(best) < 2:
        return None
    return ListGroup(tuple(best.values()), target, plover, sent.start_char, sent.end)


def _names_a_doer(found: list[Event], sent: Any) -> bool:
    """An event of ``found`` between two countries has its source named in the active subject of ``sent``'s main
    verb: the story has moved on from the list before it to one doer, whom a "They …" after it means ("The chairman of
    the Nepal party and other speakers said …  They extended support …": the Nepali speakers, not every country of
    the earlier list; "wreaths were laid in the name of the Malaysian embassy" names no doer)."""
    mains = (sent.root, *(c for c in sent.root.children if c.dep_ == "conj"))
    for e in found:
        if not (e.source.start is not None and e.source.start >= e.sentence_start and e.target is not None
                and e.source.country and e.target.country and e.source.country != e.target.country):
            continue
        tok = next((t for t in sent if t.idx >= e.source.start), None)
        while tok is not None and tok.i != tok.head.i and sent.start <= tok.i < sent.end:
            if tok.dep_ == "nsubj" and tok.head in mains:
                return True
            tok = tok.head
    return False


def _they_carry(found: list[Event], group: ListGroup) -> list[Event]:
    """Events of a "They ..." sentence for every member of the group it refers to: each event on the group's
    target whose source is one of the group's countries named before the sentence (not the outlet's, not one
    the sentence names) is given to the others too ("They laid wreaths": every listed country laid them),
    with the same target, type, modality and date; at most ``MAX_PAIR_EVENTS`` carried events."""
    countries = {g.country for g in group.sources}
    out: list[Event] = []
    have = {(e.source.country, e.target.country if e.target else None, e.plover) for e in found}
    for e in found:
        before = e.source.start is not None and e.source.start < e.sentence_start
        if e.target is None or e.target.country != group.target or e.source.country not in countries or not before:
            continue
        for g in group.sources:
            key = (g.country, e.target.country, e.plover)
            if len(out) >= MAX_PAIR_EVENTS:
                return out
            if g.country == e.target.country or key in have:
                continue
            have.add(key)
            digest = hashlib.sha1(f"{e.event_id}|they|{g.country}".encode()).hexdigest()[:16]
            out.append(replace(e, event_id=digest, source=g,
                               reason=f"{e.reason}; they: {g.country} {g.text!r} is one of the {len(group.sources)} "
                                      f"countries that the sentence at char {group.start_char} lists acting on "
                                      f"{group.target} (read {e.source.country} here)"))
    return out


def _speakers(sent: Any, found: list[Event], idx: MentionIndex) -> list[ActorMention]:
    """The mentions of the countries that are sources of ``found``'s acts of speech (``SPEECH_ACTS``) and named in
    ``sent`` (one per country): "the U.S. brought its carrier to the waters" names a doer, not a speaker whose
    voice the next sentences carry."""
    at = {one.span.start: one for m in idx.within(sent) for one in (m.members or (m,)) if one.span.start is not None}
    out: dict[str, ActorMention] = {}
    for e in (e for e in found if e.plover in SPEECH_ACTS):
        one = at.get(e.source.start) if e.source.country else None
        if one is not None and one.span.country == e.source.country:
            out.setdefault(e.source.country, one)
    return list(out.values())


def _subject_countries(sent: Any, idx: MentionIndex) -> set[str]:
    """The countries of the sentence's actor mentions that are a clause's subject (or a passive's agent)."""
    doc = sent.doc
    return {m.span.country for m in idx.within(sent) if m.span.country and 0 <= m.head < len(doc)
            and (doc[m.head].dep_ in ("nsubj", "nsubjpass") or doc[m.head].head.dep_ == "agent")}


def _exchanged_between(sent: Any, anchor: Any, src: ActorMention, tgt: ActorMention) -> bool:
    """The two sides, both named in the sentence, exchanged messages, letters or greetings
    (``events.context.exchanges_messages``) as the act that joins them: the "exchange" word is the pair's anchor or
    hangs from it as a modifier, a means or a manner ("celebrated …, exchanging messages", "commemorated … through
    exchanged messages"), not as a second act of a coordination ("signed a trade agreement and exchanged
    messages"), and where it has a subject of its own the two sides are in it ("… held talks, as the leaders of
    Laos and Vietnam exchanged letters" is no exchange of the talks' sides)."""
    if anchor is None or not exchanges_messages(sent.text):
        return False
    if not all(sent.start <= m.tok_start < m.tok_end <= sent.end for m in (src, tgt)):
        return False
    for ex in (t for t in sent if t.lower_.startswith("exchang")):
        node, steps = ex, 0
        while node != anchor and node.dep_ in _EXCHANGE_PATH and steps < 5:
            node, steps = node.head, steps + 1
        if node != anchor:
            continue
        subject = next((c for c in ex.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or ex == anchor:
            return True
        inside = {t.i for t in subject.subtree}
        return src.head in inside and tgt.head in inside
    return False


_EXCHANGE_PATH = frozenset({"amod", "pobj", "prep", "pcomp", "advcl", "xcomp", "acl", "dobj", "npadvmod"})


def _outlet_speaks(sent: Any, found: list[Event], idx: MentionIndex, outlet: str | None) -> bool:
    """The headline has the outlet's country act, or names a medium of it ("KCNA Denounces …", "Rodong Sinmun
    Flays …")."""
    if outlet is None:
        return False
    return any(e.source.country == outlet for e in found) or any(
        m.span.country == outlet and m.span.sector == "MED" for m in idx.within(sent))


def _outlet_voice(inp: PairInput, a: int, b: int, label: str, heard: set[str]) -> bool:
    """Whether an accusation whose source the sentence does not name is the outlet's own, in a story whose
    headline has the outlet's country act ("KCNA Commentary Rejects U.S. …"): its implied source is a country
    the story has not had act or speak so far (a place or a target named before: "It started security talks
    with Japan and Australia. This indicates that the U.S. is pushing for a NATO-style bloc" is KCNA's
    accusation, not Australia's), the outlet's country is a candidate and is not the target."""
    if label != "ACCUSE" or not implied(inp, a) or inp.outlet is None or inp.outlet not in inp.countries:
        return False
    return inp.countries[a] not in heard and inp.outlet not in (inp.countries[a], inp.countries[b])


@dataclass(frozen=True)
class Voice:
    """A story's foreign speaker (``_story_voice``) and the countries its headline or lead has it speak against."""

    speaker: ActorMention
    against: frozenset[str]


def _story_voice(sent: Any, found: list[Event], idx: MentionIndex, outlet: str | None) -> Voice | None:
    """The one foreign speaker of a story's headline (or of its lead, where the headline gave no event): every
    asserted speech act the line gives has the same source, of a country other than the outlet's, named in the
    line ("Chongryon Denounces Lee Group", "Nepali Party Urges U.S. to …"), and none is against the outlet's
    country (a story that opens on another's charge against it goes on in the outlet's own voice: "The south
    Korean police authorities made public the 'results' of an investigation into the north's hackers"), else
    None."""
    acts = [e for e in found if e.plover in SPEECH_ACTS - {"SUPPORT"} and e.modality == "asserted"]
    sources = {e.source.country for e in acts}
    against = frozenset(e.target.country for e in acts if e.target is not None and e.target.country)
    if len(sources) != 1 or None in sources or outlet in sources or outlet in against or not against:
        return None
    start = acts[0].source.start
    speaker = next((m for m in idx.within(sent) if not m.members and m.span.start == start
                    and m.span.country in sources), None)
    return Voice(speaker, against) if speaker is not None else None


VICTIM_PREPS = frozenset({"against", "toward", "towards"})


def _only_victim(sent: Any, country: str, idx: MentionIndex) -> bool:
    """Every mention of ``country`` in the sentence is the object of "against" or "toward" ("a war against the
    DPRK"): the sentence names it as what the act is aimed at, never as one who speaks or acts."""
    found = [m for m in idx.within(sent) if m.span.country == country]
    return bool(found) and all(
        (t := sent.doc[m.head]).dep_ == "pobj" and t.head.lower_ in VICTIM_PREPS for m in found)


def _voiced(inp: PairInput, a: int, b: int, label: str, voice: Voice, sent: Any, idx: MentionIndex) -> bool:
    """Whether a speech act whose source the sentence does not name, read as the outlet's, is the story's foreign
    speaker's (``_story_voice``): the body of "Chongryon Denounces Lee Group" ("Traitor Lee committed the
    unpardonable provocation") is the association's statement, not the agency's word; so is one whose source the
    sentence names only as what the act is aimed at (``_only_victim``: "its ambition for a war against the DPRK"). Only
    against a country the speaker spoke against in the headline or lead: what else the story says may be the
    outlet's own comment."""
    c = voice.speaker.span.country
    if label not in SPEECH_ACTS - {"SUPPORT"} or inp.countries[a] != inp.outlet:
        return False
    if not (implied(inp, a) or _only_victim(sent, inp.countries[a], idx)):
        return False
    if inp.countries[b] not in voice.against or c == inp.countries[b]:
        return False
    return c not in inp.countries or implied(inp, inp.countries.index(c))


def _carries(inp: PairInput, a: int, b: int, speaker: ActorMention) -> bool:
    """Whether the pair's implied source ``a`` gives way to ``speaker``: it is another country than the
    speaker's and the target's, neither it nor the speaker is the outlet's country (the outlet's own voice
    is the model's to place: "the commentary" is no speaker who takes over others' acts), and the
    speaker's country is not named in the sentence (a source the sentence names is the model's to take)."""
    c = speaker.span.country
    if not implied(inp, a) or c in (inp.countries[a], inp.countries[b]):
        return False
    if inp.mentions[a] is None or inp.outlet in (inp.countries[a], c):
        return False
    return c not in inp.countries or implied(inp, inp.countries.index(c))


def _own_speaker(sent: Any, idx: MentionIndex) -> ActorMention | None:
    """The mention of one country that is the subject of the sentence's main verb of saying and names it in its
    own words ("…, North Korea's news agency said Monday", "The Chinese paper noted that …"), else None: "he
    added", "the paper stressed" take their country from coreference, less sure than the model's reading."""
    root = sent.root
    if root.lemma_.lower() not in SAY_LEMMAS:
        return None
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ == "PRON" or any(c.dep_ == "conj" for c in subject.children):
        return None  # no speaker, a pronoun, or several ("The U.S. and south Korea claim …")
    m = idx.by_token.get(subject.i)
    if m is None or m.members or not m.span.country or not _inside(sent, m) or m.reason.startswith("coref:"):
        return None
    return m


def _speaks_here(inp: PairInput, a: int, b: int, label: str, own: ActorMention) -> bool:
    """Whether the implied source ``a`` of an act of speech gives way to the speaker the sentence names
    (``_own_speaker``): "Palestinians rallied against the U.S. The conflict was a tragedy created by the U.S.,
    North Korea's news agency said" is North Korea's accusation, not Palestine's, though the model, reading the
    sentence before in its prefix, takes Palestine."""
    c = own.span.country
    return label in SPEECH_ACTS and implied(inp, a) and c != inp.countries[a] and c != inp.countries[b]


def _given_by_target(sent: Any, src: ActorMention, tgt: ActorMention) -> bool:
    """The sentence's grammar has the target give to the source: the source receives from the target
    ("Kim Jong Il received a gift from the minister of Defence of Syria"), or the source is whom the verb's
    thing went "to" ("The gift was handed to Kim Yong Nam by the Vietnamese envoy", "They were handed to the
    DPRK ambassador to Syria", "The general secretary handed the gift over to the DPRK ambassador to Peru").
    The model reads such sentences the wrong way round."""
    if not (_inside(sent, src) and _inside(sent, tgt)):
        return False
    a, b = src.head, tgt.head

    def depth(i: int, top: Any) -> int:
        tok, n = sent.doc[i], 0
        while tok.i != top.i and tok.head.i != tok.i:
            tok, n = tok.head, n + 1
        return n

    for verb in (t for t in sent if t.pos_ == "VERB"):
        kids = list(verb.children)
        if verb.lemma_.lower() in RECEIVE_LEMMAS and any(c.dep_ == "nsubj" and _covers(c, a) for c in kids) \
                and any(c.dep_ == "prep" and c.lower_ == "from" and _covers(c, b) for c in kids):
            return True
        # the first "to" is who received ("handed the gift to the DPRK ambassador to China" may parse with two)
        to = next((c for c in kids if c.dep_ in ("prep", "dative") and c.lower_ == "to"), None)
        if to is None or not _covers(to, a):
            continue
        if not _covers(to, b) or depth(a, to) < depth(b, to):
            return True  # the source is the receiver ("the DPRK ambassador to Syria": the ambassador, not Syria)
    return False


VISIT_VERBS = frozenset({"visit", "tour"})


def _visited_place(sent: Any, src: ActorMention) -> bool:
    """The source is what a verb of visiting has as its object ("It also visited the Grand People's Study House,
    the Pyongyang Metro and the E-library", the delegation's visit): the visited, not the visitor, whom the
    model, sure of the pair, read the wrong way round."""
    if not _inside(sent, src):
        return False
    tok = first_conjunct(sent.doc[src.head])
    return tok.dep_ == "dobj" and tok.head.pos_ == "VERB" and tok.head.lemma_.lower() in VISIT_VERBS


def _turn_how(label: str) -> str:
    """How the grammar has the target act on the source, for a turned pair's reason."""
    return "visit" if label == "CONSULT" else "give to"


def _no_echoes(found: list[Event]) -> list[Event]:
    """Without the events of a country on itself where a story's sentence has that country act on another:
    the span head or the rules took a side of the wrong country ("Kim said North Korea would strengthen
    cooperation with China" is North Korea's agreement with China, not Kim's with North Korea; "Putin said
    Russia would help North Korea, according to Russian state media"; "Xi invited Putin to visit China"). Of 26
    events it dropped in 700 KCNA stories 24 were wrong and 2 domestic acts arguably right (south Korean groups
    rallying in Seoul against their government's tie-up with Japan). Not for a sentence alone: PLV's held-out dyad
    recall fell 0.860 → 0.841 with it, its one-sentence reports holding a state's domestic act beside a foreign one."""
    abroad = {e.source.country for e in found if e.target is not None and e.target.country
              and e.source.country and e.source.country != e.target.country}
    return [e for e in found if not (e.target is not None and e.source.country in abroad
                                     and e.target.country == e.source.country)]


def _as_message(label: str, text: str) -> bool:
    """An AID or CONCEDE pair in a sentence whose things are messages, letters or floral baskets and no goods
    is SUPPORT, as the guide has it ("consolatory letters from the military attaches of ... embassies")."""
    return label in MESSAGE_NOT and sends_messages(text)


def _named_in(side: Any, sent: Any) -> bool:
    """An event's side is a mention in ``sent``, not one the story implies (no span, or a span before it)."""
    return side is not None and side.start is not None and sent.start_char <= side.start < sent.end_char


def _one_doer(events: list[Event], sent: Any) -> list[Event]:
    """Events whose source the sentence names stand for their act: an event of the same type on the same
    target from a source only the story implies is dropped ("It said the President led the struggle", "It"
    being the Congolese paper, is not also Cambodia's praise, though the story named Cambodia first)."""
    acts = {(e.target.country if e.target else None, e.plover) for e in events if _named_in(e.source, sent)}
    return [e for e in events
            if _named_in(e.source, sent) or (e.target.country if e.target else None, e.plover) not in acts]


def _one_partner(events: list[Event], sent: Any, idx: MentionIndex) -> list[Event]:
    """A meeting, agreement or cooperation "between" two sides the sentence names is theirs alone: the same act
    with a side only the story implies is dropped ("an agreement was formalized during a summit in Pyongyang
    between Kim Jong Un and Putin" was also North Korea's and Russia's agreement with China, named earlier).
    Without "between … and …" the implied side stays ("A delegation arrived here", named in the story)."""
    def named(e: Event) -> bool:
        return _named_in(e.source, sent) and _named_in(e.target, sent)

    text = sent.text.lower()
    at = text.find(" between ")
    if at < 0 or " and " not in text[at:]:
        return events
    after = {m.span.country for m in idx.within(sent) if m.span.start >= sent.start_char + at}
    both = {e.plover for e in events if e.plover in RECIPROCAL and named(e)
            and {e.source.country, e.target.country} <= after}
    return [e for e in events if e.plover not in both or named(e)]


def _no_venue(events: list[Event], sent: Any) -> list[Event]:
    """The city where two others meet is no party to their meeting: "Kim also held talks with Putin in Beijing" was
    also China → North Korea CONSULT, from "Beijing". A meeting whose side is only the place after "in" or "at" is
    dropped where one of its sides meets a third country named as an actor in the same sentence."""
    def venue(side: Any) -> bool:
        word = _prep_object(side, sent)
        return word is not None and word.head.lower_ in ("in", "at")

    talks = [e for e in events if e.plover == "CONSULT" and e.target is not None]
    met = {_dyad(e) for e in talks
           if _named_in(e.source, sent) and _named_in(e.target, sent) and not venue(e.source) and not venue(e.target)}

    def elsewhere(e: Event) -> bool:
        place, other = (e.source, e.target) if venue(e.source) else (e.target, e.source)
        return any(other.country in pair and place.country not in pair for pair in met)

    return [e for e in events if not (e in talks and (venue(e.source) or venue(e.target)) and elsewhere(e))]


PLACE_PREPS = frozenset({"in", "into", "inside"})


def _prep_object(side: Any, sent: Any) -> Any:
    """The head word of the side's span where the sentence names it as the object of a preposition, else None."""
    if side is None or not _named_in(side, sent):
        return None
    span = sent.doc.char_span(side.start, side.end, alignment_mode="expand")
    return span.root if span is not None and span.root.dep_ == "pobj" else None


def _place_only(side: Any, sent: Any) -> bool:
    """The side is named in the sentence only as where something is or goes: a name that is the object of "in",
    "into" or "out of" said of an act or a state ("the GIs present in south Korea", "pull its forces out of
    south Korea"), not of a noun ("persons in the U.S." are the U.S.'s)."""
    word = _prep_object(side, sent)
    if word is None or word.pos_ != "PROPN":  # not "the U.S. policy"
        return False
    prep = word.head
    if prep.lower_ == "of" and prep.head.lower_ == "out":
        return True
    return prep.lower_ in PLACE_PREPS and prep.head.pos_ in ("VERB", "AUX", "ADJ")  # not "persons in the U.S."


def _no_place(events: list[Event], sent: Any, idx: MentionIndex) -> list[Event]:
    """A place is no target where its source does the same to an actor the sentence names: "demanded the U.S.
    pull its forces out of south Korea" is a demand on the U.S. alone, "condemning the GIs present in south
    Korea" an accusation of the U.S. alone; the place's country stays a target where the sentence also names
    it as an actor ("… present in south Korea … in collusion with the Lee Myung Bak group")."""
    def place(e: Event) -> bool:
        return _place_only(e.target, sent) and not any(
            m.span.country == e.target.country and m.span.start != e.target.start
            and not _place_only(m.span, sent) for m in idx.within(sent))

    placed = [place(e) for e in events]
    acts = {(e.source.country, e.plover) for e, at in zip(events, placed)
            if e.target is not None and _named_in(e.target, sent) and not at}
    return [e for e, at in zip(events, placed) if not (at and (e.source.country, e.plover) in acts)]


def _outlet_accuses(inp: PairInput, src: ActorMention, label: str) -> bool:
    """An accusation whose source is still the outlet's country where no one in the story took it over (no
    mention: the country is implied by the outlet alone; no speaker of the story's voice), asked of a pair kept on
    the floors short of the story gate's threshold (``_gated_pairs``): the agency's own voice censuring
    whoever a commentary describes. The annotators code that accusation where the sentence censures ("the puppet
    group strangles the people"), not where it reports what the target does ("the U.S. pushes forward the
    deployment of new type bombs"), and the pairs the gate scores under its threshold are mostly the second kind (on
    dev2 and the 450 unseen silver stories 2 right of 14): such a pair stands only where the gate keeps it."""
    return label == "ACCUSE" and src.span.start is None and src.span.country == inp.outlet


def _over_floor(inp: PairInput, a: int, b: int, p: Any, best: int, none: int, p_none: float, headline: bool) -> bool:
    """The pair's best root beats NONE and its floor (see ``LearnedCoder._likely_pairs``)."""
    floor = PAIR_SURE if p_none >= NONE_CERTAIN else PAIR_THRESHOLD
    if implied(inp, a) and headline:
        floor = max(floor, HEADLINE_IMPLIED_SURE)
    elif implied(inp, a) and implied(inp, b):
        floor = max(floor, PAIR_IMPLIED_SURE)
    return bool(p[best] >= floor and p[best] > p[none])


def story_context(pending: Pending, preds: list[Any], none: int) -> StoryContext:
    """The pair head's answers for every sentence of the story it read, for the story gate; the first is the
    story's headline where it has one."""
    inputs = pending.inputs or [None] * len(pending.sentences)
    probs = [pred[0] if inp is not None else None for inp, pred in zip(inputs, preds)]
    return StoryContext.of(inputs, probs, bool(pending.sentences) and _story_headline(pending.sentences[0]),
                           none)


TOPIC_PREPS = frozenset({"on", "about", "over", "regarding", "concerning"})
TALK_NOUNS = frozenset({"talk", "talks", "discussion", "consultation", "negotiation", "dialogue", "conversation",
                        "view", "views", "opinion", "meeting"})
PARTY_PREPS = frozenset({"with", "between", "among"})


def _topic_of_talks(sent: Any, m: ActorMention) -> bool:
    """The mention is only what talks are about: below the noun of "talks on", "views about", "a meeting over"
    in the parse, with no "with"/"between" on the way ("held talks on the war in Ukraine": Ukraine is no party;
    "talks on cooperation with Russia" keeps Russia; "they talked about the friendship of the two countries",
    a verb, keeps the two countries: the gold codes them)."""
    if not _inside(sent, m):
        return False
    tok = sent.doc[m.head]
    while tok.head.i != tok.i and sent.start <= tok.head.i < sent.end:
        if tok.dep_ == "pobj" and tok.head.lower_ in PARTY_PREPS:
            return False
        if tok.dep_ == "prep" and tok.lower_ in TOPIC_PREPS and tok.head.pos_ == "NOUN" \
                and tok.head.lemma_.lower() in TALK_NOUNS:
            return True
        tok = tok.head
    return False


def _one_compound(a: ActorMention, b: ActorMention) -> bool:
    """Both are countries of one compound mention ("the DPRK-Russia friendship")."""
    return a.span.start is not None and a.span.start == b.span.start and a.compound_member and b.compound_member


def _story_headline(sent: Any) -> bool:
    """The sentence is the story's first line and more follows: its headline, where the story has one (not
    ``actors.resolve._headline``, a title-case line anywhere)."""
    return sent.start == 0 and not _alone(sent)


def _alone(sent: Any) -> bool:
    """The sentence is the whole document (a headline, a PLV-style sentence): no story to place its
    non-state actors in a country."""
    return sent.start == 0 and sent.end == len(sent.doc)


def _names_a_country(sent: Any, idx: MentionIndex) -> bool:
    """Some actor mention of the sentence (or a member of one) has a country: else, in a story, none of the
    sentence's events would be kept (``_placed``), and the model does not read it."""
    return any(m.span.country or any(x.span.country for x in m.members or ()) for m in idx.within(sent))


def _subheading(sent: Any, idx: MentionIndex) -> bool:
    """A subheading inside a story ("The Perfect Show", "Triangular alignment"): a whole line after the first
    and before the last, of at most ``SUBHEADING_WORDS`` words, with no verb, no sentence end and no actor of a
    country. It reports nothing; the model, reading the story's countries into it, took it for an event between
    them."""
    doc = sent.doc
    if sent.start == 0 or not _line_bounds(sent):
        return False
    words = [t for t in sent if not t.is_space]
    if not words or len(words) > SUBHEADING_WORDS or words[-1].text in SENTENCE_ENDS:
        return False
    return not any(t.pos_ in ("VERB", "AUX") for t in words) and not _names_a_country(sent, idx) and len(doc) > sent.end


def _line_bounds(sent: Any) -> bool:
    """The sentence is a line of its own: a line break (or the text's start) before it and after it."""
    doc = sent.doc
    before = sent.start == 0 or "\n" in doc[sent.start - 1].text or "\n" in doc[sent.start - 1].whitespace_
    last = sent.end - 1
    while last > sent.start and doc[last].is_space:
        if "\n" in doc[last].text:
            return before
        last -= 1
    after = (sent.end >= len(doc) or "\n" in doc[last].whitespace_
             or (doc[sent.end].is_space and "\n" in doc[sent.end].text))
    return before and after


def _placed(e: Event, sent: Any) -> bool:
    """Whether a sentence-head or rule event is kept. A sentence that is the whole document (a headline, a
    PLV-style sentence) keeps it. In a story, a side without a country is rarely a party ("the reporter
    underlined the need for all the officials…", "He visited the construction sites", "Rodong Sinmun Calls for
    Fresh Turn in Land Management"), and the span head, trained on PLV's sentences of one event each, gives no
    event of its own: of its events in a month of KCNA stories (August 2011), about 1 in 10 was an event by
    reading ("Typhoon, Heavy Rain Cause Damage in DPRK" an ASSAULT, "The meetings discussed …" a CONSULT of "The
    meetings" with the leader). The rules' events between two actors of countries stay, a country's own
    included ("the south Korean public demanded the authorities …")."""
    if _alone(sent):
        return True
    return bool(e.source.country and e.target and e.target.country) and not e.reason.startswith("model:")
