"""The YAML 1.2 core schema reading of plain scalars, as JSON data.

PyYAML resolves by YAML 1.1 rules, so this reading is ours: only true/false
are booleans, dates stay text, and a number JSON cannot hold stays text.
"""

from __future__ import annotations

import math
import re
from typing import Any

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
        return int(text)
    if INT8.match(text):
        return int(text[2:], 8)
    if INT16.match(text):
        return int(text[2:], 16)
    if FLOAT.match(text):
        number = float(text)
        return text if math.isinf(number) else number  # 1e999: no JSON number can hold it
    return text
