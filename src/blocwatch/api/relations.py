"""API: merged events, dyad timelines, the alignment network, blocs, triads, report and exports."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from blocwatch.analysis import queries
from blocwatch.analysis.alignment import AlignmentOptions, signed_network
from blocwatch.analysis.blocs import blocs as find_blocs
from blocwatch.analysis.blocs import triad
from blocwatch.analysis.dyads import PERIODS
from blocwatch.analysis.merged import merged_for
from blocwatch.analysis.state import actor_scope
from blocwatch.api.convert import DateLike, FrameOpt, as_date, frame
from blocwatch.api.events import parse_dyad
from blocwatch.api.interop import export_plover, parse_origins
from blocwatch.errors import OutputError, QueryError
from blocwatch.interop import ORIGINS
from blocwatch.store import Store
from blocwatch.treaties import TreatyKB, ties

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["merged_events", "relations", "network", "blocs", "triads", "report", "export", "parse_window"]


MAX_WINDOW_DAYS = 300 * 365


def parse_window(window: str | int) -> int:
    """"365d", "52w", "12m", "2y" or a number of days → days."""
    text = str(window).strip().lower()
    units = {"d": 1, "w": 7, "m": 30, "y": 365}
    try:
        days = int(text[:-1]) * units[text[-1]] if text[-1] in units else int(text)
    except (ValueError, IndexError):
        raise QueryError(f"--window must look like 365d, 52w, 12m or 2y, got {window!r}") from None
    if not 1 <= days <= MAX_WINDOW_DAYS:
        raise QueryError(f"--window must be between 1 day and {MAX_WINDOW_DAYS // 365} years, got {window!r}")
    return days


Origin = str | list[str] | None


def merged_events(db: str | None = None, as_frame: FrameOpt = False, origin: Origin = None, *,
                  dyad: str | None = None, limit: int | None = None, evidence: int = 5) -> Any:
    """Events with duplicate mentions merged (see ``analysis.merged``), oldest first.

    ``origin`` ("blocwatch", "gdelt", "icews", "plover", a comma list, or None for all) picks whose events count;
    every analysis below takes it too. ``dyad`` keeps one pair (either direction); ``limit`` caps the rows read.
    """
    where, params = ("dyad = ?", [_dyad_key(dyad)]) if dyad else ("TRUE", [])
    with Store(db, read_only=True) as store:
        table = merged_for(store.con, parse_origins(origin))
        return frame(list(queries.merged(store.con, where, params, limit=limit, evidence_per_event=evidence,
                                         table=table)), as_frame)


def _dyad_key(dyad: str) -> str:
    a, b = parse_dyad(dyad)
    return f"{min(a, b)}-{max(a, b)}"


def relations(dyad: str, db: str | None = None, by: str = "year", evidence: int = 3,
              mentions: bool = False, as_frame: FrameOpt = False, origin: Origin = None,
              dask: str | None = None, parquet: str | None = None) -> Any:
    """Per-period counts, intensity and net cooperation for one pair, e.g. "CHN-PRK".

    Counts merged events; ``mentions=True`` counts every raw mention instead. Reads only the pair's rows.
    With ``dask`` (a scheduler address or "local") Dask computes it from the Parquet dataset ``parquet``
    written by ``export(..., partition="year")``.
    """
    if by not in PERIODS:
        raise QueryError(f"--by must be one of {', '.join(PERIODS)}, got {by!r}")
    a, b = parse_dyad(dyad)
    if dask:
        if mentions:
            raise QueryError("--mentions is not available with --dask")
        from blocwatch.analysis import distributed
        from blocwatch.ingest.scale import dask_client

        if parse_origins(origin):
            raise QueryError("--origin is not available with --dask (export the origins wanted instead)")
        with dask_client(dask) as client:
            return frame(distributed.timeline(client, _parquet(parquet), a, b, by, evidence), as_frame)
    origins = parse_origins(origin)
    with Store(db, read_only=True) as store:
        table = "merged_events" if mentions else merged_for(store.con, origins)
        return frame(queries.timeline(store.con, a, b, by, evidence, mentions, table, origins), as_frame)


def _network(con, at: date | None, window: str | int, treaties: bool = True, active_ties=None,
             table: str = "merged_events", actors: str = "state") -> nx.Graph:
    at = at or queries.latest(con, table) or date.today()
    opts = AlignmentOptions(window_days=parse_window(window), treaties=treaties)
    actors = actor_scope(actors)
    scores = queries.event_scores(con, at, opts.window_days, opts.half_life_days, opts.event_scale, table, actors)
    if active_ties is None:
        active_ties = ties(TreatyKB.from_package(), at) if treaties else ()
    return _counting(signed_network(scores, at, active_ties, opts), actors)


def _counting(g: nx.Graph, actors: str) -> nx.Graph:
    """``g`` with the actors its events count (``analysis.state``) in its attributes, as its date is."""
    g.graph["actors"] = actors
    return g


def _parquet(path: str | None) -> str:
    if not path:
        raise QueryError("--dask needs --parquet DIR, a dataset from 'blocwatch export --format parquet --partition year'")
    return path


def network_date(at: DateLike) -> date | None:
    """``--at`` as a date within the years news covers (1800-2100), or a QueryError."""
    from blocwatch.ingest.pubdate import EARLIEST, LATEST, plausible

    found = as_date(at, "at")
    if found is not None and plausible(found) is None:
        raise QueryError(f"--at must be between {EARLIEST} and {LATEST}, got {found}")
    return found


def network(db: str | None = None, at: DateLike = None, window: str | int = "365d",
            treaties: bool = True, origin: Origin = None, dask: str | None = None,
            parquet: str | None = None, actors: str = "state") -> nx.Graph:
    """The signed, weighted alignment network at ``at`` (default: the latest stored event date).

    Reads only the merged events of the window; with ``dask``, Dask reads them from ``parquet``.
    ``actors="state"`` counts what states do (``analysis.state``: not a friendship society's praise),
    ``"all"`` every actor's events.
    """
    at, actors = network_date(at), actor_scope(actors)
    if dask:
        from blocwatch.analysis import distributed
        from blocwatch.ingest.scale import dask_client

        if parse_origins(origin):
            raise QueryError("--origin is not available with --dask (export the origins wanted instead)")
        root = _parquet(parquet)
        with dask_client(dask) as client:
            at = at or distributed.latest(client, root) or date.today()
            opts = AlignmentOptions(window_days=parse_window(window), treaties=treaties)
            scores = distributed.event_scores(client, root, at, opts.window_days, opts.half_life_days,
                                              opts.event_scale, actors)
        return _counting(signed_network(scores, at, ties(TreatyKB.from_package(), at) if treaties else (), opts),
                         actors)
    with Store(db, read_only=True) as store:
        return _network(store.con, at, window, treaties, table=merged_for(store.con, parse_origins(origin)),
                        actors=actors)


def blocs(db: str | None = None, at: DateLike = None, window: str | int = "365d", origin: Origin = None,
          dask: str | None = None, parquet: str | None = None, actors: str = "state") -> dict[str, Any]:
    """Blocs on the signed network: {"date", "blocs": [{"members", "cohesion"}], "between": [...]}."""
    g = network(db, at, window, origin=origin, dask=dask, parquet=parquet, actors=actors)
    return {"date": g.graph["date"], "window_days": parse_window(window), "actors": g.graph["actors"],
            **find_blocs(g)}


def triads(countries: list[str], db: str | None = None, at: DateLike = None,
           window: str | int = "365d", origin: Origin = None, dask: str | None = None,
           parquet: str | None = None, actors: str = "state") -> list[dict[str, Any]]:
    """Balance status of every triangle among ``countries`` (three or more ISO3 codes)."""
    codes = triad_codes(countries)
    return triads_of(network(db, at, window, origin=origin, dask=dask, parquet=parquet, actors=actors), codes)


def triad_codes(countries: list[str]) -> list[str]:
    """Three or more ISO3 codes, upper-cased, or a QueryError."""
    codes = [c.strip().upper() for c in countries if c.strip()]
    if len(codes) < 3 or any(len(c) != 3 or not c.isalpha() for c in codes):
        raise QueryError("--countries needs three or more ISO3 codes, e.g. CHN,PRK,RUS")
    return codes


def triads_of(g: nx.Graph, codes: list[str]) -> list[dict[str, Any]]:
    """Every triangle among ``codes`` on the network ``g``."""
    from itertools import combinations

    g.add_nodes_from(codes)
    return [{"date": g.graph["date"], **triad(g, *trio)} for trio in combinations(codes, 3)]


def report(out: str, db: str | None = None, at: DateLike = None, window: str | int = "365d",
           origin: Origin = None, actors: str = "state") -> Path:
    """Write one self-contained HTML report (no network access needed to view it); it names its origins."""
    from blocwatch.report.render import ReportData, render_report

    writable_file(out)
    origins, actors = parse_origins(origin), actor_scope(actors)
    with Store(db, read_only=True) as store:
        con = store.con
        table = merged_for(con, origins)
        at = network_date(at) or queries.latest(con, table) or date.today()
        active_ties = ties(TreatyKB.from_package(), at)
        g = _network(con, at, window, active_ties=active_ties, table=table, actors=actors)
        data = ReportData.load(con, table=table)
    html = render_report(data, g, find_blocs(g), active_ties, at, parse_window(window),
                         origins=", ".join(origins) if origins else "all (" + ", ".join(ORIGINS) + ")")
    path = Path(out)
    try:
        path.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"cannot write the report ({exc.strerror or exc})", path=str(out)) from None
    return path.resolve()


def writable_file(out: str) -> Path:
    """``out`` if a file can be written there (its folder exists; it is not a folder), else OutputError."""
    path = Path(out)
    if path.is_dir():
        raise OutputError("is a directory; give a file name such as report.html", path=out)
    if not path.parent.is_dir():
        raise OutputError(f"folder {str(path.parent)!r} does not exist", path=out)
    return path


def export_target(out: str, fmt: str, force: bool = False) -> Path:
    """The export folder, created if missing; OutputError if ``out`` is a file or the export would
    overwrite files there (unless ``force``)."""
    target = Path(out)
    if target.exists() and not target.is_dir():
        raise OutputError("exists and is not a directory; --out takes a folder", path=out)
    names = {"plover": ["events.plover.jsonl"], "graphml": ["network.graphml"], "gexf": ["network.gexf"]}.get(
        fmt, [n for t in ("events", "merged_events", "dyad_timelines") for n in (t, f"{t}.{fmt}")])
    clash = [n for n in names if (target / n).exists()]
    if clash and not force:
        raise OutputError(f"{clash[0]} already exists there; --force overwrites", path=out)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the folder ({exc.strerror or exc})", path=out) from None
    return target


def export(out: str, fmt: str = "parquet", db: str | None = None, at: DateLike = None,
           window: str | int = "365d", origin: Origin = None, partition: str | None = None,
           force: bool = False, actors: str = "state") -> list[Path]:
    """Write events, merged events and dyad timelines (parquet/csv/jsonl), the network (graphml/gexf),
    or the events as PLOVER JSON lines (plover: ``events.plover.jsonl``). Files already in ``out`` are
    not overwritten unless ``force``.

    Tables are written by DuckDB (``COPY … TO``); ``partition="year"`` writes each table as a
    Hive-partitioned directory (``events/year=2024/…``) for Dask.
    """
    from blocwatch.report.export import export_graph, export_tables

    actors = actor_scope(actors)
    if fmt not in ("parquet", "csv", "jsonl", "plover", "graphml", "gexf"):
        raise QueryError(f"--format must be parquet, csv, jsonl, graphml, gexf or plover, got {fmt!r}")
    target = export_target(out, fmt, force)
    if fmt == "plover":
        return [export_plover(target / "events.plover.jsonl", db, origin)]
    if fmt in ("graphml", "gexf"):
        g = network(db, at, window, origin=origin, actors=actors)
        for i, bloc in enumerate(find_blocs(g)["blocs"]):
            for member in bloc["members"]:
                g.nodes[member]["bloc"] = i  # Gephi can colour nodes by this attribute
        return [export_graph(g, target, fmt)]
    if fmt not in ("parquet", "csv", "jsonl"):
        raise QueryError(f"--format must be parquet, csv, jsonl, graphml, gexf or plover, got {fmt!r}")
    if partition not in (None, "year"):
        raise QueryError(f"--partition must be year, got {partition!r}")
    origins = parse_origins(origin)
    with Store(db, read_only=True) as store:
        return export_tables(store.con, target, fmt, partition, origins, merged_for(store.con, origins))
