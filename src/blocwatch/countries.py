"""Country names for codes and codes for names (ISO 3166 via pycountry, see ``actors.countries``).

``name("PRK")`` → "North Korea"; ``label("PRKGOV")`` → "PRKGOV (North Korea)";
``iso3("Russian Federation")`` → "RUS". Regions (EUR, WST) and historical states have names too.
CAMEO country codes that differ from ISO3 (ROM, ZAR, TMP …) map through ``from_cameo``.
"""

from __future__ import annotations

from functools import lru_cache

import pycountry

from blocwatch.actors.codes import NON_COUNTRY
from blocwatch.actors.countries import COMMON_NAMES, country_names

# Names this module adds to ``actors.countries`` (ISO 3166 via pycountry with common names).
SHORT_NAMES = {
    "COD": "DR Congo", "COG": "Congo", "PSE": "Palestine", "BRN": "Brunei", "CPV": "Cape Verde",
    "CIV": "Côte d'Ivoire", "TUR": "Turkey", "MKD": "North Macedonia", "VAT": "Vatican", "XKX": "Kosovo",
    "FSM": "Micronesia",
}
# Names in other data sets (ICEWS country names, older spellings) that ISO 3166 does not list.
ALIASES = {
    "occupied palestinian territory": "PSE", "palestinian territory, occupied": "PSE",
    "democratic republic of congo": "COD", "congo, democratic republic of": "COD",
    "democratic republic of the congo": "COD", "republic of congo": "COG", "congo": "COG",
    "congo, republic of": "COG", "ivory coast": "CIV", "cote d'ivoire": "CIV", "burma": "MMR",
    "swaziland": "SWZ", "east timor": "TLS", "macedonia": "MKD", "kosovo": "XKX",
    "czech republic": "CZE", "great britain": "GBR", "britain": "GBR", "vatican city": "VAT",
    "holy see (vatican city state)": "VAT", "serbia and montenegro": "SCG", "yugoslavia": "YUG",
    "soviet union": "SUN", "ussr": "SUN", "east germany": "DDR", "west germany": "DEU",
    "micronesia": "FSM", "the gambia": "GMB", "gambia, the": "GMB", "bahamas, the": "BHS",
}
# CAMEO country codes (as in GDELT) that are not the ISO3 code of the same country.
CAMEO_TO_ISO3 = {"ROM": "ROU", "ZAR": "COD", "TMP": "TLS", "BUR": "MMR", "YMD": "YEM", "SER": "SRB",
                 "KOS": "XKX", "HKG": "HKG", "MAC": "MAC"}


@lru_cache(maxsize=4096)
def name(code: str | None) -> str | None:
    """The everyday English name of an ISO3 country, region or historical state code; None if unknown."""
    if not code:
        return None
    code = code.upper()[:3]
    return SHORT_NAMES.get(code) or country_names().get(code)


def label(code: str | None) -> str | None:
    """``code`` with its country's name beside it: "PRKGOV (North Korea)"; the code alone if unnamed."""
    if not code:
        return code
    full = None if code[:3] in NON_COUNTRY else name(code[:3])
    return f"{code} ({full})" if full else code


@lru_cache(maxsize=4096)
def iso3(country_name: str | None) -> str | None:
    """The ISO3 code of a country name (ISO 3166 name, official or common name, or an alias); else None."""
    if not country_name or not country_name.strip():
        return None
    key = " ".join(country_name.split()).lower()
    if key in ALIASES:
        return ALIASES[key]
    for code, short in (*COMMON_NAMES.items(), *SHORT_NAMES.items()):
        if short.lower() == key:
            return code
    try:
        return pycountry.countries.lookup(key).alpha_3
    except LookupError:
        return None


def from_cameo(code: str | None) -> str | None:
    """A CAMEO/GDELT country code as ISO3 (ROM → ROU); regions and codes ISO3 already uses pass through."""
    if not code:
        return None
    code = code.strip().upper()
    return CAMEO_TO_ISO3.get(code, code) or None
