"""API for the dashboard: the network as nodes and edges, a pair's events, triads over time, names."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from blocwatch.actors.countries import country_names as all_country_names
from blocwatch.analysis import queries
from blocwatch.analysis.blocs import blocs as find_blocs
from blocwatch.analysis.merged import merged_for
from blocwatch.analysis.state import actor_scope
from blocwatch.api.events import parse_dyad
from blocwatch.api.interop import parse_origins
from blocwatch.api.relations import _network, network, parse_window, triad_codes, triads_of
from blocwatch.errors import QueryError
from blocwatch.store import Store
from blocwatch.treaties import TreatyKB, ties

__all__ = ["alignment", "pair_events", "triad_timeline", "event_span", "country_names"]

def country_names(codes: list[str] | None = None) -> dict[str, str]:
    """ISO3 code → a readable country name (all known codes, or just ``codes``)."""
    names = all_country_names()
    if codes is None:
        return dict(names)
    return {c: names[c] for c in codes if c in names}


def event_span(db: str | None = None, origin: str | list[str] | None = None) -> dict[str, Any]:
    """The first and last event day (event date, else the article's date) and article dates."""
    origins = parse_origins(origin)
    where, params = ("WHERE list_contains(?, e.origin)", [origins]) if origins else ("", [])
    with Store(db, read_only=True) as store:
        row = store.query("""SELECT min(coalesce(e.date, a.published)) AS first, max(coalesce(e.date, a.published)) AS last,
                                    min(a.published) AS published_from, max(a.published) AS published_to
                             FROM events e JOIN articles a ON a.id = e.doc_id """ + where, params)[0]
    return row


def alignment(db: str | None = None, at: date | None = None, window: str | int = "365d",
              origin: str | list[str] | None = None, actors: str = "state") -> dict[str, Any]:
    """The signed network at ``at`` as JSON: nodes (with bloc and name), edges, blocs, and the event span;
    ``actors`` as ``network``'s (states by default)."""
    g = network(db, at, window, origin=origin, actors=actors)
    info = find_blocs(g)
    bloc_of = {m: i for i, b in enumerate(info["blocs"]) for m in b["members"]}
    names = country_names(list(g.nodes))
    nodes = [{"id": n, "name": names.get(n, n), "bloc": bloc_of.get(n),
              "strength": round(sum(abs(d["weight"]) for _, _, d in g.edges(n, data=True)), 3)} for n in sorted(g)]
    edges = [{"a": a, "b": b, "weight": round(d["weight"], 3), "events": round(d.get("events", 0.0), 3),
              "treaty": round(d.get("treaty", 0.0), 3)}
             for a, b, d in sorted(g.edges(data=True), key=lambda e: (-abs(e[2]["weight"]), e[0], e[1]))]
    return {"date": g.graph["date"], "window_days": parse_window(window), "actors": g.graph["actors"],
            "nodes": nodes, "edges": edges,
            **info, "span": event_span(db, origin)}


def pair_events(dyad: str, db: str | None = None, since: date | None = None,
                until: date | None = None, origin: str | list[str] | None = None) -> list[dict[str, Any]]:
    """Merged events between a pair (either direction) from ``since`` to ``until``, newest first.

    Each carries every mention's evidence: sentence with source/target spans, the article's title,
    outlet, date and URL, and the coder's ``reason``.
    """
    a, b = parse_dyad(dyad)
    if since and until and since > until:
        return []
    where = "dyad = $dyad AND date IS NOT NULL AND date >= coalesce($since, date) AND date <= coalesce($until, date)"
    with Store(db, read_only=True) as store:
        table = merged_for(store.con, parse_origins(origin))
        picked = list(queries.merged(store.con, where, {"dyad": f"{min(a, b)}-{max(a, b)}", "since": since,
                                                        "until": until},
                                     order="date DESC, merged_id DESC", evidence_per_event=None, extra=True,
                                     table=table))
    articles = _articles(db, sorted({ev["doc_id"] for m in picked for ev in m["evidence"]}))
    for m in picked:
        for ev in m["evidence"]:
            ev["article"] = articles.get(ev["doc_id"])
    return picked


def _articles(db: str | None, ids: list[str]) -> dict[str, dict[str, Any]]:
    if not ids:
        return {}
    with Store(db, read_only=True) as store:
        rows = store.query("SELECT id, title, outlet, url, path, published FROM articles WHERE list_contains(?, id)",
                           [ids])
    return {r["id"]: r for r in rows}


STEPS = {"month": 1, "quarter": 3, "year": 12}


def triad_timeline(countries: list[str], db: str | None = None, by: str = "year",
                   window: str | int = "365d", since: date | None = None,
                   until: date | None = None, origin: str | list[str] | None = None,
                   actors: str = "state") -> list[dict[str, Any]]:
    """The triads of ``countries`` at the end of each period up to ``until`` or the last stored event,
    whichever is earlier (``actors`` as ``network``'s).

    Periods start at ``since``, else a year before the first stored article (or at the first
    stored event, if later).
    """
    if by not in STEPS:
        raise QueryError(f"--by must be one of {', '.join(STEPS)}, got {by!r}")
    actors = actor_scope(actors)
    span = event_span(db, origin)
    if span["last"] is None:
        return []
    last = min(until or span["last"], span["last"])
    start = span["published_from"] or span["first"]
    first = since or max(span["first"], date(max(1, start.year - 1), 1, 1))
    if first > last:
        return []
    codes, kb, out = triad_codes(countries), TreatyKB.from_package(), []
    with Store(db, read_only=True) as store:  # one open and one treaty load for every period
        table = merged_for(store.con, parse_origins(origin))
        for at in _period_ends(first, last, STEPS[by]):
            out += triads_of(_network(store.con, at, window, active_ties=ties(kb, at), table=table,
                                      actors=actors), codes)
    return out


def _period_ends(first: date, last: date, months: int, limit: int = 400) -> list[date]:
    """The last day of each period of ``months`` months from ``first`` to ``last`` (capped)."""
    ends = []
    y, m = first.year, ((first.month - 1) // months) * months + 1
    while len(ends) < limit:
        y2, m2 = y + (m - 1 + months) // 12, (m - 1 + months) % 12 + 1
        end = date(y2, m2, 1) - timedelta(days=1) if y2 <= date.max.year else date.max
        ends.append(min(end, last))
        if end >= last:
            break
        y, m = y2, m2
    return ends
