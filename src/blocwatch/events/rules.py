"""Dependency-parse rules: which tokens are event predicates, and who is their source and target.

Each rule returns ``Predicate`` records; the coder turns them into Events. Rules:
- ``svo``: verb with subject → object / prepositional object / dative (active voice);
- ``passive``: "was attacked by X" (target = subject, source = agent);
- ``xcomp``: "vowed to strengthen ties with Y" borrows the target of the complement clause;
- ``nominal``: "a summit between X and Y", "X's criticism of Y", "aid to Y";
- attribution: a clause with no actor subject takes the speaker of a governing "said"/"according to".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from blocwatch.actors import ActorMention
from blocwatch.actors.resolve import unique
from blocwatch.events.dates import when_clause
from blocwatch.events.lexicon import Entry, Lexicon
from blocwatch.records import ActorSpan
from blocwatch.speech import SAY_LEMMAS

TARGET_PREPS = ("with", "against", "to", "on", "toward", "towards", "at", "for", "from", "over", "into", "between", "by",
                "of")
DOC_NOUNS = frozenset({"statement", "article", "editorial", "commentary", "report", "message", "letter",
                       "communique", "announcement", "declaration"})
SHOW_VERBS = frozenset({"demonstrate", "rally", "march"})  # with an object they mean show / gather, not protest
INNER_PREPS = frozenset({"of", "by", "from", "between", "with", "on", "against", "to", "in", "into", "over"})


@dataclass
class Predicate:
    token: Any
    entry: Entry
    rule: str
    sources: list[ActorMention]
    targets: list[ActorMention]
    notes: list[str] = field(default_factory=list)
    countries_given: bool = False  # the sides are the countries a model chose; their mentions are only evidence


class MentionIndex:
    """Token index → the actor mention covering it, for one Doc."""

    def __init__(self, mentions: list[ActorMention]):
        self.by_token = {i: m for m in mentions for i in range(m.tok_start, m.tok_end)}
        self._according: dict[int, ActorMention | None] = {}

    def according_to(self, sent: Any) -> ActorMention | None:
        """The actor of "according to X" in ``sent`` (looked up once per sentence, not once per verb)."""
        if sent.start not in self._according:
            self._according[sent.start] = None
            for tok in sent:
                if tok.lower_ == "according" and tok.i + 1 < sent.end and sent.doc[tok.i + 1].lower_ == "to":
                    found = [m for obj in sent.doc[tok.i + 1].children if obj.dep_ == "pobj" and (m := self.at(obj))]
                    if found:
                        self._according[sent.start] = found[0]
                        break
        return self._according[sent.start]

    def at(self, tok: Any) -> ActorMention | None:
        return self.by_token.get(tok.i)

    def within(self, span: Any) -> list[ActorMention]:
        """The mentions covering tokens of ``span`` (a sentence), each once, in the order of their first token."""
        seen: dict[int, ActorMention] = {}
        for t in range(span.start, span.end):
            m = self.by_token.get(t)
            if m is not None:
                seen.setdefault(id(m), m)
        return list(seen.values())

    def with_conjuncts(self, tok: Any) -> list[ActorMention]:
        """The mention at ``tok`` and at each of its conjuncts, or inside "of"-phrases of a bare noun."""
        out: list[ActorMention] = []
        heads = [tok] if self.at(tok) else [c for c in tok.children if c.dep_ == "appos"] or [tok]
        for t in (h for head in heads for h in (head, *head.conjuncts)):  # "SEOUL – China and North Korea"
            m = self.at(t)
            if m and m.members:  # "the two leaders": each actor the pair stands for
                out += m.members
            elif m and m.span.country:
                out.append(m)
            elif m is None or not m.span.country:
                inner = self._of_phrase(t)
                out += inner or ([m] if m else [])
        return unique(out)

    def _of_phrase(self, tok: Any) -> list[ActorMention]:
        """"the leaders of North Korea and China" → the countries."""
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "from"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return [m for t in (obj, *obj.conjuncts) if (m := self.at(t))]
        return []


def lookup_verb(verb: Any, lex: Lexicon) -> Entry | None:
    lemma = verb.lemma_.lower()
    for child in verb.children:
        if child.dep_ == "prep" and any(o.ent_type_ in ("DATE", "TIME") for o in child.children):
            continue  # "called X on Friday" is not "call on"
        if child.dep_ in ("prt", "prep"):
            entry = lex.get(f"{lemma}|prep:{child.lower_}")
            if entry:
                return entry
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ == "NOUN":
        # "the photo released by the agency": the noun the participle is said of may make it no event
        entry = lex.get(f"{lemma}|obj:{verb.head.lemma_.lower()}")
        if entry is not None and entry.plover == "NONE":
            return entry
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if not objects:  # "strengthen and develop relations": conjoined verbs share the object
        objects = [c for v in verb.conjuncts for c in v.children if c.dep_ == "dobj"]
    # the object predicate names the act in "called South Korea the principal enemy" (call|obj:enemy);
    # it is no event noun of its own ("declared Seoul a threat" is no THREATEN)
    predicates = [c for c in verb.children if c.dep_ == "oprd"]
    for child in objects + predicates:
        entry = lex.get(f"{lemma}|obj:{child.lemma_.lower()}")
        if entry:
            return entry
    if lemma in LIGHT_VERBS:  # "launched an investigation", "declared a ceasefire": the noun is the event
        for child in objects:
            entry = lex.get(f"n:{child.lemma_.lower()}")
            if entry:
                return entry
    if lemma in SHOW_VERBS and any(c.dep_ == "dobj" for c in verb.children):  # "demonstrated resolve"
        return None
    return lex.get(lemma)


LIGHT_VERBS = frozenset({"launch", "begin", "start", "announce", "conduct", "carry", "order", "declare", "give",
                         "stage", "mount", "initiate", "unveil", "make", "issue", "take", "resume", "intensify",
                         "step", "continue", "complete", "finalize", "approve", "offer", "provide"})


def find_sources(verb: Any, idx: MentionIndex, notes: list[str]) -> list[ActorMention]:
    """Agent of a passive, else subject, else the subject of the governing clause or speaker."""
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or _participle(verb)
    if passive:
        for agent in (c for c in verb.children if c.dep_ == "agent"):
            for obj in (c for c in agent.children if c.dep_ == "pobj"):
                return idx.with_conjuncts(obj)
        return []
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    for subj in subjects:
        found = idx.with_conjuncts(subj)
        if found:
            return found
    if any(s.pos_ != "PRON" for s in subjects):
        found = _speaker(verb, idx, notes)
        named = [s for s in subjects if s.pos_ == "PROPN" or s.tag_ in ("NNS", "NNPS")]
        if not found and named:  # an actor the dictionaries do not know: "ICE", "Musicians"
            notes.append("source:uncoded subject")
            return _bare_object(named)
        return found
    if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX"):
        if subjects and getattr(when_clause(verb), "i", None) == verb.i and actor_object(verb.head, idx):
            notes.append("source:the pronoun could be the clause's object")  # "praised Russia when it armed Syria"
            return []
        return find_sources(verb.head, idx, notes)
    if verb.dep_ == "relcl" and (m := idx.at(verb.head)):
        return [m]
    if verb.dep_ == "acl" and verb.head.lemma_.lower() in DOC_NOUNS:  # "issued a statement condemning Y"
        if (m := idx.at(verb.head)) and m.span.country:
            return [m]
        if verb.head.dep_ == "dobj" and verb.head.head.pos_ == "VERB":
            found = find_sources(verb.head.head, idx, notes)
            if found:
                notes.append(f"issuer of the {verb.head.lemma_.lower()}")
                return found
    return _speaker(verb, idx, notes)


def actor_object(verb: Any, idx: MentionIndex) -> bool:
    """``verb``'s object holds an actor with a country ("praised Russia", "sent a message to Russia", "imposed
    sanctions on Russia"): a pronoun subject of a clause on the verb ("when it began to arm Syria") may be that
    actor as well as the verb's subject."""
    return any((m := idx.at(t)) is not None and m.span.country
               for c in verb.children if c.dep_ in ("dobj", "dative", "prep") for t in c.subtree)


