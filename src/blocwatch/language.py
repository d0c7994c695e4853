"""Which language a text is in: English (the default) or Spanish (KCNA publishes in both).

The test is the share of Spanish function words, so it needs no model and reads a headline-long text;
the actors' resolver, the sentence splitter and the learned coder's gloss all ask it.
"""

from __future__ import annotations

import re
from typing import Any

# Function words that make up a good part of any Spanish text and little of an English one
SPANISH_WORDS = frozenset({"el", "la", "los", "las", "del", "de", "que", "y", "en", "por", "con", "una", "para",
                           "se", "su", "sus", "al", "es", "lo", "como", "más", "mas"})
SPANISH_SHARE = 0.2  # of a document's words
WORD = re.compile(r"[^\W\d_]+")


def spanish_words(words: list[str]) -> bool:
    """Whether lowercase ``words`` are Spanish: Spanish function words ("el", "los", "que", "del") are at
    least a fifth of them."""
    return bool(words) and sum(w in SPANISH_WORDS for w in words) >= SPANISH_SHARE * len(words)


def spanish_text(text: str) -> bool:
    """Whether a text is Spanish (``spanish_words`` of its words)."""
    return spanish_words([w.lower() for w in WORD.findall(text)])


def spanish_story(doc: Any) -> bool:
    """Whether a spaCy Doc is Spanish (``spanish_words`` of its alphabetic tokens); cached on the Doc."""
    found = doc.user_data.get("blocwatch.spanish")
    if found is None:
        found = doc.user_data["blocwatch.spanish"] = spanish_words([t.lower_ for t in doc if t.is_alpha])
    return found
