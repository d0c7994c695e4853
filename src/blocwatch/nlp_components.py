"""Custom spaCy components (registered on import)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

# No sentence is longer than this many tokens: a longer run (a list without stops, a table flattened
# to text) is cut, so parsing and the rules cost at most this much per sentence.
MAX_SENTENCE_TOKENS = 150


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Doc → Doc: a token after a line break starts a sentence, and so does every
    ``MAX_SENTENCE_TOKENS``-th token of a run without one; the parser keeps the rest."""
    after_break = False
    run = 0
    for tok in doc:
        if after_break or run >= MAX_SENTENCE_TOKENS:
            tok.is_sent_start = True
            run = 0
        after_break = tok.is_space and "\n" in tok.text
        run += 1
    return doc