def _speaker(verb: Any, idx: MentionIndex, notes: list[str]) -> list[ActorMention]:
    """The actor who said the clause: "..., the Rodong Sinmun said" / "according to KCNA"."""
    node = verb
    while node.dep_ in ("ccomp", "conj", "parataxis", "advcl") and node.head.i != node.i:
        node = node.head
        if node.lemma_ in SAY_LEMMAS:
            for subj in (c for c in node.children if c.dep_ == "nsubj"):
                found = idx.with_conjuncts(subj)
                if found:
                    notes.append(f"attribution:{node.lemma_}")
                    return found
    if (m := idx.according_to(verb.sent)):
        notes.append("attribution:according to")
        return [m]
    for child in verb.children:  # "“…,” the Rodong Sinmun said" parsed with the quote as ccomp of said
        if child.dep_ == "parataxis" and child.lemma_ in SAY_LEMMAS:
            for subj in (c for c in child.children if c.dep_ == "nsubj"):
                if (found := idx.with_conjuncts(subj)):
                    notes.append(f"attribution:{child.lemma_}")
                    return found
    return []


def find_targets(verb: Any, idx: MentionIndex, entry: Entry) -> list[ActorMention]:
    """The recipient: a state actor as object, else the nearest state actor in the clause's
    object and prepositional phrases ("sanctions on Iran", "troops to South Sudan"), else any
    actor there, else the bare object noun ("a Canadian man")."""
    kids = list(verb.children)
    passive = [c for c in kids if c.dep_ == "nsubjpass"] or ([verb.head] if _participle(verb) else [])
    objects = passive + [c for c in kids if c.dep_ in ("dobj", "dative", "attr")]
    wanted = entry.key.split("|prep:")[1] if "|prep:" in entry.key else None
    preps = [c for c in kids if c.dep_ == "prep" and (c.lower_ in TARGET_PREPS or c.lower_ == wanted)]
    preps.sort(key=lambda p: (p.lower_ != wanted, TARGET_PREPS.index(p.lower_) if p.lower_ in TARGET_PREPS else 99))
    pobjs = [o for p in preps for o in p.children if o.dep_ == "pobj"]
    weak: list[ActorMention] = []
    for tok in objects + pobjs:
        found = idx.with_conjuncts(tok)
        if any(m.span.country for m in found):
            return found
        weak = weak or found
    for tok in objects:
        if (inner := _inside(tok, idx)):
            return inner
    # "criticized Hyon for displeasing the U.S.": where an actor is censured, the "for" phrase is the charge
    charge = entry.plover in CENSURING and any(idx.with_conjuncts(t) for t in objects)
    nearest = _nearest_state(verb, idx, skip=("for",) if charge else ())
    if nearest:
        return nearest
    recipients = [o for o in pobjs if o.head.lower_ in ("to", "against", "with", "on", "in", "from")]
    if "|obj:" in entry.key:  # "impose a curfew in Kashmir": the object named the act, not the recipient
        objects = [o for o in objects if o.lemma_.lower() != entry.key.split("|obj:")[1]]
        recipients += [o for tok in passive + [c for c in kids if c.dep_ == "dobj"] for p in tok.children
                       if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]
    return weak or _bare_object(objects + recipients)


