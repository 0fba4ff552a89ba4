"""The fast path's proof that yaml-rs's data is ours: keys, depth, and every scalar that is not text.

yaml-rs reads plain scalars by the YAML 1.2 core schema, as we do, except
in corners (`0b101`, `1_000`, `.inf`, `1e999`), and it cannot tell a plain
`yes` from a quoted one. Both readers agree that a scalar is text unless its
text is one of the tokens `_candidates` finds. So:

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

from clientbook.core.yamlscalars import MAX_DEPTH, SPECIAL_WORDS, resolve_plain
from clientbook.core.yamltraps import plain_trap

_TOKEN = r"[-+.0-9A-Za-z_:~]"
_END = r"(?=[ ]*(?:[\n#,\]}:]|\Z))"  # what may follow a whole plain scalar, and more
# A candidate: a number-like token that is not a date (text to both readers, never a trap, and
# most of a record's candidates), or a word that may be a YAML 1.1 or 1.2 boolean.
CANDIDATE = (
    rf"(?P<v>[-+.0-9](?!(?<=[0-9])[0-9]{{3}}-{_TOKEN}{{2}}-{_TOKEN}{{2}}{_END}){_TOKEN}*"
    rf"|[yYnNoOtTfF](?:es|ES|o|O|n|N|ff|FF|rue|RUE|alse|ALSE)?){_END}"
)
# Where a plain scalar may start: at the start of the text, after a line break, after ': ' or
# '- ' (then any spaces), right after the ':' of a quoted or flow key ("a":1), and in a text
# with a flow collection after '[', '{' or ','. ("EUR 1,200" is prose: ',' separates values
# only inside a flow collection.) Each context is its own expression led by its one character,
# which the engine finds as fast as `str.find`: one expression led by a class of characters
# stopped at every o, n, t, f and digit of the prose, and took twice as long.
_AT_START = re.compile(rf"[ ]*+{CANDIDATE}")
_BLOCK_CONTEXTS = (
    re.compile(rf"\n[ ]*+{CANDIDATE}"),
    re.compile(rf":(?:[ ]++|(?<=[\"'\]}}]:)){CANDIDATE}"),
    re.compile(rf"-[ ]++{CANDIDATE}"),
)
_FLOW_CONTEXTS = tuple(re.compile(rf"{lead}[ ]*+{CANDIDATE}") for lead in (r"\[", r"\{", ","))
# In a flow collection yaml-rs reads `[|]`, `{>: 1}` and `{k: |\n}` as plain text, which libyaml
# refuses. Outside one no plain scalar starts with these, and a quoted text that does only takes
# the full path.
_FLOW_ONLY = "|>"
# Of the words, those our reading makes true/false or a trap (null is left out, see above).
_WORDS = SPECIAL_WORDS - {"null", "Null", "NULL"}


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
    a text yaml-rs may have read where libyaml refuses (see `_FLOW_ONLY`), or a value deeper
    than the full path builds (it refuses a node at depth MAX_DEPTH + 1)."""
    if type(node) is dict:
        for key in node:
            if type(key) is not str or (key and key[0] in _FLOW_ONLY):
                return False
        values: Any = node.values()
    else:
        values = node
    if depth >= MAX_DEPTH and node:
        return False
    for value in values:
        kind = type(value)
        if kind is str:
            if value and value[0] in _FLOW_ONLY:  # inline: a call per text costs 15 µs a file
                return False
            continue
        if value is None:
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
    for token in _candidates(text):
        if token[0].isalpha() and token not in _WORDS:
            continue
        value, trap = _reading(token) if len(token) <= 40 else _read(token)
        if trap:
            return None
        if value is not None and type(value) is not str:
            out.append(value)
    return out


def _candidates(text: str) -> list[str]:
    """Every candidate token where a plain scalar may start, in text order.

    A position has one context (the first character before it that is not a space), so no
    token is found twice.
    """
    contexts = _BLOCK_CONTEXTS + _FLOW_CONTEXTS if "[" in text or "{" in text else _BLOCK_CONTEXTS
    found = []
    first = _AT_START.match(text)
    if first is not None:
        found.append((first.start("v"), first.group("v")))
    for context in contexts:
        found += [(m.start("v"), m.group("v")) for m in context.finditer(text)]
    found.sort()
    return [token for _, token in found]


def _read(token: str) -> tuple[Any, bool]:
    """Our reading of a plain scalar, and whether it is a trap."""
    value = resolve_plain(token)
    return value, plain_trap(token, value) is not None


# The same few tokens (true, 1, 3.5) are most candidates of every file; long ones are not kept.
_reading = functools.lru_cache(maxsize=4096)(_read)


def _same(ours: Any, theirs: Any) -> bool:
    if type(ours) is not type(theirs) or ours != theirs:
        return False
    return type(ours) is not float or math.copysign(1.0, ours) == math.copysign(1.0, theirs)
