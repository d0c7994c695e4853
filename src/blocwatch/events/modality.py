"""Modality of a predicate: asserted, negated, intended, hypothetical or alleged."""

from __future__ import annotations

from typing import Any

INTENT_HEADS = frozenset({"vow", "pledge", "plan", "intend", "promise", "aim", "prepare", "seek", "hope",
                          "want", "decide", "expect", "threaten", "agree", "offer", "propose", "try", "resolve",
                          "ready", "willing", "prepared", "determined", "eager", "keen", "committed"})
NOT_FOLDED = frozenset({"agree", "threaten", "offer", "propose"})  # these verbs are the event themselves
HYPO_AUX = frozenset({"could", "would", "might", "may", "should", "can"})
ALLEGE_WORDS = frozenset({"allegedly", "reportedly", "purportedly", "suspected", "suspicion", "suspicions",
                          "allegation", "allegations", "alleged", "claims", "rumor", "rumour"})
ALLEGE_HEADS = frozenset({"suspect", "allege", "believe", "suggest", "claim", "speculate", "fear"})
SPECULATORS = frozenset({"analyst", "expert", "observer", "commentator", "scholar", "researcher"})


def modality(verb: Any) -> tuple[str, str]:
    """(modality, cue) for a verb token, from its auxiliaries and governing clauses."""
    aux = {c.lower_: c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg")}
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
    if "will" in aux or "shall" in aux or "'ll" in aux:
        return "intended", "will"
    if aux.get("to") is not None or verb.dep_ == "xcomp":
        head = verb.head
        if head.lemma_ in INTENT_HEADS or any(c.lower_ == "going" for c in verb.children):
            return "intended", head.lemma_
    return _from_ancestors(verb)


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
        if any(c.dep_ == "nsubj" and c.lemma_.lower() in SPECULATORS for c in head.children):
            hypo = any(c.lower_ in HYPO_AUX for c in verb.children if c.dep_ == "aux")
            if hypo:
                return "hypothetical", "analyst"
        node = head
    return "asserted", ""


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


REPORT_LEMMAS = frozenset({"say", "tell", "announce", "state", "promise", "pledge", "add", "report"})


def _reported(verb: Any) -> bool:
    """A clause reported by a say-verb whose subject is not an analyst."""
    if verb.dep_ != "ccomp" or verb.head.lemma_ not in REPORT_LEMMAS:
        return False
    return not any(c.dep_ == "nsubj" and c.lemma_.lower() in SPECULATORS for c in verb.head.children)
