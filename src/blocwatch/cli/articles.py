"""Commands: ingest, articles, summary."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task, TextColumn,
                           TimeElapsedColumn)
from rich.text import Text

from blocwatch import api
from blocwatch.cli import app
from blocwatch.cli.common import CODER_OPTION, DB_OPTION, Format, emit, err, error_line, handle_errors, out, parse_date
from blocwatch.records import Failure


@app.command()
@handle_errors
def ingest(
    paths: list[Path] = typer.Argument(..., help="Files or directories (.txt, .html, .jsonl, .xml feeds)."),
    db: str = DB_OPTION,
    date_: str = typer.Option(None, "--date", help="Publication date (YYYY-MM-DD) for articles with none."),
    workers: int = typer.Option(1, "--workers", min=1, help="spaCy processes (or Dask workers with --dask local)."),
    dask: str = typer.Option(None, "--dask", help="Parse and code on Dask: a scheduler address, or 'local'."),
    batch_size: int = typer.Option(32, "--batch-size", min=1, help="Articles per transaction."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or summary."),
    fmt: Format = typer.Option(Format.table, "--format", help="Summary as table or json."),
    coder: str = CODER_OPTION,
) -> None:
    """Read, clean, parse and code articles into the database. Re-running adds nothing new."""
    default = parse_date(date_, "date")

    def report_failure(f: Failure) -> None:
        error_line(f"{f.path}: {f.reason}")

    with _progress(quiet) as bar:
        task = bar.add_task("ingest", total=None)
        result = api.ingest([str(p) for p in paths], db, default_date=default, workers=workers, dask=dask,
                            batch_size=batch_size, coder=coder, on_failure=report_failure,
                            progress=lambda n: bar.advance(task, n))
    if not quiet:
        if fmt in (Format.json, Format.jsonl):
            emit([result.to_dict()], Format.jsonl)
        else:
            out.print(f"{result.new} new, {result.duplicate} duplicate, {result.failed} failed; "
                      f"{result.events} events -> {result.db}")
    if result.failed:
        raise typer.Exit(1)


class _Rate(ProgressColumn):
    """Articles per second."""

    def render(self, task: Task) -> Text:
        return Text(f"{task.speed or 0:.1f} articles/s")


def _progress(quiet: bool) -> Progress:
    return Progress(
        TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
        _Rate(), TimeElapsedColumn(),
        disable=quiet, transient=True, console=err,
    )


@app.command()
@handle_errors
def articles(
    db: str = DB_OPTION,
    fmt: Format = typer.Option(Format.table, "--format", help="table, jsonl, csv or json."),
) -> None:
    """List stored articles."""
    rows = api.articles(db)
    if fmt is Format.table:
        emit(rows, fmt, ["id", "published", "title", "outlet", "path", "text"])
    else:
        emit(rows, fmt)


@app.command()
@handle_errors
def summary(
    db: str = DB_OPTION,
    fmt: Format = typer.Option(Format.table, "--format", help="table or json."),
) -> None:
    """Counts of stored articles, sentences, events and treaty mentions."""
    info = api.summary(db)
    if fmt is Format.table:
        by_type = info.pop("events_by_type")
        by_origin = info.pop("events_by_origin")
        emit([{"what": k, "value": v} for k, v in info.items()], fmt, title="blocwatch store")
        emit([{"origin": k, "events": v} for k, v in by_origin.items()], fmt, title="events by origin")
        emit([{"plover": k, "events": v} for k, v in by_type.items()], fmt, title="events by type")
    else:
        emit([info], Format.jsonl)
