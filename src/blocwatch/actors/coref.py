"""Coreference within one article: definite descriptions, pronouns and pairs take the code of the
last compatible mention before them.

Small, tested rules (no model): each anaphor has a kind and links to the nearest earlier mention of
that kind within a bounded window of sentences.

* media: "the newspaper", "the paper", "the party organ", "the state publication" → the last outlet
  (a state-controlled one first when the anaphor says "state", "party", "official" or "organ");
* same noun: "the ministry", "the spokesperson", "the envoy", "the association" → the last mention with a
  country whose words contain that noun ("North Korea's Ministry of Foreign Affairs"); "the ministry" with no such
  mention takes a government actor of the same or the previous sentence; a bare office ("the prime
  minister", "the government", "the police") where this sentence (else the previous one) names one
  country only is that country's; a body founded "in" a country ("the committee was formed in Peru") is its;
* documents: "the statement", "the article" → who issued the last one ("X released a statement",
  "the spokesperson's statement", "a statement from X", "X in their joint statement hailed ...");
* appositions: "Zhao Leji, the chairman" → the head they stand beside; "his army" → the army of the
  last person named; "the troops" → the last armed force of this or the previous sentence; "the
  council" → the last council named, an IGO included ("the UN Security Council");
* pronouns: "he"/"she" → the last named person with a country; "it" as a subject → the subject of the
  sentence before when that is an organisation or outlet with a country;
* groups: "the two leaders", "the two countries", "both sides", "the three leaders", "the leaders" →
  the last coordinated actors of different countries ("Kim Jong Un and Xi Jinping"), else (for two)
  the last two countries named. A group mention carries one member per actor in ``members``.

Every linked mention says so in its ``reason``: ``coref:the ministry→North Korea's Ministry of Foreign
Affairs``. The coder copies that into the event's reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from blocwatch.actors.codes import join_code, split_code
from blocwatch.actors.kb import ActorKB
from blocwatch.actors.mention import COMPOUND, ActorMention
from blocwatch.nlp import first_conjunct, noun_chunk_spans
from blocwatch.records import ActorSpan
from blocwatch.speech import SELF_REPORT, VOICE_VERBS

WINDOW = 6  # sentences back (the anaphor's own sentence counts as 0)
NEAR = 2  # further back than this, "the delegation" needs a mention whose head is "delegation"
PAIR_WINDOW = 4
PRONOUN_WINDOW = 2
MEDIA_NOUNS = frozenset({"newspaper", "paper", "daily", "publication", "organ", "outlet", "agency", "broadcaster",
                         "media", "tabloid", "mouthpiece", "website"})
STATE_CUES = frozenset({"state", "party", "official", "organ", "mouthpiece", "government", "state-run",
                        "state-controlled", "state-owned"})
# A country's named body, "the association" after "the Korean Friendship Association headquartered in Spain".
# Not "party" or "group": KCNA's "the group" is a clique it scorns, "the party" often the WPK where another
# country's party was named last.
BODY_NOUNS = frozenset({"association", "society", "organization", "organisation", "federation", "league", "foundation",
                        "institute", "forum", "club"})
SAME_NOUNS = frozenset({"police", "authority", "cabinet", "parliament", "chancellor", "ministry", "department",
                        "spokesperson", "spokesman", "spokeswoman", "envoy", "ambassador",
                        "minister", "embassy", "diplomat", "official", "premier", "chairman", "committee", "council",
                        "commission", "office", "military", "army", "navy", "delegation", "mission", "secretary",
                        "president", "leader"}) | BODY_NOUNS
GOV_NOUNS = frozenset({"ministry", "government", "administration"})
HEAD_TITLES = frozenset({"president", "minister", "premier", "leader", "chancellor", "secretary", "chairman"})
PERSON_TITLES = HEAD_TITLES | {"spokesperson", "spokesman", "spokeswoman", "envoy", "ambassador", "diplomat",
                                "official"}
SOLE_NOUNS = frozenset({"president", "minister", "premier", "government", "cabinet", "ministry", "parliament",
                        "police", "authority", "chancellor", "administration", "leader"})
IGO_NOUNS = frozenset({"council", "committee", "commission", "mission", "office", "secretary"})
MIL_NOUNS = frozenset({"troop", "troops", "soldier", "soldiers", "force", "forces"})
DOC_NOUNS = frozenset({"statement", "article", "editorial", "commentary", "report", "message", "letter",
                       "communique", "announcement", "declaration", "op-ed", "column"})
ISSUE_VERBS = frozenset({"release", "issue", "publish", "carry", "send", "run", "post", "put", "make", "deliver",
                         "write", "pen", "read", "adopt", "sign", "edit", "dedicate"})
PAIR_NOUNS = frozenset({"leaders", "countries", "nations", "sides", "governments", "states", "neighbors",
                        "neighbours", "allies", "presidents", "capitals", "powers", "militaries", "armies",
                        "parliaments", "legislatures", "ministers", "premiers", "heads"})
GROUP_SECTORS = {"leaders": "GOV", "governments": "GOV", "presidents": "GOV", "capitals": "GOV", "ministers": "GOV",
                 "premiers": "GOV", "heads": "GOV", "militaries": "MIL", "armies": "MIL", "parliaments": "LEG",
                 "legislatures": "LEG", "foreign": "GOV", "defence": "MIL", "defense": "MIL"}
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def link_mentions(doc: Any, mentions: list[ActorMention], kb: ActorKB) -> list[ActorMention]:
    """``mentions`` with anaphors resolved (replaced, or added where the resolver found nothing)."""
    by_token = {t: m for m in mentions for t in range(m.tok_start, m.tok_end)}
    sent_no = _sentence_numbers(doc)
    by_sent: dict[int, list[ActorMention]] = {}  # sentence → its mentions, kept current as links are made
    for m in mentions:
        by_sent.setdefault(sent_no[m.tok_start], []).append(m)
    for start, end, head in _anaphors(doc, by_token):
        own = by_token.get(head)
        if own is not None and (own.span.country or own.members):
            continue
        here = sent_no[start]
        known = sorted((m for n in range(max(0, here - WINDOW), here + 1) for m in by_sent.get(n, ())
                        if m.tok_end <= start and (m.span.country or m.members or m.span.sector == "IGO")),
                       key=lambda m: m.tok_start)
        linked = _resolve(doc, start, end, head, own, known, by_token, kb, by_sent)
        if linked is None or (own is None and any(t in by_token for t in range(start, end))):
            continue
        row = by_sent.setdefault(sent_no[linked.tok_start], [])
        if own is not None:
            row[:] = [linked if m is own else m for m in row]
        else:
            row.append(linked)
        for t in range(linked.tok_start, linked.tok_end):
            by_token[t] = linked
    for linked in _message_voices(doc, by_token, sent_no):
        by_sent.setdefault(sent_no[linked.tok_start], []).append(linked)
        by_token[linked.tok_start] = linked
    return sorted((m for row in by_sent.values() for m in row), key=lambda m: m.tok_start)


MESSAGE_WORDS = frozenset({"message", "letter", "greeting", "greetings", "telegram", "reply", "cable"})
SEND_LEMMAS = frozenset({"send", "forward", "address", "dispatch"})
FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})
SECOND_PERSON = frozenset({"you", "your"})
VOICE_REACH = 12  # sentences after the message is sent


def _message_voices(doc: Any, by_token: dict[int, ActorMention], sent_no: list[int]) -> list[ActorMention]:
    """"Kim Jong Il sent a message to the Lao President. The message reads: I warmly congratulate you …":
    in the sentences after one that sends a message from one country's actor to another's ("Y received a
    message from X" too), "I", "we", "my", "our" are the sender and "you", "your" the addressee; in and after
    a sentence where a country's actor says something ("We are glad, said the Togolese President"), "I",
    "we" … are the speaker. Each holds until the next such sentence, at most ``VOICE_REACH`` sentences."""
    out: list[ActorMention] = []
    voices: dict[int, tuple[ActorMention, ActorMention | None]] = {}  # sentence → (sender or speaker, addressee)
    for verb in (t for t in doc if t.pos_ == "VERB"):
        lemma = verb.lemma_.lower()
        found = _sent_message(verb, by_token) if lemma in SEND_LEMMAS | {"receive"} else None
        if found is None and lemma in VOICE_VERBS:
            speaker = _with_country(_subject_of(verb), by_token)
            found = (speaker, None) if speaker is not None else None
        if found is not None:
            voices[sent_no[verb.i]] = found
    voice: tuple[int, ActorMention, ActorMention | None] | None = None
    for tok in doc:
        sent = sent_no[tok.i]
        if sent in voices and (voice is None or voice[0] != sent):
            voice = (sent, *voices[sent])
        if voice is None or tok.pos_ != "PRON" or tok.i in by_token or not 0 <= sent - voice[0] <= VOICE_REACH:
            continue
        if sent == voice[0] and voice[2] is not None:
            continue  # the sending sentence's own pronouns are narration ("sent his greetings to ...")
        word = tok.lower_
        ante = voice[1] if word in FIRST_PERSON else voice[2] if word in SECOND_PERSON else None
        if ante is not None:
            out.append(_linked(doc, tok.i, tok.i + 1, tok.i, None, ante, None))
    return out


def _sent_message(verb: Any, by_token: dict[int, ActorMention]) -> tuple[ActorMention, ActorMention] | None:
    """(sender, addressee) of "X sent a message to Y" or "Y received a message from X", both with a country,
    different ones; else None."""
    if not any(c.dep_ == "dobj" and c.lemma_.lower() in MESSAGE_WORDS for c in verb.children):
        return None
    subject = _subject_of(verb)
    first = _with_country(subject, by_token)
    word = "from" if verb.lemma_.lower() == "receive" else "to"
    prep = next((t for t in verb.subtree if t.dep_ in ("prep", "dative") and t.lower_ == word and t.i not in subject
                 and t.i > verb.i), None)  # "sent a message of greetings to the president"
    other = _with_country([t.i for t in prep.subtree] if prep is not None else [], by_token)
    if first is None or other is None or first.span.country == other.span.country:
        return None
    return (other, first) if word == "from" else (first, other)


def _subject_of(verb: Any) -> list[int]:
    """The token indexes of ``verb``'s subject, in order."""
    return sorted(t.i for c in verb.children if c.dep_ == "nsubj" for t in c.subtree)


def _with_country(indexes: list[int], by_token: dict[int, ActorMention]) -> ActorMention | None:
    """The mention with a country at the first of ``indexes`` that has one, else None."""
    return next((by_token[i] for i in indexes if i in by_token and by_token[i].span.country), None)


def _anaphors(doc: Any, by_token: dict[int, ActorMention]) -> list[tuple[int, int, int]]:
    """Candidate (start, end, head) token spans, in order: noun chunks and pronouns."""
    spans = []
    spans += noun_chunk_spans(doc)
    covered = {t for s, e, _ in spans for t in range(s, e)}
    for tok in doc:
        if tok.pos_ == "PRON" and tok.i not in covered and tok.lower_ in PERSON_PRONOUNS | {"it"}:
            spans.append((tok.i, tok.i + 1, tok.i))
    for m in by_token.values():  # resolver mentions outside any chunk
        if m.head not in covered:
            spans.append((m.tok_start, m.tok_end, m.head))
            covered.update(range(m.tok_start, m.tok_end))
    return sorted(set(spans))


def _resolve(doc, start, end, head, own, known, by_token, kb, by_sent) -> ActorMention | None:
    words = [t.lower_ for t in doc[start:end]]
    noun = doc[head].lower_
    lemma = doc[head].lemma_.lower()
    if doc[head].pos_ == "PRON":
        return _pronoun(doc, start, noun, known)
    if _group_size(words, noun) is not None:
        return _pair(doc, start, end, head, noun, known, by_sent)
    owner = next((c for c in doc[head].children if c.dep_ == "poss" and c.lower_ in ("his", "her")), None)
    if owner is not None and own is not None and own.span.sector:  # "his army": the army of the last person named
        person = _person_before(doc, owner.i, known)
        return _linked(doc, start, end, head, own, person, own.span.sector) if person else None
    if doc[head].dep_ == "appos":  # "Zhao Leji, the chairman": an apposition names its head
        named = by_token.get(doc[head].head.i)
        ok = own is not None and named is not None and named.span.country
        return _linked(doc, start, end, head, None, named, None) if ok else None
    if not (set(words) & DEFINITE) or any(t.pos_ == "PROPN" and not (t.i == head and lemma in SAME_NOUNS)
                                          for t in doc[start:end]):  # "the President" (KCNA's capital) still links
        return None
    sent_no = _sentence_numbers(doc)
    recent = [m for m in known if sent_no[start] - sent_no[m.tok_start] <= WINDOW and not m.members]
    states = [m for m in recent if m.span.country]
    poss = next((c for c in doc[head].children if c.dep_ == "poss" and c.pos_ == "NOUN"), None)
    if lemma in DOC_NOUNS and poss is not None:  # "the spokesperson's statement": who is the spokesperson
        noun, lemma = poss.lower_, poss.lemma_.lower()
    elif lemma in DOC_NOUNS:
        author = _author(doc, head, start, by_token, sent_no)
        return _linked(doc, start, end, head, own, author, None) if author else None
    if lemma in MEDIA_NOUNS or noun in MEDIA_NOUNS:
        media = [m for m in states if m.span.sector == "MED"]
        if set(words) & STATE_CUES:
            state = [m for m in media if _state_outlet(m, kb)]
            media = state or media
        return _linked(doc, start, end, head, own, media[-1], "MED") if media else None
    if lemma in SAME_NOUNS and not (doc[head].tag_ == "NNS" and lemma in PERSON_TITLES):  # "the detained leaders"
        founded = _founded_in(doc[head], by_token)
        if founded is not None:  # "The committee was inaugurated in Democratic Congo": Congo's, not the last one's
            return _linked(doc, start, end, head, own, founded, None)
        same = [m for m in recent if _same_noun(doc, m, noun, lemma, sent_no[start] - sent_no[m.tok_start])]
        same = [m for m in same if m.span.country or lemma in IGO_NOUNS]  # "the council": the UN Security Council
        titled = doc[head].is_title and head != doc[head].sent.start  # "the President" as KCNA writes Kim Il Sung
        if lemma in HEAD_TITLES and not titled:  # "the president" after another state is named is not the earlier
            same = [m for m in same if not any(o.span.country and o.span.country != m.span.country
                                               and o.span.sector in (None, "GOV") and not o.reason.startswith("coref:")
                                               for o in states if m.tok_end <= o.tok_start < start)]
        if not same and lemma in GOV_NOUNS:  # "Foreign Minister Wang Yi … the foreign ministry": the last government
            same = [m for m in states if m.span.sector == "GOV" and sent_no[start] - sent_no[m.tok_start] <= 1
                    and not m.reason.startswith("coref:")]
        if not same and lemma in SOLE_NOUNS:
            same = _sole_country(start, by_sent, sent_no)
        return _linked(doc, start, end, head, own, same[-1], None) if same else None
    if lemma in MIL_NOUNS:  # "the troops": the last armed force named, in this sentence or the one before
        forces = [m for m in states if m.span.sector == "MIL" and sent_no[start] - sent_no[m.tok_start] <= 1]
        return _linked(doc, start, end, head, own, forces[-1], "MIL") if forces else None
    return None


FOUNDING_LEMMAS = frozenset({"inaugurate", "found", "form", "establish", "launch", "set", "create", "open"})


def _founded_in(tok: Any, by_token: dict[int, ActorMention]) -> ActorMention | None:
    """The country a body is founded in, where the sentence says so: "the mourning committee was inaugurated (formed,
    set up, launched) in Democratic Congo" is Congo's committee, whatever committee the story named before (KCNA
    reports such bodies of one country after another), the mention of the place, else None."""
    verb = tok.head
    if tok.dep_ not in ("nsubjpass", "nsubj") or verb.lemma_.lower() not in FOUNDING_LEMMAS:
        return None
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            place = by_token.get(obj.i)
            if place is not None and place.span.country and not place.members:
                return place
    return None


def _same_noun(doc, m: ActorMention, noun: str, lemma: str, distance: int) -> bool:
    """Whether ``m`` can be what "the <noun>" refers to: one of its words is that noun (not a part of
    a word: "leader" is not in "leadership"); beyond ``NEAR`` sentences its head must be that noun."""
    if distance > NEAR:  # the head, or the title of a named person ("leader Kim Jong Il")
        ante = doc[m.head]
        if ante.ent_type_ != "PERSON":
            return ante.lower_ == noun or ante.lemma_.lower() == lemma
    return any(t.lower_ in (noun, lemma) or t.lemma_.lower() == lemma for t in doc[m.tok_start:m.tok_end]) \
        or any(noun == w or lemma == w for w in m.span.text.lower().replace("-", " ").split())


def _linked(doc, start, end, head, own, ante: ActorMention, forced: str | None) -> ActorMention:
    """The anaphor as a mention with the antecedent's country; the sector is ``forced``, else the
    anaphor's own ("the ministry" is GOV), else the antecedent's."""
    country, ante_sector = split_code(ante.span.code)
    sector = forced
    if sector is None and own is not None and own.span.sector and own.span.sector != "IGO":
        sector = own.span.sector
    code = join_code(country, sector or ante_sector) if country else ante.span.code
    s, e = (own.tok_start, own.tok_end) if own is not None else (start, end)
    text_start, text_end = doc[s].idx, doc[e - 1].idx + len(doc[e - 1])
    text = doc[s:e].text  # never doc.text: it joins the whole Doc on every call
    sent_no = _sentence_numbers(doc)
    if e - s == 1 and doc[s].pos_ == "PRON" and sent_no[s] == sent_no[ante.tok_start]:  # "Gantz said he …": Gantz
        text_start, text_end, text = ante.span.start, ante.span.end, ante.span.text
    span = ActorSpan(text, text_start, text_end, code, *split_code(code))
    return ActorMention(span, s, e, head, f"coref:{doc[s:e].text}→{ante.span.text}")


def _sole_country(start: int, by_sent: dict[int, list[ActorMention]], sent_no: list[int]) -> list[ActorMention]:
    """"Iceland's president refused a request from the prime minister": where every country named in
    this sentence before it (else the sentence before) is the same one, a bare office is that country's."""
    here = sent_no[start]
    for sent in (here, here - 1):  # this sentence, else the one before
        found = sorted((m for m in by_sent.get(sent, ()) if m.span.country and not m.members and m.tok_end <= start),
                       key=lambda m: m.tok_start)
        if found:
            return found[:1] if len({m.span.country for m in found}) == 1 else []
    return []


def _state_outlet(m: ActorMention, kb: ActorKB) -> bool:
    outlet = kb.outlet(m.span.text.lower().removeprefix("the ").strip())
    return outlet is not None and outlet.state_controlled


def _author(doc, head: int, start: int, by_token, sent_no) -> ActorMention | None:
    """Who issued the last earlier document noun of the same word ("released a statement")."""
    lemma = doc[head].lemma_.lower()
    for tok in reversed(doc[:start]):
        if sent_no[start] - sent_no[tok.i] > WINDOW:
            return None
        if tok.lemma_.lower() != lemma:
            continue
        found = _issuer(tok, by_token)
        if found is not None:
            return found
    return None


def _issuer(tok: Any, by_token) -> ActorMention | None:
    """The actor behind one document noun: possessor, "from/by/of X", the subject of "X issued it", or the
    subject of the verb that "in a statement" / "in their statement" hangs from ("X in a statement on July
    29 termed ...", "In a statement, the ministry said ...")."""
    for child in tok.children:
        m = by_token.get(child.i)
        if child.dep_ == "poss" and m is not None and m.span.country:
            return m
    if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "through"):
        verb = tok.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        for subj in verb.children:
            m = _subject_actor(subj, by_token) if subj.dep_ in ("nsubj", "nsubjpass") else None
            if m is not None:
                return m
    for child in tok.children:
        m = by_token.get(child.i)
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
            for obj in child.children:
                m = by_token.get(obj.i)
                if obj.dep_ == "pobj" and m is not None and m.span.country:
                    return m
    own = by_token.get(tok.i)
    if own is not None and own.span.country and own.head == tok.i:  # "the spokesperson’s statement" as one chunk
        return own
    verb = tok.head
    if tok.dep_ == "dobj" and verb.lemma_.lower() in ISSUE_VERBS:
        for subj in verb.children:
            m = _subject_actor(subj, by_token) if subj.dep_ == "nsubj" else None
            if m is not None:
                return m
    return None


