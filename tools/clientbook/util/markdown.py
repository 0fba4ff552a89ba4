"""Markdown-safe text: record content must not become markup or HTML in a comment or summary."""

from __future__ import annotations

import re

_SPECIAL = "\\`*_{}[]()<>#+!|~"
_BACKTICKS = re.compile(r"`+")


def escape(text: str) -> str:
    for char in _SPECIAL:
        text = text.replace(char, "\\" + char)
    return " ".join(text.split())


def code(text: str) -> str:
    """`text` as one code span in a GitHub table cell, whatever it holds.

    Backslashes do not escape inside a code span, so the fence is a run of
    backticks longer than any inside (padded with a space when the text starts
    or ends with one); a pipe is written `\\|`, which the table reads as part of
    the cell before the span is read; a line break would end the table row, so
    it becomes a space, as a code span shows it anyway.
    """
    text = " ".join(re.split(r"\r\n|\r|\n", text)).replace("|", "\\|")
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(text)), default=0) + 1)
    pad = " " if text.startswith(("`", " ")) or text.endswith(("`", " ")) else ""
    return f"{fence}{pad}{text}{pad}{fence}"
