"""The fast path's proof that yaml-rs's data is ours: keys, depth, and every scalar that is not text.

yaml-rs reads plain scalars by the YAML 1.2 core schema, as we do, except
in corners (`0b101`, `1_000`, `.inf`, `1e999`), and it cannot tell a plain
`yes` from a quoted one. Both readers agree that a scalar is text unless its
text is one of the tokens `_CANDIDATE` finds. So:

- the values yaml-rs made that are neither text nor null (numbers and
  true/false), in document order, must be exactly those our reading gives
  the candidate tokens, in text order: a scalar either reader resolves
  differently, a candidate that is not a scalar (a number alone on a line of
  a block scalar) or a scalar the scan missed makes the two lists differ;
- no candidate may be a trap. The traps that stay text to both readers
  (yes/no/on/off, 12:30, some underscore numbers) are why the scan must miss
  no plain scalar: it takes every token that could be one of them wherever a
  plain scalar can start in the text the gate lets through.

Null needs no check: both readers read exactly ~, null, Null, NULL and the
empty scalar as null (tests/core/test_yaml_differential_scalars.py).
"""

from __future__ import annotations

import functools
import math
import re
from typing import Any

from clientbook.core.yamlbuild import MAX_DEPTH, SPECIAL_WORDS
from clientbook.core.yamlscalars import resolve_plain
from clientbook.core.yamltraps import plain_trap

_TOKEN = r"[-+.0-9A-Za-z_:~]"
_END = r"(?=[ ]*(?:[\n#,\]}:]|\Z))"  # what may follow a whole plain scalar, and more
# A token's first character comes first, so that the engine skips to it; the one before it
# must be a space, a line break, a flow indicator or ':' (`_starts_value` looks further back).
# Then either a number-like token that is not a date (text to both readers, never a trap, and
# most of a record's candidates), or a word that may be a YAML 1.1 or 1.2 boolean.
_CANDIDATE = re.compile(
    rf"[-+.0-9yYnNoOtTfF](?<=[ \n\[{{,:].)"
    rf"(?:(?<=[-+.0-9])(?!(?<=[0-9])[0-9]{{3}}-{_TOKEN}{{2}}-{_TOKEN}{{2}}{_END}){_TOKEN}*"
    rf"|(?<=[yYnNoOtTfF])(?:es|ES|o|O|n|N|ff|FF|rue|RUE|alse|ALSE)?){_END}"
)
# Of the words, those our reading makes true/false or a trap (null is left out, see above).
_WORDS = SPECIAL_WORDS - {"null", "Null", "NULL"}


_BLOCK_STARTS = frozenset("\n")
_FLOW_STARTS = frozenset("\n[{,")


def scalars_agree(data: dict[str, Any], text: str) -> bool:
    """Whether yaml-rs's `data` for `text` is exactly what the full path builds, with no trap."""
    found: list[Any] = []
    if not _leaves(data, 0, found):
        return False
    wanted = _candidate_values(text)
    if wanted is None or len(wanted) != len(found):
        return False
    return all(_same(a, b) for a, b in zip(wanted, found, strict=True))


def _leaves(node: dict[str, Any] | list[Any], depth: int, out: list[Any]) -> bool:
    """Collect the values that are neither text nor null; False for a key that is not text,
    or a value deeper than the full path builds (it refuses a node at depth MAX_DEPTH + 1)."""
    if type(node) is dict:
        for key in node:
            if type(key) is not str:
                return False
        values: Any = node.values()
    else:
        values = node
    if depth >= MAX_DEPTH and node:
        return False
    for value in values:
        kind = type(value)
        if kind is str or value is None:
            continue
        if kind is dict or kind is list:
            if not _leaves(value, depth + 1, out):
                return False
        else:
            out.append(value)
    return True


def _candidate_values(text: str) -> list[Any] | None:
    """Our reading of each candidate that is not text or null, in order; None at a trap."""
    out = []
    # ',' separates values only inside a flow collection; in prose ("EUR 1,200") it does not
    starts = _FLOW_STARTS if "[" in text or "{" in text else _BLOCK_STARTS
    for match in _CANDIDATE.finditer(text):
        if not _starts_value(text, match.start(), starts):
            continue
        token = match.group()
        if token[0].isalpha() and token not in _WORDS:
            continue
        value, trap = _reading(token) if len(token) <= 40 else _read(token)
        if trap:
            return None
        if value is not None and type(value) is not str:
            out.append(value)
    return out


def _read(token: str) -> tuple[Any, bool]:
    """Our reading of a plain scalar, and whether it is a trap."""
    value = resolve_plain(token)
    return value, plain_trap(token, value) is not None


# The same few tokens (true, 1, 3.5) are most candidates of every file; long ones are not kept.
_reading = functools.lru_cache(maxsize=4096)(_read)


def _starts_value(text: str, start: int, starts: frozenset[str]) -> bool:
    """Whether a plain scalar may start at `start`: after a line break or flow indicator, after
    ': ' or '- ' (any spaces), or right after the ':' of a quoted or flow key ("a":1)."""
    before = start - 1
    while before >= 0 and text[before] == " ":
        before -= 1
    if before < 0 or text[before] in starts:
        return True
    if text[before] not in ":-":
        return False
    return before < start - 1 or (
        text[before] == ":" and before > 0 and text[before - 1] in "\"']}"
    )


def _same(ours: Any, theirs: Any) -> bool:
    if type(ours) is not type(theirs) or ours != theirs:
        return False
    return type(ours) is not float or math.copysign(1.0, ours) == math.copysign(1.0, theirs)
