"""Command: serve (the HTTP API and report page)."""

from __future__ import annotations

import typer

from blocwatch.cli.application import app
from blocwatch.cli.common import DB_OPTION, handle_errors


@app.command()
@handle_errors
def serve(
    db: str = DB_OPTION,
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to bind."),
    port: int = typer.Option(8000, "--port", help="TCP port."),
) -> None:
    """Serve the HTTP API (JSON under /api, docs at /docs) for one database."""
    import uvicorn

    from blocwatch.http import create_app

    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")
