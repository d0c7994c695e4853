"""The event coder: a parsed Doc → Events with evidence, modality, date and reason."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date
from itertools import islice
from typing import Any

from blocwatch.actors import ActorMention, ActorResolver
from blocwatch.actors.resolve import REGIONS, EventWords
from blocwatch.events.context import reads_no_event
from blocwatch.events.dates import event_date, sentence_ents
from blocwatch.events.lexicon import RECIPROCAL, SPEECH_ACTS, Lexicon
from blocwatch.events.modality import STOP_HEADS, modality
from blocwatch.events.rules import (MentionIndex, Predicate, demand_predicates, find_sources, find_targets,
                                    lookup_verb, nominal_predicates)
from blocwatch.limits import MAX_SENTENCES, Deadline
from blocwatch.records import ActorSpan, Event

MAX_EVENTS_PER_PREDICATE = 6
CO_SIGNED = frozenset({"057"})  # "X and Y signed a treaty": between the co-signers
# "Laos and Viet Nam exchanged messages": each did the act to the other (SUPPORT both ways, as the real-news guide
# has it), where the act is no reciprocal type that one event covers.
EXCHANGE_VERBS = frozenset({"exchange"})
# Nouns for a country's other parties: "the allies of Ukraine", "Ukraine's allies", "U.S. allies" are other states.
OTHER_PARTIES = frozenset({"ally", "allies", "friend", "enemy", "foe", "adversary", "partner", "neighbour",
                           "neighbor", "rival", "backer", "supporter", "opponent", "sponsor", "patron"})
# A tie whose founders a participle names ("the friendship provided by the two leaders", "relations forged by them").
TIE_NOUNS = frozenset({"relation", "relations", "tie", "ties", "friendship", "relationship", "cooperation"})
READY = frozenset({"ready", "willing", "prepared", "determined", "eager", "keen", "committed", "open"})
# The lexicon's entry for aid a source stops giving ("ceased supplying arms to"): CAMEO 162, reduce or stop aid
STOPPED_AID = "stop:aid"


class EventCoder:
    """Codes events from a parsed Doc whose char offsets are article offsets."""

    def __init__(self, resolver: ActorResolver, lexicon: Lexicon):
        self.resolver = resolver
        self.lexicon = lexicon

    @classmethod
    def from_package(cls, actor_files: tuple[str, ...] = (), verb_files: tuple[str, ...] = ()) -> "EventCoder":
        lexicon = Lexicon.from_package(verb_files)
        return cls(ActorResolver.from_package(actor_files, EventWords.from_keys(lexicon.keys)), lexicon)

    def code(self, doc: Any, *, doc_id: str, published: date | None = None, deadline: Deadline | None = None,
             max_sentences: int = MAX_SENTENCES, outlet: str | None = None) -> list[Event]:
        """Events of the first ``max_sentences`` sentences, each coded on its own (a sentence that reports
        sport play or lists who attended gives none: ``events.context``); ``deadline`` is checked between
        sentences. (``outlet`` is read by the learned coder only.)"""
        idx = MentionIndex(self.resolver.mentions(doc, on=published))
        if not idx.by_token:
            return []
        events: list[Event] = []
        for sent in actor_sentences(doc, idx, max_sentences):
            if deadline:
                deadline.check("coding events")
            if not reads_no_event(sent):
                events += self.code_sentence(sent, idx, doc_id, published)
        return distinct(events)

    def code_sentence(self, sent: Any, idx: MentionIndex, doc_id: str, published: date | None) -> list[Event]:
        """The rules' events in one sentence, given the document's actor mentions."""
        return [e for pred in self.predicates(sent, idx) for e in self.predicate_events(pred, sent, doc_id, published)]

    def predicates(self, sent: Any, idx: MentionIndex) -> list[Predicate]:
        """Verbal predicates (with xcomp folding) and then nominal ones."""
        preds: list[Predicate] = []
        by_verb: dict[int, Predicate] = {}
        for tok in sent:
            if tok.lemma_ == "be" and (pred := self._readiness(tok, idx)):
                preds.append(pred)
                continue
            if tok.pos_ != "VERB":
                continue
            entry = lookup_verb(tok, self.lexicon)
            if not entry or entry.plover == "NONE":
                continue
            notes: list[str] = []
            head = by_verb.get(tok.head.i) if tok.dep_ == "xcomp" else None
            if head is not None:  # "vowed to strengthen ties with Y": one event, the head's
                if not head.targets:
                    head.targets = find_targets(tok, idx, entry)
                continue
            passive = any(c.dep_ == "nsubjpass" for c in tok.children) or (tok.dep_ == "acl" and tok.tag_ == "VBN")
            if passive and tok.dep_ == "acl" and _of_a_tie(tok.head):
                continue  # "the friendly relations provided by the two leaders": who founded a tie, no act on anyone
            pred = Predicate(tok, entry, "passive" if passive else "svo", find_sources(tok, idx, notes),
                             find_targets(tok, idx, entry), notes)
            by_verb[tok.i] = pred
            if pred.sources:
                preds.append(pred)
        used = {p.token.i for p in preds} | {c.i for p in preds for c in p.token.children if c.dep_ == "dobj"}
        return preds + demand_predicates(sent, idx, self.lexicon) + nominal_predicates(sent, idx, self.lexicon, used)

    def predicate_events(self, pred: Predicate, sent: Any, doc_id: str, published: date | None,
                         mood: tuple[str, str] | None = None, intent_as_agree: bool = True) -> list[Event]:
        """Events of one predicate: its source/target pairs with modality, date and reason. ``mood``, where
        given, is the (modality, cue) of the act instead of the predicate verb's (a speaker's accusation is
        asserted though the verb it is about is negated or intended). An intended act is PLOVER's AGREE or
        THREATEN (``_as_intent``, as PLV codes it) unless ``intent_as_agree`` is False: then it keeps its own
        type, intended ("will visit China" is an intended CONSULT), as the real-news guide codes it."""
        pairs = _pairs(pred)
        if not pairs:
            return []
        mod, cue = mood or modality(pred.token)
        if mod == "intended" and intent_as_agree:
            pred = self._as_intent(pred)
        elif mod == "negated" and cue in STOP_HEADS and pred.entry.plover == "AID" and (
                entry := self.lexicon.get(STOPPED_AID)):  # "Russia ceased supplying arms to Syria": it cut its aid
            pred = replace(pred, entry=entry, notes=[*pred.notes, f"{cue} {pred.entry.key}: stopping aid is SANCTION"])
            mod, cue = "asserted", ""

        found, date_text = event_date(pred.token, sent, published, tuple(_where(m) for m in pred.sources),
                                      speech=pred.entry.plover in SPEECH_ACTS)
        reason = [f"{pred.rule}:{pred.entry.key}→{pred.entry.plover} (CAMEO {pred.entry.cameo})", *pred.notes]
        if cue:
            reason.append(f"modality:{cue}")
        if found:
            reason.append(f"date:{date_text!r} {found[2]}")
        return [self._event(pred, sent, doc_id, s, t, mod, found, "; ".join(reason + _links(s, t))) for s, t in pairs]

    def _readiness(self, be: Any, idx: MentionIndex) -> Predicate | None:
        """"X is ready/willing to <act> Y": a stated intention, AGREE or THREATEN by the act's quad class."""
        adj = next((c for c in be.children if c.dep_ == "acomp" and c.lemma_.lower() in READY), None)
        act = next((c for c in (adj.children if adj else ()) if c.dep_ == "xcomp"), None)
        entry = lookup_verb(act, self.lexicon) if act is not None else None
        if entry is None or entry.plover == "NONE":
            return None
        notes: list[str] = []
        sources = find_sources(be, idx, notes)
        if not sources:
            return None
        intent = self.lexicon.get("intent:cooperate" if entry.quad in (1, 2) else "intent:conflict") or entry
        return Predicate(act, intent, "ready", sources, find_targets(act, idx, entry),
                         [*notes, f"{adj.lemma_} to {entry.key}"])

    def _as_intent(self, pred: Predicate) -> Predicate:
        """PLOVER codes a stated intention as AGREE (to cooperate) or THREATEN (to act against)."""
        if pred.entry.plover in ("AGREE", "THREATEN", "NONE"):
            return pred
        key = "intent:cooperate" if pred.entry.quad in (1, 2) else "intent:conflict"
        entry = self.lexicon.get(key)
        if entry is None:
            return pred
        return replace(pred, entry=entry,
                       notes=[*pred.notes, f"{pred.entry.key}→{pred.entry.plover} stated as intent"])

    def _event(self, pred, sent, doc_id, src: ActorMention, tgt: ActorMention | None, mod, found, reason) -> Event:
        key = f"{doc_id}|{sent.start_char}|{src.span.start}|{tgt.span.start if tgt else -1}|{pred.entry.plover}"
        if _links(src, tgt) or _grouped(src, tgt):  # members of "the two leaders" or of "U.S.-south Korea
            # exercises" share one span: the codes tell them apart
            key += f"|{src.span.code}|{tgt.span.code if tgt else ''}"
        return Event(
            event_id=hashlib.sha1(key.encode()).hexdigest()[:16], doc_id=doc_id, sentence=sent.text,
            sentence_start=sent.start_char, sentence_end=sent.end_char, source=src.span,
            target=tgt.span if tgt else None, plover=pred.entry.plover, plover_mode=pred.entry.mode,
            cameo=pred.entry.cameo, quad_class=pred.entry.quad, goldstein=pred.entry.goldstein, modality=mod,
            date=found[0] if found else None, date_precision=found[1] if found else None,
            location=_location(pred.token), reason=reason)


