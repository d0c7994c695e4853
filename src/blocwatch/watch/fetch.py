"""HTTP for the watcher: one client, a User-Agent naming blocwatch, timeouts, retries with backoff,
conditional requests, and one request at a time per host (with a minimum gap between two)."""

from __future__ import annotations

import logging
import random
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from blocwatch import __version__

log = logging.getLogger(__name__)

USER_AGENT = f"blocwatch/{__version__} (news event watcher; feed reader)"
MAX_BODY = 10_000_000  # bytes read of one feed or page, as for one ingested document
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 60.0  # a server's Retry-After is honoured up to this many seconds


class FetchError(Exception):
    """A URL could not be fetched; the message is one line."""


@dataclass(frozen=True)
class FetchOptions:
    """``timeout``: seconds per request (connect, read, write); ``retries``: further tries after a timeout,
    a connection error or a 429/5xx; ``backoff``: the first wait in seconds, doubled per try (with jitter);
    ``host_gap``: seconds between the end of one request to a host and the start of the next."""

    timeout: float = 20.0
    retries: int = 2
    backoff: float = 1.0
    host_gap: float = 1.0
    max_bytes: int = MAX_BODY


@dataclass(frozen=True)
class Response:
    url: str
    status: int  # 200, or 304 (not modified since the validators given)
    body: bytes
    content_type: str
    etag: str | None
    last_modified: str | None
    retry_after: str | None = None


class Fetcher:
    """GETs URLs politely. Thread-safe: requests to one host are serialised by a per-host lock."""

    def __init__(self, options: FetchOptions = FetchOptions()):
        self.options = options
        self.client = httpx.Client(timeout=options.timeout, follow_redirects=True, max_redirects=5,
                                   headers={"User-Agent": USER_AGENT})
        self._guard = threading.Lock()
        self._hosts: dict[str, threading.Lock] = {}
        self._last: dict[str, float] = {}

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Response:
        """The body at ``url`` (status 200), or status 304 where the validators still hold.

        Raises FetchError with one line after the retries are spent, or at once for a 4xx other than 429."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        tries = self.options.retries + 1
        for attempt in range(tries):
            wait: float | None = None
            try:
                response = self._request(url, headers)
            except httpx.TimeoutException:
                problem = f"timed out after {self.options.timeout:g} s"
            except httpx.TooManyRedirects:
                raise FetchError("too many redirects") from None
            except httpx.UnsupportedProtocol:
                raise FetchError("not an http(s) URL") from None
            except (httpx.TransportError, httpx.InvalidURL) as exc:
                problem = f"cannot connect ({_short(exc)})"
            else:
                if response.status in (200, 304):
                    return response
                if response.status not in RETRY_STATUSES:
                    raise FetchError(f"HTTP {response.status}")
                problem, wait = f"HTTP {response.status}", _retry_after(response)
            if attempt + 1 < tries:
                delay = wait if wait is not None else self.options.backoff * 2 ** attempt * random.uniform(0.75, 1.25)
                log.info("%s: %s; retrying in %.1f s", url, problem, delay)
                time.sleep(delay)
        raise FetchError(f"{problem} ({tries} tries)")

    def _request(self, url: str, headers: dict[str, str]) -> Response:
        host = urlsplit(url).netloc.lower()
        with self._guard:
            lock = self._hosts.setdefault(host, threading.Lock())
        with lock:  # one request at a time per host, and a gap between two
            gap = self._last.get(host, 0.0) + self.options.host_gap - time.monotonic()
            if gap > 0:
                time.sleep(gap)
            try:
                with self.client.stream("GET", url, headers=headers) as r:
                    body = bytearray()
                    for chunk in r.iter_bytes():
                        body += chunk
                        if len(body) > self.options.max_bytes:
                            raise FetchError(f"response larger than {self.options.max_bytes / 1e6:.0f} MB; not read")
                    return Response(url=str(r.url), status=r.status_code, body=bytes(body),
                                    content_type=r.headers.get("content-type", ""),
                                    etag=r.headers.get("etag"), last_modified=r.headers.get("last-modified"),
                                    retry_after=r.headers.get("retry-after"))
            finally:
                self._last[host] = time.monotonic()


def _retry_after(response: Response) -> float | None:
    """Seconds from a Retry-After header given in seconds (a date there is ignored)."""
    try:
        return min(MAX_RETRY_AFTER, max(0.0, float(response.retry_after))) if response.retry_after else None
    except ValueError:
        return None


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:160]
