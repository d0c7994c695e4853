"""Commands for relations (filled in by its issue)."""

from blocwatch.cli import app  # noqa: F401
