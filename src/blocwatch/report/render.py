"""The HTML report: one self-contained file (inline CSS and SVG, no scripts, no CDN).

The page comes from ``blocwatch/web/templates/report.html``, which shares ``base.html`` with the dashboard.

All article text passes through ``html.escape``, so markup inside an article stays text.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import Any

import networkx as nx

from blocwatch.actors.countries import country_label
from blocwatch.analysis import queries
from blocwatch.report.style import PALETTE
from blocwatch.web import date_label, render

QUAD_NAMES = {1: "verbal coop.", 2: "material coop.", 3: "verbal conflict", 4: "material conflict"}


EVENT_LIMIT = 300


@dataclass
class ReportData:
    """What the report shows beyond the network, read from the store in a few SQL queries."""

    events: int
    mentions: int
    counted: int
    timelines: list[tuple[str, str, list[dict[str, Any]]]]
    rows: list[dict[str, Any]]

    @classmethod
    def load(cls, con, pairs: int = 6, limit: int = EVENT_LIMIT, table: str = "merged_events") -> "ReportData":
        events, mentions, counted = con.execute(
            f"SELECT count(*), coalesce(sum(mentions), 0), count_if({queries.COUNTED}) FROM {table}").fetchone()
        timelines = [(a, b, queries.timeline(con, a, b, "year", 1, table=table))
                     for a, b in queries.active_pairs(con, pairs, table)]
        rows = list(queries.merged(con, queries.COUNTED, order="date DESC NULLS LAST, merged_id", limit=limit,
                                   evidence_per_event=1, table=table))
        return cls(events, int(mentions), counted, timelines, rows)


def render_report(data: ReportData, g: nx.Graph, bloc_info: dict[str, Any], active_ties, at: date,
                  window_days: int | None = None, origins: str = "all") -> str:
    """The report page, from the ``report.html`` template the dashboard shares."""

    counted = data.counted
    window = f"the {window_days} days up to {at.isoformat()}" if window_days else f"the window up to {at.isoformat()}"
    sections = [
        _section("Alignment network", f"Scope: events in {window}, plus treaty ties in force on {at.isoformat()}. "
                 f"Origins shown: {escape(origins)}.",
                 f"<div class='netwrap'><div>{_network_svg(g, bloc_info)}</div>"
                 f"<aside>{_bloc_list(bloc_info)}{_strongest(g)}</aside></div>"),
        _section("Timelines of the most active pairs", "Scope: all stored dates, per year; asserted or intended "
                 "merged events.", _timelines(data.timelines)),
        _section("Treaty obligations among these states", f"Scope: treaties in force on {at.isoformat()} among the "
                 "states of the network.", _treaty_table(active_ties, set(g.nodes))),
        _section("Events and their evidence", f"Scope: all stored dates; the newest {min(EVENT_LIMIT, counted)} of "
                 f"{counted} asserted or intended merged events.", _event_table(data.rows)),
    ]
    return render("report.html", at=at.isoformat(), sections=sections, n_events=data.events,
                  n_mentions=data.mentions, n_states=g.number_of_nodes(),
                  n_ties=g.number_of_edges())


def _section(title: str, scope: str, body: str) -> dict[str, str]:
    return {"title": title, "scope": scope, "body": body}



def _layout(g: nx.Graph) -> dict[str, tuple[float, float]]:
    if len(g) == 0:
        return {}
    pos_only = nx.Graph()
    pos_only.add_nodes_from(g)
    pos_only.add_weighted_edges_from((a, b, max(w, 0.05)) for a, b, w in g.edges(data="weight"))
    return nx.spring_layout(pos_only, seed=7, k=1.6 / math.sqrt(len(g)), iterations=200)


def _network_svg(g: nx.Graph, bloc_info: dict[str, Any], w: int = 760, h: int = 520) -> str:
    if len(g) == 0:
        return "<p class='empty'>No events between states in the window.</p>"
    pos = _layout(g)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    sx = lambda x: 60 + (x - min(xs)) / ((max(xs) - min(xs)) or 1) * (w - 120)  # noqa: E731
    sy = lambda y: 50 + (y - min(ys)) / ((max(ys) - min(ys)) or 1) * (h - 100)  # noqa: E731
    bloc_of = {m: i for i, b in enumerate(bloc_info["blocs"]) for m in b["members"]}
    parts = [f"<svg class='net' viewBox='0 0 {w} {h}' role='img' aria-label='alignment network'>"]
    for a, b, d in g.edges(data=True):
        colour = "#2e7d32" if d["weight"] > 0 else "#c62828"
        dash = "" if d.get("events") else " stroke-dasharray='5 4'"
        parts.append(f"<line x1='{sx(pos[a][0]):.1f}' y1='{sy(pos[a][1]):.1f}' x2='{sx(pos[b][0]):.1f}' "
                     f"y2='{sy(pos[b][1]):.1f}' stroke='{colour}' stroke-width='{1 + 5 * abs(d['weight']):.1f}' "
                     f"stroke-opacity='0.7'{dash}><title>{escape(a)}–{escape(b)}: {d['weight']:+.2f}</title></line>")
    strength = {n: sum(abs(d["weight"]) for _, _, d in g.edges(n, data=True)) for n in g}
    top = max(strength.values()) or 1.0
    for n in g:
        colour = PALETTE[bloc_of.get(n, 0) % len(PALETTE)]
        x, y = sx(pos[n][0]), sy(pos[n][1])
        r = 17 + 9 * strength[n] / top  # bigger: stronger ties overall
        parts.append(f"<circle cx='{x:.1f}' cy='{y:.1f}' r='{r:.1f}' fill='{colour}' stroke='#fff' stroke-width='2'>"
                     f"<title>{escape(country_label(n))}: Σ|tie| {strength[n]:.2f}</title></circle>"
                     f"<text x='{x:.1f}' y='{y + 5:.1f}' text-anchor='middle' class='node'>{escape(n)}</text>")
    parts.append("</svg><p class='legend'><span class='pos'>━ cooperation</span> <span class='neg'>━ conflict</span>"
                 " · dashed: treaty tie only · colour: bloc · size: total tie strength. Tie score = tanh(recency-weighted"
                 " Goldstein sum / 10) + treaty tie (defence 0.6, consultation 0.25), clamped to ±1.</p>")
    return "".join(parts)


def _strongest(g: nx.Graph, limit: int = 8) -> str:
    edges = sorted(g.edges(data=True), key=lambda e: (-abs(e[2]["weight"]), e[0], e[1]))[:limit]
    if not edges:
        return ""
    rows = "".join(f"<tr><td>{escape(a)} – {escape(b)}</td><td class='{'pos' if d['weight'] > 0 else 'neg'}'>"
                   f"{d['weight']:+.2f}</td><td>{d['events']:+.2f}</td><td>{d['treaty']:+.2f}</td></tr>"
                   for a, b, d in edges)
    return ("<h3>Strongest ties</h3><table class='ties'><thead><tr><th>pair</th><th>score</th><th>events</th>"
            f"<th>treaty</th></tr></thead><tbody>{rows}</tbody></table>")


def _bloc_list(info: dict[str, Any]) -> str:
    items = []
    for i, b in enumerate(info["blocs"]):
        colour = PALETTE[i % len(PALETTE)]
        coh = "—" if b["cohesion"] is None else f"{b['cohesion']:+.2f}"
        items.append(f"<li><span class='swatch' style='background:{colour}'></span>Bloc {i + 1}: "
                     f"{escape(', '.join(map(country_label, b['members'])))} <small>cohesion {coh}</small></li>")
    return f"<ul class='blocs'>{''.join(items)}</ul>"


def _timelines(timelines: list[tuple[str, str, list[dict[str, Any]]]]) -> str:
    if not timelines:
        return "<p class='empty'>No dyads with events.</p>"
    cards = []
    for a, b, periods in timelines:
        cards.append(f"<div class='card'><h3>{escape(country_label(a))} – {escape(country_label(b))}</h3>{_bars(periods)}</div>")
    return ("<p class='legend'>Net cooperation per year: merged cooperation events (quad 1–2) minus conflict "
            f"events (quad 3–4), asserted or intended.</p><div class='grid'>{''.join(cards)}</div>")


def _bars(periods: list[dict[str, Any]], w: int = 340, h: int = 150) -> str:
    if not periods:
        return "<p class='empty'>no dated events</p>"
    top = max(max(abs(p["net_cooperation"]) for p in periods), 1)
    bw = (w - 40) / len(periods)
    mid = h / 2
    parts = [f"<svg class='bars' viewBox='0 0 {w} {h + 20}'><line x1='30' x2='{w}' y1='{mid}' y2='{mid}' stroke='#999'/>"]
    for i, p in enumerate(periods):
        v = p["net_cooperation"]
        bh = abs(v) / top * (mid - 10)
        x = 34 + i * bw
        y = mid - bh if v >= 0 else mid
        colour = "#2e7d32" if v >= 0 else "#c62828"
        parts.append(f"<rect x='{x:.1f}' y='{y:.1f}' width='{bw * 0.7:.1f}' height='{max(bh, 1):.1f}' fill='{colour}'>"
                     f"<title>{escape(p['period'])}: net {v:+d}, {p['events']} events</title></rect>"
                     f"<text x='{x + bw * 0.35:.1f}' y='{h + 14}' text-anchor='middle' class='tick'>{escape(p['period'])}</text>")
    parts.append(f"<text x='2' y='14' class='tick'>+{top}</text><text x='2' y='{h - 2}' class='tick'>−{top}</text></svg>")
    return "".join(parts)


def _treaty_table(active_ties, nodes: set[str]) -> str:
    """One row per pair and treaty: who owes defence or consultation to whom."""
    grouped: dict[tuple, dict[str, set[str]]] = {}
    for t in active_ties:
        if t.a in nodes and t.b in nodes and t.obligation in ("defense", "offense", "consultation"):
            pair = tuple(sorted((t.a, t.b)))
            grouped.setdefault((pair, t.treaty_name), {}).setdefault(t.obligation, set()).add(t.a)
    if not grouped:
        return "<p class='empty'>No active obligations among these states.</p>"
    order = sorted(grouped, key=lambda k: ("defense" not in grouped[k], k))
    rows = []
    for (a, b), name in order:
        cells = []
        for ob in ("defense", "offense", "consultation"):
            owers = grouped[((a, b), name)].get(ob)
            if owers:
                who = "mutual" if len(owers) == 2 else f"{next(iter(owers))} owes"
                cells.append(f"<span class='ob {ob}'>{escape(ob)}</span> <small>{escape(who)}</small>")
        rows.append(f"<tr><td><b>{escape(country_label(a))} ⇄ {escape(country_label(b))}</b></td><td>{' '.join(cells)}</td>"
                    f"<td>{escape(name)}</td></tr>")
    return ("<table class='treaties'><thead><tr><th>pair</th><th>obligations</th><th>treaty</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def highlight(sentence: str, source: list[int] | None, target: list[int] | None) -> str:
    """The sentence, escaped, with the source and target spans wrapped in <mark>."""
    spans = sorted((s[0], s[1], cls) for s, cls in ((source, "src"), (target, "tgt")) if s)
    out, at = [], 0
    for start, end, cls in spans:
        if start < at or end > len(sentence):
            continue
        out += [escape(sentence[at:start]), f"<mark class='{cls}'>", escape(sentence[start:end]), "</mark>"]
        at = end
    out.append(escape(sentence[at:]))
    return "".join(out)


def _event_table(shown: list[dict[str, Any]]) -> str:
    """Rows: merged events (counted modalities), newest first, undated last, with their first mention."""
    rows = []
    for m in shown:
        ev = m["evidence"][0]
        rows.append(f"<tr class='q{m['quad_class']}'><td>{escape(date_label(m['date'], m['date_precision']))}</td>"
                    f"<td>{escape(country_label(m['source']))}</td>"
                    f"<td>{escape(m['plover'])}</td><td>{escape(country_label(m['target']))}</td><td>{m['sources']}</td>"
                    f"<td>{m['sources_independent']}</td>"
                    f"<td>{highlight(ev['sentence'], ev['source_span'], ev['target_span'])}"
                    f"<br><small>{escape(str(ev.get('title') or ''))}</small></td></tr>")
    return ("<table class='events'><thead><tr><th>date</th><th>source</th><th>type</th><th>target</th>"
            f"<th>articles</th><th title='distinct outlets that are not state-controlled'>independent outlets</th>"
            f"<th>evidence</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")
