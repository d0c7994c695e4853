"""Text that is safe to store and to print: lone surrogates, undecodable file names, terminal escapes."""

from __future__ import annotations

import os
import re

_SURROGATE = re.compile("[\ud800-\udfff]")
# ANSI CSI and OSC sequences, any other ESC-prefixed pair, C0/C1 controls (tab and newline kept by
# ``terminal_safe(keep_newlines=True)``), DEL, and the bidi controls that reorder what a terminal shows.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b.?")
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROLS_AND_BREAKS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def display_path(path: str | os.PathLike[str]) -> str:
    """A path as valid text: bytes that are not UTF-8 become ``\\xNN`` (never a lone surrogate)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def scrub(text: str | None) -> str | None:
    """Text that encodes as UTF-8: a lone surrogate (``"\\udc80"`` from JSON) becomes U+FFFD, NUL is dropped."""
    if text is None:
        return None
    return _SURROGATE.sub("\ufffd", text).replace("\x00", "")


def terminal_safe(text: str, keep_newlines: bool = False) -> str:
    """Text with escape sequences and control characters removed, for printing to a terminal.

    One line (breaks and tabs become spaces) unless ``keep_newlines``.
    """
    text = _ESCAPES.sub("", _SURROGATE.sub("\ufffd", text))
    if keep_newlines:
        return _CONTROLS.sub("", text)
    return _CONTROLS_AND_BREAKS.sub(" ", text)
