"""PLOVER JSON records (one per line, or a JSON array): our events out, anyone's events in.

Field names follow the PLOVER manual's data-fields chapter: ``id``, ``date``, ``actor`` and
``recipient`` (lists of entity objects: ``code``, ``sector``, ``entity_text``), ``event``,
``mode``, ``context``, ``quad_code``, ``event_scale``, ``event_loc``, ``event_text``, ``text``,
``text_info`` (``sequence``, ``start``, ``end``), ``cite_info`` (``corpus``, ``citation``, ``url``,
``title``, ``publication``, ``language``, ``coder``, ``codebook``), ``coder``, ``comment``.
Our modality goes into ``context`` as PLOVER's auxiliary modes (negation, hypothetical, future).
The manual lets providers add named fields; ours are ``cameo``, ``modality``, ``date_precision``,
``reason``, ``published`` and ``origin``, and entity objects carry ``full_code``, ``start``, ``end``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

from blocwatch import __version__
from blocwatch.actors.codes import NON_COUNTRY, join_code, split_code
from blocwatch.interop.common import Imported, Item, ontology, plover_quad, stable_id
from blocwatch.records import ActorSpan, Article, Event, Failure

FIELDS = ("id", "date", "actor", "recipient", "event", "mode", "context", "quad_code", "event_scale",
          "event_loc", "event_text", "text", "text_info", "cite_info", "coder", "comment")
ENTITY_FIELDS = ("code", "sector", "entity_text")
TEXT_INFO_FIELDS = ("sequence", "start", "end")
CITE_INFO_FIELDS = ("corpus", "citation", "url", "title", "publication", "language", "coder", "codebook")
EXTENSIONS = ("cameo", "modality", "date_precision", "reason", "published", "origin")
AUXILIARY = {"negated": "negation", "hypothetical": "hypothetical", "intended": "future"}
MODALITY_OF = {v: k for k, v in AUXILIARY.items()}
CODEBOOK = "plover-2.0"


# -- export ---------------------------------------------------------------
def to_plover(row: dict[str, Any]) -> dict[str, Any]:
    """One stored event row (joined with its article: ``a_*`` columns, ``sentence_idx``) as PLOVER JSON.

    An event without its own date gets its article's date in ``date`` and ``date_precision`` null;
    where the article has no date either, ``date`` is null (import reads both back as undated).
    Events that came from a PLOVER file keep their ``id``, ``context`` and citation.
    """
    when = row.get("date") or row.get("a_published")
    extra = _extra(row) if row.get("origin") == "plover" else {}
    context = list(extra.get("context") or []) + ([AUXILIARY[row["modality"]]] if row.get("modality") in AUXILIARY else [])
    record = {
        "id": row.get("origin_id") if row.get("origin") == "plover" and row.get("origin_id") else row["event_id"],
        "date": when.isoformat() if isinstance(when, date) else when,
        "actor": _entities(row, "source"),
        "recipient": _entities(row, "target"),
        "event": [row["plover"]],
        "mode": [row["plover_mode"]] if row.get("plover_mode") else [],
        "context": context,
        "quad_code": row.get("quad_class"),
        "event_scale": row.get("goldstein"),
        "event_loc": {"extracted_place": row["location"]} if row.get("location") else None,
        "text": row.get("sentence") or None,
        "text_info": {"sequence": row["sentence_idx"] if row.get("sentence_idx") is not None else extra.get("sequence"),
                      "start": row.get("sentence_start"), "end": row.get("sentence_end")},
        "cite_info": {"corpus": extra.get("corpus") or row.get("a_path"), "citation": extra.get("citation") or row["doc_id"],
                      "url": row.get("a_url"),
                      "title": row.get("a_title"), "publication": row.get("a_outlet"), "language": "en",
                      "coder": f"blocwatch {__version__}", "codebook": CODEBOOK},
        "coder": f"blocwatch {__version__}",
        "cameo": row.get("cameo"),
        "modality": row.get("modality"),
        "date_precision": row.get("date_precision"),
        "reason": row.get("reason"),
        "published": row["a_published"].isoformat() if isinstance(row.get("a_published"), date) else None,
        "origin": row.get("origin") or "blocwatch",
    }
    return record


def _extra(row: dict[str, Any]) -> dict[str, Any]:
    value = row.get("extra")
    if isinstance(value, str):
        value = json.loads(value)
    return value if isinstance(value, dict) else {}


def _entities(row: dict[str, Any], side: str) -> list[dict[str, Any]]:
    if row.get(f"{side}_text") is None and row.get(f"{side}_code") is None:
        return []
    code, country = row.get(f"{side}_code"), row.get(f"{side}_country")
    return [{"code": country or code, "sector": row.get(f"{side}_sector"), "entity_text": row.get(f"{side}_text"),
             "full_code": code, "start": row.get(f"{side}_start"), "end": row.get(f"{side}_end")}]


# -- import ---------------------------------------------------------------
def parse(path: str, lines: Iterator[tuple[int, str]]) -> Iterator[Item]:
    """JSONL (one record a line) or one JSON array of records."""
    buffered: list[tuple[int, str]] = []
    for n, line in lines:
        if not buffered and line.lstrip().startswith("["):
            buffered.append((n, line))
            continue
        if buffered:
            buffered.append((n, line))
            continue
        if line.strip():
            yield from _parse_line(path, n, line)
    if buffered:
        yield from _parse_array(path, buffered)


def _parse_line(path: str, n: int, line: str) -> list[Item]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return [Failure(f"{path}:{n}", f"not JSON ({exc.msg} at column {exc.colno})")]
    return _items(path, n, record)


def _parse_array(path: str, lines: list[tuple[int, str]]) -> Iterator[Item]:
    first = lines[0][0]
    try:
        records = json.loads("\n".join(line for _, line in lines))
    except json.JSONDecodeError as exc:
        yield Failure(f"{path}:{first + exc.lineno - 1}", f"not JSON ({exc.msg} at column {exc.colno})")
        return
    if not isinstance(records, list):
        yield Failure(f"{path}:{first}", "expected a JSON array of PLOVER records")
        return
    for i, record in enumerate(records):
        yield from _items(path, first, record, f"[{i}]")


def _items(path: str, n: int, record: Any, suffix: str = "") -> list[Item]:
    where = f"{path}:{n}{suffix}"
    try:
        return list(_imported(path, record))
    except (ValueError, TypeError, KeyError) as exc:
        return [Failure(where, str(exc.args[0]) if exc.args else type(exc).__name__)]


def _imported(path: str, r: Any) -> list[Imported]:
    """One event per actor–recipient pair: a record with compound actors (or, without a recipient, several
    actors, as PLOVER codes meetings) becomes several blocwatch events with ids ``<id>#1``, ``<id>#2`` …"""
    if not isinstance(r, dict):
        raise ValueError("a PLOVER record must be a JSON object")
    rid = r.get("id")
    if rid in (None, ""):
        raise ValueError("missing required field 'id'")
    if "date" not in r:
        raise ValueError("missing required field 'date'")
    when = _date(r["date"], "date")  # null: the date is unknown (how the export writes an undated event)
    plover = _event_type(r.get("event"))
    pairs = _pairs(_spans(r.get("actor"), "actor", required=True), _spans(r.get("recipient"), "recipient"))
    info = r.get("text_info") or {}
    cite = r.get("cite_info") or {}
    context = _list(r.get("context"), "context")
    modality = r.get("modality") or next((MODALITY_OF[c] for c in context if c in MODALITY_OF), "asserted")
    published = _date(r.get("published"), "published") or when
    # our export: with ``date_precision`` null, ``date`` is the article's (or null: neither is known)
    undated = when is None or ("date_precision" in r and r["date_precision"] is None)
    citation = cite.get("citation") or cite.get("url") or f"record:{rid}"
    article = Article(id=stable_id("plover", "article", citation), path=path, text="", url=cite.get("url"),
                      title=cite.get("title"), outlet=cite.get("publication"), published=published,
                      date_source="plover:date" if published else None, origin="plover")
    text = r.get("text") or next(iter(_list(r.get("event_text"), "event_text")), "") or ""
    modes = _list(r.get("mode"), "mode")
    loc = r.get("event_loc") or {}
    return [Imported(article, Event(
        event_id=stable_id("plover", key), doc_id=article.id, sentence=str(text),
        sentence_start=_int(info.get("start"), 0), sentence_end=_int(info.get("end"), len(str(text))),
        source=source, target=target, plover=plover,
        plover_mode=modes[0] if modes else None, cameo=r.get("cameo"),
        quad_class=_int(r.get("quad_code"), None) or plover_quad(plover),
        goldstein=_number(r.get("event_scale"), "event_scale"), modality=modality, date=None if undated else when,
        date_precision=None if undated else r.get("date_precision") or "day",
        location=(loc.get("extracted_place") or loc.get("resolved_place")) if isinstance(loc, dict) else None,
        reason=r.get("reason") or f"plover:id {key}", origin="plover", origin_id=key,
        extra={"context": [c for c in context if c not in MODALITY_OF], "sequence": info.get("sequence"),
               "origin": r.get("origin"), "coder": r.get("coder"), "corpus": cite.get("corpus"),
               "citation": cite.get("citation")},
    )) for key, (source, target) in _keyed(str(rid), pairs)]


