"""The one month table of blocwatch: publication dates and event dates both read months with it."""

from __future__ import annotations

MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
# Whole month names or their abbreviations only: "Dec." is December, "decades" is not.
MONTH_RX = (r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
            r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)(?![a-z])\.?")


def month_number(word: str) -> int:
    """1-12 for a month name or abbreviation matched by ``MONTH_RX`` ("Sept.", "october")."""
    return MONTHS[word.lower()[:3]]
