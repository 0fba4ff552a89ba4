"""JSON text of clientbook's own data, written by orjson where it can.

The history cache keeps every version's commit, changes and summary as JSON, and
each record's latest data: 44,000 versions and 10,000 records at 10,000 clients
by 20,000 commits. `json.dumps` took 1.7 s of that read's CPU, orjson (Rust) a
fifth of it. orjson refuses what json writes (an integer past 64 bits, a string
with a lone surrogate from a file that is not UTF-8); those go to `json.dumps`.
orjson would write a NaN or an infinity as null where json writes NaN; no record
holds one, as the loader reads `.nan`, `.inf` and `1e999` as text
(tests/history/test_store_json.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

_orjson_dumps: Callable[[Any], bytes] | None
try:
    from orjson import dumps as _orjson_dumps
except ImportError:  # an accelerator only
    _orjson_dumps = None


def dumps(value: Any) -> str:
    """`value` as compact JSON text, characters outside ASCII written as they are."""
    if _orjson_dumps is not None:
        try:
            return _orjson_dumps(value).decode()
        except TypeError:  # orjson.JSONEncodeError is a TypeError
            pass
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
