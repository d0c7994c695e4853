"""The ``merged_events`` table, kept up to date per merge key in DuckDB SQL.

The rule is ``analysis.dedup``'s: within a bucket (type, pair, modality), mentions sorted by
(day, event_id) join the current cluster while they are the same event as the cluster's first
mention, else they start a new one. Window functions do the sweep: a new *session* starts where a
mention cannot match any earlier one (more than ``DAY_WINDOW`` days after the previous mention, and
in a new year/month where year/month precision is involved). A session whose mentions all match
its first is one cluster; the rare session that is not is split by the same greedy rule in Python
over just its rows.
"""

from __future__ import annotations

import duckdb

from blocwatch.analysis.dedup import DAY_WINDOW, same_event
from blocwatch.analysis.state import state_event_sql
from blocwatch.store.schema import actor_key

PREC_RANK = "(CASE prec WHEN 'day' THEN 0 WHEN 'month' THEN 1 WHEN 'year' THEN 2 ELSE 3 END)"


def _same(a: str, b: str) -> str:
    """SQL: mention ``a`` and ``b`` (column prefixes) are the same event by date."""
    return (f"(CASE WHEN {a}day IS NULL OR {b}day IS NULL THEN {a}day IS NULL AND {b}day IS NULL "
            f"WHEN {a}prec IN ('year', 'month') OR {b}prec IN ('year', 'month') THEN {a}prec = {b}prec AND "
            f"(CASE WHEN {a}prec = 'year' THEN year({a}day) = year({b}day) ELSE {a}ym = {b}ym END) "
            f"ELSE abs({a}day - {b}day) <= {DAY_WINDOW} END)")


def _sessions_sql(scope: str) -> str:
    """Mentions of the keys in ``scope`` (a WHERE clause) with their session numbers and ``ok``:
    whether the mention matches its session's first. Every window shares one ordering."""
    k = "WINDOW k AS (PARTITION BY mkey ORDER BY day NULLS LAST, event_id)"
    before = "ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING"
    return f"""
    WITH r AS (
        SELECT mkey, event_id, doc_id, day, year(day) * 12 + month(day) AS ym,
               CASE WHEN date IS NOT NULL THEN coalesce(date_precision, 'day')
                    WHEN day IS NOT NULL THEN 'day' END AS prec,
               {actor_key('source')} AS src, {actor_key('target')} AS tgt, quad_class, goldstein,
               coalesce({state_event_sql()}, FALSE) AS state
        FROM events WHERE mkey IS NOT NULL AND ({scope})
    ), w AS (
        SELECT *, row_number() OVER k AS rn, lag(day) OVER k AS pday, lag(ym) OVER k AS pym,
               max(CASE WHEN prec = 'year' THEN year(day) END) OVER (k {before}) AS year_prec_year,
               max(CASE WHEN prec IN ('year', 'month') THEN ym END) OVER (k {before}) AS month_prec_ym
        FROM r {k}
    ), b AS (
        SELECT *, CASE WHEN rn = 1 THEN 1
                       WHEN day IS NULL THEN CAST(pday IS NOT NULL AS INTEGER)
                       WHEN day - pday > {DAY_WINDOW}
                            AND (year(day) <> year(pday) OR (prec <> 'year' AND year_prec_year IS DISTINCT FROM year(day)))
                            AND (ym <> pym OR (prec NOT IN ('year', 'month') AND month_prec_ym IS DISTINCT FROM ym)) THEN 1
                       ELSE 0 END AS brk
        FROM w
    )
    SELECT * EXCLUDE (pday, pym, year_prec_year, month_prec_ym, f_day, f_prec, f_ym),
           day IS NULL OR {_same('f_', '')} AS ok
    FROM (SELECT *, sum(brk) OVER (k ROWS UNBOUNDED PRECEDING) AS session,
                 last_value(CASE WHEN brk = 1 THEN day END IGNORE NULLS) OVER (k ROWS UNBOUNDED PRECEDING) AS f_day,
                 last_value(CASE WHEN brk = 1 THEN prec END IGNORE NULLS) OVER (k ROWS UNBOUNDED PRECEDING) AS f_prec,
                 last_value(CASE WHEN brk = 1 THEN ym END IGNORE NULLS) OVER (k ROWS UNBOUNDED PRECEDING) AS f_ym
          FROM b {k})
    """


