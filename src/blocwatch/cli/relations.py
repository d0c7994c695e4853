"""Commands: relations, blocs, triads, report, export."""

from __future__ import annotations

import json
import sys

import typer

from blocwatch import api
from blocwatch.cli.application import app
from blocwatch.cli.common import DB_OPTION, ORIGIN_OPTION, Format, emit, handle_errors, note_line, out, parse_date
from blocwatch.safe import terminal_safe
from blocwatch.countries import label

AT_OPTION = typer.Option(None, "--at", help="Date of the network (default: the latest stored event).")
WINDOW_OPTION = typer.Option("365d", "--window", help="How far back events count: 365d, 52w, 12m, 2y.")
DASK_OPTION = typer.Option(None, "--dask", help="Compute on Dask (local or a scheduler address) from --parquet.")
PARQUET_OPTION = typer.Option(None, "--parquet", help="Dataset written by 'export --format parquet --partition year'.")
ACTORS_OPTION = typer.Option("state", "--actors", help="state (default): the network counts what states do (their "
                             "governments, armies, and in one-party states their parties and press); all: every actor.")


@app.command()
@handle_errors
def relations(
    dyad: str = typer.Option(..., "--dyad", help="Two ISO3 codes, e.g. CHN-PRK (either direction)."),
    by: str = typer.Option("year", "--by", help="month, quarter or year."),
    db: str = DB_OPTION,
    fmt: Format = typer.Option(Format.table, "--format", help="table, json, jsonl or csv."),
    mentions: bool = typer.Option(False, "--mentions", help="Count raw mentions instead of merged events."),
    origin: str = ORIGIN_OPTION,
    dask: str = DASK_OPTION,
    parquet: str = PARQUET_OPTION,
) -> None:
    """How a pair's relations move: events by quad class, intensity, net cooperation, evidence.

    net_cooperation = cooperation events (quad 1-2) minus conflict events (quad 3-4), asserted or
    intended only; an event's period is its date, else its article's publication date.
    """
    rows = api.relations(dyad, db, by, mentions=mentions, origin=origin, dask=dask, parquet=parquet)
    if fmt is Format.table:
        rows = [{**r, "quad_counts": " ".join(f"q{k}:{v}" for k, v in r["quad_counts"].items()),
                 "evidence": r["evidence"][0]["sentence"].strip() if r["evidence"] else ""} for r in rows]
        a, b = api.parse_dyad(dyad)
        emit(rows, fmt, ["period", "events", "quad_counts", "mean_goldstein", "net_cooperation", "evidence"],
             title=f"{label(a)} – {label(b)} · origin {origin or 'all'}")
    elif fmt is Format.csv:  # flat columns that pandas and DuckDB read directly
        rows = [{**{k: v for k, v in r.items() if k not in ("quad_counts", "evidence")},
                 **{f"q{k}": v for k, v in r["quad_counts"].items()},
                 "evidence": r["evidence"][0]["sentence"].strip() if r["evidence"] else ""} for r in rows]
        emit(rows, fmt)
    else:
        emit(rows, fmt)


@app.command()
@handle_errors
def blocs(
    at: str = AT_OPTION,
    window: str = WINDOW_OPTION,
    db: str = DB_OPTION,
    fmt: Format = typer.Option(Format.table, "--format", help="table, json or csv (one row per member)."),
    origin: str = ORIGIN_OPTION,
    dask: str = DASK_OPTION,
    parquet: str = PARQUET_OPTION,
    actors: str = ACTORS_OPTION,
) -> None:
    """Blocs on the signed alignment network (structural balance), with cohesion."""
    result = api.blocs(db, parse_date(at, "at"), window, origin=origin, dask=dask, parquet=parquet, actors=actors)
    if fmt is Format.table:
        emit([{"bloc": i + 1, "members": ", ".join(label(m) or m for m in b["members"]), "cohesion": b["cohesion"]}
              for i, b in enumerate(result["blocs"])], fmt, title=f"blocs on {result['date']}")
        emit([{"between": f"{b['blocs'][0] + 1}–{b['blocs'][1] + 1}", "score": b["score"]}
              for b in result["between"]], fmt)
        if not result["blocs"]:
            note_line(f"no blocs: no alignment ties in the {window} before {result['date']}")
    elif fmt is Format.csv:  # one row per member
        emit([{"date": result["date"], "bloc": i + 1, "member": m, "name": label(m), "cohesion": b["cohesion"]}
              for i, b in enumerate(result["blocs"]) for m in b["members"]], fmt,
             ["date", "bloc", "member", "name", "cohesion"], empty="no blocs")
    else:
        sys.stdout.write(json.dumps(result, default=str, indent=2) + "\n")


@app.command()
@handle_errors
def triads(
    countries: str = typer.Option(..., "--countries", help="Comma-separated ISO3 codes, e.g. CHN,PRK,RUS."),
    at: str = AT_OPTION,
    window: str = WINDOW_OPTION,
    db: str = DB_OPTION,
    fmt: Format = typer.Option(Format.table, "--format", help="table or json."),
    origin: str = ORIGIN_OPTION,
    dask: str = DASK_OPTION,
    parquet: str = PARQUET_OPTION,
    actors: str = ACTORS_OPTION,
) -> None:
    """Balance of each triangle among the given states (+++ and +−− are balanced)."""
    rows = api.triads(countries.split(","), db, parse_date(at, "at"), window, origin=origin, dask=dask, parquet=parquet,
                      actors=actors)
    if fmt is Format.table:
        rows = [{**r, "countries": "-".join(r["countries"]),
                 "ties": " ".join(f"{k}:{'?' if v is None else f'{v:+.2f}'}" for k, v in r["ties"].items())}
                for r in rows]
    emit(rows, fmt)


@app.command()
@handle_errors
def report(
    out_: str = typer.Option("report.html", "--out", help="Where to write the HTML file."),
    at: str = AT_OPTION,
    window: str = WINDOW_OPTION,
    db: str = DB_OPTION,
    origin: str = ORIGIN_OPTION,
    actors: str = ACTORS_OPTION,
) -> None:
    """Write a self-contained HTML report: network, timelines, treaties, events with evidence."""
    path = api.report(out_, db, parse_date(at, "at"), window, origin=origin, actors=actors)
    out.print(terminal_safe(f"report written to {path}"), markup=False, highlight=False)


@app.command()
@handle_errors
def export(
    out_: str = typer.Option(..., "--out", help="Output directory."),
    fmt: str = typer.Option("parquet", "--format", help="parquet, csv, jsonl (tables), graphml, gexf (network) "
                                                         "or plover (events as PLOVER JSON lines)."),
    at: str = AT_OPTION,
    window: str = WINDOW_OPTION,
    db: str = DB_OPTION,
    origin: str = ORIGIN_OPTION,
    partition: str = typer.Option(None, "--partition", help="year: one Hive-partitioned directory per table (for Dask)."),
    force: bool = typer.Option(False, "--force", help="Overwrite files an earlier export left in --out."),
    actors: str = ACTORS_OPTION,
) -> None:
    """Export events, merged events and dyad timelines, the alignment network, or PLOVER JSON lines."""
    for path in api.export(out_, fmt, db, parse_date(at, "at"), window, origin=origin, partition=partition,
                           force=force, actors=actors):
        out.print(terminal_safe(str(path)), markup=False, highlight=False)
