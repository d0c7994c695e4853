"""The Python analysis as it stood before it moved into DuckDB SQL, kept as the reference for equivalence.

Frozen copies of analysis/data.py, dedup.py, dyads.py, alignment.py and blocs.py (issue 13).
Every event becomes a dict here, so it is only fit for the small stores tests generate.
Rules added since are restated here, not imported: the noise floor of bloc ties (issue 20).
"""

from __future__ import annotations

import hashlib
import math
import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import combinations
from typing import Any

import networkx as nx

from blocwatch.actors.codes import NON_COUNTRY
from blocwatch.analysis.blocs import unattached_alone
from blocwatch.events.lexicon import RECIPROCAL
from blocwatch.store import Store


EVENT_ROWS = """SELECT e.*, a.published AS a_published, a.title AS a_title, a.path AS a_path
                FROM events e JOIN articles a ON a.id = e.doc_id"""


def load_rows(db: str | None) -> list[dict[str, Any]]:
    """All raw event mentions with their article's date and title."""
    with Store(db, read_only=True) as store:
        return store.query(EVENT_ROWS + " ORDER BY e.event_id")


DAY_WINDOW = 3
COUNTED_MODALITIES = ("asserted", "intended")


@dataclass
class MergedEvent:
    """One event with all the mentions that report it."""

    merged_id: str
    source: str
    target: str | None
    plover: str
    quad_class: int | None
    goldstein: float | None
    modality: str
    date: date | None
    date_precision: str | None
    mentions: list[dict[str, Any]] = field(default_factory=list)

    @property
    def sources(self) -> int:
        """Distinct articles reporting the event."""
        return len({m["doc_id"] for m in self.mentions})

    def to_dict(self, evidence: int = 5) -> dict[str, Any]:
        return {"merged_id": self.merged_id, "source": self.source, "target": self.target, "plover": self.plover,
                "quad_class": self.quad_class, "goldstein": self.goldstein, "modality": self.modality,
                "date": self.date, "date_precision": self.date_precision, "mentions": len(self.mentions),
                "sources": self.sources, "event_ids": [m["event_id"] for m in self.mentions],
                "evidence": [evidence_of(m) for m in self.mentions[:evidence]]}


def evidence_of(row: dict[str, Any]) -> dict[str, Any]:
    """The evidence of one mention: sentence, article, and source/target spans within the sentence."""
    def rel(prefix: str) -> list[int] | None:
        if row.get(f"{prefix}_start") is None:
            return None
        return [row[f"{prefix}_start"] - row["sentence_start"], row[f"{prefix}_end"] - row["sentence_start"]]

    return {"event_id": row["event_id"], "doc_id": row["doc_id"], "sentence": row["sentence"],
            "source_text": row.get("source_text"), "target_text": row.get("target_text"), "title": row.get("a_title"), "published": row.get("a_published"),
            "source_span": rel("source"), "target_span": rel("target")}


def actor_key(row: dict[str, Any], side: str) -> str | None:
    return row.get(f"{side}_country") or row.get(f"{side}_code")


def event_day(row: dict[str, Any]) -> tuple[date | None, str | None]:
    if row.get("date"):
        return row["date"], row.get("date_precision") or "day"
    return row.get("a_published"), "day" if row.get("a_published") else None


def _bucket_key(row: dict[str, Any]) -> tuple | None:
    src, tgt = actor_key(row, "source"), actor_key(row, "target")
    if src is None:
        return None
    pair = tuple(sorted((src, tgt or ""))) if row["plover"] in RECIPROCAL else (src, tgt or "")
    return (row["plover"], pair, row["modality"])


def _same(a: tuple[date | None, str | None], b: tuple[date | None, str | None]) -> bool:
    (da, pa), (db, pb) = a, b
    if da is None or db is None:
        return da is None and db is None
    if "year" in (pa, pb) or "month" in (pa, pb):  # only with the same precision (session 12)
        if pa != pb:
            return False
        return da.year == db.year if pa == "year" else (da.year, da.month) == (db.year, db.month)
    return abs((da - db).days) <= DAY_WINDOW