def split_sessions(sessions: list, days: list, precs: list) -> list[int]:
    """Cluster number within each session by the greedy rule (rows sorted by session, then rank)."""
    out, anchor, sub, last = [], None, 0, object()
    for session, day, prec in zip(sessions, days, precs):
        if session != last:
            anchor, sub, last = (day, prec), 0, session
        elif not same_event(anchor, (day, prec)):
            anchor, sub = (day, prec), sub + 1
        out.append(sub)
    return out


def refresh(con: duckdb.DuckDBPyConnection, keys_table: str | None = None, target: str = "merged_events",
            events_where: str = "TRUE") -> int:
    """Recompute merged events for the merge keys in ``keys_table`` (column mkey), or for all keys,
    into ``target`` (a table shaped like merged_events) from the events matching ``events_where``.

    Runs inside the caller's transaction. Returns the number of merged events written.
    """
    import pyarrow as pa

    scope = f"mkey IN (SELECT mkey FROM {keys_table})" if keys_table else "TRUE"
    con.execute(f"CREATE OR REPLACE TEMP TABLE _sessions AS {_sessions_sql(f'{scope} AND {events_where}')}")
    multi = con.sql("""SELECT mkey, session, rn, day, prec FROM _sessions
                       WHERE (mkey, session) IN (SELECT (mkey, session) FROM _sessions GROUP BY ALL HAVING NOT bool_and(ok))
                       ORDER BY mkey, session, rn""").to_arrow_table()
    subs = pa.table({"mkey": multi["mkey"], "session": multi["session"], "rn": multi["rn"],
                     "sub": pa.array(split_sessions(list(zip(multi["mkey"].to_pylist(),
                                                             multi["session"].to_pylist())),
                                                    multi["day"].to_pylist(), multi["prec"].to_pylist()),
                                     pa.int64())})
    con.register("_subs", subs)
    try:
        con.execute(f"DELETE FROM {target} WHERE {scope}")
        n = con.execute(f"""INSERT INTO {target} BY NAME
            SELECT left(sha1(string_agg(event_id, '|' ORDER BY event_id)), 16) AS merged_id, mkey,
                   arg_min_null(src, rn) AS source, arg_min_null(tgt, rn) AS target,
                   least(arg_min_null(src, rn), arg_min_null(tgt, rn)) || '-'
                       || greatest(arg_min_null(src, rn), arg_min_null(tgt, rn)) AS dyad,
                   split_part(mkey, '|', 1) AS plover, arg_min_null(quad_class, rn) AS quad_class,
                   arg_min_null(goldstein, rn) AS goldstein, split_part(mkey, '|', 4) AS modality,
                   arg_min_null(day, {PREC_RANK} * 4294967296 + rn) AS date,
                   arg_min_null(prec, {PREC_RANK} * 4294967296 + rn) AS date_precision,
                   count(*) AS mentions, count(DISTINCT doc_id) AS sources, list(event_id ORDER BY rn) AS event_ids,
                   count(*) FILTER (WHERE state) AS state_mentions
            FROM _sessions s LEFT JOIN _subs u USING (mkey, session, rn)
            GROUP BY mkey, session, coalesce(u.sub, 0)""").fetchone()[0]
    finally:
        con.unregister("_subs")
        con.execute("DROP TABLE _sessions")
    return int(n)


def merged_for(con: duckdb.DuckDBPyConnection, origins: list[str] | None) -> str:
    """The merged events of ``origins``' events: the kept table for all origins, else a temp table merged now."""
    if not origins:
        return "merged_events"
    from blocwatch.analysis.queries import origin_filter

    con.execute("CREATE OR REPLACE TEMP TABLE _merged_origin AS SELECT * FROM merged_events LIMIT 0")
    refresh(con, None, "_merged_origin", origin_filter(origins))
    return "_merged_origin"
