"""Command: sql (read-only queries on the store)."""

from __future__ import annotations

import typer

from blocwatch import api
from blocwatch.cli.application import app
from blocwatch.cli.common import DB_OPTION, Format, emit, handle_errors


@app.command()
@handle_errors
def sql(
    query: str = typer.Argument(..., help="SQL, e.g. \"select plover, count(*) from events group by 1\"."),
    db: str = DB_OPTION,
    fmt: Format = typer.Option(Format.table, "--format", help="table, csv, jsonl or json."),
) -> None:
    """Run read-only SQL on the store (tables and the views events_v, merged_events_v, dyad_periods_v).

    Only SELECT, WITH, DESCRIBE, SHOW and EXPLAIN run; anything that writes is refused.
    The schema is in the README ("Schema and SQL").
    """
    table = api.sql(query, db, as_frame="arrow")
    emit(table.to_pylist(), fmt, table.column_names)