def _subject_actor(subj: Any, by_token) -> ActorMention | None:
    """The actor a subject names: its own mention with a country, else the first mention with a country
    in its phrase ("The Franken Group for the Study of the Juche Idea of Germany in a statement said": the
    group has no entry, "of Germany" says whose it is)."""
    return _with_country([subj.i, *(t.i for t in subj.subtree)], by_token)


def _person_before(doc, start: int, known: list[ActorMention]) -> ActorMention | None:
    """The last named person with a country within reach of the pronoun at ``start`` (for a subject pronoun,
    the subject of the last sentence that names people, where it is one of them)."""
    sent_no = _sentence_numbers(doc)
    tok = doc[start]
    verb = tok.head.head if tok.head.dep_ in ("prep", "agent") else tok.head
    own_subject = {t.i for c in verb.children if c.dep_ == "nsubj" and tok.dep_ not in ("nsubj", "poss")
                   for t in c.subtree}  # "Pak met (with) him": him is not Pak
    people = [m for m in known if sent_no[start] - sent_no[m.tok_start] <= PRONOUN_WINDOW and not m.members
              and doc[m.head].ent_type_ == "PERSON" and m.span.sector and m.head not in own_subject]
    if not people:
        return None
    # a subject "he" after a sentence naming people: its subject ("Zhang met Kim. He said ...": Zhang)
    if tok.dep_ == "nsubj" and sent_no[people[-1].tok_start] < sent_no[start]:
        last = [m for m in people if sent_no[m.tok_start] == sent_no[people[-1].tok_start]]
        subject = [m for m in last if _subject_of_main(doc[m.head])]
        if subject:
            return subject[-1]
    return people[-1]