# Types whose verb's "for" phrase, after an object, is the charge ("denounced him for …"), not the recipient
CENSURING = frozenset({"ACCUSE", "REJECT", "PROTEST"})
CLAUSE_EDGES = frozenset({"nsubj", "nsubjpass", "csubj", "ccomp", "advcl", "relcl", "parataxis", "conj", "xcomp",
                          "mark", "punct"})


def _nearest_state(verb: Any, idx: MentionIndex, skip: tuple[str, ...] = ()) -> list[ActorMention]:
    """Breadth-first through the verb's objects and prepositional phrases (not into other clauses, nor into
    its prepositional phrases of ``skip``)."""
    frontier = [c for c in verb.children if c.dep_ not in CLAUSE_EDGES and not (c.dep_ == "prep" and c.lower_ in skip)]
    for _ in range(4):
        nxt = []
        for tok in frontier:
            m = idx.at(tok)
            if m and m.span.country:
                return [m]
            nxt += [c for c in tok.children if c.dep_ not in CLAUSE_EDGES]
        frontier = nxt
    return []


def _inside(tok: Any, idx: MentionIndex) -> list[ActorMention]:
    """A state actor inside an object phrase: "sanctions on Iran", "the launch by North Korea"."""
    for t in tok.subtree:
        if t.i == tok.i or (m := idx.at(t)) is None or not m.span.country:
            continue
        if t.dep_ in ("poss", "compound", "amod", "nmod") or (t.dep_ == "pobj" and t.head.lower_ in INNER_PREPS):
            return [m]
    return []


def _bare_object(tokens: list[Any]) -> list[ActorMention]:
    """No actor among the objects: the first noun object as an uncoded target ("a Canadian man")."""
    for tok in tokens:
        if tok.pos_ in ("NOUN", "PROPN") and not tok.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT"):
            start = tok.left_edge.i
            doc = tok.doc
            span = ActorSpan(doc[start:tok.i + 1].text, doc[start].idx, tok.idx + len(tok), None)
            return [ActorMention(span, start, tok.i + 1, tok.i, "object")]
    return []


VISIT_NOUNS = frozenset({"visit", "trip", "tour", "journey"})
MEETING_NOUNS = VISIT_NOUNS | frozenset({"talk", "summit", "meeting", "negotiation", "dialogue", "consultation",
                                         "conversation"})
# a visit or meeting that took place: the object of a verb of doing one ("paid a visit", "held talks"), the object
# of a preposition of time or occasion on a verb ("arrived on a visit", "agreed at the talks"), or the subject of
# a verb of its course ("the talks opened", "the summit was a success"); a proposed, refused or hoped-for one
# ("proposed dialogue", "refused dialogue", "come out for negotiations") is none
MEETING_VERBS = frozenset({"pay", "make", "conclude", "wind", "wrap", "end", "finish", "start", "begin", "undertake",
                           "hold", "have", "conduct", "open", "witness", "complete"})
MEETING_PREPS = frozenset({"on", "upon", "during", "after", "at", "in", "through"})
MEETING_COURSE = frozenset({"take", "open", "begin", "start", "close", "end", "conclude", "mark", "be", "hold"})
MOURNING = frozenset({"condolatory", "consolatory", "congratulatory", "condolence", "mourning", "memorial"})
MISSIONS = frozenset({"embassy", "mission", "consulate", "legation"})  # a visit to a mission is a courtesy to it


