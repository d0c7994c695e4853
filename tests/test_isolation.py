"""Issue 10: no input crashes a run. Each bad document is one error line; the rest is stored."""

from __future__ import annotations

import os
import subprocess
import sys

import duckdb
import pytest

from tests.crash_corpus import write_corpus

pytestmark = pytest.mark.slow


def _ingest(*args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "blocwatch", "ingest", *args, "--quiet"]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env={**os.environ, "COLUMNS": "300"})


def _stored(db: str) -> list[str]:
    con = duckdb.connect(db, read_only=True)
    try:
        return [r[0] for r in con.execute("SELECT path FROM articles").fetchall()]
    finally:
        con.close()


def test_every_crash_case_beside_good_articles(tmp_path):
    folder = tmp_path / "in"
    expect = write_corpus(folder)
    db = str(tmp_path / "iso.duckdb")
    result = _ingest(str(folder), "--db", db)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert all(l.startswith("error: ") for l in lines), lines
    for name, why in expect["errors"].items():
        hits = [l for l in lines if f"/{name}: " in l]
        assert len(hits) == 1 and why in hits[0], (name, lines)
    assert len(lines) == len(expect["errors"])
    stored = {p.rsplit("/", 1)[-1].split(":")[0].split("#")[0] for p in _stored(db)}
    assert stored == expect["stored"]


def test_year_one_default_date_is_a_usage_error(tmp_path):
    (tmp_path / "a.txt").write_text("Ghana and Togo agreed yesterday to reopen the border, officials said.\n")
    result = _ingest(str(tmp_path / "a.txt"), "--db", str(tmp_path / "x.duckdb"), "--date", "0001-01-01")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "--date must be between" in result.stderr


def test_symlink_out_of_the_folder_is_refused_unless_asked(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("Peru and Bolivia signed a lake protection accord on Friday in Puno, officials said.\n")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok.txt").write_text("Chile and Argentina held border talks on Monday in Mendoza, officials said.\n")
    (folder / "link.txt").symlink_to(outside)
    db = str(tmp_path / "l.duckdb")
    refused = _ingest(str(folder), "--db", db)
    assert refused.returncode == 1
    assert "link.txt" in refused.stderr and "--follow-symlinks" in refused.stderr
    assert [p.rsplit("/", 1)[-1] for p in _stored(db)] == ["ok.txt"]
    followed = _ingest(str(folder), "--db", db, "--follow-symlinks")
    assert followed.returncode == 0, followed.stderr
    assert sorted(p.rsplit("/", 1)[-1] for p in _stored(db)) == ["link.txt", "ok.txt"]


def test_escape_sequences_in_file_names_are_not_printed(tmp_path):
    (tmp_path / "bad\x1b[31mname.txt").write_bytes(b"")
    result = _ingest(str(tmp_path), "--db", str(tmp_path / "e.duckdb"))
    assert result.returncode == 1
    assert "\x1b" not in result.stderr and "badname.txt: empty file" in result.stderr
