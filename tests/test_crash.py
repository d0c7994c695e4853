"""A killed ingest leaves a consistent database, and a rerun completes it without duplicates."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import duckdb
import pytest

N = 150
TEMPLATE = ("Article {i}. Officials from Chile and Peru met in Lima on Monday for talks number {i} "
            "on fishing rights. Both governments praised the talks and agreed to meet again.")


def _consistency(db: str) -> tuple[int, int]:
    con = duckdb.connect(db, read_only=True)
    try:
        arts = con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone()
        orphans = con.execute("""SELECT count(*) FROM sentences s
                                 WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = s.article_id)""").fetchone()
        bare = con.execute("""SELECT count(*) FROM articles a
                              WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.article_id = a.id)""").fetchone()
        orphan_events = con.execute("""SELECT count(*) FROM events e
                                       WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = e.doc_id)""").fetchone()
    finally:
        con.close()
    assert arts[0] == arts[1], "duplicate article ids"
    assert orphans[0] == 0 and bare[0] == 0 and orphan_events[0] == 0
    return arts[0], N


@pytest.mark.slow
def test_sigkill_mid_ingest_then_rerun(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(N):
        (corpus / f"{i:03d}.txt").write_text(TEMPLATE.format(i=i), encoding="utf-8")
    db = str(tmp_path / "crash.duckdb")
    cmd = [sys.executable, "-m", "blocwatch", "ingest", str(corpus), "--db", db, "--batch-size", "4", "--quiet"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=os.environ.copy())
    wal = db + ".wal"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if os.path.exists(wal) and os.path.getsize(wal) > 0 or os.path.exists(db) and os.path.getsize(db) > 300_000:
            time.sleep(0.5)  # let a few batches commit
            break
        time.sleep(0.05)
    assert proc.poll() is None, "ingest finished before it could be killed; make the corpus larger"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)

    stored, _ = _consistency(db)
    assert stored < N
    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    total, _ = _consistency(db)
    assert total == N
