"""Exports that pandas, DuckDB and Gephi read: Parquet/CSV/JSONL tables, GraphML/GEXF networks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from blocwatch.analysis.dedup import merge
from blocwatch.analysis.dyads import active_pairs, timeline


def _table(rows: list[dict[str, Any]]) -> pa.Table:
    flat = [{k: (json.dumps(v, default=str) if isinstance(v, (list, dict)) else v) for k, v in r.items()} for r in rows]
    return pa.Table.from_pylist(flat)


def _write(rows: list[dict[str, Any]], path: Path, fmt: str) -> Path:
    path = path.with_suffix(f".{fmt}")
    if fmt == "jsonl":
        with open(path, "w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, default=str, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        pacsv.write_csv(_table(rows), path)
    else:
        pq.write_table(_table(rows), path)
    return path


def export_tables(rows: list[dict[str, Any]], out: Path, fmt: str) -> list[Path]:
    merged = merge(rows)
    events = [{k: v for k, v in r.items() if not k.startswith("a_")} for r in rows]
    merged_rows = [m.to_dict() for m in merged]
    timelines = [{"dyad": f"{a}-{b}", **p} for a, b in active_pairs(merged, limit=50)
                 for p in timeline(merged, a, b, "year")]
    return [_write(events, out / "events", fmt), _write(merged_rows, out / "merged_events", fmt),
            _write(timelines, out / "dyad_timelines", fmt)]


def export_graph(g: nx.Graph, out: Path, fmt: str) -> Path:
    path = out / f"network.{fmt}"
    (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(g, path)
    return path
