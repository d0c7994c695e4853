"""API: read-only SQL on the store, with documented views over events, merged events and dyad periods."""

from __future__ import annotations

import re
from typing import Any

import duckdb

from blocwatch.analysis.queries import COUNTED, COUNTRY_PAIR, PERIOD
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
                       "and `event_ids`; it looks up every mention's outlet (10M events: about 10 s), so the table "
                       "`merged_events` (the same rows without `sources_independent`) is quicker when that is not needed",
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
    """Temporary views, all in SQL over the store (``merged_events`` is kept up to date at ingest);
    the outlet tiers behind ``sources_independent`` are registered only when a query names that view."""
    con.execute(f"CREATE TEMP VIEW events_v AS {events_view_sql(con)}")
    con.execute(f"CREATE TEMP VIEW dyad_periods_v AS {PERIODS_VIEW}")
    if re.search(r"\bmerged_events_v\b", query, re.I):
        _register_tiers(con)
        con.execute(f"CREATE TEMP VIEW merged_events_v AS {MERGED_VIEW}")


def _register_tiers(con: duckdb.DuckDBPyConnection) -> None:
    """The outlet tiers (packaged plus ``$BLOCWATCH_OUTLET_TIERS``) as two small tables."""
    import pyarrow as pa

    from blocwatch.sources import default_tiers

    tiers = default_tiers()
    for name, table in (("_tier_names", tiers.names), ("_tier_domains", tiers.domains)):
        con.register(name, pa.table({"key": list(table), "tier": list(table.values())},
                                    schema=pa.schema([("key", pa.string()), ("tier", pa.string())])))


# An article's outlet key and tier as ``sources.outlet_key`` / ``OutletTiers.tier`` give them: the outlet's
# name (lowercase, spaces collapsed), else its URL's host without "www.", else the article itself; the tier
# by name, else by the host or its parent domains (longest first), else unknown.
_HOST = (r"regexp_replace(regexp_extract(lower(a.url), '^[a-z][a-z0-9+.\-]*://(?:[^@/?#]*@)?([^:/?#]+)', 1), "
         r"'^www\.', '')")
_ARTICLE_TIERS = f"""
    WITH a AS (SELECT a.id, CASE WHEN coalesce(a.outlet, '') <> ''
                                 THEN trim(regexp_replace(lower(a.outlet), '\\s+', ' ', 'g')) END AS name,
                      coalesce({_HOST}, '') AS host
               FROM articles a),
    parts AS (SELECT id, host, string_split(host, '.') AS p FROM a WHERE host <> ''),
    suffix AS (SELECT id, i, array_to_string(p[i + 1:], '.') AS domain
               FROM (SELECT id, p, unnest(range(0, greatest(len(p) - 1, 1))) AS i FROM parts)),
    by_domain AS (SELECT s.id, arg_min(d.tier, s.i) AS tier FROM suffix s JOIN _tier_domains d ON d.key = s.domain
                  GROUP BY s.id)
    SELECT a.id, coalesce(a.name, nullif(a.host, ''), 'article:' || a.id) AS okey,
           coalesce(n.tier, b.tier, 'unknown') AS tier
    FROM a LEFT JOIN _tier_names n ON n.key = a.name LEFT JOIN by_domain b ON b.id = a.id"""
# Distinct outlets behind each merged event that are not state-controlled (an outlet's tier is that of
# its first mention, as in ``sources.independent_sources``).
MERGED_VIEW = f"""
    WITH ids AS (SELECT merged_id, unnest(event_ids) AS event_id, unnest(range(len(event_ids))) AS rn
                 FROM merged_events),
    outlets AS (SELECT ids.merged_id, t.okey, arg_min(t.tier, ids.rn) AS tier
                FROM ids JOIN events e USING (event_id) JOIN ({_ARTICLE_TIERS}) t ON t.id = e.doc_id
                GROUP BY ids.merged_id, t.okey),
    indep AS (SELECT merged_id, count_if(tier <> 'state-controlled') AS n FROM outlets GROUP BY merged_id)
    SELECT m.merged_id, m.source, m.target, m.plover, m.quad_class, m.goldstein, m.modality, m.date,
           m.date_precision, m.mentions, m.sources, coalesce(i.n, 0) AS sources_independent, m.event_ids
    FROM merged_events m LEFT JOIN indep i USING (merged_id)"""
# Per country pair and period: what ``relations`` reports, for every active pair and all three units.
PERIODS_VIEW = " UNION ALL ".join(f"""
    SELECT dyad, '{unit}' AS unit, {PERIOD[unit]} AS period, count(*) AS events, sum(mentions) AS mentions,
           count_if(quad_class = 1) AS q1, count_if(quad_class = 2) AS q2, count_if(quad_class = 3) AS q3,
           count_if(quad_class = 4) AS q4, round(avg(goldstein), 3) AS mean_goldstein,
           round(coalesce(sum(goldstein), 0), 3) AS total_goldstein,
           count_if(quad_class <= 2) - count_if(quad_class >= 3) AS net_cooperation
    FROM merged_events
    WHERE date IS NOT NULL AND {COUNTED} AND {COUNTRY_PAIR}
    GROUP BY dyad, period""" for unit in ("month", "quarter", "year"))
