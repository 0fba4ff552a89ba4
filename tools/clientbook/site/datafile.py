"""How the directory's data files are written: one line of script, lists of rows compact.

Each file is a call `clientbookDirectory(NAME, DATA)`, DATA in JSON. A list of
row numbers (ascending) is written as each one's difference from the one
before, the first from 0 (`[12,3,40]`), or, when it holds more than one row in
BITMAP, as a bitmap of every row in base64 (a string: bit r%8 of byte r//8 for
row r), whichever is shorter: a word half the clients have ("example" in every
email) takes an eighth of a byte a row instead of two.
"""

from __future__ import annotations

import base64
import collections
import itertools
import json
import operator
import struct
from collections.abc import Iterable, Sequence
from typing import Any

_CALL = "clientbookDirectory("
BITMAP = 16  # a list of more than one row in this many is written as a bitmap


def script(name: str, payload: str) -> str:
    """A data file's text: one line calling the page's registration function."""
    return f"{_CALL}{json.dumps(name)},{payload});"


def payload_of(text: str) -> Any:
    """The data a file written by `script` carries."""
    start = text.index(",", len(_CALL)) + 1
    return json.loads(text[start : text.rindex(")")])


def compact(value: Any) -> str:
    """JSON without spaces; <, >, & and ' escaped, as in the data a page embeds, so that a
    file's text cannot close an element even if a page ever carried it inline."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in _HTML_SAFE:
        if char in text:  # seldom: replace() only then, str.translate() costs a lookup a char
            text = text.replace(char, escaped)
    return text


_HTML_SAFE = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027"))


def deltas(rows: Sequence[int]) -> str:
    """Ascending row numbers as the differences from the one before (the first from 0)."""
    if not rows:
        return "[]"
    steps = map(operator.sub, itertools.islice(rows, 1, None), rows)
    return f"[{rows[0]},{','.join(map(str, steps))}]" if len(rows) > 1 else f"[{rows[0]}]"


def undeltas(steps: Iterable[int]) -> list[int]:
    total, out = 0, []
    for step in steps:
        total += step
        out.append(total)
    return out


def rows_list(rows: Sequence[int], count: int) -> str:
    """Ascending row numbers (of `count` rows) as a data file writes them: steps or a bitmap."""
    if len(rows) * BITMAP <= count:
        return deltas(rows)
    return '"' + base64.b64encode(bitmap(rows, count)).decode("ascii") + '"'


_GATHER = 0x0102040810204080  # times 8 bytes of 0 or 1: those 8 bits in its top byte
_WORD = (1 << 64) - 1


def bitmap(rows: Iterable[int], count: int) -> bytes:
    """Bit r%8 of byte r//8 set for each row r: a byte a row set first (in C, by map), then each
    8 of them gathered into one by a multiplication, rather than a Python step a row."""
    flags = bytearray(-(-count // 8) * 8)
    collections.deque(map(flags.__setitem__, rows, itertools.repeat(1)), maxlen=0)
    words = struct.iter_unpack("<Q", flags)
    return bytes(((word * _GATHER) & _WORD) >> 56 for (word,) in words)[: (count + 7) // 8]


def read_rows(value: list[int] | str) -> list[int]:
    """The row numbers a data file's list (steps or a bitmap) holds."""
    if isinstance(value, list):
        return undeltas(value)
    bits = base64.b64decode(value)
    return [
        n * 8 + bit for n, byte in enumerate(bits) if byte for bit in range(8) if byte >> bit & 1
    ]
