"""End-to-end replay of one month of real news through ``blocwatch watch``, killed with SIGKILL mid-poll.

The month's KCNA stories (``../shared/corpus/kcna2011/<month>.jsonl``) are served as an RSS feed by a local
HTTP server, each item linking to its story as an HTML page; the feed shows the stories a slice at a time,
one more slice at each poll (``--polls`` slices). ``blocwatch watch`` runs on the feed as a subprocess; once
``--kill-at`` of the stories are stored it is killed with SIGKILL right after the site answers one of its page
requests (mid-poll, mid-batch), then started again and left to finish. ``blocwatch serve`` runs on the same
database all along, and a client asks it for the summary, the signals and events every quarter second; every
answer must be a 200. At the end every story must be in ``watch_items`` exactly once, every stored article
must be an item's, no item stored before the kill may have been fetched again, and each article keeps its
story's date; each article is one item's (``ok``), the other items of the same text are ``duplicate``. Prints
the counts; exit code 0 when every check holds, 1 when one fails. Skips with one line
when the corpus is absent.

    .venv/bin/python benchmarks/watch_replay.py [--month 2011-07] [--polls 6] [--kill-at 0.4] [--coder rules]
"""

from __future__ import annotations

import argparse
import html
import json
import math
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from email.utils import format_datetime
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parents[1]
KCNA = REPO.parent / "shared" / "corpus" / "kcna2011"
FEED = "/feed.xml"
STOPPED = (0, -signal.SIGINT)  # Ctrl-C: "stopped" and exit 0, or the signal itself where it lands outside Python


@dataclass
class Site:
    """The month as a news site: a feed that grows by ``step`` stories at each request, and the pages."""

    stories: list[dict]
    step: int
    feed_requests: int = 0
    visible: int = 0
    pages: Counter = field(default_factory=Counter)  # page index -> times fetched
    page_log: list[int] = field(default_factory=list)
    page_served: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def feed(self) -> bytes:
        with self.lock:
            self.visible = min(len(self.stories), self.step * (self.feed_requests + 1))
            self.feed_requests += 1
            shown = self.visible
        items = []
        for i in reversed(range(shown)):  # newest first, as feeds list them
            s = self.stories[i]
            day = datetime.fromisoformat(s["published"]).replace(hour=9, tzinfo=timezone.utc)
            lead = s["text"].split("\n\n")[1] if "\n\n" in s["text"] else s["text"]
            items.append(f"<item><title>{escape(s['title'])}</title><link>{{base}}/story/{i}.html</link>"
                         f"<guid isPermaLink=\"false\">{escape(s['id'])}</guid><pubDate>{format_datetime(day)}</pubDate>"
                         f"<description>{escape('<p>' + html.escape(lead) + '</p>')}</description></item>")
        return ("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>KCNA replay</title>"
                "<link>{base}/</link><description>one month of KCNA, replayed</description>"
                + "".join(items) + "</channel></rss>")

    def page(self, i: int) -> bytes:
        s = self.stories[i]
        paras = [p for p in s["text"].split("\n\n") if p.strip()]
        body = "".join(f"<p>{html.escape(p)}</p>" for p in paras[1:] or paras)
        return (f"<html><head><title>{html.escape(s['title'])}</title></head><body><nav>Home | Politics | World</nav>"
                f"<article><h1>{html.escape(s['title'])}</h1>{body}</article>"
                f"<footer>KCNA replay for blocwatch's benchmark</footer></body></html>").encode("utf-8")


def serving(site: Site) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            if self.path == FEED:
                body = site.feed().replace("{base}", base).encode("utf-8")
                etag = f'"v{site.visible}"'
                if self.headers.get("If-None-Match") == etag:
                    return self._send(304, b"", "application/rss+xml", etag)
                return self._send(200, body, "application/rss+xml", etag)
            if self.path.startswith("/story/"):
                i = int(self.path.rsplit("/", 1)[1].split(".")[0])
                with site.lock:
                    site.pages[i] += 1
                    site.page_log.append(i)
                self._send(200, site.page(i), "text/html; charset=utf-8")
                site.page_served.set()
                return None
            return self._send(404, b"not found", "text/plain")

        def _send(self, status: int, body: bytes, ctype: str, etag: str | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            if etag:
                self.send_header("ETag", etag)
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):  # the watcher was killed mid-request
                pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return server, base