def _of_a_tie(noun: Any) -> bool:
    """The noun is a tie ("relations"), or the object of a preposition of one ("relations between the two
    countries")."""
    if noun.lemma_.lower() in TIE_NOUNS:
        return True
    return noun.dep_ == "pobj" and noun.head.head.lemma_.lower() in TIE_NOUNS


def actor_sentences(doc: Any, idx: MentionIndex, max_sentences: int = MAX_SENTENCES) -> list[Any]:
    """The sentences among the first ``max_sentences`` that hold an actor mention."""
    return [s for s in islice(doc.sents, max_sentences) if any(i in idx.by_token for i in range(s.start, s.end))]


def _links(*sides: ActorMention | None) -> list[str]:
    """The coreference links behind the source and target ("coref:the ministry→…")."""
    return [m.reason for m in sides if m is not None and m.reason.startswith("coref:")]


def _grouped(*sides: ActorMention | None) -> bool:
    """A side is one country of a compound naming several ("U.S.-south Korea joint military exercises")."""
    return any(m is not None and m.compound_member for m in sides)


def distinct(events: list[Event]) -> list[Event]:
    """One event per (sentence, source span, target span, type): rules may find it twice."""
    seen: set[str] = set()
    out = []
    for e in events:
        if e.event_id not in seen:
            seen.add(e.event_id)
            out.append(e)
    return out


