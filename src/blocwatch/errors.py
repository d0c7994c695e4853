"""Domain errors with stable codes, in the style ``[BW012] message``."""

from __future__ import annotations


class BlocwatchError(Exception):
    """Base class for every error blocwatch raises on purpose."""

    code = "BW000"

    def __init__(self, message: str, *, path: str | None = None) -> None:
        self.message = message
        self.path = path
        super().__init__(f"[{self.code}] {message}")

    def one_line(self) -> str:
        """The text the CLI prints after ``error:``."""
        where = f"{self.path}: " if self.path else ""
        return f"{where}{self.message}"


class InputError(BlocwatchError):
    """An input file or record cannot be read."""

    code = "BW001"


class BudgetError(InputError):
    """A document exceeds a processing limit (size, time, HTML elements)."""

    code = "BW002"


class StoreError(BlocwatchError):
    """The database cannot be opened or migrated."""

    code = "BW010"


class StoreBusyError(StoreError):
    """Another process holds the database lock for longer than the wait allows."""

    code = "BW011"


class QueryError(BlocwatchError):
    """A query argument is malformed (bad date, unknown code, bad dyad)."""

    code = "BW020"


class UnknownCodeError(QueryError):
    """A well-formed code names nothing known (e.g. a country no treaty names); HTTP 404."""

    code = "BW021"


class KnowledgeError(BlocwatchError):
    """A knowledge file (actors, verbs, treaties) is malformed."""

    code = "BW030"


class ModelError(BlocwatchError):
    """The spaCy model is missing or cannot be loaded."""

    code = "BW040"


class OutputError(BlocwatchError):
    """An output file or directory cannot be written (missing folder, a directory, exists without --force)."""

    code = "BW050"


class ScaleError(BlocwatchError):
    """A Dask scheduler cannot be reached."""

    code = "BW060"
