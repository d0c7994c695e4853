"""Typed records passed between stages. All are plain, picklable dataclasses."""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class RawDocument:
    """One article as read from a source, before cleaning."""

    path: str
    text: str | None = None
    html: str | None = None
    id: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None  # as found in metadata, unparsed


@dataclass(frozen=True)
class Article:
    """A cleaned, dated article. ``id`` is a hash of the normalised text."""

    id: str
    path: str
    text: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: date | None = None
    date_source: str | None = None  # "metadata" | "dateline" | "inferred:anniversary" | "default" | None
    origin: str = "blocwatch"  # blocwatch | gdelt | icews | plover (a pseudo-article of an imported event)


@dataclass(frozen=True)
class Failure:
    """An input that could not be read, with the one-line reason.

    ``internal`` marks a failure of blocwatch itself (a bug), not of the input.
    """

    path: str
    reason: str
    internal: bool = False


def internal_failure(path: str, exc: BaseException) -> Failure:
    """A Failure for an exception blocwatch did not expect (a bug); the traceback goes to the debug log."""
    logging.getLogger(__name__).debug("internal error on %s", path, exc_info=exc)
    return Failure(path, f"internal error ({type(exc).__name__}: {exc}); this is a bug, "
                         "--debug shows the traceback", internal=True)


@dataclass(frozen=True)
class Sentence:
    article_id: str
    idx: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ActorSpan:
    """An actor mention resolved to a code such as PRKGOV (country ISO3 + sector)."""

    text: str
    start: int | None  # char offset in the article text (None for imported events without text)
    end: int | None
    code: str | None
    country: str | None = None
    sector: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Event:
    """One coded event with its evidence. Field names are the JSON contract."""

    event_id: str
    doc_id: str
    sentence: str
    sentence_start: int
    sentence_end: int
    source: ActorSpan
    target: ActorSpan | None
    plover: str
    plover_mode: str | None
    cameo: str | None
    quad_class: int | None
    goldstein: float | None
    modality: str  # asserted | negated | intended | hypothetical | alleged
    date: date | None
    date_precision: str | None  # day | month | year | None
    location: str | None
    reason: str
    treaty_ids: tuple[str, ...] = field(default_factory=tuple)
    origin: str = "blocwatch"  # blocwatch (coded here) | gdelt | icews | plover (imported)
    origin_id: str | None = None  # the event's id in the imported data set
    extra: dict[str, Any] | None = field(default=None, compare=False)  # data-set fields we have no column for

    def to_dict(self, article: dict[str, Any] | None = None) -> dict[str, Any]:
        """The event as a JSON-ready dict in contract field order."""
        return {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "article": article,
            "sentence": self.sentence,
            "sentence_start": self.sentence_start,
            "sentence_end": self.sentence_end,
            "source": self.source.to_dict(),
            "target": self.target.to_dict() if self.target else None,
            "plover": self.plover,
            "plover_mode": self.plover_mode,
            "cameo": self.cameo,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "modality": self.modality,
            "date": self.date.isoformat() if self.date else None,
            "date_precision": self.date_precision,
            "location": self.location,
            "reason": self.reason,
            "origin": self.origin,
        }


@dataclass(frozen=True)
class TreatyMention:
    """A sentence that names a treaty."""

    article_id: str
    treaty_id: str
    sentence_start: int
    sentence_end: int
    sentence: str
    matched: str  # the text that matched
    reason: str
