"""Per-document budgets: how much text is parsed and coded, and for how long. A document over a
budget fails alone with a clear reason (or, for sentences, is coded up to the cap)."""

from __future__ import annotations

import math
import time

from blocwatch.errors import BudgetError

DOC_SECONDS = 30.0  # per-document time budget (ingest --doc-timeout)
MAX_SENTENCES = 500  # sentences parsed and coded per document (ingest --max-sentences)
CHARS_PER_SENTENCE = 200  # text beyond MAX_SENTENCES * this is not parsed
MAX_TEXT_CHARS = 2_000_000  # article text after cleaning; longer fails
MAX_HTML_ELEMENTS = 100_000  # start tags in one HTML page or feed item; more fails before parsing


class Deadline:
    """A point in time after which work on one document stops with a BudgetError."""

    def __init__(self, seconds: float | None = DOC_SECONDS):
        self.seconds = seconds
        self.end = time.monotonic() + seconds if seconds else math.inf
        self._paused_at: float | None = None

    @classmethod
    def with_left(cls, seconds: float | None, left: float | None) -> "Deadline":
        """A budget of ``seconds`` of which ``left`` remain (another process's share of a document's budget):
        its message names the whole budget."""
        deadline = cls(seconds)
        if seconds and left is not None:
            deadline.end = time.monotonic() + left
        return deadline

    def pause(self) -> None:
        """Stop the clock while the document waits its turn (queued for the model's thread or process)."""
        if self._paused_at is None:
            self._paused_at = time.monotonic()

    def resume(self) -> None:
        """Start the clock again; time spent paused does not count against the budget."""
        if self._paused_at is not None:
            self.end += time.monotonic() - self._paused_at
            self._paused_at = None

    def left(self) -> float | None:
        """Seconds of the budget not spent yet (None: no budget); a paused clock counts up to its pause."""
        if math.isinf(self.end):
            return None
        return self.end - (self._paused_at if self._paused_at is not None else time.monotonic())

    def charge(self, seconds: float) -> None:
        """Count ``seconds`` of work done elsewhere (in the model process) against the budget."""
        self.end -= seconds

    def check(self, stage: str) -> None:
        """Raise BudgetError if the budget is spent; ``stage`` says where the time went."""
        if time.monotonic() > self.end:
            raise BudgetError(f"took longer than the {self.seconds:g} s per-document time budget "
                              f"(stopped while {stage}; --doc-timeout sets the budget)")


def parse_extent(text: str, max_sentences: int = MAX_SENTENCES) -> int:
    """How many leading characters of ``text`` to parse: all of it, or up to a paragraph or
    sentence end near ``max_sentences * CHARS_PER_SENTENCE``."""
    limit = max_sentences * CHARS_PER_SENTENCE
    if len(text) <= limit:
        return len(text)
    for mark in ("\n", ". "):
        cut = text.rfind(mark, limit // 2, limit)
        if cut > 0:
            return cut + 1
    return limit
