"""Country names for ISO3 codes: ISO 3166 (via pycountry) with the common names people use."""

from __future__ import annotations

from functools import lru_cache

# Where the ISO 3166 name is formal or absent (blocwatch region and pseudo-codes).
COMMON_NAMES = {
    "PRK": "North Korea", "KOR": "South Korea", "RUS": "Russia", "IRN": "Iran", "SYR": "Syria",
    "TWN": "Taiwan", "VNM": "Vietnam", "LAO": "Laos", "BOL": "Bolivia", "VEN": "Venezuela",
    "TZA": "Tanzania", "MDA": "Moldova", "USA": "United States", "GBR": "United Kingdom",
    "CZE": "Czechia", "SUN": "Soviet Union", "DDR": "East Germany", "YUG": "Yugoslavia",
    "CSK": "Czechoslovakia", "EUR": "Europe", "WST": "the West", "AUH": "Austria-Hungary",
}


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Every known ISO3 code → a readable name."""
    import pycountry

    names = {c.alpha_3: c.name for c in pycountry.historic_countries if len(getattr(c, "alpha_3", "")) == 3}
    names.update({c.alpha_3: getattr(c, "common_name", None) or c.name for c in pycountry.countries})
    return {**names, **COMMON_NAMES}


def country_label(code: str | None) -> str:
    """"North Korea (PRK)" for a known code, else the code itself."""
    if not code:
        return ""
    name = country_names().get(code)
    return f"{name} ({code})" if name else code
