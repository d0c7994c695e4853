"""Watch feeds and folders: poll, ingest each new item once, deliver new signals."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Sequence
from typing import Any

from blocwatch.errors import QueryError
from blocwatch.records import Failure
from blocwatch.store import Store

log = logging.getLogger(__name__)

__all__ = ["watch", "parse_every"]

_EVERY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)?\s*$", re.IGNORECASE)
_UNIT = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_every(value: str | float) -> float:
    """Seconds from ``90``, ``30s``, ``15m``, ``1h`` or ``1d``; at least one second, at most a week."""
    if isinstance(value, (int, float)):
        seconds = float(value)
    else:
        m = _EVERY.match(value or "")
        if not m:
            raise QueryError(f"--every must be a number of seconds or like 30s, 15m, 1h, got {value!r}")
        seconds = float(m.group(1)) * _UNIT[(m.group(2) or "s").lower()]
    if not 1 <= seconds <= 7 * 86400:
        raise QueryError(f"--every must be between 1 second and 7 days, got {value!r}")
    return seconds


def watch(sources: Sequence[str], db: str | None = None, *, every: str | float = 900, once: bool = False,
          polls: int | None = None, coder: str = "learned", batch_size: int = 8, webhook: str | None = None,
          timeout: float = 20.0, retries: int = 2, backoff: float = 1.0, host_gap: float = 1.0,
          on_failure: Callable[[Failure], None] | None = None, on_poll: Callable[[Any], None] | None = None,
          stop: threading.Event | None = None, pipeline: Any = None) -> Any:
    """Poll RSS/Atom feed URLs and folders every ``every`` (seconds, or ``15m``), ingesting each new item once.

    A feed item's linked page is fetched and cleaned (trafilatura); where it cannot be had, the item's own
    content is ingested. Each item is stored exactly once, across restarts and kills: its state is written in
    the transaction that stores its article. Requests carry a User-Agent naming blocwatch, conditional
    headers (ETag, Last-Modified), a ``timeout``, ``retries`` with exponential ``backoff``, and go one at a
    time per host, ``host_gap`` seconds apart. A source that fails (unreachable, HTTP error, malformed
    feed) is one Failure (``on_failure``) and the others go on. ``once``: one poll; ``polls``: at most
    that many; else until ``stop`` is set. ``webhook``: a URL that receives each new signal as JSON
    (POST) after each poll. ``on_poll`` receives each poll's PollReport. Returns the PollReport of all polls.
    """
    from blocwatch.watch.fetch import Fetcher, FetchOptions
    from blocwatch.watch.poll import Poller, PollReport, is_url

    if not sources:
        raise QueryError("give at least one feed URL or folder to watch")
    seconds = parse_every(every)
    if polls is not None and polls < 1:
        raise QueryError(f"polls must be at least 1, got {polls}")
    if webhook is not None and not is_url(webhook):
        raise QueryError(f"--webhook must be an http(s) URL, got {webhook!r}")
    if batch_size < 1:
        raise QueryError(f"--batch-size must be at least 1, got {batch_size}")
    with Store(db, verify=True) as store:
        path = str(store.path)
    if pipeline is None:
        from blocwatch.pipeline import Pipeline, PipelineOptions

        pipeline = Pipeline(PipelineOptions(coder=coder, batch_size=batch_size))
    limit = 1 if once else polls
    stop = stop or threading.Event()
    total = PollReport()
    with Fetcher(FetchOptions(timeout=timeout, retries=retries, backoff=backoff, host_gap=host_gap)) as fetcher:
        poller = Poller(path, pipeline, fetcher, batch_size=batch_size, on_failure=on_failure)
        delivery = None
        if webhook:
            from blocwatch.watch.deliver import Webhook

            delivery = Webhook(path, webhook, fetcher, on_failure=on_failure)
            delivery.baseline()
        done = 0
        while limit is None or done < limit:
            report = poller.poll(list(sources))
            if delivery is not None:
                report.signals_sent = delivery.send_new()
            done += 1
            total.add(report)
            if on_poll:
                on_poll(report)
            if (limit is not None and done >= limit) or stop.wait(seconds):
                break
    return total
