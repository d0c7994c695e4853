"""Source reliability: each news outlet's tier (state-controlled, wire, independent, unknown).

Tiers come from ``data/outlet_tiers.tsv`` (by name or web domain), then outlets marked "state" in
``data/outlets.tsv``, then the files named in ``$BLOCWATCH_OUTLET_TIERS`` (``:``-separated, same
format; later lines win). ``independent_sources`` counts the distinct outlets behind a set of
mentions that are not state-controlled, so an event only state media report shows 0.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from blocwatch.errors import KnowledgeError

TIERS = ("state-controlled", "wire", "independent", "unknown")
ENV = "BLOCWATCH_OUTLET_TIERS"


@dataclass(frozen=True)
class OutletTiers:
    """Outlet name (lowercase) and web domain → tier."""

    names: dict[str, str] = field(default_factory=dict)
    domains: dict[str, str] = field(default_factory=dict)

    def tier(self, outlet: str | None, url: str | None = None) -> str:
        """The tier of an outlet, by name, else by the URL's domain (or a parent domain), else unknown."""
        if outlet and (found := self.names.get(_norm(outlet))):
            return found
        host = _host(url)
        while host:
            if found := self.domains.get(host):
                return found
            host = host.partition(".")[2] if host.count(".") > 1 else ""
        return "unknown"

    def load(self, text: str, where: str) -> None:
        for n, line in enumerate(text.splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 2 or cols[0].strip() not in TIERS:
                raise KnowledgeError(f"{where}:{n}: expected 'tier<TAB>names<TAB>domains' with tier one of "
                                     f"{', '.join(TIERS)}")
            tier = cols[0].strip()
            self.names.update({_norm(x): tier for x in cols[1].split("|") if x.strip()})
            if len(cols) > 2:
                self.domains.update({x.strip().lower(): tier for x in cols[2].split("|") if x.strip()})


def _norm(name: str) -> str:
    return " ".join(name.lower().split())


def _host(url: str | None) -> str:
    return (urlparse(url).hostname or "").removeprefix("www.") if url else ""


def outlet_key(outlet: str | None, url: str | None, article_id: str) -> str:
    """What counts as one outlet: its name, else its URL's host, else the article itself."""
    return _norm(outlet) if outlet else (_host(url) or f"article:{article_id}")


def load_tiers(extra_files: Iterable[str] = ()) -> OutletTiers:
    """The packaged tiers, state outlets from ``outlets.tsv``, then ``extra_files``."""
    data = resources.files("blocwatch.data")
    tiers = OutletTiers()
    for line in data.joinpath("outlets.tsv").read_text("utf-8").splitlines():
        cols = line.split("\t")
        if not line.startswith("#") and len(cols) > 3 and cols[3].strip() == "state":
            tiers.names.update({_norm(x): "state-controlled" for x in [cols[0], *cols[1].split("|")] if x.strip()})
    tiers.load(data.joinpath("outlet_tiers.tsv").read_text("utf-8"), "outlet_tiers.tsv")
    for path in extra_files:
        try:
            tiers.load(Path(path).read_text("utf-8"), path)
        except OSError as exc:
            raise KnowledgeError(f"cannot read outlet tiers ({exc.strerror})", path=path) from exc
    return tiers


@lru_cache(maxsize=4)
def _tiers_for(env_value: str) -> OutletTiers:
    return load_tiers(p for p in env_value.split(os.pathsep) if p)


def default_tiers() -> OutletTiers:
    """The packaged tiers plus the user's files in ``$BLOCWATCH_OUTLET_TIERS``."""
    return _tiers_for(os.environ.get(ENV, ""))


def independent_sources(mentions: Iterable[dict[str, Any]], tiers: OutletTiers | None = None) -> int:
    """Distinct outlets behind ``mentions`` (rows with ``a_outlet``, ``a_url``, ``doc_id``) that are not
    state-controlled."""
    tiers = tiers or default_tiers()
    outlets = {}
    for m in mentions:
        key = outlet_key(m.get("a_outlet"), m.get("a_url"), m["doc_id"])
        outlets.setdefault(key, tiers.tier(m.get("a_outlet"), m.get("a_url")))
    return sum(1 for tier in outlets.values() if tier != "state-controlled")
