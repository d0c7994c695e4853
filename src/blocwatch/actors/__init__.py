"""Actors: spaCy entities and noun phrases → codes like PRKGOV, with date-bounded roles.

How the coder should use this:

* Build once: ``resolver = ActorResolver.from_package(extra_files)`` (picklable; loads and indexes
  all knowledge up front).
* Per Doc: ``resolver.mentions(doc, on=published)`` → sorted, non-overlapping ``ActorMention``
  records: ``span`` (an ``ActorSpan`` with Doc char offsets, ``code``, ``country``, ``sector``),
  ``tok_start``/``tok_end`` (token span), ``head`` (the token index to attach dependency rules to)
  and ``reason`` (``dict:<name>``, ``agent:<noun>``, ``entity:<label>``...). ``on=None`` uses each
  person's current role.
* Codes: ISO3 + sector (``PRKGOV``), a bare country (``PRK``), a sector alone (``JUD``) or an
  IGO code (``IGOUNO``; country None, sector ``IGO``). ``span.code is None`` means a named entity
  the knowledge does not know (still a usable actor span).
* A person out of office on ``on`` gets ``<country>ELI`` (unless an office title precedes the name).
* ``resolver.code_phrase("the Kremlin", on)`` codes a whole name given as text (None if unknown).
* Coreference is part of ``mentions`` (``coref=False`` turns it off): "the ministry", "the newspaper",
  "he", "the statement" take the code of what they refer to (``reason`` starts ``coref:``); "the two
  leaders", "both sides" come back as one mention with ``members``, one per actor.
* A coder that tags its own spans maps each to a code with ``mention_at(mentions, start, end)``: the
  resolver's mention overlapping that char span most (coreference and possessives included).
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from blocwatch.actors.kb import ActorKB
    from blocwatch.actors.mention import ActorMention
    from blocwatch.actors.resolve import ActorResolver, mention_at

_LAZY = {"ActorKB": "kb", "ActorMention": "mention", "ActorResolver": "resolve", "mention_at": "resolve"}


def __getattr__(name: str):
    """The resolver loads on first use, so ``blocwatch.actors.codes`` stays a light import for queries."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f"blocwatch.actors.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = ["ActorKB", "ActorMention", "ActorResolver", "mention_at"]
