"""Database-side safe defaults, with real files: no extension autoload, foreign or damaged files refused
with one clear line, and a busy database (another process holds its lock) reported as such."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import duckdb
import httpx
import pytest

from blocwatch import api
from blocwatch.errors import StoreBusyError, StoreError
from blocwatch.store import Store
from blocwatch.store.synthetic import generate


def _sqlite(path: Path) -> Path:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE notes (body TEXT)")
    con.commit()
    con.close()
    return path


def _text(path: Path) -> Path:
    path.write_text("this is a shopping list, not a database\n" * 50, encoding="utf-8")
    return path


def _empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def _foreign_duckdb(path: Path) -> Path:
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE birds AS SELECT range AS id FROM range(10)")
    con.close()
    return path


@pytest.mark.parametrize("make, says", [(_sqlite, "SQLite"), (_text, "not a DuckDB file"),
                                        (_empty, "empty file"), (_foreign_duckdb, "schema_version")])
@pytest.mark.parametrize("read_only", [False, True])
def test_a_file_that_is_not_a_blocwatch_database_is_refused(tmp_path, make, says, read_only):
    path = make(tmp_path / "other.db")
    before = path.read_bytes()
    with pytest.raises(StoreError, match=says) as caught:
        Store(path, read_only=read_only)
    assert caught.value.path == str(path) and caught.value.code == "BW010"
    assert path.read_bytes() == before, "the file was changed"


def test_a_directory_is_refused(tmp_path):
    with pytest.raises(StoreError, match="directory"):
        Store(tmp_path)


def test_cli_names_the_file_in_one_line_and_never_fetches_an_extension(tmp_path, cli):
    db = _sqlite(tmp_path / "notes.sqlite")
    for args in (("summary", "--db", db), ("ingest", _text(tmp_path / "a.txt"), "--db", db)):
        result = cli(*args)
        lines = result.output.strip().splitlines()
        assert result.exit_code == 2 and len(lines) == 1, result.output
        assert lines[0].startswith(f"error: {db}: not a blocwatch database (a SQLite database)") and "[BW010]" in lines[0]


def test_extensions_are_never_autoloaded_or_installed(db_path):
    with Store(db_path) as store:
        settings = dict(store.con.execute(
            "SELECT name, value FROM duckdb_settings() WHERE name IN "
            "('autoload_known_extensions', 'autoinstall_known_extensions')").fetchall())
    assert settings == {"autoload_known_extensions": "false", "autoinstall_known_extensions": "false"}


@pytest.fixture(scope="module")
def good_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("good") / "good.duckdb"
    generate(path, events=20_000)
    return path


def _truncated(good: Path, path: Path) -> Path:
    shutil.copy(good, path)
    os.truncate(path, os.path.getsize(path) * 2 // 3)
    return path


def _scribbled(good: Path, path: Path) -> Path:
    con = duckdb.connect(str(good), read_only=True)
    block = con.execute("SELECT max(block_id) FROM pragma_storage_info('events') WHERE block_id >= 0").fetchone()[0]
    con.close()
    shutil.copy(good, path)
    with path.open("r+b") as fh:  # overwrite bytes inside a block the events table uses (3 header pages first)
        fh.seek(3 * 4096 + block * 262144 + 1000)
        fh.write(bytes(range(256)) * 4)
    return path


@pytest.mark.parametrize("damage", [_truncated, _scribbled])
def test_a_damaged_file_fails_before_any_write(tmp_path, good_db, damage, cli):
    db = damage(good_db, tmp_path / "damaged.duckdb")
    before = db.read_bytes()
    with pytest.raises(StoreError, match="damaged|cannot open") as caught:
        Store(db, verify=True)
    assert caught.value.path == str(db)
    result = cli("ingest", _text(tmp_path / "a.txt"), "--db", db)
    lines = result.output.strip().splitlines()
    assert result.exit_code == 2 and len(lines) == 1 and lines[0].startswith(f"error: {db}: "), result.output
    assert "new" not in result.output and db.read_bytes() == before


def test_the_good_file_verifies(good_db):
    with Store(good_db, verify=True) as store:
        assert store.counts()["events"] == 20_000


HOLD_LOCK = """import duckdb, sys, time
con = duckdb.connect(sys.argv[1])
print("locked", flush=True)
sys.stdin.read()
"""


@pytest.fixture
def locked(good_db, tmp_path):
    """A copy of the good database, held open as writer by another process until the test ends."""
    db = tmp_path / "held.duckdb"
    shutil.copy(good_db, db)
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(db)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    try:
        yield db
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)


@pytest.mark.slow
def test_a_busy_database_is_one_clear_error_after_a_bounded_wait(locked, monkeypatch):
    with pytest.raises(StoreBusyError, match="busy"):
        Store(locked, read_only=True, wait=0.3)
    monkeypatch.setenv("BLOCWATCH_LOCK_WAIT", "0.3")
    run = subprocess.run([sys.executable, "-m", "blocwatch", "summary", "--db", str(locked)],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 2 and run.stderr.strip().count("\n") == 0 and "[BW011]" in run.stderr, run.stderr
    from test_http import _is_error_shape, served

    with served(str(locked)) as base:
        resp = httpx.get(base + "/api/summary", timeout=30)
    assert resp.status_code == 503 and resp.headers["retry-after"] == "1"
    assert _is_error_shape(resp.json(), "BW011")


def test_readers_wait_for_a_short_write_lock(good_db, tmp_path):
    db = tmp_path / "brief.duckdb"
    shutil.copy(good_db, db)
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
                               "print('locked', flush=True); time.sleep(1.0)", str(db)],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    try:
        assert api.summary(str(db))["events"] == 20_000  # waited for the lock, then read
    finally:
        holder.wait(timeout=30)


@pytest.mark.slow
def test_a_read_that_fails_inside_the_server_is_a_json_500_not_text(tmp_path, good_db):
    from test_http import _is_error_shape, served

    db = _scribbled(good_db, tmp_path / "damaged.duckdb")
    with served(str(db)) as base:
        summary = httpx.get(base + "/api/summary", timeout=30)  # counts come from metadata: still readable
        broken = httpx.get(base + "/api/events", params={"limit": 10_000}, timeout=30)
    assert summary.status_code == 200
    assert broken.status_code == 500 and broken.headers["content-type"] == "application/json"
    assert _is_error_shape(broken.json(), "BW500") and "see the server log" in broken.json()["error"]["message"]
