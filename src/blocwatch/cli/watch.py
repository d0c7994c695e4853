"""Commands: watch (poll feeds and folders), signals (what changed)."""

from __future__ import annotations

import typer

from blocwatch import api
from blocwatch.cli.application import app
from blocwatch.cli.common import CODER_OPTION, DB_OPTION, EXIT_INPUT, error_line, handle_errors, note_line
from blocwatch.records import Failure


@app.command()
@handle_errors
def watch(
    sources: list[str] = typer.Argument(..., help="RSS/Atom feed URLs (http/https) or folders."),
    db: str = DB_OPTION,
    every: str = typer.Option("15m", "--every", help="Time between polls: seconds, or like 30s, 15m, 1h."),
    once: bool = typer.Option(False, "--once", help="Poll once and exit (exit code 1 if a source failed)."),
    coder: str = CODER_OPTION,
    webhook: str = typer.Option(None, "--webhook", help="POST each new signal as JSON to this URL after each poll."),
    timeout: float = typer.Option(20.0, "--timeout", min=0.1, help="Seconds per HTTP request."),
    retries: int = typer.Option(2, "--retries", min=0, max=10, help="Further tries after a timeout or a 429/5xx."),
    host_gap: float = typer.Option(1.0, "--host-gap", min=0.0,
                                   help="Seconds between two requests to one host (one at a time per host)."),
    batch_size: int = typer.Option(8, "--batch-size", min=1, help="Items per transaction."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No line per poll; errors only."),
) -> None:
    """Watch feeds and folders as they publish: ingest each new item exactly once, across restarts.

    A feed item's linked page is fetched and cleaned; where it cannot be had, the item's own content is
    used. A dead feed, an HTTP error, a timeout or a malformed feed prints one error line and the rest goes
    on. Runs until Ctrl-C, or polls once with --once.
    """

    def report_failure(f: Failure) -> None:
        error_line(f"{f.path}: {f.reason}")

    def report_poll(r) -> None:
        if not quiet:
            note_line(f"poll: {r.new} new, {r.duplicate} duplicate, {r.failed} failed, {r.not_modified} not "
                      f"modified; {r.events} events" + (f"; {r.signals_sent} signals sent" if webhook else ""))

    try:
        total = api.watch(sources, db, every=every, once=once, coder=coder, webhook=webhook, timeout=timeout,
                          retries=retries, host_gap=host_gap, batch_size=batch_size, on_failure=report_failure,
                          on_poll=report_poll)
    except KeyboardInterrupt:
        note_line("stopped")
        return
    if once and total.failures:
        raise typer.Exit(EXIT_INPUT)
