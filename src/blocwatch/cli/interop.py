"""Command: import (GDELT 2.0, ICEWS and PLOVER event files)."""

from __future__ import annotations

from pathlib import Path

import typer

from blocwatch import api
from blocwatch.cli.application import app
from blocwatch.cli.common import DB_OPTION, Format, emit, error_line, handle_errors, out
from blocwatch.records import Failure


@app.command(name="import")
@handle_errors
def import_(
    files: list[Path] = typer.Argument(..., help="Event files: plain, .gz or .zip."),
    format_: str = typer.Option(..., "--format", help="gdelt (2.0 events export, 61 columns), icews (event TSV) "
                                                      "or plover (JSON lines or a JSON array)."),
    db: str = DB_OPTION,
    batch_size: int = typer.Option(5000, "--batch-size", min=1, help="Events per transaction."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No summary line."),
    fmt: Format = typer.Option(Format.table, "--report", help="Summary as table (one line) or json."),
) -> None:
    """Load another data set's events into the store, with origin gdelt, icews or plover.

    Streaming and idempotent: a rerun adds 0. Each bad line prints 'error: FILE:LINE: reason' and the
    rest still loads (exit code 1). Events whose CAMEO code has no PLOVER type are skipped and counted.
    Query them apart from ours with --origin on events, relations, blocs, triads, report and export.
    """
    def report_failure(f: Failure) -> None:
        error_line(f"{f.path}: {f.reason}")

    result = api.import_events([str(f) for f in files], format_, db, batch_size=batch_size,
                               on_failure=report_failure)
    if not quiet:
        if fmt in (Format.json, Format.jsonl):
            emit([result.to_dict()], Format.jsonl)
        else:
            out.print(f"{result.new} new, {result.duplicate} duplicate, {result.skipped} skipped (no PLOVER type), "
                      f"{result.failed} failed; origin {result.format} -> {result.db}", markup=False,
                      highlight=False)
    if result.failed:
        raise typer.Exit(1)