def meeting_predicates(sent: Any, idx: MentionIndex, lex: Lexicon) -> list[Predicate]:
    """Visits and meetings that took place, named by a noun, with the countries that took part (PLOVER
    CONSULT). The visitor is the noun's possessor or "of"/"by" phrase ("the Cuban delegation's visit to Laos"),
    a possessive pronoun the nearest country's actor before it ("congratulated the Lao president on his visit to
    Peru"), else the subject of the clause ("arrived on a visit to Laos"); the host is the "to" phrase (a "tour
    of"), else the noun's own country where the clause names the visitor ("concluded its Peru visit"). A
    meeting's parties are its modifiers and "between" phrase, or the clause's subject and the "with" phrase."""
    out: list[Predicate] = []
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ != "NOUN" or lemma not in MEETING_NOUNS or idx.at(tok) is not None:
            continue  # "the DPRK-U.S. dialogue" inside a mention names no meeting of its own here
        if not _took_place(tok) or any(c.lemma_.lower() in MOURNING for c in tok.children):
            continue  # "proposed dialogue"; a condolatory visit is a condolence (SUPPORT), not a meeting
        entry = lex.get(f"n:{lemma}") or lex.get("n:visit" if lemma in VISIT_NOUNS else "n:meeting")
        if entry is None or entry.plover != "CONSULT":
            continue
        visit = lemma in VISIT_NOUNS
        sides = _meeting_sides(tok, idx, visit)
        if sides is None:
            continue
        own, hosts, partners = sides
        subjects = unique([m for m in _clause_subjects(tok, idx) if m.span.country])
        if visit and not hosts and own and subjects and not any(c.dep_ == "poss" for c in tok.children):
            own, hosts = subjects, own  # "concluded its DPRK visit": the noun's country is the host
        if visit:
            groups, targets = [[m] for m in unique(own or subjects)], hosts  # each visitor on its own
        elif partners and (own or subjects):
            groups, targets = [unique(own or subjects)], partners
        else:  # "talks between A and B"; "A and B held talks"
            parties = unique(own) or (subjects if len(subjects) == 2 else [])
            groups, targets = [parties[:1]], parties[1:]
        for group in groups:
            if any(s.span.country != t.span.country for s in group for t in targets):
                out.append(Predicate(tok, entry, "meeting", group, unique(targets), [f"meeting noun:{lemma}"]))
    return out


PACT_NOUNS = frozenset({"treaty", "pact", "accord", "agreement", "alliance", "protocol", "deal"})
PACT_VERBS = frozenset({"sign", "conclude", "ink", "revive", "renew", "forge", "seal", "strike", "form", "reach"})


def pact_predicates(sent: Any, idx: MentionIndex, lex: Lexicon) -> list[Predicate]:
    """Two countries that made a pact (PLOVER AGREE, lexicon key ``sign|obj:treaty``): a verb of making one
    (``PACT_VERBS``) whose object is a pact noun (``PACT_NOUNS``) and whose subjects are two countries' actors
    ("Russia and North Korea have revived their defense alliance in a new treaty"), or one subject and a "with"
    phrase ("Peru concluded a pact with Chile")."""
    entry = lex.get("sign|obj:treaty")
    out: list[Predicate] = []
    if entry is None:
        return out
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in PACT_VERBS:
            continue
        if not any(c.dep_ == "dobj" and c.lemma_.lower() in PACT_NOUNS for c in verb.children):
            continue
        subjects = unique([m for c in verb.children if c.dep_ == "nsubj" for m in idx.with_conjuncts(c)
                           if m.span.country]) or _pair_before(verb, idx)
        partners = _prep_actors((verb,), ("prep",), "with", idx)
        parties = unique_countries(subjects + partners)
        if len(parties) == 2 and (len(unique_countries(subjects)) == 2 or partners):
            out.append(Predicate(verb, entry, "pact", parties[:1], parties[1:], [f"pact: {verb.lemma_.lower()}"]))
    return out


GIFT_NOUNS = frozenset({"gift", "present"})
GIVING_VERBS = frozenset({"present", "hand", "convey", "give", "send", "deliver", "make", "offer", "forward"})


