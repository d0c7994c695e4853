"""Reading one import file: the format's parser over the file's lines.

The parsers build on ``interop.common``; this module picks one, so no arrow points back at them.
"""

from __future__ import annotations

from collections.abc import Iterator

from blocwatch.errors import InputError
from blocwatch.interop.common import FORMATS, Item, Parser, open_lines


def read_records(fmt: str, path: str) -> Iterator[Item]:
    """Parse one file of the given format into imported events, skipped lines and failures."""
    from blocwatch.interop import gdelt, icews, plover  # the parsers load when an import starts

    parsers: dict[str, Parser] = {"gdelt": gdelt.parse, "icews": icews.parse, "plover": plover.parse}
    if fmt not in parsers:
        raise InputError(f"unknown import format {fmt!r} (supported: {', '.join(FORMATS)})", path=path)
    return parsers[fmt](path, open_lines(path))
