"""API: read-only SQL on the store, with documented views over events, merged events and dyad periods."""

from __future__ import annotations

import re
from typing import Any

import duckdb

from blocwatch.api.convert import FrameOpt, frame
from blocwatch.errors import QueryError
from blocwatch.store import Store

__all__ = ["sql", "VIEWS"]

ALLOWED = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}

VIEWS = {
    "events_v": "every raw event mention with its article's date, url, title and outlet; `day` is the event "
                "date, else the publication date; `dyad` the two countries sorted, e.g. CHN-PRK",
    "merged_events_v": "mentions of the same event merged (same dyad, type, modality and date): one row per "
                       "event with `mentions`, `sources`, `sources_independent` (distinct outlets not state-controlled) "
                       "and `event_ids`",
    "dyad_periods_v": "per country pair (`dyad`) and period (`unit` = month, quarter or year; `period` e.g. 2024-Q3): events, mentions, "
                      "quad class counts q1..q4, mean and total Goldstein, net cooperation",
}


def sql(query: str, db: str | None = None, as_frame: FrameOpt = False) -> Any:
    """Run one or more read-only statements (SELECT, WITH, DESCRIBE, SHOW, EXPLAIN); rows of the last.

    Write statements (INSERT, UPDATE, DELETE, CREATE, COPY, ATTACH, SET, PRAGMA …) are refused with a
    QueryError, and the connection can read no file but the store. The views in ``VIEWS`` exist for the
    query's duration.
    """
    statements = _check(query)
    with Store(db, read_only=True) as store:
        _create_views(store.con, query)
        store.con.execute("SET enable_external_access = false")
        try:
            for stmt in statements[:-1]:
                store.con.execute(stmt.query).fetchall()
            table = store.con.sql(statements[-1].query).to_arrow_table()
        except duckdb.Error as exc:
            raise QueryError(f"sql: {_first_line(exc)}") from None
    if as_frame == "arrow":
        return table
    return frame(table.to_pylist(), as_frame) if as_frame else table.to_pylist()


def _check(query: str) -> list[Any]:
    try:
        statements = duckdb.extract_statements(query)
    except duckdb.Error as exc:
        raise QueryError(f"sql: {_first_line(exc)}") from None
    if not statements:
        raise QueryError("sql: no statement given")
    for stmt in statements:
        if stmt.type not in ALLOWED:
            raise QueryError(f"sql is read-only: a {stmt.type.name} statement is refused "
                             f"(use SELECT, WITH, DESCRIBE, SHOW or EXPLAIN)")
    return statements


def _first_line(exc: Exception) -> str:
    return " ".join(str(exc).split("\n")[:1]).strip()


def events_view_sql(con: duckdb.DuckDBPyConnection) -> str:
    """The SELECT behind ``events_v`` (adds ``dyad`` unless the events table has one)."""
    cols = {r[0] for r in con.execute("SELECT column_name FROM information_schema.columns "
                                      "WHERE table_name = 'events'").fetchall()}
    dyad = "" if "dyad" in cols else (
        ", CASE WHEN e.source_country IS NOT NULL AND e.target_country IS NOT NULL "
        "THEN least(e.source_country, e.target_country) || '-' || greatest(e.source_country, e.target_country) "
        "END AS dyad")
    return ("SELECT e.*, coalesce(e.date, a.published) AS day, a.published AS article_published, "
            "a.url AS article_url, a.title AS article_title, a.outlet AS article_outlet"
            f"{dyad} FROM events e JOIN articles a ON a.id = e.doc_id")


def _create_views(con: duckdb.DuckDBPyConnection, query: str) -> None:
    """Temporary views; the two computed ones only when the query names them."""
    con.execute(f"CREATE TEMP VIEW events_v AS {events_view_sql(con)}")
    wanted = {name for name in ("merged_events_v", "dyad_periods_v") if re.search(rf"\b{name}\b", query, re.I)}
    if not wanted:
        return
    from blocwatch.analysis.data import EVENT_ROWS
    from blocwatch.analysis.dedup import merge

    cur = con.execute(EVENT_ROWS + " ORDER BY e.event_id")
    cols = [d[0] for d in cur.description]
    merged = merge([dict(zip(cols, r)) for r in cur.fetchall()])
    if "merged_events_v" in wanted:
        _register(con, "merged_events_v", [_merged_row(m) for m in merged], MERGED_SCHEMA)
    if "dyad_periods_v" in wanted:
        _register(con, "dyad_periods_v", _period_rows(merged), PERIOD_SCHEMA)


# columns of the two computed views (Arrow types by name; pyarrow loads only when a view is wanted)
MERGED_SCHEMA = (("merged_id", "string"), ("source", "string"), ("target", "string"), ("plover", "string"),
                 ("quad_class", "int64"), ("goldstein", "float64"), ("modality", "string"), ("date", "date32"),
                 ("date_precision", "string"), ("mentions", "int64"), ("sources", "int64"),
                 ("sources_independent", "int64"), ("event_ids", "list<string>"))
PERIOD_SCHEMA = (("dyad", "string"), ("unit", "string"), ("period", "string"), ("events", "int64"),
                 ("mentions", "int64"), ("q1", "int64"), ("q2", "int64"), ("q3", "int64"), ("q4", "int64"),
                 ("mean_goldstein", "float64"), ("total_goldstein", "float64"), ("net_cooperation", "int64"))


def _merged_row(m: Any) -> dict[str, Any]:
    d = m.to_dict(0)
    return {name: d.get(name) for name, _ in MERGED_SCHEMA}


def _period_rows(merged: list[Any]) -> list[dict[str, Any]]:
    from blocwatch.analysis.dyads import PERIODS, active_pairs, timeline

    rows = []
    for a, b in active_pairs(merged, limit=10**9):
        for by in PERIODS:
            for p in timeline(merged, a, b, by, evidence=0):
                rows.append({"dyad": f"{a}-{b}", "unit": by, **{f"q{k}": v for k, v in p["quad_counts"].items()},
                             **{k: p[k] for k in ("period", "events", "mentions", "mean_goldstein",
                                                  "total_goldstein", "net_cooperation")}})
    return rows


def _register(con: duckdb.DuckDBPyConnection, name: str, rows: list[dict[str, Any]],
              columns: tuple[tuple[str, str], ...]) -> None:
    import pyarrow as pa

    types = {"list<string>": pa.list_(pa.string())}
    schema = pa.schema([(c, types.get(t) or pa.type_for_alias(t)) for c, t in columns])
    con.register(f"_{name}_data", pa.Table.from_pylist(rows, schema=schema))
    con.execute(f"CREATE TEMP VIEW {name} AS SELECT * FROM _{name}_data")