def _subject_of_main(tok: Any) -> bool:
    """The token heads the subject of its sentence's main verb ("Zhang Dejiang, member of ..., met Kim")."""
    while tok.dep_ in ("compound", "flat", "appos", "conj") and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ROOT"


def _pronoun(doc, start: int, noun: str, known: list[ActorMention]) -> ActorMention | None:
    sent_no = _sentence_numbers(doc)
    recent = [m for m in known if sent_no[start] - sent_no[m.tok_start] <= PRONOUN_WINDOW and not m.members]
    if noun in PERSON_PRONOUNS:
        person = _person_before(doc, start, known)
        return _linked(doc, start, start + 1, start, None, person, None) if person else None
    tok = doc[start]
    if noun != "it" or tok.dep_ != "nsubj" or _expletive(tok):
        return None
    sayer = _sayer(tok, known)
    if sayer is not None:  # "Gazprom said it will finish the talks": Gazprom, not the last sentence's subject
        return _linked(doc, start, start + 1, start, None, sayer, None)
    if sent_no[start] > 0:
        subj = [m for m in recent if sent_no[m.tok_start] == sent_no[start] - 1
                and doc[m.head].dep_ == "nsubj" and doc[m.head].head.dep_ == "ROOT"
                and doc[m.head].ent_type_ != "PERSON" and m.span.sector]
        return _linked(doc, start, start + 1, start, None, subj[-1], None) if subj else None
    return None


