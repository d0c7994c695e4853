"""Custom spaCy components (registered on import)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Doc → Doc: a token after a line break starts a sentence; the parser keeps the rest."""
    after_break = False
    for tok in doc:
        if after_break:
            tok.is_sent_start = True
        after_break = tok.is_space and "\n" in tok.text
    return doc
