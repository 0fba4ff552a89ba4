"""A text file's line ends, which every command that rewrites the file keeps.

A checkout on Windows (core.autocrlf) gives every line CR LF. A rewrite that
wrote "\n" where the file had "\r\n" would show every line as changed, or,
where the text kept some of its own lines (ruamel keeps comments as written),
leave a file with both.
"""

from __future__ import annotations

CRLF = "\r\n"


def line_end(text: str) -> str:
    """The line break a rewrite of `text` ends its lines with: its first line's, "\\r\\n" or
    "\\n" (as black and ruff format decide); "\\n" for a text of one line."""
    first = text.find("\n")
    return CRLF if first > 0 and text[first - 1] == "\r" else "\n"


def as_lf(text: str) -> str:
    """`text` with each CR LF a line feed (to YAML the same text: CR LF is one line break)."""
    return text.replace(CRLF, "\n") if "\r" in text else text


def with_line_end(text: str, end: str) -> str:
    """`text`, whose lines end in "\\n", with each line ending in `end`."""
    return text if end == "\n" else text.replace("\n", end)