STATIVE = frozenset({"be", "become", "remain", "seem", "appear", "constitute", "mean", "represent", "show", "prove"})


def _sayer(tok: Any, known: list[ActorMention]) -> ActorMention | None:
    """For a subject "it" of a clause that a verb of saying governs, the actor (not a person) with a country that is
    that verb's subject in the same sentence ("The ministry said it would …", "Gazprom announced that it …"); not
    where the clause only describes ("The paper said it was a provocation": "it" is the act)."""
    clause = tok.head
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in SELF_REPORT or clause.lemma_.lower() in STATIVE:
        return None
    subjects = {c.i for c in clause.head.children if c.dep_ == "nsubj"}
    found = [m for m in known if m.head in subjects and m.span.country and m.tok_end <= tok.i
             and tok.doc[m.head].ent_type_ != "PERSON" and tok.doc[m.head].pos_ != "PRON"]
    return found[-1] if found else None


def _expletive(tok: Any) -> bool:
    """"It is the policy of the party to develop …", "It is clear that …": an "it" that stands for the
    clause after it, not for an actor."""
    verb = tok.head
    return verb.lemma_ == "be" and any(c.dep_ in ("xcomp", "ccomp") for c in verb.children if c.i > tok.i)


GROUP_WORDS = {"two": 2, "both": 2, "three": 3, "four": 4}