def _pairs(actors: list[ActorSpan], recipients: list[ActorSpan]) -> list[tuple[ActorSpan, ActorSpan | None]]:
    if recipients:
        return [(a, r) for a in actors for r in recipients]
    if len(actors) > 1:
        return [(a, b) for i, a in enumerate(actors) for b in actors[i + 1:]]
    return [(actors[0], None)]


def _keyed(rid: str, pairs: list) -> list[tuple[str, Any]]:
    return [(rid, pairs[0])] if len(pairs) == 1 else [(f"{rid}#{k}", p) for k, p in enumerate(pairs, start=1)]


def _date(value: Any, name: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise ValueError(f"{name} must be YYYY-MM-DD, got {value!r}") from None


def _event_type(value: Any) -> str:
    types = _list(value, "event")
    if not types:
        raise ValueError("missing required field 'event'")
    plover = str(types[0]).upper()
    if plover not in ontology()["plover"]:
        raise ValueError(f"unknown PLOVER event type {types[0]!r}")
    return plover


def _spans(value: Any, name: str, required: bool = False) -> list[ActorSpan]:
    entities = [_entity(e, name) for e in _list(value, name)]
    if required and not entities:
        raise ValueError(f"missing required field {name!r}")
    return entities


def _entity(e: Any, name: str) -> ActorSpan:
    if isinstance(e, str):
        e = {"code": e}
    if not isinstance(e, dict):
        raise ValueError(f"{name} entities must be objects")
    head = (e.get("code") or "").upper() or None
    country = head if head and len(head) == 3 and head.isalpha() and head not in NON_COUNTRY else None
    sector = e.get("sector") or None
    code = e.get("full_code") or (join_code(country, sector) if country else head)
    if country is None and code:
        country = split_code(code)[0] if code[:3] not in ("IGO", "NGO") else None
    text = e.get("entity_text") or e.get("raw_text") or e.get("entity_name") or code
    return ActorSpan(text=text, start=e.get("start"), end=e.get("end"), code=code, country=country, sector=sector)


def _list(value: Any, name: str) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, list):
        return value
    if isinstance(value, (str, dict)):
        return [value]
    raise ValueError(f"{name} must be a list")


def _int(value: Any, default: int | None) -> int | None:
    if value in (None, ""):
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValueError(f"expected an integer, got {value!r}") from None


def _number(value: Any, name: str) -> float | None:
    if value in (None, ""):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number, got {value!r}") from None
