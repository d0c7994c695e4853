"""ICEWS coded event TSV: a header line, then one event per line.

Columns (by name): Event ID, Event Date, Source Name, Source Sectors, Source Country, Event Text,
CAMEO Code, Intensity, Target Name, Target Sectors, Target Country, Story ID, Sentence Number,
Publisher, City, District, Province, Country, Latitude, Longitude. Country names map to ISO3, the
sector list to one blocwatch sector. Event ID alone is not unique across ICEWS releases, so an
event is keyed on (Event ID, Event Date). Each Story ID becomes one pseudo-article.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from blocwatch.actors.codes import join_code
from blocwatch.countries import iso3
from blocwatch.interop.common import Imported, Item, Skipped, cameo_info, plover_quad, stable_id
from blocwatch.records import ActorSpan, Article, Event, Failure

REQUIRED = ("Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
            "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
            "Sentence Number", "Publisher")
PLACE = ("City", "District", "Province", "Country")
# First matching word of an ICEWS sector list → blocwatch sector (more specific words first).
SECTOR_WORDS = (
    ("military", "MIL"), ("army", "MIL"), ("police", "COP"), ("law enforcement", "COP"), ("judicial", "JUD"),
    ("legislative", "LEG"), ("parliament", "LEG"), ("media", "MED"), ("news", "MED"), ("rebel", "REB"),
    ("insurgent", "REB"), ("opposition", "OPP"), ("dissident", "OPP"), ("protest", "OPP"), ("party", "PTY"),
    ("parties", "PTY"), ("business", "BUS"), ("ngo", "NGO"), ("education", "EDU"), ("labor", "LAB"),
    ("religious", "REL"), ("refugee", "REF"), ("criminal", "CRM"), ("government", "GOV"),
    ("executive", "GOV"), ("ministry", "GOV"), ("cabinet", "GOV"), ("diplomatic", "GOV"), ("elite", "ELI"),
)


def parse(path: str, lines: Iterator[tuple[int, str]]) -> Iterator[Item]:
    """One item per non-empty data line; the first line must be the ICEWS header."""
    header: list[str] | None = None
    for n, line in lines:
        if not line.strip():
            continue
        cols = [c.strip() for c in line.split("\t")]
        if header is None:
            missing = [c for c in REQUIRED if c not in cols]
            if missing:
                yield Failure(f"{path}:{n}", f"not an ICEWS header: missing column(s) {', '.join(missing)}")
                return
            header = cols
            continue
        where = f"{path}:{n}"
        if len(cols) != len(header):
            yield Failure(where, f"expected {len(header)} tab-separated columns, got {len(cols)}")
            continue
        try:
            yield _item(path, where, dict(zip(header, cols)))
        except ValueError as exc:
            yield Failure(where, str(exc))


def _item(path: str, where: str, row: dict[str, str]) -> Item:
    event_id = row["Event ID"]
    if not event_id:
        raise ValueError("Event ID is empty")
    try:
        when = date.fromisoformat(row["Event Date"])
    except ValueError:
        raise ValueError(f"Event Date must be YYYY-MM-DD, got {row['Event Date']!r}") from None
    found = cameo_info(row["CAMEO Code"])
    if found is None:
        raise ValueError(f"unknown CAMEO Code {row['CAMEO Code']!r}")
    cameo, info = found
    if not info.get("plover"):
        return Skipped(where, f"CAMEO {cameo} ({info['name']}) has no PLOVER type")
    source = _actor(row, "Source")
    if source is None:
        raise ValueError("Source Name is empty")
    story = row["Story ID"] or f"event:{event_id}:{when}"
    article = Article(id=stable_id("icews", "article", story), path=path, text="", outlet=row["Publisher"] or None,
                      published=when, date_source="icews:Event Date", origin="icews")
    key = f"{event_id}|{when.isoformat()}"
    event = Event(
        event_id=stable_id("icews", key), doc_id=article.id, sentence="", sentence_start=0, sentence_end=0,
        source=source, target=_actor(row, "Target"), plover=info["plover"], plover_mode=info.get("mode"),
        cameo=cameo, quad_class=plover_quad(info["plover"]), goldstein=_intensity(row["Intensity"]),
        modality="asserted", date=when, date_precision="day", location=_place(row),
        reason=f"icews:Event ID {event_id} ({row['Event Text']}); CAMEO {cameo}→{info['plover']}",
        origin="icews", origin_id=key,
        extra={"story_id": row["Story ID"] or None, "sentence_number": row["Sentence Number"] or None,
               "event_text": row["Event Text"] or None, "latitude": row.get("Latitude") or None,
               "longitude": row.get("Longitude") or None},
    )
    return Imported(article, event)


def _actor(row: dict[str, str], side: str) -> ActorSpan | None:
    name = row[f"{side} Name"]
    if not name:
        return None
    country = iso3(row[f"{side} Country"])
    sector = sector_of(row[f"{side} Sectors"], name)
    code = join_code(country, sector) if country or sector else None
    return ActorSpan(text=name, start=None, end=None, code=code, country=country, sector=sector)


def sector_of(sectors: str, name: str = "") -> str | None:
    """One blocwatch sector for an ICEWS sector list such as "Government,Executive,Cabinet"."""
    text = sectors.lower()
    for word, sector in SECTOR_WORDS:
        if word in text:
            return sector
    if name.lower().startswith("citizen"):
        return "CVL"
    return None


def _intensity(value: str) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        raise ValueError(f"Intensity must be a number, got {value!r}") from None


def _place(row: dict[str, str]) -> str | None:
    parts = [row.get(k) for k in PLACE if row.get(k)]
    return ", ".join(dict.fromkeys(parts)) or None
