"""The YAML 1.2 core schema reading of plain scalars, as JSON data.

PyYAML resolves by YAML 1.1 rules, so this reading is ours: only true/false
are booleans, dates stay text, and a number JSON cannot hold stays text.
"""

from __future__ import annotations

import math
import re
from typing import Any

MAX_DEPTH = 64  # a client record nests four or five levels; deeper is a mistake or an attack

# Plain scalars starting with a letter are text, except these (YAML 1.2 null and
# booleans, and the YAML 1.1 booleans that are traps).
SPECIAL_WORDS = frozenset(
    [
        "null",
        "Null",
        "NULL",
        "true",
        "True",
        "TRUE",
        "false",
        "False",
        "FALSE",
        "y",
        "Y",
        "yes",
        "Yes",
        "YES",
        "n",
        "N",
        "no",
        "No",
        "NO",
        "on",
        "On",
        "ON",
        "off",
        "Off",
        "OFF",
    ]
)

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT10 = re.compile(r"^[-+]?[0-9]+$")
# The traps need these too: a text the 1.2 reading makes a number may be read otherwise by 1.1.
INT8 = re.compile(r"^0o[0-7]+$")
INT16 = re.compile(r"^0x[0-9a-fA-F]+$")
FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")


def resolve_plain(text: str) -> Any:
    """The YAML 1.2 core schema reading of a plain scalar, as JSON data."""
    if _NULL.match(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT10.match(text):
        return _integer(text, text, 10)
    if INT8.match(text):
        return _integer(text, text[2:], 8)
    if INT16.match(text):
        return _integer(text, text[2:], 16)
    if FLOAT.match(text):
        number = float(text)
        return text if math.isinf(number) else number  # 1e999: no JSON number can hold it
    return text


def _integer(text: str, digits: str, base: int) -> int | str:
    """The integer, or the text when it has more decimal digits than Python reads or writes
    (sys.get_int_max_str_digits(), 4,300 by default): like 1e999, no number JSON can hold."""
    try:
        value = int(digits, base)
        if base != 10:
            str(value)  # the same limit, met when the value is written out (a cache, a message)
    except ValueError:
        return text
    return value
