"""Routes. Each one calls a single ``blocwatch.api`` function with the app's database."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse

from blocwatch import api

router = APIRouter()


def _db(request: Request) -> str | None:
    return request.app.state.db


@router.get("/api/summary")
def summary(request: Request) -> dict[str, Any]:
    """Counts of stored articles, sentences, events and treaty mentions."""
    return api.summary(_db(request))


@router.get("/api/articles")
def articles(request: Request, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Stored articles (paged)."""
    return api.articles(_db(request))[offset: offset + limit]


@router.get("/api/events")
def events(request: Request, response: Response, dyad: str | None = None, actor: str | None = None,
           since: date | None = None, until: date | None = None, type: str | None = None, limit: int = 500,
           offset: int = 0, quad: int | None = None, modality: str | None = None,
           q: str | None = None, origin: str | None = None) -> list[dict[str, Any]]:
    """Stored events (the event JSON contract); the X-Total-Count header counts all matches."""
    filters = dict(dyad=dyad, actor=actor, since=since, until=until, type=type, quad=quad, modality=modality, text=q,
                   origin=origin)
    response.headers["X-Total-Count"] = str(api.count_events(_db(request), **filters))
    return api.events(_db(request), limit=limit, offset=offset, **filters)


@router.get("/api/relations")
def relations(request: Request, dyad: str, by: str = "year", origin: str | None = None) -> list[dict[str, Any]]:
    """Dyad timeline by period (``origin``: blocwatch, gdelt, icews, plover or a comma list; default all)."""
    return api.relations(dyad, _db(request), by, origin=origin)


@router.get("/api/blocs")
def blocs(request: Request, at: date | None = None, window: str = "365d", origin: str | None = None) -> dict[str, Any]:
    """Blocs on the signed alignment network."""
    return api.blocs(_db(request), at, window, origin=origin)


@router.get("/api/triads")
def triads(request: Request, countries: str, at: date | None = None, window: str = "365d",
           origin: str | None = None) -> list[dict[str, Any]]:
    """Balance of the triangles among comma-separated countries."""
    return api.triads(countries.split(","), _db(request), at, window, origin=origin)


@router.get("/api/treaties")
def treaties(party: str | None = None, on: date | None = None) -> list[dict[str, Any]]:
    """Treaties in the knowledge base."""
    return api.treaties(party, on)


@router.get("/api/obligations")
def obligations(attacked: str, on: date | None = None, by: str | None = None,
                cascade: bool = False) -> list[dict[str, Any]]:
    """Who must help ``attacked`` on a date, under which treaty and article."""
    return api.obligations(attacked, on, by, cascade)


@router.get("/api/network")
def network(request: Request, at: date | None = None, window: str = "365d",
            origin: str | None = None) -> dict[str, Any]:
    """The signed alignment network at a date: nodes with blocs and names, edges, blocs, event span."""
    return api.alignment(_db(request), at, window, origin=origin)


@router.get("/api/pair-events")
def pair_events(request: Request, dyad: str, since: date | None = None,
                until: date | None = None, origin: str | None = None) -> list[dict[str, Any]]:
    """Merged events of one pair in a date range, each with all its evidence."""
    return api.pair_events(dyad, _db(request), since, until, origin=origin)


@router.get("/api/triad-timeline")
def triad_timeline(request: Request, countries: str, by: str = "year", window: str = "365d",
                   since: date | None = None, until: date | None = None,
                   origin: str | None = None) -> list[dict[str, Any]]:
    """Balance of the triangles among comma-separated countries at the end of each period."""
    return api.triad_timeline(countries.split(","), _db(request), by, window, since, until, origin=origin)


@router.get("/api/countries")
def countries() -> dict[str, str]:
    """ISO3 code → country name."""
    return api.country_names()


@router.get("/", response_class=HTMLResponse)
def dashboard_page() -> HTMLResponse:
    """The interactive dashboard (views: overview, pair, events, obligations, triads)."""
    from blocwatch.web import render_dashboard

    return HTMLResponse(render_dashboard())


@router.get("/report", response_class=HTMLResponse)
def report_page(request: Request, at: date | None = None, window: str = "365d",
                origin: str | None = None) -> HTMLResponse:
    """The static report as a web page."""
    with tempfile.TemporaryDirectory() as tmp:
        path = api.report(str(Path(tmp) / "report.html"), _db(request), at, window, origin=origin)
        return HTMLResponse(path.read_text(encoding="utf-8"))
