"""The ``blocwatch`` command line. Each command calls one function of ``blocwatch.api``."""

from __future__ import annotations

from blocwatch.cli.application import app


def _register() -> None:
    # Each module adds its commands to ``app`` (from ``cli.application``) on import.
    from blocwatch.cli import articles  # noqa: F401
    from blocwatch.cli import events  # noqa: F401
    from blocwatch.cli import treaties  # noqa: F401
    from blocwatch.cli import relations  # noqa: F401
    from blocwatch.cli import serve  # noqa: F401
    from blocwatch.cli import sql  # noqa: F401
    from blocwatch.cli import interop  # noqa: F401
    from blocwatch.cli import watch  # noqa: F401


_register()


def main() -> None:
    app()


__all__ = ["app", "main"]
