"""Reading event rows for analysis from the store."""

from __future__ import annotations

from typing import Any

from blocwatch.store import Store

EVENT_ROWS = """SELECT e.*, a.published AS a_published, a.title AS a_title, a.path AS a_path,
                       a.outlet AS a_outlet, a.url AS a_url
                FROM events e JOIN articles a ON a.id = e.doc_id"""


def load_rows(db: str | None, origins: list[str] | None = None) -> list[dict[str, Any]]:
    """All raw event mentions (of the given origins; None: all) with their article's date and title."""
    where, params = (" WHERE list_contains(?, e.origin)", [origins]) if origins else ("", [])
    with Store(db, read_only=True) as store:
        return store.query(EVENT_ROWS + where + " ORDER BY e.event_id", params)
