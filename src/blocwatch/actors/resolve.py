"""Actor resolution (interface stub; the full resolver replaces this body)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from blocwatch.records import ActorSpan


@dataclass(frozen=True)
class ActorMention:
    """An actor found in a Doc: char span (Doc offsets), token span, head token, why."""

    span: ActorSpan
    tok_start: int
    tok_end: int
    head: int
    reason: str


class ActorResolver:
    """Finds actor mentions in a parsed Doc and codes them."""

    @classmethod
    def from_package(cls, extra_files: tuple[str, ...] = ()) -> "ActorResolver":
        return cls()

    def mentions(self, doc: Any, on: date | None = None) -> list[ActorMention]:
        return []
