"""Modality of a predicate: asserted, negated, intended, hypothetical or alleged."""

from __future__ import annotations

from typing import Any

from blocwatch.speech import REPORT_LEMMAS

INTENT_HEADS = frozenset({"vow", "pledge", "plan", "intend", "promise", "aim", "prepare", "seek", "hope",
                          "want", "decide", "expect", "threaten", "agree", "offer", "propose", "try", "resolve",
                          "ready", "willing", "prepared", "determined", "eager", "keen", "committed", "contemplate",
                          "mull"})
NOT_FOLDED = frozenset({"agree", "threaten", "offer", "propose"})  # these verbs are the event themselves
HYPO_AUX = frozenset({"could", "would", "might", "may", "should", "can"})
FUTURE_AUX = frozenset({"will", "shall", "'ll"})
ALLEGE_WORDS = frozenset({"allegedly", "reportedly", "purportedly", "suspected", "suspicion", "suspicions",
                          "allegation", "allegations", "alleged", "claims", "rumor", "rumour", "rumors", "rumours",
                          "skepticism", "scepticism", "speculation", "speculations"})
ALLEGE_HEADS = frozenset({"suspect", "allege", "believe", "suggest", "claim", "speculate", "fear"})
SPECULATORS = frozenset({"analyst", "expert", "observer", "commentator", "scholar", "researcher"})
# Verbs that end the act they govern: "Iran stopped arming the rebels" asserts no arming now.
STOP_HEADS = frozenset({"stop", "cease", "quit", "halt", "discontinue", "suspend", "end"})
WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})


def modality(verb: Any) -> tuple[str, str]:
    """(modality, cue) for a verb token, from its auxiliaries and governing clauses."""
    aux = {c.lower_: c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg")}
    if yes_no_question(verb):
        return "hypothetical", "question"
    if (any(c.dep_ == "neg" for c in verb.children) or "never" in aux) and not _contrast(verb):
        return "negated", "neg"
    adverbs = {c.lower_ for c in verb.children if c.dep_ == "advmod"}
    if adverbs & ALLEGE_WORDS:
        return "alleged", next(iter(adverbs & ALLEGE_WORDS))
    if _governed_by_word(verb, ALLEGE_WORDS):
        return "alleged", "suspicion"
    if verb.lemma_ in INTENT_HEADS - NOT_FOLDED and any(c.dep_ == "xcomp" for c in verb.children):
        return "intended", f"{verb.lemma_} to"
    if "would" in aux and _reported(verb):  # "X said it would ...": backshifted "will"
        return "intended", "said ... would"
    if aux.keys() & HYPO_AUX:
        word = next(iter(aux.keys() & HYPO_AUX))
        if "have" in aux and verb.tag_ == "VBN":
            return "alleged", f"{word} have"
        return "hypothetical", word
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children):
        return "hypothetical", "if"
    if aux.keys() & FUTURE_AUX:
        return "intended", "will"
    if aux.get("to") is not None or verb.dep_ == "xcomp":
        head = verb.head
        if head.lemma_ in INTENT_HEADS or any(c.lower_ == "going" for c in verb.children):
            return "intended", head.lemma_
        if aux.get("to") is not None and (verb.dep_ == "ROOT" or (verb.dep_ in ("relcl", "acl")
                                                                   and head.pos_ in ("NOUN", "PROPN"))):
            return "intended", "to"  # "Kim Jong Il to Visit Russia", "a delegation to visit China next week"
    if aux.get("to") is not None and "be" in aux and verb.tag_ == "VBN" and verb.dep_ != "xcomp":
        return "intended", "to be"  # "exercises to be staged by the U.S." (parsed as a clause of its own)
    return _from_ancestors(verb)


def yes_no_question(verb: Any) -> bool:
    """The verb asks whether its act happens: its sentence ends in "?" and an auxiliary of its own comes
    before its subject, with no wh-word before that ("Will the U.S. strike Iran?", "Is China arming
    Russia?"). A wh-question takes the act as given ("Why did the U.S. strike Iran?") and is not one."""
    words = [t for t in verb.sent if not t.is_space]
    if not words or words[-1].text != "?":
        return False
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    if subj is None:
        return False
    first = next((c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < subj.i), None)
    return first is not None and not any(t.tag_ in WH_TAGS for t in verb.doc[verb.sent.start:first.i])


