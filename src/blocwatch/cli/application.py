"""The Typer application and its global options; each command module adds its commands to ``app``."""

from __future__ import annotations

import typer

from blocwatch.cli.common import State, setup_logging

app = typer.Typer(
    name="blocwatch",
    help="Sourced event data, treaty obligations and bloc alignment from international news.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        from blocwatch import __version__

        typer.echo(f"blocwatch {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks and debug logging."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """blocwatch: who did what to whom, when, on what evidence."""
    State.debug = debug
    setup_logging(debug)
