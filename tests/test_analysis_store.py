"""Merged events kept in the store: per-batch updates, migration of old stores, layout and exports; Dask."""

from __future__ import annotations

import json

import duckdb
import pytest

from blocwatch import api
from blocwatch.store import Store
from blocwatch.store.schema import MIGRATIONS
from blocwatch.store.synthetic import generate

MERGED = "SELECT merged_id, mkey, source, target, dyad, date, date_precision, mentions, sources, event_ids FROM merged_events"


def _merged(db: str) -> list[tuple]:
    with Store(db, read_only=True) as store:
        return sorted(store.con.execute(MERGED).fetchall())


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("small") / "s.duckdb")
    generate(db, 20_000, seed=3)
    return db


def test_batches_in_any_order_merge_like_one_batch(small, tmp_path):
    """Events added in five interleaved batches give the merged events of one full merge."""
    db = str(tmp_path / "batched.duckdb")
    with Store(db) as store:
        store.con.execute(f"ATTACH '{small}' AS src (READ_ONLY)")
        store.con.execute("INSERT INTO articles SELECT * FROM src.articles")
        cols = ", ".join(c for c, in store.con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE database_name = 'src' AND table_name = 'events' "
            "AND column_name NOT IN ('dyad', 'day', 'mkey')").fetchall())
        for part in range(4, -1, -1):
            store.con.execute(f"CREATE OR REPLACE TEMP TABLE batch AS SELECT {cols} FROM src.events "
                              f"WHERE hash(event_id) % 5 = {part}")
            with store.transaction():
                store.add_events("batch")
        store.con.execute("DETACH src")
    assert _merged(db) == _merged(small)


def test_a_store_from_before_merged_events_is_migrated(small, tmp_path):
    old = str(tmp_path / "old.duckdb")
    con = duckdb.connect(old)
    con.execute(MIGRATIONS[0])
    con.execute("CREATE TABLE schema_version (version INTEGER, applied_at TIMESTAMP DEFAULT current_timestamp)")
    con.execute("INSERT INTO schema_version (version) VALUES (1)")
    con.execute(f"ATTACH '{small}' AS src (READ_ONLY)")
    con.execute("INSERT INTO articles SELECT * EXCLUDE (origin) FROM src.articles")
    con.execute("INSERT INTO events SELECT * EXCLUDE (origin, origin_id, extra, dyad, day, mkey) FROM src.events")
    con.close()
    with Store(old):
        pass
    assert _merged(old) == _merged(small)


def test_events_cli_has_a_default_limit_and_says_there_is_more(cli, small):
    shown = cli("events", "--db", small, "--dyad", "USA-CHN", "--format", "jsonl")
    assert len(shown.stdout.splitlines()) == 100 and "--limit all" in shown.stderr
    every = cli("events", "--db", small, "--dyad", "CHN-USA", "--format", "jsonl", "--limit", "all")
    rows = [json.loads(line) for line in every.stdout.splitlines()]
    assert len(rows) > 100 and all({r["source"]["country"], r["target"]["country"]} == {"CHN", "USA"} for r in rows)
    assert [r["event_id"] for r in rows[:100]] == [json.loads(x)["event_id"] for x in shown.stdout.splitlines()]
    table = cli("events", "--db", small, "--dyad", "CHN-USA", "--limit", "5")
    assert table.exit_code == 0 and "… more events" in table.stdout
    assert cli("events", "--db", small, "--limit", "none").exit_code == 2


def test_partitioned_parquet_export_reads_back(small, tmp_path):
    files = api.export(str(tmp_path / "out"), "parquet", small, partition="year")
    assert sorted(p.name for p in files) == ["dyad_timelines.parquet", "events", "merged_events"]
    con = duckdb.connect()
    n, years = con.execute(f"SELECT count(*), count(DISTINCT year) FROM read_parquet('{tmp_path}/out/events/*/*.parquet', "
                           "hive_partitioning = true)").fetchone()
    assert n == 20_000 and years > 25
    with Store(small, read_only=True) as store:
        total = store.con.execute("SELECT count(*) FROM merged_events").fetchone()[0]
    assert con.execute(f"SELECT count(*) FROM '{tmp_path}/out/merged_events/*/*.parquet'").fetchone()[0] == total


@pytest.mark.slow
def test_dask_local_cluster_gives_the_duckdb_timeline_and_blocs(small, tmp_path):
    """Issue 13: a Dask LocalCluster with 2 workers computes, from the year-partitioned Parquet export,
    the dyad timelines DuckDB computes from the store (every period, counts, scores and evidence)."""
    from distributed import Client, LocalCluster

    out = str(tmp_path / "dataset")
    api.export(out, "parquet", small, partition="year")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        for dyad in ("CHN-USA", "PRK-CHN"):
            for by in ("year", "quarter", "month"):
                expected = api.relations(dyad, small, by=by)
                assert len(expected) > 5
                assert api.relations(dyad, parquet=out, by=by, dask=cluster.scheduler_address) == expected
        assert api.blocs(parquet=out, dask=cluster.scheduler_address) == api.blocs(small)
    assert api.triads(["CHN", "PRK", "RUS", "USA"], parquet=out, dask="local") == \
        api.triads(["CHN", "PRK", "RUS", "USA"], small)


def test_evidence_found_by_dyad_equals_evidence_found_by_key(small):
    """The dyad shortcut (no primary-key index) gives what the key lookup gives, and ids outside the
    dyad are still found."""
    from blocwatch.analysis.queries import evidence

    with Store(small, read_only=True) as store:
        con = store.con
        dyad = con.execute("SELECT dyad FROM events WHERE dyad IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 "
                           "LIMIT 1").fetchone()[0]
        inside = [r[0] for r in con.execute("SELECT event_id FROM events WHERE dyad = ? ORDER BY event_id LIMIT 40",
                                            [dyad]).fetchall()]
        outside = [r[0] for r in con.execute("SELECT event_id FROM events WHERE dyad IS DISTINCT FROM ? "
                                             "ORDER BY event_id LIMIT 5", [dyad]).fetchall()]
        by_dyad = evidence(con, inside + outside, dyad)
        assert len(inside) == 40 and len(outside) == 5
        assert by_dyad == evidence(con, inside + outside)
        assert set(by_dyad) == set(inside + outside)
