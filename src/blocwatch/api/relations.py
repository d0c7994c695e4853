"""API: merged events, dyad timelines, the alignment network, blocs, triads, report and exports."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx

from blocwatch.analysis.alignment import AlignmentOptions, signed_network
from blocwatch.analysis.blocs import blocs as find_blocs
from blocwatch.analysis.blocs import triad
from blocwatch.analysis.data import load_rows
from blocwatch.analysis.dedup import merge, unmerged
from blocwatch.analysis.dyads import PERIODS, timeline
from blocwatch.api.convert import DateLike, FrameOpt, as_date, frame
from blocwatch.api.events import parse_dyad
from blocwatch.api.interop import export_plover, parse_origins
from blocwatch.interop import ORIGINS
from blocwatch.errors import QueryError
from blocwatch.treaties import TreatyKB, ties

__all__ = ["merged_events", "relations", "network", "blocs", "triads", "report", "export", "parse_window"]


def parse_window(window: str | int) -> int:
    """"365d", "52w", "12m", "2y" or a number of days → days."""
    text = str(window).strip().lower()
    units = {"d": 1, "w": 7, "m": 30, "y": 365}
    try:
        if text[-1] in units:
            return int(text[:-1]) * units[text[-1]]
        return int(text)
    except (ValueError, IndexError):
        raise QueryError(f"--window must look like 365d, 52w, 12m or 2y, got {window!r}") from None


Origin = str | list[str] | None


def _rows(db: str | None, origin: Origin) -> list[dict[str, Any]]:
    return load_rows(db, parse_origins(origin))


def merged_events(db: str | None = None, as_frame: FrameOpt = False, origin: Origin = None) -> Any:
    """Events with duplicate mentions merged (see ``analysis.dedup``), oldest first.

    ``origin`` ("blocwatch", "gdelt", "icews", "plover", a comma list, or None for all) picks whose events count;
    every analysis below takes it too.
    """
    return frame([m.to_dict() for m in merge(_rows(db, origin))], as_frame)


def relations(dyad: str, db: str | None = None, by: str = "year", evidence: int = 3,
              mentions: bool = False, as_frame: FrameOpt = False, origin: Origin = None) -> Any:
    """Per-period counts, intensity and net cooperation for one pair, e.g. "CHN-PRK".

    Counts merged events; ``mentions=True`` counts every raw mention instead.
    """
    if by not in PERIODS:
        raise QueryError(f"--by must be one of {', '.join(PERIODS)}, got {by!r}")
    a, b = parse_dyad(dyad)
    rows = _rows(db, origin)
    return frame(timeline(unmerged(rows) if mentions else merge(rows), a, b, by, evidence), as_frame)


def _latest(merged) -> date:
    dates = [m.date for m in merged if m.date]
    return max(dates) if dates else date.today()


def network(db: str | None = None, at: DateLike = None, window: str | int = "365d",
            treaties: bool = True, origin: Origin = None) -> nx.Graph:
    """The signed, weighted alignment network at ``at`` (default: the latest stored event date)."""
    merged = merge(_rows(db, origin))
    at = as_date(at, "at") or _latest(merged)
    opts = AlignmentOptions(window_days=parse_window(window), treaties=treaties)
    return signed_network(merged, at, ties(TreatyKB.from_package(), at) if treaties else (), opts)


def blocs(db: str | None = None, at: DateLike = None, window: str | int = "365d",
          origin: Origin = None) -> dict[str, Any]:
    """Blocs on the signed network: {"date", "blocs": [{"members", "cohesion"}], "between": [...]}."""
    g = network(db, at, window, origin=origin)
    return {"date": g.graph["date"], "window_days": parse_window(window), **find_blocs(g)}


def triads(countries: list[str], db: str | None = None, at: DateLike = None,
           window: str | int = "365d", origin: Origin = None) -> list[dict[str, Any]]:
    """Balance status of every triangle among ``countries`` (three or more ISO3 codes)."""
    codes = [c.strip().upper() for c in countries if c.strip()]
    if len(codes) < 3 or any(len(c) != 3 or not c.isalpha() for c in codes):
        raise QueryError("--countries needs three or more ISO3 codes, e.g. CHN,PRK,RUS")
    g = network(db, at, window, origin=origin)
    g.add_nodes_from(codes)
    from itertools import combinations

    return [{"date": g.graph["date"], **triad(g, *trio)} for trio in combinations(codes, 3)]


def report(out: str, db: str | None = None, at: DateLike = None, window: str | int = "365d",
           origin: Origin = None) -> Path:
    """Write one self-contained HTML report (no network access needed to view it); it names its origins."""
    from blocwatch.report.render import render_report

    origins = parse_origins(origin)
    merged = merge(load_rows(db, origins))
    at = as_date(at, "at") or _latest(merged)
    kb = TreatyKB.from_package()
    active_ties = ties(kb, at)
    g = signed_network(merged, at, active_ties, AlignmentOptions(window_days=parse_window(window)))
    html = render_report(merged, g, find_blocs(g), active_ties, at, parse_window(window),
                         origins=", ".join(origins) if origins else "all (" + ", ".join(ORIGINS) + ")")
    path = Path(out)
    path.write_text(html, encoding="utf-8")
    return path.resolve()


def export(out: str, fmt: str = "parquet", db: str | None = None, at: DateLike = None,
           window: str | int = "365d", origin: Origin = None) -> list[Path]:
    """Write events, merged events and dyad timelines (parquet/csv/jsonl), the network (graphml/gexf),
    or the events as PLOVER JSON lines (plover: ``events.plover.jsonl``)."""
    from blocwatch.report.export import export_graph, export_tables

    target = Path(out)
    target.mkdir(parents=True, exist_ok=True)
    if fmt == "plover":
        return [export_plover(target / "events.plover.jsonl", db, origin)]
    if fmt in ("graphml", "gexf"):
        g = network(db, at, window, origin=origin)
        for i, bloc in enumerate(find_blocs(g)["blocs"]):
            for member in bloc["members"]:
                g.nodes[member]["bloc"] = i  # Gephi can colour nodes by this attribute
        return [export_graph(g, target, fmt)]
    if fmt not in ("parquet", "csv", "jsonl"):
        raise QueryError(f"--format must be parquet, csv, jsonl, graphml, gexf or plover, got {fmt!r}")
    return export_tables(_rows(db, origin), target, fmt)
