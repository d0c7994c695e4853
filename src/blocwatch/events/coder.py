"""Event coder (interface stub; the full coder replaces this body)."""

from __future__ import annotations

from datetime import date
from typing import Any

from blocwatch.records import Event


class EventCoder:
    """Codes events from a parsed Doc whose char offsets are article offsets."""

    @classmethod
    def from_package(cls, actor_files: tuple[str, ...] = (), verb_files: tuple[str, ...] = ()) -> "EventCoder":
        return cls()

    def code(self, doc: Any, *, doc_id: str, published: date | None = None) -> list[Event]:
        return []
