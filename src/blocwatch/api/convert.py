"""Argument and result conversions shared by the API functions: dates and frames."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from blocwatch.errors import QueryError

DateLike = date | str | None
FrameOpt = bool | str


def as_date(value: date | datetime | str | None, name: str = "date") -> date | None:
    """A ``date``, ``datetime`` or ISO ``YYYY-MM-DD`` string as a ``date``; None stays None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    raise QueryError(f"--{name} must be a date or a YYYY-MM-DD string, got {value!r}")


def frame(rows: Sequence[dict[str, Any]], as_frame: FrameOpt) -> Any:
    """``rows`` as they are (False), a pandas DataFrame (True or "pandas") or an Arrow table ("arrow")."""
    if as_frame is False or as_frame is None:
        return list(rows)
    import pyarrow as pa

    table = pa.Table.from_pylist(list(rows))
    if as_frame == "arrow":
        return table
    if as_frame is True or as_frame == "pandas":
        try:
            import pandas  # noqa: F401 - only to give a clear error when missing
        except ImportError:
            raise QueryError("as_frame=True needs pandas: pip install 'blocwatch[frame]'") from None
        return table.to_pandas()
    raise QueryError(f"as_frame must be True, False, 'pandas' or 'arrow', got {as_frame!r}")
