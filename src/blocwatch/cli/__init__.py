"""The ``blocwatch`` command line. Each command calls one function of ``blocwatch.api``."""

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


def _register() -> None:
    # Each module adds its commands to ``app`` on import.
    from blocwatch.cli import articles  # noqa: F401
    from blocwatch.cli import events  # noqa: F401
    from blocwatch.cli import treaties  # noqa: F401
    from blocwatch.cli import relations  # noqa: F401
    from blocwatch.cli import serve  # noqa: F401
    from blocwatch.cli import sql  # noqa: F401
    from blocwatch.cli import interop  # noqa: F401


_register()


def main() -> None:
    app()
