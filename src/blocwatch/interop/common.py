"""Shared pieces of the importers: opening (zipped) files line by line, records, ids, the ontology.

The parsers (gdelt, icews, plover) import this module; it imports none of them (``read`` picks a parser)."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from blocwatch.errors import InputError
from blocwatch.records import Article, Event, Failure

ORIGINS = ("blocwatch", "gdelt", "icews", "plover")
FORMATS = ("gdelt", "icews", "plover")


@dataclass(frozen=True)
class Imported:
    """One external event and the pseudo-article (story, URL or citation) it hangs from."""

    article: Article
    event: Event


@dataclass(frozen=True)
class Skipped:
    """A well-formed line that blocwatch cannot store (e.g. a CAMEO code with no PLOVER type)."""

    where: str
    reason: str


Item = Imported | Skipped | Failure
Parser = Callable[[str, Iterator[tuple[int, str]]], Iterator[Item]]


def open_lines(path: str) -> Iterator[tuple[int, str]]:
    """(line number, line without newline) of a text file, a .gz, or the first member of a .zip; streamed."""
    p = Path(path)
    if not p.is_file():
        raise InputError("no such file", path=path)
    try:
        if zipfile.is_zipfile(p):
            with zipfile.ZipFile(p) as zf:
                members = [m for m in zf.namelist() if not m.endswith("/")]
                if not members:
                    raise InputError("empty zip archive", path=path)
                with zf.open(members[0]) as raw:
                    yield from _numbered(io.TextIOWrapper(raw, encoding="utf-8", newline=""))
            return
        opener = gzip.open if p.suffix == ".gz" else open
        with opener(p, "rt", encoding="utf-8", newline="") as fh:  # type: ignore[operator]
            yield from _numbered(fh)
    except (OSError, UnicodeDecodeError, zipfile.BadZipFile, EOFError) as exc:
        raise InputError(f"cannot read ({exc})", path=path) from exc


def _numbered(fh: io.TextIOBase) -> Iterator[tuple[int, str]]:
    for n, line in enumerate(fh, start=1):
        yield n, line.rstrip("\r\n")


def stable_id(*parts: Any) -> str:
    """A 16-hex id from the parts (the same parts always give the same id)."""
    return hashlib.sha1("|".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


@lru_cache(maxsize=65536)
def outlet_of(url: str | None) -> str | None:
    """The host of a URL without ``www.``: the outlet when a data set names none."""
    if not url:
        return None
    host = urlparse(url).hostname or ""
    return host.removeprefix("www.") or None


@lru_cache(maxsize=1)
def ontology() -> dict[str, Any]:
    return json.loads(resources.files("blocwatch.data").joinpath("ontology.json").read_text("utf-8"))


def cameo_info(code: str) -> tuple[str, dict[str, Any]] | None:
    """(normalised code, entry) for a CAMEO code, padding codes whose leading zero was lost ("42" → "042")."""
    cameo = ontology()["cameo"]
    code = code.strip()
    for candidate in (code, code.zfill(3), code.zfill(4)):
        if candidate in cameo:
            return candidate, cameo[candidate]
    return None


def plover_quad(plover: str) -> int | None:
    info = ontology()["plover"].get(plover)
    return info["quad"] if info else None
