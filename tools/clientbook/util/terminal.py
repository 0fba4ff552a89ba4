"""Text for a terminal: control characters and bidi overrides are shown, never obeyed.

A record value, a file name or a commit message can hold ESC sequences (CSI, OSC: set
the window title, clear the screen, write a link), BEL, a backspace or carriage return
(overwrite what was printed), a newline (print a line of its own), C1 controls, or
Unicode bidi overrides and isolates (show text in an order other than its own). Every
text writer passes what it prints through `printable`, which writes these as Python
would (`\\x1b`, `\\r`, `\\u202e`); JSON, SARIF and CSV keep the data as it is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TextIO

# C0 controls (tab and newline included: a value must not start a line of its own),
# DEL, C1 controls, and the bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069)
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SHORT = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _SHORT:
        return _SHORT[char]
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with every control character and bidi override written as an escape."""
    return _UNSAFE.sub(_escape, text)


def wants_colour(choice: str, stream: TextIO, environ: Mapping[str, str]) -> bool:
    """--color always / never decide; auto colours a terminal unless NO_COLOR is set to
    anything (https://no-color.org) or TERM is "dumb". An explicit --color always wins
    over NO_COLOR, as the convention asks."""
    if choice != "auto":
        return choice == "always"
    if environ.get("NO_COLOR") or environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
