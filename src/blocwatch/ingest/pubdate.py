"""Publication dates: from metadata, else a dateline near the top of the text, else inferred from
anniversary arithmetic in the text ("the 75th anniversary of ties established on October 6, 1949").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date, datetime
from itertools import islice

from blocwatch.months import MONTH_RX, month_number

_MDY = re.compile(rf"\b{MONTH_RX}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)
_DMY = re.compile(rf"\b(\d{{1,2}})\s+{MONTH_RX},?\s+(\d{{4}})\b", re.I)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
DATELINE_LINES = 15
MAX_ANNIVERSARIES = 50  # "the Nth anniversary of" phrases looked at per text
EARLIEST, LATEST = date(1800, 1, 1), date(2100, 12, 31)  # a publication date outside these is not one


def plausible(value: date | None) -> date | None:
    """``value`` if it can be a news article's publication date, else None."""
    return value if value is not None and EARLIEST <= value <= LATEST else None


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

        parsed = parsedate_to_datetime(value).date()
        written = re.search(r"\b\d{4}\b", value)
        return parsed if written is None or int(written[0]) == parsed.year else None  # "0001" is not 2001
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    return find_date(value)


def find_date(line: str) -> date | None:
    """The first full calendar date written in ``line``."""
    found = full_dates(line)
    return found[0][2] if found else None


def full_dates(text: str) -> list[tuple[int, int, date]]:
    """Every full calendar date (day, month and year) written in ``text``: (start, end, date), in order."""
    hits = []
    for rx, order in ((_MDY, "mdy"), (_DMY, "dmy"), (_ISO, "iso")):
        for m in rx.finditer(text):
            made = _make(m, order)
            if made:
                hits.append((m.start(), m.end(), made))
    hits.sort(key=lambda h: h[0])
    out: list[tuple[int, int, date]] = []
    for h in hits:  # "12 March 2023" and "March 2023" never both
        if not out or h[0] >= out[-1][1]:
            out.append(h)
    return out


def _make(m: re.Match[str], order: str) -> date | None:
    try:
        if order == "iso":
            return date(int(m[1]), int(m[2]), int(m[3]))
        if order == "mdy":
            return date(int(m[3]), month_number(m[1]), int(m[2]))
        return date(int(m[3]), month_number(m[2]), int(m[1]))
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


# -- anniversary arithmetic -------------------------------------------------------------------
_ANNIVERSARY = re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\s+anniversary\s+of\s+([^.;:!?\n]{1,200})", re.I)
_SENTENCE_END = re.compile(r"[.!?][”\"’']?\s+(?=[“\"A-Z])|\n+")
_STOP = frozenset("about after against among before being between their there these those which while with "
                  "under since through during other where would could should still".split())


def anniversaries(text: str) -> list[tuple[date, str]]:
    """Dates of "the Nth anniversary of X" where the text dates X: (commemoration date, how).

    X's date is a full date later in the same sentence ("…signed on July 11, 1961"), else a full date
    in a sentence that shares a lowercase content word with X ("diplomatic", "intervention").
    """
    sentences = _sentences(text)
    dated = [(s, e, d, _stems(text[max(s0, s - 300):e0])) for s0, e0 in sentences
             for s, e, d in full_dates(text[s0:e0]) for s, e in [(s + s0, e + s0)]]
    out: list[tuple[date, str]] = []
    ends = [e for _, e in sentences]
    for m in islice(_ANNIVERSARY.finditer(text), MAX_ANNIVERSARIES):
        n = int(m[1])
        if not 1 <= n <= 300:
            continue
        at = bisect_right(ends, m.start())
        end = ends[at] if at < len(ends) else len(text)
        same = [d for d in dated if m.start() < d[0] < end]
        topic = _stems(m[2], max_words=8)
        if same:
            anchor, why = same[0][2], "same sentence"
        else:
            scored = [(len(topic & d[3]), d) for d in dated if topic & d[3]]
            if not scored:
                continue
            best = max(scored, key=lambda x: x[0])[1]
            anchor, why = best[2], f"shares {sorted(topic & best[3])[0]!r}"
        when = _add_years(anchor, n)
        if when:
            out.append((when, f"{n} years after {anchor.isoformat()} ({why})"))
    return out


def anniversary_date(text: str) -> tuple[date, str] | None:
    """The latest anchored anniversary date in ``text`` (an undated article's inferred date), or None."""
    found = anniversaries(text)
    return max(found, key=lambda x: x[0]) if found else None


def _sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        out.append((start, m.end()))
        start = m.end()
    out.append((start, len(text)))
    return out


def _stems(text: str, max_words: int | None = None) -> set[str]:
    """Lowercase content words (proper names excluded), cut to six letters: "intervened" ~ "intervention"."""
    words = re.findall(r"[A-Za-z]+", text.split(",")[0] if max_words else text)
    if max_words:
        words = words[:max_words]
    return {w[:6] for w in words if w.islower() and len(w) >= 5 and w not in _STOP}


def _add_years(d: date, n: int) -> date | None:
    try:
        return d.replace(year=d.year + n)
    except ValueError:  # 29 February
        return d.replace(year=d.year + n, day=28) if d.year + n <= 9999 else None