@dataclass
class Queries:
    """A client of ``blocwatch serve`` asking every quarter second; answers are kept by phase."""

    base: str
    phase: str = "before"
    answers: list[tuple[str, str, int, float]] = field(default_factory=list)  # phase, path, status, seconds
    stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        import httpx

        paths = ["/api/summary", "/api/signals?kind=ritual,first", "/api/events?limit=5"]
        with httpx.Client(base_url=self.base, timeout=60) as client:
            k = 0
            while not self.stop.is_set():
                path = paths[k % len(paths)]
                started = time.monotonic()
                try:
                    status = client.get(path).status_code
                except httpx.HTTPError:
                    status = 0
                self.answers.append((self.phase, path, status, time.monotonic() - started))
                k += 1
                self.stop.wait(0.25)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stored(db: str) -> int:
    """Items in watch_items (0 while the store is busy: the caller asks again)."""
    from blocwatch.errors import BlocwatchError
    from blocwatch.store import Store

    try:
        with Store(db, read_only=True, wait=2) as store:
            return store.con.execute("SELECT count(*) FROM watch_items").fetchone()[0]
    except BlocwatchError:
        return -1


def wait_for(what: str, predicate, timeout: float, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        if proc is not None and proc.poll() is not None:
            raise SystemExit(f"watch ended early (exit {proc.returncode}) while waiting for {what}: "
                             f"{proc.stderr.read().decode()[-2000:]}")
        time.sleep(0.2)
    raise SystemExit(f"timed out after {timeout:.0f} s waiting for {what}")


def load_month(month: str) -> list[dict]:
    path = KCNA / f"{month}.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if r.get("text") and isinstance(r.get("title"), str) and r.get("published")]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--month", default="2011-07", help="the corpus file to replay (YYYY-MM)")
    ap.add_argument("--polls", type=int, default=6, help="slices the month appears in, one more at each poll")
    ap.add_argument("--kill-at", type=float, default=0.4, help="share of the stories stored before the SIGKILL")
    ap.add_argument("--coder", default="rules", choices=["rules", "learned"])
    ap.add_argument("--batch-size", type=int, default=4, help="watch --batch-size (items a transaction)")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds each wait may take")
    ap.add_argument("--db", help="database to write (default: a temporary file, removed afterwards)")
    args = ap.parse_args()
    path = KCNA / f"{args.month}.jsonl"
    # Our children must take Ctrl-C even where this script was started with it ignored (a background job):
    # a Python handler here is reset to the default in them, where an ignored signal would stay ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    if not path.is_file():
        print(f"skipped: corpus not found at {path} (the benchmark needs ../shared)")
        return 0
    stories = load_month(args.month)
    n = len(stories)
    site = Site(stories, step=math.ceil(n / max(1, args.polls)))
    server, base = serving(site)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")])}
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "replay.duckdb")
        from blocwatch.store import Store

        Store(db).close()  # serve needs the file from the start
        port = free_port()
        serve = subprocess.Popen([sys.executable, "-m", "blocwatch", "serve", "--db", db, "--port", str(port)],
                                 env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        queries = Queries(f"http://127.0.0.1:{port}")
        watch_cmd = [sys.executable, "-m", "blocwatch", "watch", base + FEED, "--db", db, "--coder", args.coder,
                     "--every", "1", "--host-gap", "0", "--batch-size", str(args.batch_size), "--quiet"]
        started = time.monotonic()
        try:
            import httpx

            def serve_up() -> bool:
                try:
                    return httpx.get(queries.base + "/api/summary", timeout=5).status_code == 200
                except httpx.HTTPError:
                    return False

            wait_for("serve to answer", serve_up, 120)
            client = threading.Thread(target=queries.run, daemon=True)
            client.start()
            print(f"replaying {path.name}: {n} stories, {site.step} more at each poll; watch --coder {args.coder}, "
                  f"--batch-size {args.batch_size}; serve on port {port}", flush=True)

            # 1. watch until --kill-at of the stories are stored, then SIGKILL it just after a page is served
            queries.phase = "watch 1"
            first = subprocess.Popen(watch_cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            kill_at = int(n * args.kill_at)
            wait_for(f"{kill_at} stored items", lambda: stored(db) >= kill_at, args.timeout, first)
            site.page_served.clear()
            wait_for("a page request", site.page_served.is_set, args.timeout, first)
            time.sleep(0.05)
            os.kill(first.pid, signal.SIGKILL)
            first.wait(timeout=60)
            queries.phase = "killed"
            with site.lock:
                visible_at_kill, polls_at_kill = site.visible, site.feed_requests
                fetched_at_kill = Counter(site.pages)
            from blocwatch import api

            before = {r["item"] for r in api.sql("SELECT item FROM watch_items", db)}
            print(f"killed (SIGKILL) after {time.monotonic() - started:.0f} s in poll {polls_at_kill}: "
                  f"{len(before)} items stored, {visible_at_kill} in the feed, {sum(fetched_at_kill.values())} "
                  f"pages fetched", flush=True)

            # 2. start it again; stop it (Ctrl-C) once every story is stored and it has polled once more
            queries.phase = "watch 2"
            second = subprocess.Popen(watch_cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            wait_for("every story stored", lambda: stored(db) >= n, args.timeout, second)
            polls_done = site.feed_requests
            wait_for("one more poll", lambda: site.feed_requests > polls_done, 120, second)
            second.send_signal(signal.SIGINT)  # Ctrl-C
            second_rc = second.wait(timeout=120)
            if second_rc not in STOPPED:
                print(f"the second watch's last words: {second.stderr.read().decode()[-1500:]}")
            queries.phase = "after"
            time.sleep(1)
        finally:
            queries.stop.set()
            for proc in [p for p in (locals().get("first"), locals().get("second")) if p is not None]:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
            serve.send_signal(signal.SIGINT)
            try:
                serve.wait(timeout=30)
            except subprocess.TimeoutExpired:
                serve.kill()
            server.shutdown()
            server.server_close()
        took = time.monotonic() - started
        return check(db, stories, site, before, fetched_at_kill, queries, second_rc, took)


def check(db: str, stories: list[dict], site: Site, before: set[str], fetched_at_kill: Counter,
          queries: Queries, second_rc: int, took: float) -> int:
    from blocwatch import api

    n = len(stories)
    items = api.sql("SELECT item, article_id, status FROM watch_items", db)
    keys = Counter(r["item"] for r in items)
    expected = {s["id"] for s in stories}
    status = Counter(r["status"] for r in items)
    articles = api.sql("SELECT id, published FROM articles", db)
    article_ids = {a["id"] for a in articles}
    item_articles = {r["article_id"] for r in items if r["article_id"]}
    events = api.sql("SELECT count(*) AS n, count(DISTINCT event_id) AS d, "
                     "count(*) FILTER (WHERE doc_id NOT IN (SELECT id FROM articles)) AS orphans FROM events", db)[0]
    empty = api.sql("SELECT count(*) AS n FROM articles a WHERE NOT EXISTS "
                    "(SELECT 1 FROM sentences s WHERE s.article_id = a.id)", db)[0]["n"]
    day = {s["id"]: s["published"] for s in stories}
    published = {a["id"]: str(a["published"]) for a in articles}
    wrong_day = [r["item"] for r in items if r["status"] == "ok" and published.get(r["article_id"]) != day[r["item"]]]
    index = {s["id"]: i for i, s in enumerate(stories)}
    refetched_stored = sorted(k for k in before if site.pages[index[k]] > fetched_at_kill[index[k]])
    refetched = sum(1 for i, c in site.pages.items() if c > 1)
    during = [a for a in queries.answers if a[0] in ("watch 1", "killed", "watch 2")]
    codes = Counter(a[2] for a in during)
    slowest = max((a[3] for a in during), default=0.0)

    print(f"stories in the month: {n}; feed polls answered: {site.feed_requests}; pages served: "
          f"{sum(site.pages.values())} ({refetched} fetched twice: items of the batch the kill cut short)")
    print(f"watch_items: {len(items)} rows, {len(keys)} distinct items; ok {status['ok']}, duplicate "
          f"{status['duplicate']} (same text as another story), failed {status['failed']}")
    print(f"articles: {len(articles)} (of {len(item_articles)} distinct article ids among the items); events: "
          f"{events['n']} ({events['d']} distinct ids, {events['orphans']} without an article); articles without "
          f"sentences: {empty}; ok items whose article lost the story's date: {len(wrong_day)}")
    print(f"serve answered {len(during)} queries while watch ran or lay killed: "
          f"{', '.join(f'{c}: {k}' for c, k in sorted(codes.items()))}; slowest {slowest:.2f} s")
    print(f"second watch exit code after Ctrl-C: {second_rc}; wall time {took:.0f} s")
    failures = []
    if set(keys) != expected:
        failures.append(f"{len(expected - set(keys))} stories lost, {len(set(keys) - expected)} unknown items")
    if any(c > 1 for c in keys.values()) or len(items) != n:
        failures.append(f"{len(items) - len(keys)} items stored twice")
    if article_ids != item_articles:
        failures.append(f"{len(article_ids ^ item_articles)} articles not matching an item")
    if status["ok"] != len(articles):
        failures.append(f"{status['ok']} items stored as new for {len(articles)} articles")
    if status["failed"]:
        failures.append(f"{status['failed']} items failed")
    if events["n"] != events["d"] or events["orphans"]:
        failures.append("duplicated or orphaned events")
    if empty:
        failures.append(f"{empty} articles without sentences (a half-written article)")
    if wrong_day:
        failures.append(f"{len(wrong_day)} articles with another date than their story's")
    if refetched_stored:
        failures.append(f"{len(refetched_stored)} items stored before the kill were fetched again")
    if not during or set(codes) != {200}:
        failures.append(f"serve did not answer every query with 200: {dict(codes)}")
    if second_rc not in STOPPED:
        failures.append(f"the second watch exited {second_rc} on Ctrl-C")
    if failures:
        print("FAILED: " + "; ".join(failures))
        return 1
    print("ok: every story stored exactly once across the kill; serve answered throughout")
    return 0


if __name__ == "__main__":
    sys.exit(main())
