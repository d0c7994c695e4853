"""Commands: watch (poll feeds and folders), signals (what changed)."""

from __future__ import annotations

import signal
import threading

import typer

from blocwatch import api
from blocwatch.cli.application import app
from blocwatch.cli.common import CODER_OPTION, DB_OPTION, EXIT_INPUT, Format, emit, error_line, handle_errors, note_line
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

    interrupted = threading.Event()

    def on_ctrl_c(signum: int, frame: object) -> None:
        interrupted.set()
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, on_ctrl_c)
    try:
        total = api.watch(sources, db, every=every, once=once, coder=coder, webhook=webhook, timeout=timeout,
                          retries=retries, host_gap=host_gap, batch_size=batch_size, on_failure=report_failure,
                          on_poll=report_poll)
    except KeyboardInterrupt:
        note_line("stopped")
        return
    except Exception:
        if not interrupted.is_set():
            raise
        note_line("stopped")  # Ctrl-C landed in a DuckDB query, which reports it as its own error
        return
    finally:
        signal.signal(signal.SIGINT, previous)
    if once and total.failures:
        raise typer.Exit(EXIT_INPUT)


@app.command()
@handle_errors
def signals(
    db: str = DB_OPTION,
    since: str = typer.Option(None, "--since", help="Only signals on or after this date (YYYY-MM-DD); for shifts, "
                                                    "the periods tested (default the latest)."),
    kind: str = typer.Option(None, "--kind", help="Some of ritual, first, shift, treaty (comma list; default all)."),
    alpha: float = typer.Option(0.01, "--alpha", help="False-alarm rate of the shift test over one run."),
    by: str = typer.Option("month", "--by", help="Shift period: month or quarter."),
    silence: int = typer.Option(180, "--silence", help="Days without an event of a type before a 'first'."),
    window: int = typer.Option(5, "--window", help="Days either side of an occasion a ritual's events may fall."),
    calendar: list[str] = typer.Option([], "--calendar", help="More ritual calendars (the format of rituals.tsv)."),
    wave: int = typer.Option(5, "--wave", help="Days within which firsts of one type toward, from or with one "
                                               "state, of three states or more, are one signal; 0 keeps them apart."),
    fmt: str = typer.Option("table", "--format", help="table, json, jsonl or atom."),
) -> None:
    """What changed: rituals observed, missing or downgraded; firsts; shifts; treaty steps, with evidence.

    Ranked: rituals (missing and downgraded first), treaty steps, shifts, then firsts; within each, the newest
    month first, then the most evidence, then the newest day."""
    from blocwatch.errors import QueryError

    if fmt not in ("table", "json", "jsonl", "atom"):
        raise QueryError(f"--format must be table, json, jsonl or atom, got {fmt!r}")
    rows = api.signals(db, since=since, kinds=kind, alpha=alpha, by=by, silence=silence, window=window,
                       calendar_files=tuple(calendar), wave=wave)
    if fmt == "atom":
        import sys

        sys.stdout.write(api.signals_atom(rows))
        return
    if fmt == "table":
        table = [{**r, "evidence": len(r["evidence"])} for r in rows]
        emit(table, Format.table, ["date", "kind", "dyad", "status", "level", "score", "title", "evidence"],
             empty="no signals")
        return
    emit(rows, Format(fmt), empty="no signals")
