"""Event coding: dependency-parse rules → PLOVER/CAMEO events with evidence."""

from blocwatch.events.coder import EventCoder

__all__ = ["EventCoder"]
