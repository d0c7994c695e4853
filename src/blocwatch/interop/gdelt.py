"""GDELT 2.0 events export: 61 tab-separated columns, no header, one event per line.

Actors keep GDELT's CountryCode (CAMEO country code → ISO3) and Type1Code (the sector); EventCode
is the CAMEO code, mapped to a PLOVER type and mode through CAMEO2PLOVER (``data/ontology.json``).
QuadClass and GoldsteinScale are GDELT's own. Events whose CAMEO code has no PLOVER type (01x
statements, 02x appeals) are skipped and counted. Each SOURCEURL becomes one pseudo-article dated
by DATEADDED; NumMentions, NumSources, NumArticles, AvgTone and IsRootEvent go to ``extra``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from blocwatch.actors.codes import join_code
from blocwatch.countries import from_cameo
from blocwatch.interop.common import Imported, Item, Skipped, cameo_info, outlet_of, stable_id
from blocwatch.records import ActorSpan, Article, Event, Failure

COLUMNS = (
    "GLOBALEVENTID SQLDATE MonthYear Year FractionDate "
    "Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code "
    "Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code "
    "Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode Actor2Religion1Code "
    "Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code "
    "IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources "
    "NumArticles AvgTone "
    "Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code "
    "Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID "
    "Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code "
    "Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID "
    "ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code "
    "ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID "
    "DATEADDED SOURCEURL"
).split()


def parse(path: str, lines: Iterator[tuple[int, str]]) -> Iterator[Item]:
    """One item per non-empty line."""
    for n, line in lines:
        if not line.strip():
            continue
        where = f"{path}:{n}"
        cols = line.split("\t")
        if len(cols) != len(COLUMNS):
            yield Failure(where, f"expected {len(COLUMNS)} tab-separated GDELT 2.0 columns, got {len(cols)}")
            continue
        try:
            yield _item(path, where, dict(zip(COLUMNS, cols)))
        except ValueError as exc:
            yield Failure(where, str(exc))


def _item(path: str, where: str, row: dict[str, str]) -> Item:
    event_id = row["GLOBALEVENTID"].strip()
    if not event_id:
        raise ValueError("GLOBALEVENTID is empty")
    when = _day(row["SQLDATE"], "SQLDATE")
    found = cameo_info(row["EventCode"])
    if found is None:
        raise ValueError(f"unknown CAMEO EventCode {row['EventCode']!r}")
    cameo, info = found
    if not info.get("plover"):
        return Skipped(where, f"CAMEO {cameo} ({info['name']}) has no PLOVER type")
    url = row["SOURCEURL"].strip() or None
    added = _added(row["DATEADDED"]) or when
    article = Article(id=stable_id("gdelt", "article", url or event_id), path=path, text="", url=url,
                      outlet=outlet_of(url), published=added, date_source="gdelt:DATEADDED", origin="gdelt")
    event = Event(
        event_id=stable_id("gdelt", event_id), doc_id=article.id, sentence="", sentence_start=0, sentence_end=0,
        source=_actor(row, "Actor1"), target=_actor(row, "Actor2"), plover=info["plover"],
        plover_mode=info.get("mode"), cameo=cameo, quad_class=_int(row["QuadClass"], "QuadClass"),
        goldstein=_float(row["GoldsteinScale"], "GoldsteinScale"), modality="asserted", date=when,
        date_precision="day", location=row["ActionGeo_FullName"].strip() or None,
        reason=f"gdelt:GLOBALEVENTID {event_id}; CAMEO {cameo}→{info['plover']}",
        origin="gdelt", origin_id=event_id,
        extra={k: _number(row[k]) for k in ("NumMentions", "NumSources", "NumArticles", "AvgTone", "IsRootEvent")}
        | {"ActionGeo_CountryCode": row["ActionGeo_CountryCode"] or None},
    )
    return Imported(article, event)


def _actor(row: dict[str, str], prefix: str) -> ActorSpan | None:
    name, code = row[f"{prefix}Name"].strip(), row[f"{prefix}Code"].strip()
    country = from_cameo(row[f"{prefix}CountryCode"])
    sector = row[f"{prefix}Type1Code"].strip() or None
    if not (name or code or country):
        return None
    full = join_code(country, sector) if country else (code or sector)
    return ActorSpan(text=name or code, start=None, end=None, code=full, country=country, sector=sector)


def _day(value: str, name: str) -> date:
    text = value.strip()
    try:
        if len(text) != 8 or not text.isdigit():
            raise ValueError
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        raise ValueError(f"{name} must be YYYYMMDD, got {value!r}") from None


def _added(value: str) -> date | None:
    value = value.strip()
    if not value:
        return None
    if len(value) not in (8, 14) or not value.isdigit():
        raise ValueError(f"DATEADDED must be YYYYMMDDHHMMSS, got {value!r}")
    return _day(value[:8], "DATEADDED")


def _int(value: str, name: str) -> int | None:
    try:
        return int(value) if value.strip() else None
    except ValueError:
        raise ValueError(f"{name} must be an integer, got {value!r}") from None


def _float(value: str, name: str) -> float | None:
    try:
        return float(value) if value.strip() else None
    except ValueError:
        raise ValueError(f"{name} must be a number, got {value!r}") from None


def _number(value: str) -> int | float | None:
    value = value.strip()
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        try:
            return float(value)
        except ValueError:
            return None
