"""Linking sentences to treaties (interface stub; the full linker replaces this body)."""

from __future__ import annotations

from typing import Any

from blocwatch.records import TreatyMention


class TreatyLinker:
    """Finds sentences in a parsed Doc that name a treaty in the knowledge base."""

    @classmethod
    def from_package(cls, extra_files: tuple[str, ...] = ()) -> "TreatyLinker":
        return cls()

    def link(self, doc: Any, *, article_id: str) -> list[TreatyMention]:
        return []
