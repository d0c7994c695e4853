"""Actors: spaCy entities and noun phrases → codes like PRKGOV, with date-bounded roles.

Use: ``resolver = ActorResolver.from_package(extra_files)``, then
``resolver.mentions(doc, on=date)`` gives sorted, non-overlapping ``ActorMention`` records with
the char span, token span and head token of each actor.
"""

from blocwatch.actors.kb import ActorKB
from blocwatch.actors.resolve import ActorMention, ActorResolver

__all__ = ["ActorKB", "ActorMention", "ActorResolver"]