def _pairs(pred: Predicate) -> list[tuple[ActorMention, ActorMention | None]]:
    """Source/target pairs: every source with every target; reciprocal events among co-sources."""
    sources, targets = pred.sources, [t for t in pred.targets if all(t is not s for s in pred.sources)]
    if not pred.countries_given:
        sources = [_others_of(pred.token.doc, m) for m in sources]
        targets = [_others_of(pred.token.doc, m) for m in targets]
    if len(sources) > 1 and (pred.entry.plover in RECIPROCAL or pred.entry.cameo in CO_SIGNED):
        pairs = [(a, b) for i, a in enumerate(sources) for b in sources[i + 1:]]
    elif (len(sources) > 1 and pred.token.lemma_.lower() in EXCHANGE_VERBS
          and not any(t.span.country for t in targets)):  # "… on the anniversary" names no other party
        pairs = [(a, b) for a in sources for b in sources if a is not b]  # each sent the other one
    else:
        pairs = [(s, t) for s in sources for t in (targets or [None])]
    pairs = [(s, t) for s, t in pairs if t is None or s.span.code != t.span.code or s.span.code is None
             or (_links(s, t) and s.span.start != t.span.start)]  # "the prime minister" of the same state
    return pairs[:MAX_EVENTS_PER_PREDICATE]


def _others_of(doc: Any, m: ActorMention) -> ActorMention:
    """``m``, or where it names a country only as the one whose allies, friends or enemies are meant ("urged the
    allies of Ukraine", "Ukraine's allies", "U.S. allies"), those others: a mention without a country."""
    head = doc[m.head]
    noun = None
    if head.pos_ == "PRON":  # "our sworn enemy": KCNA's own voice, not others
        return m
    if head.lemma_.lower() in OTHER_PARTIES and any(c.dep_ in ("poss", "compound") and m.tok_start <= c.i < m.tok_end
                                                    for c in head.children):
        noun = head
    elif head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() in OTHER_PARTIES:
        noun = head.head.head
    elif head.dep_ in ("poss", "compound") and head.head.lemma_.lower() in OTHER_PARTIES:
        noun = head.head
    if noun is None or m.members:
        return m
    start, end = min(noun.left_edge.i, m.tok_start), max(noun.i + 1, m.tok_end)
    text = doc[start:end]
    span = ActorSpan(text.text, text.start_char, text.end_char, None)
    return ActorMention(span, start, end, noun.i, f"others of:{m.span.text}")


def _location(verb: Any) -> str | None:
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "at")):
        for obj in prep.children:
            if obj.dep_ == "pobj" and obj.ent_type_ in ("GPE", "LOC", "FAC"):
                ent = next((e for e in sentence_ents(verb.sent) if e.start <= obj.i < e.end), None)
                return ent.text if ent else obj.text
    return None


def regional(e: Event) -> bool:
    """Whether a side of the event is a region ("the European Regional Headquarters" of a Korean body,
    "Latin American parties"). The learned coder drops such events, as the real-news guide has no region
    as a party; the rules coder keeps them, as PLV's gold does ("European countries" is a side there:
    dropping them cost the rules coder 0.006 of PLV dyad recall)."""
    return e.source.country in REGIONS or (e.target is not None and e.target.country in REGIONS)


def _where(m: ActorMention) -> int:
    """The token a source stands at, for dating its act: -1 for the outlet's country, which no text names (a side
    named earlier in the story stands at its own token there): both stand outside every clause of the sentence."""
    return m.head if m.span.start is not None and m.tok_start < m.tok_end else -1