def gift_predicates(sent: Any, idx: MentionIndex, lex: Lexicon) -> list[Predicate]:
    """Gifts given (PLOVER AID: the real-news guide's "gifts and donations"), lexicon key ``give|obj:aid``: a gift
    noun that is the object of a verb of giving ("presented gifts to Kim Jong Il", "made a present to the
    President", "handed the gift to the minister") or its passive subject ("the gift was handed over to the DPRK
    ambassador by …"). The giver is the verb's doer (``find_sources``: its subject, a passive's agent), the recipient
    the actor of a "to" phrase on the verb or the noun."""
    entry = lex.get("give|obj:aid")
    out: list[Predicate] = []
    if entry is None:
        return out
    for tok in sent:
        verb = tok.head
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in GIFT_NOUNS or tok.dep_ not in ("dobj", "nsubjpass"):
            continue
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in GIVING_VERBS:
            continue
        givers = unique([m for m in find_sources(verb, idx, []) if m.span.country])
        recipients = _prep_actors((verb, tok), ("prep", "dative"), "to", idx)
        if givers and recipients and any(g.span.country != r.span.country for g in givers for r in recipients):
            note = f"gift: {verb.lemma_.lower()} {tok.lemma_}"
            out.append(Predicate(verb, entry, "gift", givers, recipients, [note]))
    return out


def _prep_actors(heads: tuple[Any, ...], deps: tuple[str, ...], word: str, idx: MentionIndex) -> list[ActorMention]:
    """The actors with a country that are objects of a preposition ``word`` on any of ``heads`` ("concluded a pact
    with Chile", "presented gifts to Kim Jong Il"), each once."""
    return unique([m for h in heads for c in h.children if c.dep_ in deps and c.lower_ == word
                   for o in c.children if o.dep_ == "pobj" for m in idx.with_conjuncts(o) if m.span.country])


def _pair_before(verb: Any, idx: MentionIndex) -> list[ActorMention]:
    """"X and Y" right before a verb the parser left without a subject ("Revealed during Putin's visit to
    Pyongyang, Russia and North Korea have revived …", where the two are read as a list after Pyongyang)."""
    i = verb.i - 1
    while i >= verb.sent.start and verb.doc[i].dep_ in ("aux", "advmod", "neg"):
        i -= 1
    second = idx.at(verb.doc[i]) if i >= verb.sent.start else None
    if second is None or second.tok_start - 2 < verb.sent.start or verb.doc[second.tok_start - 1].lower_ != "and":
        return []
    first = idx.at(verb.doc[second.tok_start - 2])
    if first is None or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return []
    return [m for m in (first, second) if m.span.country]


def _meeting_sides(tok: Any, idx: MentionIndex, visit: bool) -> tuple[list, list, list] | None:
    """A meeting noun's own sides (possessor, modifiers, "of"/"by"/"between"), hosts ("to", a tour's "of") and
    partners ("with"), each an actor with a country; a mission ("the DPRK embassy") is no host. None where a
    possessive pronoun stands for no actor named before it in the sentence."""
    own: list[ActorMention] = []
    hosts: list[ActorMention] = []
    partners: list[ActorMention] = []
    for child in tok.children:
        if child.dep_ == "poss" and child.pos_ == "PRON" and idx.at(child) is None:
            found = _nearest_before(child, idx)
            if not found:  # "at his talks with Japan, he …": whose talks the sentence does not say before
                return None
            own += found
        elif child.dep_ in ("poss", "compound", "amod", "nmod") and child.i < tok.i:
            own += [m for m in idx.with_conjuncts(child) if m.span.country]
        elif child.dep_ == "prep":
            found = [m for o in child.children if o.dep_ == "pobj" and o.lemma_.lower() not in MISSIONS
                     for m in idx.with_conjuncts(o) if m.span.country]
            if visit and (child.lower_ == "to" or (child.lower_ == "of" and tok.lemma_.lower() == "tour")):
                hosts += found
            elif child.lower_ in ("of", "by", "between", "among"):
                own += found
            elif child.lower_ == "with":
                partners += found
    return own, hosts, partners


def _nearest_before(pron: Any, idx: MentionIndex, states: bool = False) -> list[ActorMention]:
    """The actor a possessive pronoun stands for: the nearest actor before it in its sentence that is a person
    or a body of a country (not a place, not the country alone, not a speaker's "we"); with ``states``, the nearest
    actor with a country, the country alone included ("Russia, following its invasion of Ukraine"), not a group."""
    for t in range(pron.i - 1, pron.sent.start - 1, -1):
        m = idx.at(pron.doc[t])
        if m is None or not m.span.country:
            continue
        head = pron.doc[m.head]
        if states and not m.members:
            return [m]
        if (not states and m.span.code != m.span.country and head.pos_ != "PRON"
                and head.ent_type_ not in ("GPE", "LOC", "FAC")):
            return [m]
    return []


def _took_place(tok: Any) -> bool:
    """A meeting noun in a clause that says the meeting took place (``MEETING_VERBS`` …)."""
    verb = clause_verb(tok)
    if verb is None:
        return False
    lemma = verb.lemma_.lower()
    if tok.dep_ == "dobj":
        return lemma in MEETING_VERBS
    if tok.dep_ == "pobj":
        return tok.head.lower_ in MEETING_PREPS
    if tok.dep_ == "nsubjpass":
        return lemma in ("hold", "conduct", "open", "close")
    return lemma in MEETING_COURSE


SUBJECT_SCENE_PREPS = frozenset({"in", "during", "at"})


