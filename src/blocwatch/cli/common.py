"""Shared CLI plumbing: output formats, the error line, exit codes."""

from __future__ import annotations

import csv
import functools
import io
import json
import logging
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from blocwatch.errors import BlocwatchError, QueryError

F = TypeVar("F", bound=Callable[..., Any])

out = Console(soft_wrap=True)
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
    """Print ``error: <message>`` on stderr (no markup interpretation)."""
    err.print(f"error: {message}", markup=False, highlight=False)


def handle_errors(fn: F) -> F:
    """Turn domain errors into one ``error:`` line and exit code 2 (1 for input failures)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except BlocwatchError as exc:
            if State.debug:
                raise
            error_line(f"{exc.one_line()} [{exc.code}]")
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


def parse_date(value: str | None, name: str = "date") -> date | None:
    """A YYYY-MM-DD option value, or a QueryError naming the option."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise QueryError(f"--{name} must be YYYY-MM-DD, got {value!r}") from None


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
         columns: Sequence[str] | None = None, title: str | None = None, more: str | None = None) -> None:
    """Write rows to stdout as a rich table, JSON lines, CSV or one JSON array.

    ``more``: a line saying rows were left out (under a table; on stderr for the other formats).
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
            writer.writerow({k: _cell(row.get(k)) for k in cols})
        sys.stdout.write(buf.getvalue())
    else:
        out.print(render_table(rows, columns, title))
        if more and len(rows) <= TABLE_ROWS:
            out.print(more, markup=False, highlight=False)


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


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def setup_logging(debug: bool) -> None:
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    if not debug:  # trafilatura logs every page it cannot parse; our Failure line says it once
        logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
