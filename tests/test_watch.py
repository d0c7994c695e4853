"""``watch``: feeds polled over a real local HTTP server into a real DuckDB file, each item once.

The site (tests/feed_site.py) runs on 127.0.0.1 inside the test; the coder is the rules coder.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest

from blocwatch import api
from blocwatch.store import Store
from feed_site import Site, serving, story

FAST = dict(coder="rules", host_gap=0.0, timeout=2.0, retries=1, backoff=0.05)


def _items(db: str) -> list[dict]:
    return api.sql("SELECT source, item, article_id, status FROM watch_items ORDER BY item", db)


def _article_count(db: str) -> int:
    return api.sql("SELECT count(*) AS n FROM articles", db)[0]["n"]


@pytest.mark.slow
def test_items_appearing_over_several_polls_are_each_stored_once(tmp_path, rules_pipeline):
    db = str(tmp_path / "w.duckdb")
    site = Site(n_items=9, visible=3, missing_pages={4})
    with serving(site):
        feed = site.base + "/feed.xml"
        first = api.watch([feed], db, once=True, pipeline=rules_pipeline, **FAST)
        assert (first.new, first.failed) == (3, 0)
        site.visible = 6
        second = api.watch([feed], db, once=True, pipeline=rules_pipeline, **FAST)
        assert (second.new, second.duplicate, second.not_modified) == (3, 0, 0)
        third = api.watch([feed], db, once=True, pipeline=rules_pipeline, **FAST)  # nothing changed: a 304
        assert (third.new, third.not_modified) == (0, 1)
        site.visible = 9
        fourth = api.watch([feed], db, once=True, pipeline=rules_pipeline, **FAST)
        assert fourth.new == 3
    items = _items(db)
    assert sorted(r["item"] for r in items) == sorted(f"story-{i}" for i in range(9))
    assert _article_count(db) == 9 and len({r["article_id"] for r in items}) == 9
    # each page was fetched once, never again on a later poll
    assert sorted(site.pages_fetched()) == list(range(9))
    # the linked page is what is stored (its extra paragraph, no navigation or footer) ...
    texts = {r["title"]: r["text"] for r in api.sql("SELECT title, text FROM articles", db)}
    page_text = texts[story(0)[0]]
    assert "joint statement would follow" in page_text and "Subscribe" not in page_text and "Home |" not in page_text
    # ... except where the page is missing: then the item's own content
    assert "joint statement" not in texts[story(4)[0]] and story(4)[1][:60] in texts[story(4)[0]]
    feed_requests = [h for p, h in site.requests if p == "/feed.xml"]
    assert all(h["User-Agent"].startswith("blocwatch/") for p, h in site.requests)
    assert "If-None-Match" not in feed_requests[0] and all("If-None-Match" in h for h in feed_requests[1:])
    assert site.max_in_flight == 1  # one request at a time to the host
    events = api.events(db, limit=None)
    assert events and all(e["origin"] == "blocwatch" for e in events)


@pytest.mark.slow
def test_a_failing_source_is_one_line_and_the_rest_goes_on(tmp_path, rules_pipeline):
    db = str(tmp_path / "w.duckdb")
    site = Site(n_items=2, visible=2)
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a.txt").write_text("Border talks\n\nMarch 3, 2023\n\nThe government of Chile held talks with Peru "
                                  "on Tuesday about the border.", encoding="utf-8")
    failures = []
    with serving(site):
        b = site.base
        sources = [b + "/error.xml", b + "/slow.xml", b + "/broken.xml", b + "/gone.xml",
                   "http://127.0.0.1:9/feed.xml", str(tmp_path / "nowhere"), b + "/feed.xml", str(folder)]
        started = time.monotonic()
        report = api.watch(sources, db, once=True, pipeline=rules_pipeline, on_failure=failures.append,
                           **{**FAST, "timeout": 0.5})
        took = time.monotonic() - started
    reasons = {f.path.replace(site.base, ""): f.reason for f in failures}
    assert reasons["/error.xml"] == "HTTP 500 (2 tries)"
    assert reasons["/slow.xml"].startswith("timed out after 0.5 s")
    assert reasons["/broken.xml"].startswith("malformed feed")
    assert reasons["/gone.xml"] == "HTTP 404"
    assert reasons["http://127.0.0.1:9/feed.xml"].startswith("cannot connect")
    assert "not a folder" in reasons[str(tmp_path / "nowhere")]
    assert len(failures) == 6 and all("\n" not in f.reason for f in failures)
    assert report.new == 3  # the two feed items and the folder's file
    assert took < 15
    # retries: the 500 was asked twice, the 404 once
    paths = [p for p, _ in site.requests]
    assert paths.count("/error.xml") == 2 and paths.count("/gone.xml") == 1
    # a new file in the folder is picked up on the next poll, the old one is not read again
    (folder / "b.txt").write_text("Aid pledge\n\nMarch 4, 2023\n\nThe government of Ghana promised aid to Togo "
                                  "on Wednesday after the floods.", encoding="utf-8")
    again = api.watch([str(folder)], db, once=True, pipeline=rules_pipeline, **FAST)
    assert (again.new, again.duplicate) == (1, 0)


def test_watch_refuses_bad_arguments_with_one_line(cli, tmp_path):
    db = str(tmp_path / "w.duckdb")
    result = cli("watch", "http://127.0.0.1:9/feed.xml", "--every", "soon", "--db", db, "--once")
    assert result.exit_code == 2 and "--every must be" in result.output
    result = cli("watch", str(tmp_path), "--webhook", "ftp://x", "--db", db, "--once")
    assert result.exit_code == 2 and "--webhook must be an http(s) URL" in result.output
    assert api.parse_every("15m") == 900 and api.parse_every("90") == 90 and api.parse_every("1h") == 3600


def _watch_cmd(db: str, *sources: str, extra: tuple[str, ...] = ()) -> list[str]:
    return [sys.executable, "-m", "blocwatch", "watch", *sources, "--db", db, "--coder", "rules", "--host-gap", "0",
            "--batch-size", "1", "--quiet", *extra]


def _wait_for(predicate, timeout: float, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"watch ended early: {proc.stderr.read().decode()}")
        time.sleep(0.1)
    raise AssertionError("timed out waiting")


def _stored(db: str) -> int:
    if not Path(db).exists():
        return 0
    try:
        with Store(db, read_only=True) as store:
            return store.con.execute("SELECT count(*) FROM watch_items").fetchone()[0]
    except Exception:  # noqa: BLE001 - not migrated yet, or the writer holds the lock: not yet
        return 0


class _Asking:
    """A client asking ``blocwatch serve`` for the summary and the signals until stopped; keeps each status."""

    def __init__(self, base: str):
        import threading

        self.base, self.codes, self.stop = base, [], threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        with httpx.Client(base_url=self.base, timeout=30) as client:
            while not self.stop.is_set():
                for path in ("/api/summary", "/api/signals"):
                    self.codes.append(client.get(path).status_code)
                self.stop.wait(0.1)

    def __enter__(self) -> "_Asking":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(timeout=60)


@pytest.mark.slow
def test_kill_9_mid_poll_then_restart_loses_and_repeats_nothing(tmp_path):
    """SIGKILL while a poll fetches and stores pages, then a restart; ``serve`` answers all the while."""
    from test_http import served

    db = str(tmp_path / "w.duckdb")
    Store(db).close()  # serve needs the file from the start
    n = 12
    site = Site(n_items=n, visible=n, page_delay=0.4)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(api.__file__).parents[2]),
                                                        os.environ.get("PYTHONPATH", "")])}
    with serving(site), served(db) as base, _Asking(base) as asking:
        feed = site.base + "/feed.xml"
        proc = subprocess.Popen(_watch_cmd(db, feed, extra=("--once",)), stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, env=env)
        try:
            _wait_for(lambda: _stored(db) >= 3, 120, proc)
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        before = {r["item"] for r in _items(db)}
        assert 3 <= len(before) < n, "the kill came after the poll ended; slow the pages down"
        answered_before_restart = len(asking.codes)
        fetched_before = len(site.requests)
        restart = subprocess.run(_watch_cmd(db, feed, extra=("--once",)), capture_output=True, text=True,
                                 env=env, timeout=300)
        assert restart.returncode == 0, restart.stderr
        again = site.pages_fetched()[len([p for p, _ in site.requests[:fetched_before] if p.startswith("/page/")]):]
    items = _items(db)
    assert sorted(r["item"] for r in items) == sorted(f"story-{i}" for i in range(n))  # nothing lost
    assert _article_count(db) == n and len({r["article_id"] for r in items}) == n  # nothing repeated
    assert not {f"story-{i}" for i in again} & before  # no stored item was fetched again
    # serve answered before, during and after the kill, every time
    assert 0 < answered_before_restart < len(asking.codes) and set(asking.codes) == {200}, Counter(asking.codes)


@pytest.mark.slow
def test_serve_answers_while_watch_runs(tmp_path):
    from test_http import served

    db = str(tmp_path / "w.duckdb")
    Store(db).close()
    site = Site(n_items=8, visible=8, page_delay=0.3)
    with serving(site):
        proc = subprocess.Popen(_watch_cmd(db, site.base + "/feed.xml", extra=("--every", "1")),
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        codes = []
        try:
            with served(db) as base, httpx.Client(base_url=base, timeout=30) as client:
                deadline = time.monotonic() + 120
                while time.monotonic() < deadline:
                    codes.append(client.get("/api/summary").status_code)
                    if client.get("/api/summary").json()["articles"] == 8:
                        break
                    time.sleep(0.2)
            assert proc.poll() is None  # still watching
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    assert codes and all(c == 200 for c in codes), codes
    assert _article_count(db) == 8


@pytest.mark.slow
def test_webhook_receives_each_new_signal_once(tmp_path, rules_pipeline):
    """A local receiver; stories that make a ritual appear over two polls; each signal is posted once."""
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    received: list[dict] = []

    class Receiver(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_POST(self) -> None:  # noqa: N802
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(204)
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    hook = f"http://127.0.0.1:{server.server_address[1]}/hook"
    db = str(tmp_path / "w.duckdb")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    msg = "Kim Jong Un sent a message of greetings to Xi Jinping on the anniversary of the treaty."
    try:
        (inbox / "a.jsonl").write_text(json.dumps({"text": msg, "published": "2022-07-11", "title": "Greetings"}) + "\n")
        first = api.watch([str(inbox)], db, once=True, webhook=hook, pipeline=rules_pipeline, **FAST)
        assert first.signals_sent == 1 and received[0]["kind"] == "ritual" and received[0]["status"] == "observed"
        (inbox / "b.jsonl").write_text(json.dumps({"text": "North Korea accused South Korea of provocations.",
                                                   "published": "2023-07-11", "title": "Other news"}) + "\n")
        second = api.watch([str(inbox)], db, once=True, webhook=hook, pipeline=rules_pipeline, **FAST)
        third = api.watch([str(inbox)], db, once=True, webhook=hook, pipeline=rules_pipeline, **FAST)
    finally:
        server.shutdown()
        server.server_close()
    assert second.signals_sent == 1 and received[1]["status"] == "missing" and third.signals_sent == 0
    assert len(received) == 2 and len({r["id"] for r in received}) == 2


@pytest.mark.slow
def test_two_items_with_one_text_in_one_poll_are_one_article(tmp_path, rules_pipeline):
    db = str(tmp_path / "w.duckdb")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    text = "Harbour talks\n\nMarch 3, 2023\n\nThe government of Ghana held talks with Togo about the harbour."
    for name in ("a.txt", "b.txt", "c.txt"):
        (inbox / name).write_text(text if name != "c.txt" else text.replace("harbour.", "railway."), encoding="utf-8")
    report = api.watch([str(inbox)], db, once=True, pipeline=rules_pipeline, **FAST)
    assert (report.new, report.duplicate, report.failed) == (2, 1, 0)
    statuses = Counter(r["status"] for r in _items(db))
    assert statuses == {"ok": 2, "duplicate": 1} and _article_count(db) == 2
