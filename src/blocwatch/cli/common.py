"""Shared CLI plumbing: output formats, the error line, exit codes."""

from __future__ import annotations

import csv
import functools
import io
import json
import logging
import os
import sys
import traceback
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

import click
import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from blocwatch.errors import BlocwatchError, QueryError
from blocwatch.safe import terminal_safe

F = TypeVar("F", bound=Callable[..., Any])

# Piped or redirected output (no terminal, no $COLUMNS) gets wide tables: rich's default of 80 columns
# folds a seven-column table into slivers, and folding them costs more time than the query.
out = Console(soft_wrap=True, width=None if sys.stdout.isatty() or os.environ.get("COLUMNS") else 160)
err = Console(stderr=True, soft_wrap=True)

DB_OPTION = typer.Option(None, "--db", help="DuckDB file (default $BLOCWATCH_DB or ./blocwatch.duckdb).")
ORIGIN_OPTION = typer.Option(None, "--origin", help="Whose events: all (default), blocwatch, gdelt, icews, plover, "
                                                    "or a comma list.")
CODER_OPTION = typer.Option("learned", "--coder",
                            help="learned (transformer + rules, default) or rules (dictionary rules only).")


class Format(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"
    json = "json"


class State:
    """Global CLI flags, set by the root callback. One instance per process run."""

    debug = False
    quiet = False


def error_line(message: str) -> None:
    """Print ``error: <message>`` on stderr as one line (no markup, no control characters)."""
    err.print(f"error: {terminal_safe(message)}", markup=False, highlight=False)


def note_line(message: str) -> None:
    """Print one plain line on stderr (an empty result, a hint)."""
    err.print(terminal_safe(message), markup=False, highlight=False)


EXIT_INPUT, EXIT_USAGE, EXIT_INTERNAL = 1, 2, 3


def handle_errors(fn: F) -> F:
    """Domain errors → one ``error:`` line and exit code 2; anything unexpected (a bug of ours) → one
    line and exit code 3, with the traceback under ``--debug``."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except (typer.Exit, typer.Abort, click.ClickException):
            raise
        except BlocwatchError as exc:
            if State.debug:
                traceback.print_exc()
            error_line(f"{exc.one_line()} [{exc.code}]")
            raise typer.Exit(EXIT_USAGE) from None
        except Exception as exc:  # noqa: BLE001 - the last line of defence: one line, not a traceback
            if State.debug:
                traceback.print_exc()
            error_line(f"internal error ({type(exc).__name__}: {exc}); this is a bug, --debug shows the traceback")
            raise typer.Exit(EXIT_INTERNAL) from None

    return wrapper  # type: ignore[return-value]


def parse_date(value: str | None, name: str = "date") -> date | None:
    """A YYYY-MM-DD option value, or a QueryError naming the option."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise QueryError(f"--{name} must be YYYY-MM-DD, got {value!r}") from None


def publication_date(value: str | None, name: str = "date") -> date | None:
    """A ``--date`` for articles: YYYY-MM-DD within the years news can carry (1800-2100)."""
    from blocwatch.ingest.pubdate import EARLIEST, LATEST, plausible

    found = parse_date(value, name)
    if found is not None and plausible(found) is None:
        raise QueryError(f"--{name} must be between {EARLIEST} and {LATEST}, got {value!r}")
    return found


def _jsonable(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return str(value)


def dumps(value: Any) -> str:
    return json.dumps(value, default=_jsonable, ensure_ascii=False)


TABLE_ROWS = 100  # a table shows at most this many rows, then a "… more" line


def emit(rows: Sequence[dict[str, Any]] | Iterable[dict[str, Any]], fmt: Format,
         columns: Sequence[str] | None = None, title: str | None = None, more: str | None = None,
         empty: str | None = None) -> None:
    """Write rows to stdout as a rich table, JSON lines, CSV or one JSON array.

    ``more``: a line saying rows were left out (under a table; on stderr for the other formats).
    ``empty``: the line printed on stderr when there are no rows.
    """
    rows = list(rows)
    if more and fmt is not Format.table:
        err.print(more, markup=False, highlight=False)
    if fmt is Format.jsonl:
        for row in rows:
            sys.stdout.write(dumps(row) + "\n")
    elif fmt is Format.json:
        sys.stdout.write(json.dumps(rows, default=_jsonable, ensure_ascii=False, indent=2) + "\n")
    elif fmt is Format.csv:
        cols = list(columns or (rows[0].keys() if rows else []))
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=cols, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: terminal_safe(_cell(row.get(k)), keep_newlines=True) for k in cols})
        sys.stdout.write(buf.getvalue())
    else:
        out.print(render_table(rows, columns, title))
        if more and len(rows) <= TABLE_ROWS:
            out.print(more, markup=False, highlight=False)
    if not rows and empty:
        note_line(empty)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list, tuple)):
        return dumps(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def render_table(rows: Sequence[dict[str, Any]], columns: Sequence[str] | None = None,
                 title: str | None = None, max_width: int = 60, max_rows: int = TABLE_ROWS) -> Table:
    """A rich table of at most ``max_rows`` rows; a caption says how many more there are."""
    cols = list(columns or (rows[0].keys() if rows else []))
    hidden = len(rows) - max_rows
    caption = f"… {hidden} more rows (--format jsonl or csv prints every row)" if hidden > 0 else None
    table = Table(title=title, show_lines=False, caption=caption, caption_justify="left")
    for c in cols:
        table.add_column(c, overflow="fold")
    for row in rows[:max_rows]:
        table.add_row(*(_clip(_cell(row.get(c)), max_width) for c in cols))
    return table


def _clip(text: str, width: int) -> Text:
    """One table cell: one line, no control characters, no markup, at most ``width`` characters."""
    text = " ".join(terminal_safe(text).split())
    return Text(text if len(text) <= width else text[: width - 1] + "…")


class _SafeFormatter(logging.Formatter):
    """Log lines without terminal escape sequences (file names and titles come from the input)."""

    def format(self, record: logging.LogRecord) -> str:
        return terminal_safe(super().format(record), keep_newlines=True)


def setup_logging(debug: bool) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(_SafeFormatter("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING, handlers=[handler])
    if not debug:  # trafilatura logs every page it cannot parse; our Failure line says it once
        logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