def _contrast(verb: Any) -> bool:
    """A negation that corrects rather than denies: "is not a mere provocation but an act of war", "not
    only ... but also": the clause still asserts (its "but" conjunct)."""
    if any(c.dep_ == "neg" and c.i + 1 < len(c.doc) and c.doc[c.i + 1].lower_ == "only" for c in verb.children):
        return True
    for c in verb.children:  # the copula's complement only: "did not praise Sweden but Denmark" denies Sweden
        if c.dep_ in ("attr", "acomp") and any(
                g.dep_ == "cc" and g.lower_ == "but" for g in c.children) and any(g.dep_ == "conj" for g in c.children):
            return True
    return False


def _from_ancestors(verb: Any) -> tuple[str, str]:
    """Clauses under "analysts said ... could", "suspect that", "if" inherit their modality."""
    node = verb
    while node.dep_ in ("ccomp", "xcomp", "advcl", "conj", "relcl", "acl") and node.head.i != node.i:
        head = node.head
        if node.dep_ in ("xcomp", "ccomp") and yes_no_question(head):
            return "hypothetical", "question"  # "Will the U.S. begin to arm Taiwan?"
        if stops(head, node) and modality(head)[0] == "asserted":
            return "negated", head.lemma_.lower()  # "Iran stopped arming the rebels"
        if node.dep_ == "advcl" and any(c.lower_ in ("if", "unless") for c in node.children if c.dep_ == "mark"):
            return "hypothetical", "if"
        if head.lemma_ in ALLEGE_HEADS:
            return "alleged", head.lemma_
        if node.dep_ in ("ccomp", "xcomp") and head.lemma_ in INTENT_HEADS and head.lemma_ != "agree":
            return "intended", head.lemma_
        if any(c.dep_ in ("aux",) and c.lower_ in HYPO_AUX for c in head.children) and node.dep_ != "ccomp":
            if _reported(head) and any(c.lower_ == "would" for c in head.children):
                return "intended", "said ... would"
            return "hypothetical", "governing modal"
        if _shares_future(node, head):
            return "intended", "will (governing)"  # "we will strive to develop ties", "will visit and sign"
        if any(c.dep_ == "nsubj" and c.lemma_.lower() in SPECULATORS for c in head.children):
            hypo = any(c.lower_ in HYPO_AUX for c in verb.children if c.dep_ == "aux")
            if hypo:
                return "hypothetical", "analyst"
        node = head
    return "asserted", ""


def stops(head: Any, act: Any) -> bool:
    """``act`` is what ``head`` stops: its ``xcomp`` under a verb of ``STOP_HEADS`` ("ceased supplying")."""
    return act.dep_ == "xcomp" and act.head.i == head.i and act.i != head.i and head.lemma_.lower() in STOP_HEADS


def _shares_future(node: Any, head: Any) -> bool:
    """``node`` is an act the future of ``head`` covers: its "to" complement or purpose ("will strive to develop",
    "will work hard to accelerate"), or a bare verb joined to it ("will visit China and sign a treaty")."""
    if not any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in head.children):
        return False
    return node.dep_ == "xcomp" or (node.dep_ in ("advcl", "conj") and node.tag_ == "VB"
                                    and not any(c.dep_ in ("aux", "nsubj") for c in node.children if c.lower_ != "to"))


def _governed_by_word(verb: Any, words: frozenset[str]) -> bool:
    """A noun like "suspicions that X supplied ..." governing this clause."""
    node = verb
    for _ in range(3):
        if node.dep_ in ("acl", "ccomp", "relcl") and node.head.lower_ in words:
            return True
        if node.head.i == node.i:
            break
        node = node.head
    return False


def _reported(verb: Any) -> bool:
    """A clause reported by a say-verb whose subject is not an analyst."""
    if verb.dep_ != "ccomp" or verb.head.lemma_ not in REPORT_LEMMAS:
        return False
    return not any(c.dep_ == "nsubj" and c.lemma_.lower() in SPECULATORS for c in verb.head.children)


DEVELOP_LEMMAS = frozenset({"boost", "develop", "strengthen", "consolidate", "expand", "deepen", "promote",
                            "further", "enhance", "cement", "intensify", "invigorate", "advance", "diversify",
                            "upgrade", "glorify", "broaden", "widen"})
