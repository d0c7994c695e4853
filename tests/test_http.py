"""The HTTP API served by a real uvicorn process on loopback."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

from blocwatch import api


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def served(db: str) -> Iterator[str]:
    port = _free_port()
    cmd = [sys.executable, "-c", "from blocwatch.cli import main; main()", "serve", "--db", db,
           "--port", str(port)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                httpx.get(base + "/openapi.json", timeout=1)
                break
            except httpx.TransportError:
                if proc.poll() is not None:
                    raise RuntimeError(proc.stderr.read().decode())
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:  # a request still running holds a graceful shutdown
            proc.kill()
            proc.wait(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory, pipeline) -> Iterator[tuple[str, str]]:
    tmp = tmp_path_factory.mktemp("http")
    (tmp / "a.txt").write_text("Treaty signed\n\nJune 19, 2024\n\nRussia and North Korea signed a treaty in Pyongyang.",
                               encoding="utf-8")
    db = str(tmp / "http.duckdb")
    api.ingest([str(tmp / "a.txt")], db, pipeline=pipeline)
    with served(db) as base:
        yield base, db


def _is_error_shape(body: dict, code: str | None = None) -> bool:
    err = body.get("error", {})
    return set(err) == {"code", "message", "path"} and bool(err["message"]) and (code is None or err["code"] == code)


@pytest.mark.slow
def test_summary_and_articles_match_the_python_api(server):
    base, db = server
    summary = httpx.get(base + "/api/summary").json()
    assert summary["articles"] == api.summary(db)["articles"] == 1
    rows = httpx.get(base + "/api/articles").json()
    assert [r["id"] for r in rows] == [r["id"] for r in api.articles(db)]


@pytest.mark.slow
def test_unknown_route_and_bad_parameter_share_one_error_shape(server):
    base, _ = server
    missing = httpx.get(base + "/api/nothing-here")
    assert missing.status_code == 404 and _is_error_shape(missing.json())
    bad = httpx.get(base + "/api/articles", params={"limit": "many"})
    assert bad.status_code == 400 and _is_error_shape(bad.json(), "BW020")


@pytest.mark.slow
def test_missing_database_is_a_404_error_shape(tmp_path):
    with served(str(tmp_path / "absent.duckdb")) as base:
        resp = httpx.get(base + "/api/summary")
    assert resp.status_code == 404 and _is_error_shape(resp.json(), "BW010")
    assert not (tmp_path / "absent.duckdb").exists()


@pytest.mark.slow
def test_obligations_events_and_report_page(server):
    base, db = server
    duties = httpx.get(base + "/api/obligations", params={"attacked": "PRK", "on": "2025-01-01"}).json()
    assert {"CHN", "RUS"} <= {d["state"] for d in duties if d["obligation"] == "defense"}
    unknown = httpx.get(base + "/api/obligations", params={"attacked": "XXX"})
    assert unknown.status_code == 404 and _is_error_shape(unknown.json(), "BW021")
    bad = httpx.get(base + "/api/obligations", params={"attacked": "XXXX"})
    assert bad.status_code == 400 and _is_error_shape(bad.json(), "BW020")
    events = httpx.get(base + "/api/events").json()
    assert events == json.loads(json.dumps(api.events(db, limit=500), default=str))
    page = httpx.get(base + "/report")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html") and "<svg" in page.text
    dashboard = httpx.get(base + "/")
    assert dashboard.status_code == 200 and "/assets/dashboard.js" in dashboard.text