def clause_verb(tok: Any) -> Any:
    """The verb whose clause a noun is a part of: as its subject, object, or the object of a preposition on the
    verb ("arrived on a visit") or on its subject ("Merkel in a telephone dialogue with Netanyahu accused …", as the
    parser hangs it); None where the noun hangs from another noun ("the delegation to the talks")."""
    head = tok.head
    if tok.dep_ == "pobj" and head.dep_ == "prep":
        prep, head = head, head.head
        if head.dep_ == "nsubj" and prep.lower_ in SUBJECT_SCENE_PREPS:  # "Merkel in a dialogue with X accused":
            head = head.head  # the scene of the subject's act is the clause's
    elif tok.dep_ not in ("dobj", "nsubj", "nsubjpass"):
        return None
    if head.pos_ not in ("VERB", "AUX") or head.i == tok.i or head.dep_ in ("pcomp", "acl"):
        return None  # "the proposal for opening dialogue": a gerund under a noun is no clause of its own
    return head


def _clause_subjects(tok: Any, idx: MentionIndex) -> list[ActorMention]:
    """The doers of the clause whose object (or prepositional object) ``tok`` is: "X arrived on a visit"."""
    head = clause_verb(tok)
    if head is None or tok.dep_ in ("nsubj", "nsubjpass"):
        return []
    return find_sources(head, idx, [])


ANNIVERSARY_NOUNS = frozenset({"anniversary", "year"})
RELATION_NOUNS = frozenset({"relation", "tie", "treaty", "pact", "agreement", "alliance"})
TIME_NOUNS = frozenset({"year", "month", "day", "week", "time", "date"})


def anniversary_predicates(sent: Any, idx: MentionIndex, lex: Lexicon, outlet: str | None) -> list[Predicate]:
    """Marking the anniversary of two countries' relations or treaty, as praise of the other (PLOVER SUPPORT,
    lexicon key ``mark|ties``): the clause's subject marks it where it is one of the two ("Cuba and Peru
    commemorate 75 years of diplomatic relations": each the other), else the country of the place it is marked
    in ("Anniversary of Laos-Viet Nam Ties Marked in Hanoi"), else the outlet's, where that is one of the two. A
    third country that marks it ("the Mexican party celebrated the anniversary of the Laos-Cuba treaty") is left
    to the model."""
    entry = lex.get("mark|ties")
    out: list[Predicate] = []
    if entry is None:
        return out
    for tok in sent:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in ANNIVERSARY_NOUNS or tok.dep_ == "nsubj":
            continue  # "the anniversary falls at a time of change" says no one marks it
        of = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"]
        if not of:
            continue
        told = sent.doc[of[0].left_edge.i:of[0].right_edge.i + 1]
        if not any(_relation_noun(t) for t in told):
            continue
        verb = verb_above(tok)  # the verb a noun hangs from ("held to mark the anniversary": "mark"), if any
        verb = verb if verb.pos_ in ("VERB", "AUX") else None
        tied = unique([p for m in idx.within(told) for p in (m.members or [m]) if p.span.country])
        marker = _title_marker(sent, tok) if verb is None else None
        titled = [p for m in idx.within(sent) if marker is not None and m.tok_end <= marker.i
                  for p in (m.members or [m]) if p.span.country]
        if titled:  # a title-case headline, which the parser reads as names, by its words: who marks the ties
            parties = unique(titled + tied)
            if len({p.span.country for p in parties}) == 2:  # "Laos Marks 60 Years of Ties with Vietnam"
                out += _ties_marked(entry, marker, unique_countries(titled), parties,
                                    f" (headline's words: {marker.text!r})")
            continue
        if verb is not None and (verb.head.lemma_.lower() in TIME_NOUNS or any(
                c.dep_ in ("nsubj", "nsubjpass") and (c.pos_ == "PRON" or c.lemma_.lower() in TIME_NOUNS)
                for v in (verb, verb.head) if v is verb or verb.dep_ in ("xcomp", "advcl") for c in v.children)):
            continue  # "this year (marks) the anniversary"; "it came to mark it": who, the sentence does not say
        doers = [m for m in (find_sources(verb, idx, []) if verb is not None else []) if m.span.country]
        parties = tied
        if not parties and len({d.span.country for d in doers}) == 2:
            parties = doers  # "Cuba and Peru commemorate 75 years of diplomatic relations": their own ties
        if len({p.span.country for p in parties}) != 2:
            continue
        markers = [p for p in parties if any(d.span.country == p.span.country for d in doers)]
        if doers and not markers:
            continue  # a third party marks it
        if not markers:
            place = _place_of(sent, told, idx)
            country = place.span.country if place is not None else outlet
            markers = [p for p in parties if p.span.country == country][:1]
        out += _ties_marked(entry, verb if verb is not None else tok, markers, parties)
    return out


