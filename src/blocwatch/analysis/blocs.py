"""Blocs on a signed network by structural-balance partitioning, and triad balance.

No signed community detection ships with networkx (or any installed library), so this is a
small, deterministic frustration minimiser. Frustration = Σ|w| of negative edges inside blocs plus
positive edges between blocs. Local search moves single nodes between blocs (or into a new bloc)
while that lowers frustration. It runs from several starts and keeps the least frustrated result:
the connected components of the positive edges (first, so it wins ties), the sign split of the
leading eigenvector of the signed adjacency matrix, and seeded random two- and three-way splits.

Ties whose score is within ``NOISE_FLOOR`` of zero are noise (a stray or mistaken event, or one long
faded): they neither place a country in a bloc nor count as frustration. The network keeps them.
"""

from __future__ import annotations

import random
from itertools import combinations
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

RESTARTS = 16
SEED = 7
NOISE_FLOOR = 0.05  # |score| ≤ this is noise: less than one mild act (Goldstein ±1) half a year old


def counted_ties(g: nx.Graph) -> nx.Graph:
    """``g`` without the ties at or below the noise floor (every country kept): the ties blocs are made of."""
    h = g.__class__(**g.graph)
    h.add_nodes_from(g.nodes(data=True))
    h.add_edges_from((a, b, d) for a, b, d in g.edges(data=True) if abs(d["weight"]) > NOISE_FLOOR)
    return h


def frustration(g: nx.Graph, part: dict[str, int]) -> float:
    total = 0.0
    for a, b, w in g.edges(data="weight"):
        same = part[a] == part[b]
        if (w < 0 and same) or (w > 0 and not same):
            total += abs(w)
    return total


class _Signed:
    """The graph as dense arrays (nodes sorted): positive and negative parts of each node's ties."""

    def __init__(self, g: nx.Graph):
        import networkx as nx
        import numpy as np

        self.nodes = sorted(g)
        w = nx.to_numpy_array(g, nodelist=self.nodes, weight="weight")
        self.pos, self.neg = np.maximum(w, 0.0), np.maximum(-w, 0.0)
        self.pos_total = self.pos.sum(axis=1)

    def costs(self, blocs, i: int, size: int):
        """Frustration of node ``i``'s own ties if it sat in each bloc 0..size-1."""
        import numpy as np

        return (np.bincount(blocs, weights=self.neg[i], minlength=size) + self.pos_total[i]
                - np.bincount(blocs, weights=self.pos[i], minlength=size))


def _improve(s: _Signed, part: dict[str, int], max_rounds: int) -> dict[str, int]:
    """Move single nodes (in name order) to the bloc, or a new one, that lowers their frustration most."""
    import numpy as np

    blocs = np.array([part[n] for n in s.nodes], dtype=np.int64)
    for _ in range(max_rounds):
        improved = False
        for i in range(len(s.nodes)):
            choices = sorted(set(blocs.tolist()) | {int(blocs.max()) + 1})
            cost = s.costs(blocs, i, choices[-1] + 1)
            here = cost[blocs[i]]
            for bloc in choices:
                if cost[bloc] < here - 1e-12:
                    blocs[i], here, improved = bloc, cost[bloc], True
        if not improved:
            break
    return {n: int(b) for n, b in zip(s.nodes, blocs)}


def _starts(g: nx.Graph) -> list[dict[str, int]]:
    import networkx as nx

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
    """Node → bloc index with the least frustration found over all starts (deterministic), on the ties
    above the noise floor."""
    if len(g) == 0:
        return {}
    g = counted_ties(g)
    best, best_cost = None, float("inf")
    signed = _Signed(g)
    for start in _starts(g):
        part = _improve(signed, start, max_rounds)
        cost = frustration(g, part)
        if cost < best_cost - 1e-9:
            best, best_cost = part, cost
    return _renumber(unattached_alone(g, best))


def unattached_alone(g: nx.Graph, part: dict[str, int]) -> dict[str, int]:
    """A country with no positive tie to anyone in its bloc stands alone: it costs the same frustration
    either way, and a bloc should not claim a member that nothing ties to it."""
    part = dict(part)
    fresh = max(part.values()) + 1
    for node in sorted(part):
        mates = [n for n in part if part[n] == part[node] and n != node]
        if mates and not any(g.has_edge(node, m) and g[node][m]["weight"] > 0 for m in mates):
            part[node], fresh = fresh, fresh + 1
    return part


def _renumber(part: dict[str, int]) -> dict[str, int]:
    order = sorted(set(part.values()), key=lambda b: (-sum(1 for v in part.values() if v == b),
                                                      min(n for n, v in part.items() if v == b)))
    new = {b: i for i, b in enumerate(order)}
    return {n: new[b] for n, b in part.items()}


def _mean(g: nx.Graph, pairs) -> float | None:
    ws = [g[a][b]["weight"] for a, b in pairs if g.has_edge(a, b)]
    return round(sum(ws) / len(ws), 4) if ws else None


def blocs(g: nx.Graph) -> dict[str, Any]:
    """{"blocs": [{"members", "cohesion"}], "between": [{"blocs": [i, j], "score"}], "frustration"}.

    Cohesion and between scores are means over every tie; frustration counts the ties above the noise floor.
    """
    part = partition(g) if len(g) else {}
    groups = [sorted(n for n, b in part.items() if b == i) for i in sorted(set(part.values()))]
    out = [{"members": m, "cohesion": _mean(g, combinations(m, 2))} for m in groups]
    between = []
    for i, j in combinations(range(len(groups)), 2):
        score = _mean(g, [(a, b) for a in groups[i] for b in groups[j]])
        if score is not None:
            between.append({"blocs": [i, j], "score": score})
    return {"blocs": out, "between": between,
            "frustration": round(frustration(counted_ties(g), part), 4) if part else 0.0}


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
