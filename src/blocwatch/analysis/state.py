"""Which event sides are a *state* acting: what the alignment network, blocs and triads count.

A bloc is a set of states. A British friendship society mourning a Korean leader, or Koreans in Japan
holding a memorial, say nothing of where Britain or Japan stand, so the network counts an event only
where its source is the state: a country named alone (no sector), or its government, military,
legislature, courts, police or intelligence; in a one-party state (``data/one_party_states.tsv``) also
its ruling party and its press. Its target is the state too, or its people or persons of standing
(what a state does to a people, aid or massacre, or to a late leader, is done to their country); a
reciprocal act (talks, an accord) counts whichever of its two sides the sentence named first.
``actors="all"`` counts every actor, as before session 28.

The count is kept per merged event when it is merged (``merged_events.state_mentions``): a line added to
the one-party states applies to events merged after it (``Store.remerge()`` merges all again), and a
sector noun added to the actor knowledge to events coded after it (ingest again).
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from importlib import resources

from blocwatch.errors import InputError, QueryError
from blocwatch.events.lexicon import RECIPROCAL

STATE_SECTORS = ("GOV", "MIL", "LEG", "JUD", "COP", "SPY")
PEOPLE_SECTORS = ("PPL", "CVL", "ELI")  # a target: its people, civilians, persons of standing
ONE_PARTY_SECTORS = ("PTY", "MED")
ACTOR_SCOPES = ("state", "all")


def parse_one_party(text: str, name: str = "one_party_states.tsv") -> tuple[tuple[str, date | None, date | None], ...]:
    """``country<TAB>from<TAB>to`` lines (dates may be empty; ``#`` starts a comment)."""
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = (line.split("\t") + ["", ""])[:3]
        try:
            country = cols[0].strip().upper()
            if len(country) != 3 or not country.isalpha():
                raise ValueError(f"not a country code: {cols[0]!r}")
            out.append((country, *(date.fromisoformat(c.strip()) if c.strip() else None for c in cols[1:3])))
        except ValueError as exc:
            raise InputError(f"line {n}: {exc}", path=name) from exc
    return tuple(out)


@lru_cache(maxsize=1)
def one_party_states() -> tuple[tuple[str, date | None, date | None], ...]:
    """The package's one-party states, with the dates they were one (read once; immutable)."""
    return parse_one_party(resources.files("blocwatch.data").joinpath("one_party_states.tsv").read_text("utf-8"))


def state_side_sql(side: str, day: str = "day") -> str:
    """SQL over an events row: its ``side`` (source or target) is a state acting on ``day``."""
    sector, country = f"{side}_sector", f"{side}_country"
    plain = ", ".join(f"'{s}'" for s in STATE_SECTORS)
    party = ", ".join(f"'{s}'" for s in ONE_PARTY_SECTORS)
    spans = []
    for code, since, until in one_party_states():
        cond = [f"{country} = '{code}'"]
        if since:
            cond.append(f"({day} IS NULL OR {day} >= DATE '{since}')")
        if until:
            cond.append(f"({day} IS NULL OR {day} < DATE '{until}')")
        spans.append("(" + " AND ".join(cond) + ")")
    ruled = f" OR ({sector} IN ({party}) AND ({' OR '.join(spans)}))" if spans else ""
    return f"(coalesce({sector}, '') = '' OR {sector} IN ({plain}){ruled})"


def state_event_sql(day: str = "day") -> str:
    """SQL over an events row: a state acts on a state or a people (see the module's docstring)."""
    people = ", ".join(f"'{s}'" for s in PEOPLE_SECTORS)
    src, tgt = state_side_sql("source", day), state_side_sql("target", day)
    reciprocal = ", ".join(f"'{t}'" for t in sorted(RECIPROCAL))
    # a reciprocal act (talks, an accord) is the same event whichever side the sentence named first
    return (f"(({src} AND ({tgt} OR target_sector IN ({people}))) OR "
            f"(plover IN ({reciprocal}) AND {tgt} AND source_sector IN ({people})))")


def actor_scope(actors: str | None) -> str:
    """``actors`` checked: "state" (the default) or "all"."""
    scope = (actors or "state").lower()
    if scope not in ACTOR_SCOPES:
        raise QueryError(f"--actors must be one of {', '.join(ACTOR_SCOPES)}, got {actors!r}")
    return scope
