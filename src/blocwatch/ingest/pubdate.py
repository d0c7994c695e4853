"""Publication dates: from metadata, else a dateline near the top of the text."""

from __future__ import annotations

import re
from datetime import date, datetime

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_MONTH = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_MDY = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.I)
_DMY = re.compile(rf"\b(\d{{1,2}})\s+{_MONTH},?\s+(\d{{4}})\b", re.I)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
DATELINE_LINES = 15


def parse_date(value: str | None) -> date | None:
    """A date from a metadata string (ISO, RFC 822, or 'July 12, 2022'); None if unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        from email.utils import parsedate_to_datetime

        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        pass
    return find_date(value)


def find_date(line: str) -> date | None:
    """The first full calendar date written in ``line``."""
    hits = []
    for rx, order in ((_MDY, "mdy"), (_DMY, "dmy"), (_ISO, "iso")):
        m = rx.search(line)
        if m:
            hits.append((m.start(), m, order))
    for _, m, order in sorted(hits, key=lambda h: h[0]):
        made = _make(m, order)
        if made:
            return made
    return None


def _make(m: re.Match[str], order: str) -> date | None:
    try:
        if order == "iso":
            return date(int(m[1]), int(m[2]), int(m[3]))
        if order == "mdy":
            return date(int(m[3]), _MONTHS[m[1][:3].lower()], int(m[2]))
        return date(int(m[3]), _MONTHS[m[2][:3].lower()], int(m[1]))
    except (ValueError, KeyError):
        return None


def dateline_date(text: str) -> date | None:
    """A date on a short line near the top ("July 12, 2022", "FPI / June 28, 2024")."""
    lines = [l.strip() for l in text.splitlines() if l.strip()][:DATELINE_LINES]
    for line in lines:
        if len(line) <= 60:
            found = find_date(line)
            if found:
                return found
    return None
