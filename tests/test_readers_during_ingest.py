"""Readers work while an ingest runs: the writer holds the database lock only per batch commit.

Real processes throughout: a ``blocwatch ingest`` of 300 articles, a ``blocwatch serve`` answering
HTTP requests, and ``blocwatch events`` runs, all on one DuckDB file.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import httpx
import pytest

from blocwatch.store import Store
from test_http import served

N_ARTICLES = 300
N_REQUESTS = 200
PAIRS = [("Chile", "Peru"), ("Kenya", "Uganda"), ("Norway", "Sweden"), ("Vietnam", "Laos"),
         ("Ghana", "Togo"), ("Austria", "Hungary")]
ACTS = ["signed a trade accord with", "criticised", "held talks with", "promised aid to", "accused"]
ROUTES = ["/api/summary", "/api/events?limit=5", "/api/articles?limit=5&offset=2", "/api/countries",
          "/api/events?dyad=CHL-PER&limit=3"]


def write_corpus(folder: Path, n: int) -> None:
    """``n`` short, distinct articles in our own words, each dated by its dateline."""
    folder.mkdir()
    for i in range(n):
        a, b = PAIRS[i % len(PAIRS)]
        act = ACTS[i % len(ACTS)]
        day = 1 + i % 28
        (folder / f"{i:03d}.txt").write_text(
            f"Report {i}\n\nMarch {day}, 2023\n\nThe government of {a} {act} {b} on Tuesday, "
            f"in meeting number {i} of the season. Ministers from {b} answered the same day.",
            encoding="utf-8")


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "blocwatch", *args]


@pytest.mark.slow
def test_serve_and_events_answer_while_an_ingest_runs(tmp_path):
    write_corpus(tmp_path / "corpus", N_ARTICLES)
    db = str(tmp_path / "live.duckdb")
    Store(db).close()  # an empty blocwatch database, so the server has something to serve from the start
    ingest = subprocess.Popen(cli("ingest", str(tmp_path / "corpus"), "--db", db, "--coder", "rules",
                                  "--batch-size", "8", "--quiet"),
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=os.environ.copy())
    statuses: list[int] = []
    events_codes: list[int] = []
    try:
        with served(db) as base, httpx.Client(base_url=base, timeout=30) as client:
            _wait_for_first_commit(client, ingest)
            reader = threading.Thread(target=_run_events_cli, args=(db, ingest, events_codes))
            reader.start()
            with ThreadPoolExecutor(4) as pool:  # four clients at once, as a dashboard page makes
                statuses = list(pool.map(lambda i: client.get(ROUTES[i % len(ROUTES)]).status_code,
                                         range(N_REQUESTS)))
            still_running = ingest.poll() is None
            reader.join(timeout=120)
        assert still_running, "the ingest ended before the 200 requests did; make the corpus larger"
        assert ingest.wait(timeout=300) == 0, ingest.stderr.read().decode()
    finally:
        if ingest.poll() is None:
            ingest.kill()
            ingest.wait()
    ok = sum(200 <= s < 300 for s in statuses)
    assert ok >= 0.99 * N_REQUESTS, f"{ok}/{N_REQUESTS} 2xx during ingest; statuses {sorted(set(statuses))}"
    assert events_codes and all(code == 0 for code in events_codes), events_codes
    con = duckdb.connect(db, read_only=True)
    try:
        assert con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone() == (N_ARTICLES, N_ARTICLES)
    finally:
        con.close()


def _wait_for_first_commit(client: httpx.Client, ingest: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and ingest.poll() is None:
        resp = client.get("/api/summary")
        if resp.status_code == 200 and resp.json()["articles"] > 0:
            return
        time.sleep(0.1)
    raise AssertionError(f"the ingest stored nothing within {timeout} s: {ingest.stderr.read().decode()[-2000:]}")


def _run_events_cli(db: str, ingest: subprocess.Popen, codes: list[int], runs: int = 3) -> None:
    """``blocwatch events`` a few times while the ingest runs; record exit codes."""
    for _ in range(runs):
        if ingest.poll() is not None:
            return
        done = subprocess.run(cli("events", "--db", db, "--limit", "5", "--format", "jsonl"),
                              capture_output=True, text=True, timeout=120)
        codes.append(done.returncode)