def _ties_marked(entry: Entry, token: Any, markers: list[ActorMention], parties: list[ActorMention],
                 how: str = "") -> list[Predicate]:
    """Each marker's praise of the other party of the ties it marks (``anniversary_predicates``)."""
    out: list[Predicate] = []
    for marker in markers:
        others = [p for p in parties if p.span.country != marker.span.country][:1]
        out.append(Predicate(token, entry, "anniversary", [marker], others,
                             [f"anniversary of ties marked by {marker.span.country}{how}"]))
    return out


MARKING_WORDS = frozenset({"mark", "marks", "commemorate", "commemorates", "celebrate", "celebrates", "observe",
                           "observes"})


def unique_countries(mentions: list[ActorMention]) -> list[ActorMention]:
    """The first of ``mentions`` of each country."""
    seen: dict[str | None, ActorMention] = {}
    for m in mentions:
        seen.setdefault(m.span.country, m)
    return list(seen.values())


def _relation_noun(tok: Any) -> bool:
    """A noun of ties ("relations", "treaty"), also where a title-case line tags it a name ("Relations")."""
    word = tok.lemma_.lower() if tok.pos_ == "NOUN" else tok.lower_
    return word in RELATION_NOUNS or (word.endswith("s") and word[:-1] in RELATION_NOUNS)


def _title_marker(sent: Any, tok: Any) -> Any:
    """In a title-case line the parser reads as names ("North Korea and China Commemorate 75 Years of Diplomatic
    Relations"), the capitalised word of marking just before the anniversary noun and its numbers, else None."""
    i = tok.i - 1
    while i > sent.start and (sent.doc[i].like_num or sent.doc[i].pos_ in ("NUM", "DET")
                              or sent.doc[i].lower_.rstrip("stndrh").isdigit()):
        i -= 1
    word = sent.doc[i] if i >= sent.start else None  # none before a line's first word
    return word if word is not None and word.lower_ in MARKING_WORDS and word.text[:1].isupper() else None


def verb_above(tok: Any) -> Any:
    """``tok`` raised along its heads to the first verb (or auxiliary), else the root."""
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _place_of(sent: Any, told: Any, idx: MentionIndex) -> ActorMention | None:
    """The place a sentence says something was done in ("marked in Hanoi"), one outside the span ``told`` (of
    the ties) first: a title-case headline's parse may put it inside ("Anniversary of … Ties Marked in Hanoi")."""
    places = [m for tok in sent if tok.lower_ == "in" and tok.dep_ == "prep"
              for obj in tok.children if obj.dep_ == "pobj" and obj.ent_type_ in ("GPE", "LOC", "FAC")
              if (m := idx.at(obj)) is not None and m.span.country]
    places.sort(key=lambda m: told.start <= m.tok_start < told.end)
    return places[0] if places else None


def nominal_predicates(sent: Any, idx: MentionIndex, lex: Lexicon, used: set[int]) -> list[Predicate]:
    """Event nouns with their participants: possessor/"by" as source, "with/to/against/of" as target."""
    out = []
    for tok in sent:
        if tok.pos_ != "NOUN" or tok.i in used:
            continue
        entry = lex.get(f"n:{tok.lemma_.lower()}")
        if not entry:
            continue
        sources: list[ActorMention] = []
        targets: list[ActorMention] = []
        for child in tok.children:
            if child.dep_ in ("poss", "compound", "amod") and (m := idx.at(child)) and m.tok_end <= tok.i + 1:
                if not (m.tok_start <= tok.i < m.tok_end) or m.span.country:
                    sources += idx.with_conjuncts(child)
            elif child.dep_ == "poss" and child.lower_ in OWNING_PRONOUNS:  # "Russia, following its invasion of …"
                sources += _nearest_before(child, idx, states=True)
            elif child.dep_ == "prep":
                objs = [o for o in child.children if o.dep_ == "pobj"]
                for obj in objs:
                    found = idx.with_conjuncts(obj)
                    if child.lower_ in ("by", "between", "among"):
                        sources += found
                    elif child.lower_ in ("with", "to", "against", "on", "of", "for"):
                        targets += found
        if sources and (targets or len(sources) > 1):
            out.append(Predicate(tok, entry, "nominal", unique(sources), unique(targets)))
    return out


CHARGE_MARKS = frozenset({"for", "of"})  # "denounced X for …", "accused X of …"
CHARGE_PREPS = frozenset({"against", "on", "to", "toward", "towards", "with", "into", "at", "of", "in", "from"})
# Gerunds of no act of their own in a charge: "for committing such acts as kidnapping" (the lexicon's "commit" is a
# pledge)
NO_CHARGE = frozenset({"commit", "perpetrate", "do", "make", "take", "go"})


