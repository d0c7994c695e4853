"""Event coding: dependency-parse rules → PLOVER/CAMEO events with evidence."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from blocwatch.events.coder import EventCoder


def __getattr__(name: str):
    """The coder loads on first use, so ``blocwatch.events.lexicon`` stays a light import for queries."""
    if name == "EventCoder":
        from blocwatch.events.coder import EventCoder

        return EventCoder
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = ["EventCoder"]