INTENT_WORDS = frozenset({"will", "intention", "determination", "policy", "resolve", "effort", "readiness",
                          "desire", "wish", "plan", "commitment", "pledge", "aspiration", "goal", "aim", "strive",
                          "endeavor", "endeavour", "importance", "need", "willingness", "vow", "hope", "intend",
                          "determine", "resolution"})
_CHAIN = frozenset({"conj", "xcomp", "acl", "pcomp", "pobj", "prep", "advcl", "relcl", "dobj", "attr"})


def development_intended(sent: Any) -> str | None:
    """Where every verb of developing ties in ``sent`` ("boost", "strengthen", "develop" …) is a will,
    a policy or a plan rather than a deed ("expressed the will to boost relations", "it is the policy of
    the party to develop the ties", "the two countries will expand cooperation", a headline "Party to
    Boost Relations with WPK"), the cue that says so; else None ("has strengthened the alliance",
    "steps are being taken to deepen cooperation")."""
    headline = sent.start == 0 and sent.end < len(sent.doc)
    verbs = [t for t in sent if _develops(t) and (t.pos_ == "VERB" or headline)]
    cues = [_development_cue(t, headline) for t in verbs]
    return cues[0] if cues and all(cues) else None


DRILL_NOUNS = frozenset({"exercise", "exercises", "drill", "drills", "maneuver", "maneuvers", "manoeuvre",
                         "manoeuvres", "wargame", "wargames"})
PLANNED_WORDS = frozenset({"projected", "planned", "scheduled", "upcoming", "forthcoming", "slated"})
STAGING = frozenset({"stage", "conduct", "hold", "carry", "launch", "start", "begin", "resume", "mount", "undertake",
                     "perform", "kick", "organize", "organise"})


def drills_intended(sent: Any) -> str | None:
    """Where every military exercise the sentence names is to come ("the projected war exercises", "announced they
    would stage joint exercises", "exercises to be staged", "are mulling staging drills"), the cue that says so;
    else None ("staged exercises", "the moves for war exercises": no verb of its own says when)."""
    cues = [_drill_cue(t) for t in sent if t.lower_ in DRILL_NOUNS and t.pos_ == "NOUN"]
    return cues[0] if cues and all(cues) else None


def _drill_cue(noun: Any) -> str | None:
    planned = next((c.lower_ for c in noun.children if c.dep_ in ("amod", "compound") and c.lower_ in PLANNED_WORDS),
                   None)
    if planned is not None:
        return planned
    if noun.dep_ not in ("dobj", "nsubjpass") or noun.head.lemma_.lower() not in STAGING:
        return None  # "the exercises are aimed to …" says nothing of when
    mod, cue = modality(noun.head)
    return cue or mod if mod in ("intended", "hypothetical") else None


def _develops(tok: Any) -> bool:
    word = tok.lower_
    stems = {tok.lemma_.lower(), word, word[:-3] if word.endswith("ing") else word, word[:-1]}
    return bool(stems & DEVELOP_LEMMAS)


def _intent_word(tok: Any) -> bool:
    word = tok.lower_
    return bool({tok.lemma_.lower(), word, word[:-1] if word.endswith("s") else word} & INTENT_WORDS)


def _development_cue(tok: Any, headline: bool) -> str | None:
    mod, cue = modality(tok)
    if mod in ("intended", "hypothetical"):
        return cue or mod
    if headline and any(c.lower_ == "to" and c.dep_ == "aux" for c in tok.children) and tok.head.pos_ != "VERB":
        return "headline 'to'"  # "Party to Boost Relations with WPK"
    if headline and tok.dep_ == "pcomp" and tok.head.lower_ == "on":
        return "headline 'on'"  # "FM on Boosting Relations with Brazil"
    node = tok
    for _ in range(5):  # up through infinitives, prepositions and conjuncts to the word that holds the verb
        if node.dep_ not in _CHAIN or node.head.i == node.i:
            return None
        node = node.head
        if _intent_word(node):
            return node.lemma_.lower()
        if node.pos_ in ("VERB", "AUX"):  # "it is the policy of the party to develop", "voiced the will to boost"
            held = next((c for c in node.children if c.dep_ in ("attr", "dobj") and _intent_word(c)), None)
            if held is not None:
                return held.lemma_.lower()
            if node.lemma_ == "be" or node.dep_ not in ("conj", "xcomp", "acl", "pcomp", "advcl", "relcl"):
                return None
    return None
