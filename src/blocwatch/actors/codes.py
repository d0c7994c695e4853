"""Actor codes: ISO3 country + sector (PRKGOV), or an IGO/sector code without country (IGOUNO, MED).

Historical states use ISO 3166-3 codes in the country slot: SUN (Soviet Union), DDR, YUG, CSK.
"""

from __future__ import annotations

NON_COUNTRY = frozenset(
    "IGO NGO MNC GOV MIL MED PTY OPP REB BUS CVL JUD LEG COP EDU LAB ELI SPY REF HLH AGR BUD CHR CRM "
    "DEV ENV HIN HRI IMG INS JEW MOS MUS NGM PPL RAD REL SET SHI UAF UNK".split())


def split_code(code: str | None) -> tuple[str | None, str | None]:
    """(country, sector) of a code: PRKGOV → (PRK, GOV); IGOUNO → (None, IGO); USA → (USA, None)."""
    if not code:
        return None, None
    head = code[:3]
    if head in NON_COUNTRY:
        return None, head
    return head, (code[3:6] or None)


def join_code(country: str | None, sector: str | None) -> str | None:
    if not country:
        return sector
    return country + (sector or "")
