"""Routes. Each one calls a single ``blocwatch.api`` function with the app's database.

Parameters are declared with the bounds the API accepts, so the OpenAPI schema says exactly which
requests succeed: a value outside them is a 400 in the error shape.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response
from pydantic import AfterValidator
from fastapi.responses import HTMLResponse

from blocwatch import api
from blocwatch.http.openapi import CODES, DB_QUERY, PLAIN
from blocwatch.interop.common import ontology

router = APIRouter()

MAX_LIMIT = 10_000
MAX_OFFSET = 1_000_000_000
MAX_TRIAD_COUNTRIES = 12
ISO3 = r"^[A-Za-z]{3}$"
ORIGIN = r"^(all|(blocwatch|gdelt|icews|plover)(,(blocwatch|gdelt|icews|plover))*)$"

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Rows per page (1 to {MAX_LIMIT}).")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")]
DYAD = r"^[A-Za-z]{3}-[A-Za-z]{3}$"
Dyad = Annotated[str, Query(pattern=DYAD, description="Two ISO3 codes, e.g. CHN-PRK.")]
DyadFilter = Annotated[str | None, Query(pattern=DYAD, description="Two ISO3 codes, either direction.")]
Country = Annotated[str | None, Query(pattern=ISO3, description="An ISO3 code; 404 if no treaty names it.")]
# Windows up to what parse_window accepts (300 years), written so that the pattern itself keeps the bound.
Window = Annotated[str, Query(pattern=r"^([1-9][0-9]{0,4}[dD]?|[1-9][0-9]{0,3}[wW]|[1-9][0-9]{0,2}[mM]"
                                      r"|([1-9][0-9]?|[12][0-9]{2}|300)[yY])$",
                              description="Days (365d), weeks (52w), months (12m) or years (2y); at most 300 years.")]
Origin = Annotated[str | None, Query(pattern=ORIGIN, description="all, or a comma list of blocwatch, gdelt, "
                                                                  "icews, plover.")]
Countries = Annotated[str, Query(pattern=rf"^[A-Za-z]{{3}}(,[A-Za-z]{{3}}){{2,{MAX_TRIAD_COUNTRIES - 1}}}$",
                                 description=f"3 to {MAX_TRIAD_COUNTRIES} comma-separated ISO3 codes.")]
Text = Annotated[str | None, Query(max_length=200)]
Actors = Annotated[Literal["state", "all"], Query(description="state (default): the network counts what states do; "
                                                  "all: every actor's events.")]


def _day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)  # a ValueError is a 400


# Declared as a plain string (default None) so that the schema's pattern and date format sit on one type.
Day = Annotated[str, Query(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", json_schema_extra={"format": "date"},
                           description="A date, YYYY-MM-DD."), AfterValidator(_day)]
At = Annotated[str, Query(pattern=r"^(18[0-9]{2}|19[0-9]{2}|20[0-9]{2}|2100)-[0-9]{2}-[0-9]{2}$",
                          json_schema_extra={"format": "date"},
                          description="The network's date, YYYY-MM-DD, 1800 to 2100 (default: the last event)."),
               AfterValidator(_day)]
PloverType = Annotated[str | None, Query(pattern="^(" + "|".join(sorted(ontology()["plover"])) + ")$",
                                         description="A PLOVER event type.")]
Period = Literal["month", "quarter", "year"]


def _db(request: Request) -> str | None:
    return request.app.state.db


@router.get("/api/summary", responses=DB_QUERY)
def summary(request: Request) -> dict[str, Any]:
    """Counts of stored articles, sentences, events and treaty mentions."""
    return api.summary(_db(request))


@router.get("/api/articles", responses=DB_QUERY)
def articles(request: Request, limit: Limit = 100, offset: Offset = 0) -> list[dict[str, Any]]:
    """Stored articles, oldest ingest first (paged)."""
    return api.articles(_db(request), limit=limit, offset=offset)


@router.get("/api/events", responses={**DB_QUERY, 200: {"description": "Events (the event JSON contract).", "headers": {
    "X-Total-Count": {"description": "How many events match the filters.", "schema": {"type": "string"}}}}})
def events(request: Request, response: Response, dyad: DyadFilter = None, actor: Text = None,
           since: Day = None, until: Day = None, type: PloverType = None, limit: Limit = 500,
           offset: Offset = 0, quad: Annotated[int | None, Query(ge=1, le=4)] = None, modality: Text = None,
           q: Text = None, origin: Origin = None) -> list[dict[str, Any]]:
    """Stored events (the event JSON contract); the X-Total-Count header counts all matches.
    ``since`` after ``until`` is a 400; an unknown country in ``dyad`` or ``actor`` a 404."""
    filters = dict(dyad=dyad, actor=actor, since=since, until=until, type=type, quad=quad, modality=modality, text=q,
                   origin=origin)
    response.headers["X-Total-Count"] = str(api.count_events(_db(request), **filters))
    return api.events(_db(request), limit=limit, offset=offset, **filters)


@router.get("/api/relations", responses=DB_QUERY)
def relations(request: Request, dyad: Dyad, by: Period = "year", origin: Origin = None) -> list[dict[str, Any]]:
    """Dyad timeline by period (``origin``: blocwatch, gdelt, icews, plover or a comma list; default all)."""
    return api.relations(dyad, _db(request), by, origin=origin)


@router.get("/api/blocs", responses=DB_QUERY)
def blocs(request: Request, at: At = None, window: Window = "365d", origin: Origin = None,
          actors: Actors = "state") -> dict[str, Any]:
    """Blocs on the signed alignment network."""
    return api.blocs(_db(request), at, window, origin=origin, actors=actors)


@router.get("/api/triads", responses=DB_QUERY)
def triads(request: Request, countries: Countries, at: At = None, window: Window = "365d",
           origin: Origin = None, actors: Actors = "state") -> list[dict[str, Any]]:
    """Balance of the triangles among comma-separated countries."""
    return api.triads(countries.split(","), _db(request), at, window, origin=origin, actors=actors)


@router.get("/api/treaties", responses=CODES)
def treaties(party: Country = None, on: Day = None) -> list[dict[str, Any]]:
    """Treaties in the knowledge base."""
    return api.treaties(party, on)


@router.get("/api/obligations", responses=CODES)
def obligations(attacked: Annotated[str, Query(pattern=ISO3, description="An ISO3 code; 404 if no treaty names it.")],
                on: Day = None, by: Country = None, cascade: bool = False) -> list[dict[str, Any]]:
    """Who must help ``attacked`` on a date, under which treaty and article."""
    return api.obligations(attacked, on, by, cascade)


@router.get("/api/network", responses=DB_QUERY)
def network(request: Request, at: At = None, window: Window = "365d",
            origin: Origin = None, actors: Actors = "state") -> dict[str, Any]:
    """The signed alignment network at a date: nodes with blocs and names, edges, blocs, event span."""
    return api.alignment(_db(request), at, window, origin=origin, actors=actors)


@router.get("/api/pair-events", responses=DB_QUERY)
def pair_events(request: Request, dyad: Dyad, since: Day = None,
                until: Day = None, origin: Origin = None) -> list[dict[str, Any]]:
    """Merged events of one pair in a date range, each with all its evidence."""
    return api.pair_events(dyad, _db(request), since, until, origin=origin)


@router.get("/api/triad-timeline", responses=DB_QUERY)
def triad_timeline(request: Request, countries: Countries, by: Period = "year", window: Window = "365d",
                   since: Day = None, until: Day = None,
                   origin: Origin = None, actors: Actors = "state") -> list[dict[str, Any]]:
    """Balance of the triangles among comma-separated countries at the end of each period."""
    return api.triad_timeline(countries.split(","), _db(request), by, window, since, until, origin=origin,
                              actors=actors)


@router.get("/api/countries", responses=PLAIN)
def countries() -> dict[str, str]:
    """ISO3 code → country name."""
    return api.country_names()


@router.get("/", response_class=HTMLResponse, responses=PLAIN)
def dashboard_page() -> HTMLResponse:
    """The interactive dashboard (views: overview, pair, events, obligations, triads)."""
    from blocwatch.web import render_dashboard

    return HTMLResponse(render_dashboard())


@router.get("/report", response_class=HTMLResponse, responses=DB_QUERY)
def report_page(request: Request, at: At = None, window: Window = "365d",
                origin: Origin = None, actors: Actors = "state") -> HTMLResponse:
    """The static report as a web page."""
    with tempfile.TemporaryDirectory() as tmp:
        path = api.report(str(Path(tmp) / "report.html"), _db(request), at, window, origin=origin, actors=actors)
        return HTMLResponse(path.read_text(encoding="utf-8"))


SignalKinds = Annotated[str | None, Query(pattern=r"^(ritual|first|shift|treaty)(,(ritual|first|shift|treaty))*$",
                                          description="Some of ritual, first, shift, treaty (comma list).")]
Alpha = Annotated[float, Query(gt=0, lt=1, description="False-alarm rate of the shift test over one run.")]


@router.get("/api/signals", responses=DB_QUERY)
def signals(request: Request, since: Day = None, kind: SignalKinds = None, alpha: Alpha = 0.01,
            by: Literal["month", "quarter"] = "month") -> list[dict[str, Any]]:
    """Signals, ranked: rituals observed/missing/downgraded, treaty steps, shifts, then firsts (a wave of firsts
    is one signal); within a kind the newest month first, then the most evidence. Each with its evidence ids."""
    return api.signals(_db(request), since=since, kinds=kind, alpha=alpha, by=by)


@router.get("/api/signal-evidence", responses=DB_QUERY)
def signal_evidence(request: Request, ids: Annotated[str, Query(pattern=r"^[0-9a-f]{16}(,[0-9a-f]{16}){0,199}$",
                                                                description="Comma-separated merged event ids.")]
                    ) -> list[dict[str, Any]]:
    """The merged events behind a signal, each with its evidence sentences and articles."""
    return api.signal_evidence(ids.split(","), _db(request))


@router.get("/signals.atom", responses={**DB_QUERY, 200: {"description": "An Atom 1.0 feed of the signals.",
                                                           "content": {"application/atom+xml": {}}}})
def signals_atom(request: Request, since: Day = None, kind: SignalKinds = None) -> Response:
    """The signals as an Atom feed, for any feed reader."""
    items = api.signals(_db(request), since=since, kinds=kind)
    base = str(request.base_url).rstrip("/")
    body = api.signals_atom(items, self_url=f"{base}/signals.atom", link=f"{base}/")
    return Response(content=body, media_type="application/atom+xml")
