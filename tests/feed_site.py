"""A local news site for the watch tests: an RSS feed whose items appear over several polls, their pages,
and the ways a source fails (HTTP 500, a timeout, a malformed feed, a missing page). Real HTTP on
127.0.0.1, started and stopped by each test; every request is logged with its headers."""

from __future__ import annotations

import hashlib
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import format_datetime
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator
from xml.sax.saxutils import escape

PAIRS = [("Kenya", "Uganda"), ("Chile", "Peru"), ("Norway", "Sweden"), ("Vietnam", "Laos"), ("Ghana", "Togo")]
ACTS = ["signed a trade accord with", "criticised", "held talks with", "promised aid to", "accused"]


def story(i: int) -> tuple[str, str]:
    """Title and body of story ``i``, in our own words, each distinct."""
    a, b = PAIRS[i % len(PAIRS)]
    act = ACTS[(i // len(PAIRS)) % len(ACTS)]
    title = f"{a} and {b}: report {i}"
    body = (f"The government of {a} {act} {b} on Tuesday, in meeting number {i} of the season. "
            f"Ministers from {b} answered the same day, and officials said further talks were planned.")
    return title, body


@dataclass
class Site:
    n_items: int = 10
    visible: int = 10  # how many items the feed shows now (the newest first)
    page_delay: float = 0.0  # seconds before a page answers
    missing_pages: set[int] = field(default_factory=set)  # pages that answer 404 (the item's content is used)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    base: str = ""

    def feed(self) -> bytes:
        items = []
        for i in reversed(range(self.visible)):
            title, body = story(i)
            day = datetime(2023, 3, 1 + i % 28, 9, 0, tzinfo=timezone.utc)
            items.append(f"<item><title>{escape(title)}</title><link>{self.base}/page/{i}.html</link>"
                         f"<guid isPermaLink=\"false\">story-{i}</guid><pubDate>{format_datetime(day)}</pubDate>"
                         f"<description>{escape('<p>' + body + '</p>')}</description></item>")
        return ("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Test Wire</title>"
                f"<link>{self.base}/</link><description>test</description>{''.join(items)}</channel></rss>").encode()

    def page(self, i: int) -> bytes:
        title, body = story(i)
        return (f"<html><head><title>{title}</title></head><body><nav>Home | World | Sport</nav>"
                f"<article><h1>{title}</h1><p>{body}</p><p>The page version adds that a joint statement "
                f"would follow within the week, according to officials of both states.</p></article>"
                f"<footer>Subscribe to our newsletter. Copyright Test Wire.</footer></body></html>").encode()

    def pages_fetched(self) -> list[int]:
        return [int(p.split("/")[-1].split(".")[0]) for p, _ in self.requests if p.startswith("/page/")]


def _handler(site: Site):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # quiet
            pass

        def do_GET(self) -> None:  # noqa: N802
            with site.lock:
                site.requests.append((self.path, dict(self.headers)))
                site.in_flight += 1
                site.max_in_flight = max(site.max_in_flight, site.in_flight)
            try:
                self._answer()
            finally:
                with site.lock:
                    site.in_flight -= 1

        def _answer(self) -> None:
            path = self.path
            if path == "/feed.xml":
                body = site.feed()
                etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == etag:
                    return self._send(304, b"", etag=etag)
                return self._send(200, body, "application/rss+xml", etag=etag)
            if path.startswith("/page/"):
                i = int(path.split("/")[-1].split(".")[0])
                time.sleep(site.page_delay)
                if i in site.missing_pages:
                    return self._send(404, b"not found", "text/plain")
                return self._send(200, site.page(i), "text/html; charset=utf-8")
            if path == "/error.xml":
                return self._send(500, b"boom", "text/plain")
            if path == "/slow.xml":
                time.sleep(3)
                return self._send(200, site.feed(), "application/rss+xml")
            if path == "/broken.xml":
                return self._send(200, b"<html><body>this is <b>not a feed", "application/rss+xml")
            return self._send(404, b"not found", "text/plain")

        def _send(self, status: int, body: bytes, ctype: str = "text/plain", etag: str | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            if etag:
                self.send_header("ETag", etag)
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout test)
                pass

    return Handler


@contextmanager
def serving(site: Site) -> Iterator[Site]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
