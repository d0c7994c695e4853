"""Exports that pandas, DuckDB, Dask and Gephi read: Parquet/CSV/JSONL tables written by DuckDB's
``COPY … TO`` straight from the store, and GraphML/GEXF networks.

With ``partition="year"`` each table becomes a Hive-partitioned directory (``events/year=2024/…``)
that ``dask.dataframe.read_parquet`` reads partition by partition.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import networkx as nx

from blocwatch.analysis.queries import COUNTED, active_pairs, origin_filter

COPY_FORMAT = {"parquet": "FORMAT parquet", "csv": "FORMAT csv, HEADER true",
               "jsonl": "FORMAT json"}


def _timelines_sql(pairs: list[tuple[str, str]], merged: str = "merged_events") -> str:
    """Yearly timelines of ``pairs`` with the top three events' first mentions as evidence."""
    keys = ", ".join(f"'{a}-{b}'" for a, b in pairs) or "NULL"
    return f"""
    WITH m AS (SELECT *, CAST(year(date) AS VARCHAR) AS period FROM {merged}
               WHERE dyad IN ({keys}) AND date IS NOT NULL AND {COUNTED}),
    r AS (SELECT *, row_number() OVER (PARTITION BY dyad, period ORDER BY sources DESC,
                    abs(coalesce(goldstein, 0)) DESC, date, merged_id) AS rank FROM m),
    t AS (SELECT dyad, period, count(*) AS events, sum(mentions) AS mentions,
                 count_if(quad_class = 1) AS q1, count_if(quad_class = 2) AS q2,
                 count_if(quad_class = 3) AS q3, count_if(quad_class = 4) AS q4,
                 round(avg(goldstein), 3) AS mean_goldstein, round(coalesce(sum(goldstein), 0), 3) AS total_goldstein
          FROM r GROUP BY dyad, period),
    top AS (SELECT r.dyad, r.period, list(r.event_ids[1] ORDER BY r.rank) AS evidence_event_ids,
                   list(e.sentence ORDER BY r.rank) AS evidence
            FROM r JOIN events e ON e.event_id = r.event_ids[1] WHERE r.rank <= 3 GROUP BY r.dyad, r.period)
    SELECT t.*, q1 + q2 - q3 - q4 AS net_cooperation, top.evidence_event_ids, top.evidence
    FROM t LEFT JOIN top USING (dyad, period) ORDER BY dyad, period"""


def export_tables(con: duckdb.DuckDBPyConnection, out: Path, fmt: str, partition: str | None = None,
                  origins: list[str] | None = None, merged: str = "merged_events") -> list[Path]:
    """events, merged_events and dyad_timelines (the 50 most active pairs, per year), one COPY each.

    ``origins``: only those origins' events (``merged`` is then their merged events)."""
    undated = 0 if partition else "NULL"  # partitioned: undated rows go to year=0
    tables = {
        "events": (f"SELECT *, coalesce(year(day), {undated}) AS year FROM events WHERE {origin_filter(origins)}", "year"),
        "merged_events": (f"SELECT *, coalesce(year(date), {undated}) AS year FROM {merged}", "year"),
        "dyad_timelines": (_timelines_sql(active_pairs(con, limit=50, table=merged), merged), None),
    }
    written = []
    # rows in any order (ORDER BY still holds): DuckDB writes in parallel with less memory
    # (events of a 1M store: 17% less CPU, 40% less peak RSS)
    con.execute("SET preserve_insertion_order = false")
    try:
        for name, (sql, part) in tables.items():
            if partition and part:
                path = out / name
                con.execute(f"COPY ({sql}) TO '{_quote(path)}' ({COPY_FORMAT[fmt]}, PARTITION_BY ({part}), "
                            f"OVERWRITE true)")
            else:
                path = out / f"{name}.{fmt}"
                con.execute(f"COPY ({sql}) TO '{_quote(path)}' ({COPY_FORMAT[fmt]})")
            written.append(path)
    finally:
        con.execute("RESET preserve_insertion_order")
    return written


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")


def export_graph(g: nx.Graph, out: Path, fmt: str) -> Path:
    path = out / f"network.{fmt}"
    (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(g, path)
    return path
