"""How the site state keeps a part of a client's summary: marshal where it can, else pickle.

An update in place reads one or two parts of every client's summary (the dashboard's, the
owner and team pages'): 20,000 small values at 10,000 clients. Summaries are plain data
(strings, numbers, tuples, a dict), which marshal writes and reads back twice as fast as
pickle. marshal refuses a subclass (a NamedTuple, markupsafe's Markup), which then goes
to pickle, so every value comes back as the type it was. The state's format names the
Python version, so marshal's own format never has to be read by another one.
"""

from __future__ import annotations

import marshal
import pickle
from typing import Any

_MARSHAL = b"M"
_PICKLE = b"P"


def encode_part(value: Any) -> bytes:
    """`value` as the state keeps it."""
    try:
        return _MARSHAL + marshal.dumps(value)
    except ValueError:  # a type marshal does not write as itself
        return _PICKLE + pickle.dumps(value, pickle.HIGHEST_PROTOCOL)


def decode_part(blob: bytes) -> Any:
    """The value `encode_part` kept."""
    body = memoryview(blob)[1:]
    return marshal.loads(body) if blob[:1] == _MARSHAL else pickle.loads(body)