def charge_predicates(sent: Any, idx: MentionIndex, lex: Lexicon) -> list[Predicate]:
    """The act an actor is censured for: "condemned the U.S. for imposing sanctions on Cuba", "accused Israel of
    detaining fishermen of Jordan", "denounced Israel for its air raids on Lebanon" (the real-news guide codes the
    act reported as well as the censure). The censure verb's object is the act's doer; the act is a lexicon verb
    whose gerund is the "for" (or "of") phrase, or a lexicon event noun there of the doer's or no one's ("its",
    "their", or no possessor); its target is an actor of another country that the act's object or one of its
    prepositions names (``_charged_targets``: not one in a clause inside, "supporting a group attacking U.S.
    soldiers"). In the passive the censured subject is the doer ("Israel Condemned for Killing Palestinians")."""
    out: list[Predicate] = []
    for prep in sent:
        verb = prep.head
        if prep.dep_ != "prep" or prep.lower_ not in CHARGE_MARKS or verb.pos_ != "VERB":
            continue
        censure = lookup_verb(verb, lex)
        if censure is None or censure.plover not in CENSURING:
            continue
        doers = [m for o in verb.children if o.dep_ in ("dobj", "nsubjpass")  # "Israel Condemned for Killing …"
                 for m in idx.with_conjuncts(o) if m.span.country]
        if not doers:
            continue
        for act in prep.children:
            if act.dep_ == "pcomp" and act.pos_ == "VERB" and act.tag_ == "VBG" and act.lemma_ not in NO_CHARGE:
                entry = lookup_verb(act, lex)
                if entry is None or entry.plover == "NONE":  # "ramping up sanctions", "stepping up exercises"
                    entry = _stepped_up(act, lex) or entry
            elif act.dep_ == "pobj" and act.pos_ == "NOUN" and _own_act(act):
                entry = lex.get(f"n:{act.lemma_.lower()}")
            else:
                continue
            if entry is None or entry.plover == "NONE":
                continue
            doing = {m.span.country for m in doers}
            targets = [m for m in _charged_targets(act, idx) if m.span.country and m.span.country not in doing]
            if targets:
                out.append(Predicate(act, entry, "charge", doers, unique(targets),
                                     [f"the act {verb.lemma_} censures: {act.lower_!r}"]))
    return out


# Verbs that only make more of what their object names: "ramping up sanctions on Russia" is imposing them
STEPPING_UP = frozenset({"ramp", "step", "escalate", "intensify", "tighten", "toughen", "heighten", "expand",
                         "increase", "strengthen", "stage", "conduct", "launch", "continue", "resume"})


def _stepped_up(act: Any, lex: Lexicon) -> Entry | None:
    """The lexicon's event noun of the object of a verb of ``STEPPING_UP`` ("ramping up sanctions": ``n:sanction``)."""
    if act.lemma_.lower() not in STEPPING_UP:
        return None
    return next((e for c in act.children if c.dep_ == "dobj" if (e := lex.get(f"n:{c.lemma_.lower()}"))), None)


def _charged_targets(act: Any, idx: MentionIndex) -> list[ActorMention]:
    """The actors an act's object or prepositional phrases name, and the prepositional phrases of its object
    ("shelling villages in Cambodia"), not those of a clause inside."""
    heads = [c for c in act.children if c.dep_ in ("dobj", "dative")]
    preps = [c for h in (act, *heads) for c in h.children if c.dep_ == "prep" and c.lower_ in CHARGE_PREPS]
    return [m for t in heads + [o for p in preps for o in p.children if o.dep_ == "pobj"]
            for m in idx.with_conjuncts(t)]


def _own_act(noun: Any) -> bool:
    """An event noun of no possessor, or of a pronoun ("for its air strikes"), not another actor's."""
    return not any(c.dep_ == "poss" and c.pos_ != "PRON" for c in noun.children)


# Possessive pronouns of a state's act that the coreference left unlinked: their owner is the nearest state before
# them (``_nearest_before``)
OWNING_PRONOUNS = frozenset({"its", "their"})


def _participle(verb: Any) -> bool:
    """"the treaty signed by X": a past participle modifying a noun."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN"


OBLIGING = frozenset({"must", "should", "ought", "need"})


def demand_predicates(sent: Any, idx: MentionIndex, lex: Lexicon) -> list[Predicate]:
    """"X says Y must/should ...": X demands something of Y (PLOVER REQUEST)."""
    entry = lex.get("say|demand")
    out: list[Predicate] = []
    if entry is None:
        return out
    for verb in sent:
        if verb.dep_ != "ccomp" or verb.head.lemma_ not in SAY_LEMMAS:
            continue
        if not any(c.dep_ == "aux" and c.lower_ in OBLIGING for c in verb.children):
            continue
        speakers = [m for s in verb.head.children if s.dep_ == "nsubj" for m in idx.with_conjuncts(s)]
        addressees = [m for s in verb.children if s.dep_ in ("nsubj", "nsubjpass") for m in idx.with_conjuncts(s)]
        if speakers and addressees:
            out.append(Predicate(verb.head, entry, "demand", speakers, addressees, [f"{verb.head.lemma_} ... must"]))
    return out
