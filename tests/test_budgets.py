"""Issue 10 budgets, measured on a real ``blocwatch ingest`` process with the default (learned) coder:
1 MB of dense news codes in under 60 s and 1.5 GB; a 9 MB page of a million <p> tags fails or
finishes within 60 s. Generous limits: the budget itself is 30 s per document."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.crash_corpus import dense_news

pytestmark = pytest.mark.slow

MEASURE = ("import atexit, resource, runpy, sys\n"
           "rss = sys.argv.pop(1)\n"
           "atexit.register(lambda: open(rss, 'w').write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)))\n"
           "sys.argv[0] = 'blocwatch'\n"
           "runpy.run_module('blocwatch', run_name='__main__')\n")


def _timed_ingest(path: Path, db: str, rss_file: Path) -> tuple[subprocess.CompletedProcess, float, float]:
    """Run ingest in a child; (result, seconds, peak RSS in MB)."""
    cmd = [sys.executable, "-c", MEASURE, str(rss_file), "ingest", str(path), "--db", db, "--quiet"]
    start = time.monotonic()
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=os.environ.copy())
    seconds = time.monotonic() - start
    return result, seconds, int(rss_file.read_text()) / 1024


def test_budget_one_megabyte_of_dense_news_under_60s_and_1_5gb(tmp_path):
    path = tmp_path / "dense.txt"
    path.write_text(dense_news(1_000_000), encoding="utf-8")
    result, seconds, peak_mb = _timed_ingest(path, str(tmp_path / "d.duckdb"), tmp_path / "rss")
    print(f"1 MB dense text: {seconds:.1f} s, peak RSS {peak_mb:.0f} MB")
    assert result.returncode == 0, result.stderr
    assert seconds < 60 and peak_mb < 1536


def test_budget_nine_megabyte_page_of_paragraph_tags_within_60s(tmp_path):
    path = tmp_path / "tags.html"
    path.write_text("<html><body>" + "<p>a</p>" * 1_000_000 + "</body></html>", encoding="utf-8")
    assert path.stat().st_size > 8_000_000
    result, seconds, peak_mb = _timed_ingest(path, str(tmp_path / "t.duckdb"), tmp_path / "rss")
    print(f"9 MB <p> page: {seconds:.1f} s, peak RSS {peak_mb:.0f} MB, exit {result.returncode}")
    assert seconds < 60 and peak_mb < 1536
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr
    if result.returncode == 1:
        assert result.stderr.strip().splitlines() == [f"error: {path}: HTML page too complex (more than "
                                                      "100,000 tags); not parsed"]