def merge(rows: list[dict[str, Any]]) -> list[MergedEvent]:
    """Group raw event rows (with ``a_published``) into merged events, oldest first."""
    groups: dict[tuple, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        key = _bucket_key(row)
        if key:
            groups[key].append(row)
    merged: list[MergedEvent] = []
    for (plover, pair, modality), members in groups.items():
        members.sort(key=lambda r: (event_day(r)[0] or date.max, r["event_id"]))
        clusters: list[list[dict[str, Any]]] = []
        for row in members:
            if clusters and _same(event_day(clusters[-1][0]), event_day(row)):
                clusters[-1].append(row)
            else:
                clusters.append([row])
        merged += [_merged(c) for c in clusters]
    return sorted(merged, key=lambda m: (m.date or date.max, m.merged_id))


def unmerged(rows: list[dict[str, Any]]) -> list[MergedEvent]:
    """Every raw mention as its own event (for counting mentions instead of events)."""
    out = [_merged([row]) for row in rows if _bucket_key(row)]
    return sorted(out, key=lambda m: (m.date or date.max, m.merged_id))


def _merged(cluster: list[dict[str, Any]]) -> MergedEvent:
    first = cluster[0]
    precise = min(cluster, key=lambda r: {"day": 0, "month": 1, "year": 2, None: 3}[event_day(r)[1]])
    when, precision = event_day(precise)
    ids = sorted(r["event_id"] for r in cluster)
    return MergedEvent(hashlib.sha1("|".join(ids).encode()).hexdigest()[:16], actor_key(first, "source"),
                       actor_key(first, "target"), first["plover"], first["quad_class"], first["goldstein"],
                       first["modality"], when, precision, cluster)


def is_country(key: str | None) -> bool:
    """An ISO3-like country key, not a sector or IGO code."""
    return bool(key) and len(key) == 3 and key.isalpha() and key.isupper() and key not in NON_COUNTRY

PERIODS = ("month", "quarter", "year")


def period_of(d: date, by: str) -> str:
    if by == "year":
        return f"{d.year}"
    if by == "quarter":
        return f"{d.year}-Q{(d.month - 1) // 3 + 1}"
    return f"{d.year}-{d.month:02d}"


def involves(m: MergedEvent, a: str, b: str) -> bool:
    return {m.source, m.target} == {a, b}


def timeline(merged: list[MergedEvent], a: str, b: str, by: str = "year", evidence: int = 3) -> list[dict[str, Any]]:
    """One dict per period with events between ``a`` and ``b`` (either direction)."""
    buckets: dict[str, list[MergedEvent]] = defaultdict(list)
    for m in merged:
        if m.date and m.modality in COUNTED_MODALITIES and involves(m, a, b):
            buckets[period_of(m.date, by)].append(m)
    return [_period(p, events, evidence) for p, events in sorted(buckets.items())]


def _period(period: str, events: list[MergedEvent], evidence: int) -> dict[str, Any]:
    quads = {str(q): sum(1 for e in events if e.quad_class == q) for q in (1, 2, 3, 4)}
    scores = [e.goldstein for e in events if e.goldstein is not None]
    top = sorted(events, key=lambda e: (-e.sources, -abs(e.goldstein or 0)))[:evidence]
    return {"period": period, "events": len(events), "mentions": sum(len(e.mentions) for e in events),
            "quad_counts": quads, "mean_goldstein": round(sum(scores) / len(scores), 3) if scores else None,
            "total_goldstein": round(sum(scores), 3),
            "net_cooperation": quads["1"] + quads["2"] - quads["3"] - quads["4"],
            "evidence": [{"merged_id": e.merged_id, "plover": e.plover, "source": e.source, "target": e.target,
                          "date": e.date, **{k: e.to_dict(1)["evidence"][0][k]
                             for k in ("sentence", "doc_id", "event_id", "source_text", "target_text")}}
                         for e in top]}


def active_pairs(merged: list[MergedEvent], limit: int = 6) -> list[tuple[str, str]]:
    """The most active country pairs (by merged events)."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for m in merged:
        if m.target and m.source != m.target and is_country(m.source) and is_country(m.target) \
                and m.modality in COUNTED_MODALITIES:
            counts[tuple(sorted((m.source, m.target)))] += 1
    return [p for p, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]


TREATY_WEIGHT = {"defense": 0.6, "offense": 0.6, "consultation": 0.25}  # non-aggression and neutrality: no alignment signal


@dataclass(frozen=True)
class AlignmentOptions:
    window_days: int = 365
    half_life_days: float = 180.0
    event_scale: float = 10.0
    treaties: bool = True


def event_scores(merged: list[MergedEvent], at: date, opts: AlignmentOptions) -> dict[tuple[str, str], float]:
    since = at - timedelta(days=opts.window_days)
    raw: dict[tuple[str, str], float] = defaultdict(float)
    for m in merged:
        if not (m.date and since < m.date <= at and m.modality in COUNTED_MODALITIES and m.goldstein is not None):
            continue
        if not (is_country(m.source) and is_country(m.target)) or m.source == m.target:
            continue
        age = (at - m.date).days
        raw[tuple(sorted((m.source, m.target)))] += m.goldstein * 0.5 ** (age / opts.half_life_days)
    return {pair: math.tanh(v / opts.event_scale) for pair, v in raw.items()}


def treaty_scores(ties, countries: set[str]) -> dict[tuple[str, str], tuple[float, str]]:
    out: dict[tuple[str, str], tuple[float, str]] = {}
    for tie in ties:
        if tie.a in countries and tie.b in countries:
            pair = tuple(sorted((tie.a, tie.b)))
            w = TREATY_WEIGHT.get(tie.obligation, 0.0)
            if w > out.get(pair, (0.0, ""))[0]:
                out[pair] = (w, tie.treaty_id)
    return out


def signed_network(merged: list[MergedEvent], at: date, ties=(), opts: AlignmentOptions = AlignmentOptions()) -> nx.Graph:
    """Countries with events in the window; edges weighted by alignment score (sign = ally/rival)."""
    events = event_scores(merged, at, opts)
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


RESTARTS = 16
SEED = 7
NOISE_FLOOR = 0.05  # issue 20: a tie with |score| at or below this neither places a country nor frustrates


def above_floor(g: nx.Graph) -> nx.Graph:
    """The ties that count for blocs: every country, only the ties stronger than the noise floor."""
    h = nx.Graph(**g.graph)
    h.add_nodes_from(g)
    h.add_edges_from((a, b, d) for a, b, d in g.edges(data=True) if abs(d["weight"]) > NOISE_FLOOR)
    return h


def frustration(g: nx.Graph, part: dict[str, int]) -> float:
    total = 0.0
    for a, b, w in g.edges(data="weight"):
        same = part[a] == part[b]
        if (w < 0 and same) or (w > 0 and not same):
            total += abs(w)
    return total


def _node_cost(g: nx.Graph, part: dict[str, int], node: str, bloc: int) -> float:
    """Frustration of ``node``'s own edges if it sat in ``bloc``."""
    cost = 0.0
    for other, d in g[node].items():
        w, same = d["weight"], part[other] == bloc
        if (w < 0 and same) or (w > 0 and not same):
            cost += abs(w)
    return cost


def _improve(g: nx.Graph, part: dict[str, int], max_rounds: int) -> dict[str, int]:
    part = dict(part)
    for _ in range(max_rounds):
        improved = False
        for node in sorted(g):
            here = _node_cost(g, part, node, part[node])
            for bloc in sorted(set(part.values()) | {max(part.values()) + 1}):
                cost = _node_cost(g, part, node, bloc)
                if cost < here - 1e-12:
                    part[node], here, improved = bloc, cost, True
        if not improved:
            break
    return part


def _starts(g: nx.Graph) -> list[dict[str, int]]:
    nodes = sorted(g)
    pos = nx.Graph((a, b) for a, b, w in g.edges(data="weight") if w > 0)
    pos.add_nodes_from(nodes)
    starts = [{n: i for i, comp in enumerate(sorted(nx.connected_components(pos), key=sorted)) for n in comp}]
    if len(nodes) > 2:
        import numpy as np

        vals, vecs = np.linalg.eigh(nx.to_numpy_array(g, nodelist=nodes, weight="weight"))
        starts.append({n: int(v >= 0) for n, v in zip(nodes, vecs[:, int(np.argmax(vals))])})
    rng = random.Random(SEED)
    starts += [{n: rng.randrange(2 + i % 2) for n in nodes} for i in range(RESTARTS)]
    return starts


def partition(g: nx.Graph, max_rounds: int = 50) -> dict[str, int]:
    """Node → bloc index with the least frustration found over all starts (deterministic)."""
    if len(g) == 0:
        return {}
    g = above_floor(g)
    best, best_cost = None, float("inf")
    for start in _starts(g):
        part = _improve(g, start, max_rounds)
        cost = frustration(g, part)
        if cost < best_cost - 1e-9:
            best, best_cost = part, cost
    return _renumber(unattached_alone(g, best))  # a rule added after the freeze: shared, not copied


def _renumber(part: dict[str, int]) -> dict[str, int]:
    order = sorted(set(part.values()), key=lambda b: (-sum(1 for v in part.values() if v == b),
                                                      min(n for n, v in part.items() if v == b)))
    new = {b: i for i, b in enumerate(order)}
    return {n: new[b] for n, b in part.items()}


def _mean(g: nx.Graph, pairs) -> float | None:
    ws = [g[a][b]["weight"] for a, b in pairs if g.has_edge(a, b)]
    return round(sum(ws) / len(ws), 4) if ws else None


def blocs(g: nx.Graph) -> dict[str, Any]:
    """{"blocs": [{"members", "cohesion"}], "between": [{"blocs": [i, j], "score"}], "frustration"}."""
    part = partition(g) if len(g) else {}
    groups = [sorted(n for n, b in part.items() if b == i) for i in sorted(set(part.values()))]
    out = [{"members": m, "cohesion": _mean(g, combinations(m, 2))} for m in groups]
    between = []
    for i, j in combinations(range(len(groups)), 2):
        score = _mean(g, [(a, b) for a in groups[i] for b in groups[j]])
        if score is not None:
            between.append({"blocs": [i, j], "score": score})
    return {"blocs": out, "between": between,
            "frustration": round(frustration(above_floor(g), part), 4) if part else 0.0}


def triad(g: nx.Graph, a: str, b: str, c: str) -> dict[str, Any]:
    """Signs of the three ties and whether the triangle is balanced (product of signs > 0)."""
    edges = {}
    for x, y in ((a, b), (b, c), (a, c)):
        edges[f"{x}-{y}"] = g[x][y]["weight"] if g.has_edge(x, y) else None
    signs = [0 if w is None else (1 if w > 0 else -1) for w in edges.values()]
    if 0 in signs:
        status = "incomplete"
    else:
        status = "balanced" if signs[0] * signs[1] * signs[2] > 0 else "unbalanced"
    pattern = "".join({1: "+", -1: "−", 0: "?"}[s] for s in signs)
    return {"countries": [a, b, c], "ties": edges, "pattern": pattern, "status": status}