def _group_size(words: list[str], noun: str) -> int | None:
    """2 for "the two countries"/"both sides", 3 for "the three leaders", 0 for "the leaders" (any group)."""
    if noun == "pair":
        return 2 if "the" in words else None
    if noun not in PAIR_NOUNS:
        return None
    sizes = [GROUP_WORDS[w] for w in words if w in GROUP_WORDS]
    if sizes:
        return sizes[0]
    return 0 if words == ["the", noun] or (len(words) == 3 and words[0] == "the" and words[1] in GROUP_SECTORS) \
        else None


def _pair(doc, start, end, head, noun, known: list[ActorMention],
          by_sent: dict[int, list[ActorMention]]) -> ActorMention | None:
    """"the two leaders": the last coordinated group of that many countries, else (two only) the last two
    countries or a compound naming two, whichever was named last ("the DPRK-China friendship provided by … the
    two countries"); first in the anaphor's own sentence (before it, then after it: "“The bond between the two
    nations will endure,” the Korean paper said of China's help"), then in the sentences before."""
    size = _group_size([t.lower_ for t in doc[start:end]], noun)
    sent_no = _sentence_numbers(doc)
    recent = [m for m in known if sent_no[start] - sent_no[m.tok_start] <= PAIR_WINDOW and not m.members]
    here = [m for m in recent if sent_no[m.tok_start] == sent_no[start]]  # the anaphor's own sentence first
    own = [m for m in known if sent_no[m.tok_start] == sent_no[start]]
    found = _coordinated(doc, here, size) or _later(_compound(own, size), _last_two(here) if size == 2 else None)
    if found is None and size == 2:  # the first two countries after it in its own sentence
        after = sorted((m for m in by_sent.get(sent_no[start], ()) if m.tok_start >= end and m.span.country
                        and not m.members), key=lambda m: m.tok_start)
        found = _first_two(after)
    before = [m for m in known if 0 < sent_no[start] - sent_no[m.tok_start] <= PAIR_WINDOW]
    found = found or _coordinated(doc, recent, size) or _later(_compound(before, size),
                                                               _last_two(recent) if size == 2 else None)
    if found is None:
        return None
    members = []
    s_char, e_char = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    text = doc[start:end].text
    sector = GROUP_SECTORS.get(noun) or GROUP_SECTORS.get(doc[head - 1].lower_ if head > start else "")
    for m in found:
        country = m.span.country
        code = join_code(country, sector)
        members.append(ActorMention(ActorSpan(text, s_char, e_char, code, country, sector), start, end, head,
                                    f"coref:{text}→{m.span.text}"))
    reason = f"coref:{text}→" + "+".join(dict.fromkeys(m.span.text for m in found))  # a compound's once
    return ActorMention(ActorSpan(text, s_char, e_char, None), start, end, head, reason, tuple(members))


