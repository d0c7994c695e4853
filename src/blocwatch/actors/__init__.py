"""Actors: spaCy entities and noun phrases → codes like PRKGOV, with date-bounded roles."""

from blocwatch.actors.resolve import ActorMention, ActorResolver

__all__ = ["ActorMention", "ActorResolver"]
