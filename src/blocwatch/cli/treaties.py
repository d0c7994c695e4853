"""Commands: treaties, obligations."""

from __future__ import annotations

import typer

from blocwatch import api
from blocwatch.cli.application import app
from blocwatch.cli.common import DB_OPTION, Format, emit, handle_errors, parse_date
from blocwatch.countries import label


@app.command()
@handle_errors
def treaties(
    party: str = typer.Option(None, "--party", help="Only treaties binding this state (ISO3)."),
    on: str = typer.Option(None, "--on", help="Only treaties in force (or signed) on this date."),
    mentioned: bool = typer.Option(False, "--mentioned", help="Treaties the stored news talks about, with evidence."),
    db: str = DB_OPTION,
    fmt: Format = typer.Option(Format.table, "--format", help="table, json, jsonl or csv."),
) -> None:
    """List treaties from the knowledge base (ATOP plus curated), or those the news mentions."""
    if mentioned:
        rows = api.mentioned_treaties(db)
        if fmt is Format.table:
            rows = [{**r, "evidence": " | ".join(e["sentence"] for e in r["evidence"])} for r in rows]
        emit(rows, fmt, ["treaty_id", "name", "mentions", "articles", "evidence"] if fmt is Format.table else None)
        return
    rows = api.treaties(party, parse_date(on, "on"))
    emit(rows, fmt, ["id", "name", "parties", "signed", "in_force", "ended", "obligations", "status"]
         if fmt is Format.table else None)


@app.command()
@handle_errors
def obligations(
    attacked: str = typer.Option(..., "--attacked", help="The attacked state (ISO3), e.g. PRK."),
    on: str = typer.Option(None, "--on", help="Date of the attack (default today)."),
    by: str = typer.Option(None, "--by", help="Only obligations of this state (ISO3)."),
    cascade: bool = typer.Option(False, "--cascade", help="Follow defence obligations outward and show paths."),
    fmt: Format = typer.Option(Format.table, "--format", help="table, json, jsonl or csv."),
) -> None:
    """Who is bound to help a state if it is attacked on a date, under which treaty and article."""
    rows = api.obligations(attacked, parse_date(on, "on"), by, cascade)
    if fmt is Format.table:
        rows = [{**r, "state": label(r["state"]), **({"path": " ← ".join(r["path"])} if "path" in r else {})}
                for r in rows]
    cols = ["state", "obligation", "treaty_name", "article", "automatic", "status", "conditions"]
    emit(rows, fmt, (["path"] + cols if cascade else cols) if fmt is Format.table else None)
