"""Reading event rows for analysis from the store."""

from __future__ import annotations

from typing import Any

from blocwatch.store import Store

EVENT_ROWS = """SELECT e.*, a.published AS a_published, a.title AS a_title, a.path AS a_path
                FROM events e JOIN articles a ON a.id = e.doc_id"""


def load_rows(db: str | None) -> list[dict[str, Any]]:
    """All raw event mentions with their article's date and title."""
    with Store(db, read_only=True) as store:
        return store.query(EVENT_ROWS + " ORDER BY e.event_id")
