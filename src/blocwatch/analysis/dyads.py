"""Dyad timelines: per pair and period, counts by quad class, intensity and net cooperation.

``net_cooperation`` = (cooperation events − conflict events), counting merged events of quad
class 1–2 as cooperation and 3–4 as conflict. Only asserted and intended events count.
A period comes from the event date, else the article's publication date. The queries are in
``analysis.queries`` (DuckDB SQL).
"""

from __future__ import annotations

from blocwatch.actors.codes import NON_COUNTRY

PERIODS = ("month", "quarter", "year")


def is_country(key: str | None) -> bool:
    """An ISO3-like country key, not a sector or IGO code."""
    return bool(key) and len(key) == 3 and key.isalpha() and key.isupper() and key not in NON_COUNTRY
