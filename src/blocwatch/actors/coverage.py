"""Which named entities the actor knowledge leaves without a country: a worklist for the dictionaries."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date
from typing import Any

from blocwatch.actors.codes import split_code
from blocwatch.actors.resolve import ActorResolver, modifier_only

LABELS = frozenset({"GPE", "NORP", "ORG", "PERSON"})


def uncoded_entities(docs: Iterable[tuple[Any, date | None]], resolver: ActorResolver) -> Counter:
    """(label, entity text) → count, for entities no mention with a country (or IGO code) covers."""
    out: Counter = Counter()
    for doc, on in docs:
        coded = {t for m in resolver.mentions(doc, on) if m.span.country or m.span.sector == "IGO"
                 for t in range(m.tok_start, m.tok_end)}
        coded |= {t for h in resolver.hits(doc, on) if split_code(h.code)[0] for t in range(h.start, h.end)}
        for ent in doc.ents:  # datelines ("SEOUL –") are hits; "anti-US" and "US-led" name no actor by design
            if ent.label_ in LABELS and not any(t in coded for t in range(ent.start, ent.end)) \
                    and not modifier_only(doc, ent.start, ent.end) and not _anti_token(ent):
                out[(ent.label_, " ".join(ent.text.split()))] += 1
    return out


def _anti_token(ent: Any) -> bool:
    """"anti-American" as one entity."""
    return ent.text.lower().startswith(("anti-", "anti ", "pro-", "pro "))
