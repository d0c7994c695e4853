"""Commands: ingest, articles, summary."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task, TextColumn,
                           TimeElapsedColumn)
from rich.text import Text

from blocwatch import api
from blocwatch.cli.application import app
from blocwatch.cli.common import (CODER_OPTION, DB_OPTION, EXIT_INPUT, EXIT_INTERNAL, Format, emit, err, error_line,
                                  handle_errors, out, publication_date)
from blocwatch.errors import QueryError
from blocwatch.limits import DOC_SECONDS, MAX_SENTENCES
from blocwatch.records import Failure
from blocwatch.safe import terminal_safe


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
    follow_symlinks: bool = typer.Option(False, "--follow-symlinks",
                                         help="Follow symbolic links that lead out of an input folder."),
    doc_timeout: float = typer.Option(DOC_SECONDS, "--doc-timeout", min=0.001,
                                      help="Seconds one document may take; a slower one fails alone."),
    max_sentences: int = typer.Option(MAX_SENTENCES, "--max-sentences", min=1,
                                      help="Sentences parsed and coded per document; the rest is stored uncoded."),
) -> None:
    """Read, clean, parse and code articles into the database. Re-running adds nothing new.

    A file or record that cannot be read prints one error line and the rest is stored. Exit code 1:
    some input failed; 3: blocwatch itself failed on a document (a bug; --debug shows the traceback).
    """
    if fmt is Format.csv:
        raise QueryError("--format csv is not available for ingest (table, json or jsonl)")
    default = publication_date(date_)

    def report_failure(f: Failure) -> None:
        error_line(f"{f.path}: {f.reason}")

    with _progress(quiet) as bar:
        task = bar.add_task("ingest", total=None)
        result = api.ingest([str(p) for p in paths], db, default_date=default, workers=workers, dask=dask,
                            batch_size=batch_size, coder=coder, on_failure=report_failure,
                            progress=lambda n: bar.advance(task, n), follow_symlinks=follow_symlinks,
                            doc_seconds=doc_timeout, max_sentences=max_sentences)
    if not quiet:
        if fmt in (Format.json, Format.jsonl):
            emit([result.to_dict()], Format.jsonl)
        else:
            out.print(terminal_safe(f"{result.new} new, {result.duplicate} duplicate, {result.failed} failed; "
                                    f"{result.events} events -> {result.db}"), markup=False, highlight=False)
    if result.internal_errors:
        raise typer.Exit(EXIT_INTERNAL)
    if result.failed:
        raise typer.Exit(EXIT_INPUT)


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
    if fmt is Format.csv:
        raise QueryError("--format csv is not available for summary (table, json or jsonl)")
    info = api.summary(db)
    if fmt is Format.table:
        by_type = info.pop("events_by_type")
        by_origin = info.pop("events_by_origin")
        emit([{"what": k, "value": v} for k, v in info.items()], fmt, title="blocwatch store")
        emit([{"origin": k, "events": v} for k, v in by_origin.items()], fmt, title="events by origin")
        emit([{"plover": k, "events": v} for k, v in by_type.items()], fmt, title="events by type")
    else:
        emit([info], Format.jsonl)
