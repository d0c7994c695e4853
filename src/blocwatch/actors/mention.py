"""The actor mention record: what the resolver finds in a Doc and coreference links to its antecedent.

Its own module so that ``resolve`` (which runs coreference) and ``coref`` (which builds mentions)
both import it and neither imports the other back.
"""

from __future__ import annotations

from dataclasses import dataclass

from blocwatch.records import ActorSpan

COMPOUND = "compound:"  # the reason of each country's member of a compound ("U.S.-south Korea exercises")


@dataclass(frozen=True)
class ActorMention:
    """An actor found in a Doc: char span (Doc offsets), token span, head token, why."""

    span: ActorSpan
    tok_start: int
    tok_end: int
    head: int
    reason: str
    members: tuple["ActorMention", ...] = ()  # a pair ("the two leaders"): one mention per actor it stands for

    @property
    def compound_member(self) -> bool:
        """One country of a compound naming several, sharing its span with the others."""
        return self.reason.startswith(COMPOUND)
