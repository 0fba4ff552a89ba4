"""Content lines, the text format vCard (RFC 6350) and iCalendar (RFC 5545) share.

`NAME;PARAM=VALUE:value`, TEXT values escaped (backslash, comma, semicolon,
newline as \\n; other control characters but TAB dropped), lines folded at
75 octets without splitting a UTF-8 character or an escape pair, CR LF ends.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

CRLF = "\r\n"
MAX_OCTETS = 75

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # keeps TAB; CR and LF are handled first
_SPECIAL = re.compile(r"[\x00-\x1f\x7f\\,;]")  # anything escaped or dropped below
_UNIT = re.compile(r"\\.|.", re.DOTALL)  # an escape pair, or one code point


def escape_text(value: object) -> str:
    """A TEXT value (or one component of a structured value), escaped for a content line."""
    text = "" if value is None else str(value)
    if not _SPECIAL.search(text):  # most values: one scan instead of seven
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def fold(line: str) -> str:
    """One content line, folded to lines of at most 75 octets, each ending in CR LF."""
    if line.isascii():  # one octet a character: cut by position
        return _fold_ascii(line)
    out: list[str] = []
    current, size = "", 0
    for unit in _UNIT.findall(line):
        octets = len(unit.encode("utf-8"))
        if size + octets > MAX_OCTETS:
            out.append(current)
            current, size = " ", 1
        current += unit
        size += octets
    out.append(current)
    return "".join(part + CRLF for part in out)


def content_line(name: str, value: str, params: Sequence[tuple[str, str]] = ()) -> str:
    """NAME;PARAM=VALUE:value, folded. `value` must already be escaped as its type needs."""
    head = name + "".join(f";{key}={val}" for key, val in params)
    return fold(f"{head}:{value}")


def _fold_ascii(line: str) -> str:
    if len(line) <= MAX_OCTETS:  # most lines: nothing to fold
        return line + CRLF
    out: list[str] = []
    start, room = 0, MAX_OCTETS
    while len(line) - start > room:
        end = start + room
        # never cut an escape pair: an odd run of backslashes before the cut ends in half of one
        run = len(line[start:end]) - len(line[start:end].rstrip("\\"))
        if run % 2:
            end -= 1
        out.append(line[start:end])
        start, room = end, MAX_OCTETS - 1  # continuation lines begin with a space
    out.append(line[start:])
    return out[0] + CRLF + "".join(" " + part + CRLF for part in out[1:])
