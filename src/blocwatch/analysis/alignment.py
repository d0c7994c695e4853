"""Alignment: a signed score per country pair at a date, from recent events and treaty ties.

event part: tanh(Σ goldstein × 0.5^(age / half_life) / 10) over merged events in the window;
treaty part: the strongest active obligation between the pair (defense/offense 0.6,
consultation 0.25; non-aggression and neutrality count for nothing). Score = clamp(event + treaty, −1, 1).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

TREATY_WEIGHT = {"defense": 0.6, "offense": 0.6, "consultation": 0.25}  # non-aggression and neutrality: no alignment signal


@dataclass(frozen=True)
class AlignmentOptions:
    window_days: int = 365
    half_life_days: float = 180.0
    event_scale: float = 10.0
    treaties: bool = True


def treaty_scores(ties, countries: set[str]) -> dict[tuple[str, str], tuple[float, str]]:
    out: dict[tuple[str, str], tuple[float, str]] = {}
    for tie in ties:
        if tie.a in countries and tie.b in countries:
            pair = tuple(sorted((tie.a, tie.b)))
            w = TREATY_WEIGHT.get(tie.obligation, 0.0)
            if w > out.get(pair, (0.0, ""))[0]:
                out[pair] = (w, tie.treaty_id)
    return out


def signed_network(events: dict[tuple[str, str], float], at: date, ties=(),
                   opts: AlignmentOptions = AlignmentOptions()) -> nx.Graph:
    """Countries with events in the window; edges weighted by alignment score (sign = ally/rival).

    ``events``: pair (sorted) → event score, see ``analysis.queries.event_scores``.
    """
    import networkx as nx

    countries = {c for pair in events for c in pair}
    treaties = treaty_scores(ties, countries) if opts.treaties else {}
    g = nx.Graph(date=at.isoformat())
    g.add_nodes_from(sorted(countries))
    for pair in sorted(set(events) | set(treaties)):
        e = events.get(pair, 0.0)
        t, tid = treaties.get(pair, (0.0, ""))
        score = max(-1.0, min(1.0, e + t))
        if abs(score) > 1e-9:
            g.add_edge(*pair, weight=round(score, 4), events=round(e, 4), treaty=round(t, 4), treaty_id=tid,
                       sign=1 if score > 0 else -1)
    return g
