"""Deliver new signals to a webhook: each signal POSTed once as JSON, recorded in ``signals_sent``."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import datetime, timezone

import httpx

from blocwatch.records import Failure
from blocwatch.store import Store

log = logging.getLogger(__name__)


class Webhook:
    """Signals not yet sent to ``url`` are POSTed one by one (``application/json``, one signal a request);
    a signal is recorded as sent once the server answers 2xx, so a failed delivery is retried after the next
    poll. Signals already there when the watch starts with a new URL are recorded without being sent."""

    def __init__(self, db: str, url: str, fetcher: object, *, on_failure: Callable[[Failure], None] | None = None,
                 timeout: float = 20.0):
        self.db, self.url, self.on_failure = db, url, on_failure
        self.client = getattr(fetcher, "client", None) or httpx.Client(timeout=timeout)

    def _current(self) -> list[dict]:
        from blocwatch.api.signals import signals

        return signals(self.db)

    def _sent(self) -> set[str]:
        with Store(self.db) as store:
            return {r[0] for r in store.con.execute("SELECT signal_id FROM signals_sent WHERE target = ?",
                                                    [self.url]).fetchall()}

    def _mark(self, ids: list[str]) -> None:
        if not ids:
            return
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        with Store(self.db) as store:
            store.con.executemany("INSERT OR IGNORE INTO signals_sent VALUES (?, ?, ?)", [(i, self.url, now) for i in ids])

    def baseline(self) -> None:
        """On a URL never sent to, record the signals already in the store as sent: only new ones go out."""
        with Store(self.db) as store:
            known = store.con.execute("SELECT count(*) FROM signals_sent WHERE target = ?", [self.url]).fetchone()[0]
        if not known:
            self._mark([s["id"] for s in self._current()] or ["-"])  # "-" marks the URL as started

    def send_new(self) -> int:
        sent = self._sent()
        done = []
        for s in self._current():
            if s["id"] in sent:
                continue
            body = json.dumps(s, default=str, ensure_ascii=False).encode("utf-8")
            try:
                r = self.client.post(self.url, content=body, headers={"Content-Type": "application/json"})
                ok, why = 200 <= r.status_code < 300, f"HTTP {r.status_code}"
            except httpx.HTTPError as exc:
                ok, why = False, " ".join(str(exc).split())[:160] or type(exc).__name__
            if not ok:
                if self.on_failure:
                    self.on_failure(Failure(self.url, f"webhook refused signal {s['id']} ({why}); retried next poll"))
                break
            done.append(s["id"])
        self._mark(done)
        return len(done)