def _compound(mentions: list[ActorMention], size: int) -> tuple[ActorMention, ...] | None:
    """The members of the last compound among ``mentions`` naming ``size`` countries: "the DPRK-China friendship
    provided by … the two countries" (not "the countries", of any number)."""
    for m in reversed(mentions):
        if m.members and m.reason.startswith(COMPOUND) and len(m.members) == size:
            return m.members
    return None


def _later(a: tuple[ActorMention, ...] | None, b: tuple[ActorMention, ...] | None) -> tuple[ActorMention, ...] | None:
    """Of two candidate groups, the one named last (a compound's members share its span)."""
    if a is None or b is None:
        return a or b
    return a if max(m.tok_start for m in a) > max(m.tok_start for m in b) else b


def _coordinated(doc, recent: list[ActorMention], size: int) -> tuple[ActorMention, ...] | None:
    """The latest "X and Y (and Z)" of mentions with different countries, of ``size`` (any if 0)."""
    by_head = {m.head: m for m in recent}
    for m in reversed(recent):
        root = first_conjunct(doc[m.head])
        group = [by_head[t.i] for t in (root, *root.conjuncts) if t.i in by_head]
        group.sort(key=lambda g: g.tok_start)
        if len({g.span.country for g in group}) == len(group) >= 2 and (size == 0 or len(group) == size):
            return tuple(group)
    return None


def _last_two(recent: list[ActorMention]) -> tuple[ActorMention, ActorMention] | None:
    """The last two mentions of different countries, in text order."""
    found = _first_two(reversed(recent))
    return (found[1], found[0]) if found else None


def _first_two(mentions: Iterable[ActorMention]) -> tuple[ActorMention, ActorMention] | None:
    """The first two mentions of different countries, in the order given."""
    picked: list[ActorMention] = []
    for m in mentions:
        if all(p.span.country != m.span.country for p in picked):
            picked.append(m)
        if len(picked) == 2:
            return picked[0], picked[1]
    return None


def _sentence_numbers(doc: Any) -> list[int]:
    """Token index → sentence number (cached on the Doc)."""
    cached = doc.user_data.get("blocwatch.sent_no")
    if cached is None or len(cached) != len(doc):
        cached = [0] * len(doc)
        for n, sent in enumerate(doc.sents):
            for t in range(sent.start, sent.end):
                cached[t] = n
        doc.user_data["blocwatch.sent_no"] = cached
    return cached
