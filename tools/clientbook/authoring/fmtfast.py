"""Telling a canonical file from the text alone, so `fmt --check` need not round-trip it.

ruamel's round trip costs tens of milliseconds a file; most files in a repository that
runs `fmt` are canonical already. `already_canonical` reads the text line by line with a
small grammar of what `fmt` writes — block mappings at two spaces, sequences at an
offset of two, keys in the schema's order, one-line flow collections, quoted scalars
without escapes, plain scalars no YAML reader could take for anything else, literal and
folded blocks at their owner's indentation plus two, comments — and says True only when
every line fits it. Anything else (an escape, an anchor, a tab, a key out of order, a
plain scalar that looks like a number, a long line) is not decided here: the caller
formats the file the slow way, which also says why a file cannot be formatted. It is a
sufficient test, never a necessary one, and a differential test holds it to that: every
file it accepts, ruamel's round trip leaves as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from clientbook.core.repo import MODELINE
from clientbook.core.schemanav import resolve
from clientbook.util.lineend import CRLF, as_lf, line_end, with_line_end

MAX_LINE = 4000  # fmt writes with a width of 4096: nothing near it is folded or decided here
MAX_DEPTH = 20
_KEY = r"[A-Za-z_][A-Za-z0-9_]*"
_LINE = re.compile(rf"^( *)(- )?(?:({_KEY}):(?: (.*))?|(.*))$")
_COMMENT = re.compile(r"^ *#")
_END_COMMENT = re.compile(r"^(.*?\S) +#.*$")
_QUOTED_COMMENT = re.compile(r"""^("(?:[^"\\]|\\[n"\\])*"|'(?:[^']|'')*') +#.*$""")
_UNSAFE_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029\ufeff\t\r]")
_BLOCK = re.compile(r"^[|>]-?$")
_INT = re.compile(r"^(?:0|[1-9][0-9]{0,17})$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# ruamel writes a float back at the width it was read with, from its double: 15 digits at
# most come back as they were written (9.50 stays 9.50; 0.12345678901234567891 does not)
_FLOAT = re.compile(r"^(?:0|[1-9][0-9]*)\.[0-9]+$")
_FLOAT_DIGITS = 15
# escapes only as ruamel writes them back (others, \u00e9 say, come back as the character)
_DOUBLE = re.compile(r'^"(?:[^"\\]|\\[n"\\])*"$')
_SINGLE = re.compile(r"^'(?:[^']|'')*'$")
_UNKNOWN: dict[str, Any] = {}  # the schema of a key the schema does not have
_YAML11_WORDS = frozenset(
    ["y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", "nan", "inf"]
)  # any case: words some YAML reader turns into a bool, null or number


def _plain_ok(text: str) -> bool:
    """A plain scalar every YAML reader reads as what it says, and fmt writes as it is."""
    if text in ("true", "false", "null") or _INT.match(text) or _DATE.match(text):
        return True
    if _FLOAT.match(text):
        return len(text) - 1 <= _FLOAT_DIGITS
    first = text[0]
    # no YAML indicator is outside ASCII: „Балкан“, «Élan», ¿Qué? are plain to every reader
    # (a space, a format or private character there is not decided here)
    if not (first.isalpha() or (not first.isascii() and first.isprintable())):
        return False
    if text.lower() in _YAML11_WORDS:
        return False
    return ": " not in text and " #" not in text and not text.endswith(":")


def _flow_item_ok(text: str) -> bool:
    return bool(_DOUBLE.match(text) or _SINGLE.match(text)) or (
        bool(text) and "," not in text and "{" not in text and "[" not in text and _plain_ok(text)
    )


def _flow_ok(text: str, node: dict[str, Any], nav: _Nav) -> bool:
    """A one-line flow collection as ruamel writes it: `[a, b]` or `{k: v, k2: v2}`, keys in
    order, no nesting, no quotes holding a comma."""
    if text in ("[]", "{}"):
        return True
    inner = text[1:-1]
    if not inner or inner != inner.strip() or "  " in inner or '"' in inner or "'" in inner:
        return False
    parts = inner.split(", ")
    if text[0] == "[" and text[-1] == "]":
        return all(_flow_item_ok(p) for p in parts)
    if text[0] != "{" or text[-1] != "}":
        return False
    keys = []
    for part in parts:
        key, colon, value = part.partition(": ")
        if not colon or not re.fullmatch(_KEY, key) or not _flow_item_ok(value):
            return False
        keys.append(key)
    return len(set(keys)) == len(keys) and in_order(keys, nav.table(node))


def _value_ok(text: str, node: dict[str, Any], nav: _Nav) -> bool:
    quoted = text.startswith(("'", '"'))
    ended = (_QUOTED_COMMENT if quoted else _END_COMMENT).match(text)
    if ended:
        text = ended.group(1)
    if text[0] in "[{":
        return _flow_ok(text, node, nav)
    if text[0] == '"':
        return bool(_DOUBLE.match(text))
    if text[0] == "'":
        return bool(_SINGLE.match(text))
    return _plain_ok(text)


class _Nav:
    """A schema's properties, each node's looked up once: key -> (its rank, its schema).

    The same resolved node objects are handed out every time, so they key the table."""

    def __init__(self, schema: dict[str, Any]) -> None:
        self.schema = schema
        self.root = resolve(schema, schema)
        self.tables: dict[int, tuple[dict[str, Any], dict[str, tuple[int, dict[str, Any]]]]] = {}
        self.items_of: dict[int, dict[str, Any]] = {}

    def table(self, node: dict[str, Any]) -> dict[str, tuple[int, dict[str, Any]]]:
        found = self.tables.get(id(node))
        if found is None:
            properties = node.get("properties") or {}
            table = {k: (n, resolve(v, self.schema)) for n, (k, v) in enumerate(properties.items())}
            found = self.tables[id(node)] = (node, table)
        return found[1]

    def items(self, node: dict[str, Any]) -> dict[str, Any]:
        found = self.items_of.get(id(node))
        if found is None:
            found = self.items_of[id(node)] = resolve(node.get("items", {}), self.schema)
            self.tables.setdefault(id(found), (found, self.table(found)))
        return found


_NAVS: dict[int, tuple[dict[str, Any], _Nav]] = {}


def _nav(schema: dict[str, Any]) -> _Nav:
    found = _NAVS.get(id(schema))
    if found is None or found[0] is not schema:
        found = _NAVS[id(schema)] = (schema, _Nav(schema))
    return found[1]


def in_order(keys: list[str], table: dict[str, tuple[int, dict[str, Any]]]) -> bool:
    """The known keys in the schema's order (fmtorder.canonical_order would keep them)."""
    last = -1
    for key in keys:
        known = table.get(key)
        if known is not None:
            if known[0] <= last:
                return False
            last = known[0]
    return True


@dataclass
class _Frame:
    indent: int  # the column of its keys (a mapping) or dashes (a sequence)
    kind: str  # "map" or "seq"
    node: dict[str, Any]  # its schema
    keys: set[str] = field(default_factory=set)
    last: int = -1  # the rank of the last known key


class _Reader:
    def __init__(self, schema: dict[str, Any]) -> None:
        self.nav = _nav(schema)
        self.stack = [_Frame(0, "map", self.nav.root)]
        # inside a literal or folded block: (its owner's column, its content's column, whether
        # a content line was seen)
        self.block: tuple[int, int, bool] | None = None
        self.opened: tuple[int, dict[str, Any]] | None = None  # a key waiting for its block

    def line(self, text: str) -> bool:
        indent = len(text) - len(text.lstrip(" "))
        if self.block is not None:
            owner, column, seen = self.block
            if not text.strip():
                # a blank line holding spaces is written without them; a block that starts with
                # a line break is written with an indentation indicator (`|2`)
                return not text and seen
            if indent > owner:
                # its first line sets the block's indentation; fmt writes it at `column`
                self.block = (owner, column, True)
                return indent >= column and (seen or indent == column)
            if not seen:
                return False
            self.block = None
        if not text or _COMMENT.match(text):
            return True
        found = _LINE.match(text)
        if found is None or len(self.stack) > MAX_DEPTH:
            return False
        dash, key, value, item = found.group(2), found.group(3), found.group(4), found.group(5)
        return self._content(indent, dash is not None, key, value, item)

    def _content(
        self, indent: int, dash: bool, key: str | None, value: str | None, item: str | None
    ) -> bool:
        if self.opened is not None:
            owner, node = self.opened
            self.opened = None
            if dash and indent == owner + 2:
                self.stack.append(_Frame(indent, "seq", node))
            elif not dash and indent == owner + 2 and key is not None:
                self.stack.append(_Frame(indent, "map", node))
            else:
                return False
        while self.stack and self.stack[-1].indent > indent:
            self.stack.pop()
        if not self.stack:
            return False
        top = self.stack[-1]
        if dash:
            return self._item(top, indent, key, value, item)
        if top.kind != "map" or top.indent != indent or key is None:
            return False
        return self._pair(top, indent, key, value)

    def _item(
        self, top: _Frame, indent: int, key: str | None, value: str | None, item: str | None
    ) -> bool:
        if top.kind != "seq" or top.indent != indent:
            return False
        items = self.nav.items(top.node)
        if key is None:
            if item is None or not item:
                return False
            if _BLOCK.match(item):
                self.block = (indent, indent + 2, False)
                return True
            return _value_ok(item, items, self.nav)
        mapping = _Frame(indent + 2, "map", items)
        self.stack.append(mapping)
        return self._pair(mapping, indent + 2, key, value)

    def _pair(self, top: _Frame, indent: int, key: str, value: str | None) -> bool:
        if key in top.keys:
            return False
        top.keys.add(key)
        known = self.nav.table(top.node).get(key)
        if known is not None:
            if known[0] <= top.last:
                return False  # out of the schema's order
            top.last = known[0]
        node = known[1] if known is not None else _UNKNOWN
        if value is None or value == "":
            self.opened = (indent, node)
            return True
        if _BLOCK.match(value):
            self.block = (indent, indent + 2, False)
            return True
        return _value_ok(value, node, self.nav)

    def finish(self) -> bool:
        # a key left without a value is a null, which fmt writes as `key:`; a block with no
        # line is decided the slow way
        return self.block is None or self.block[2]


def already_canonical(text: str, schema: dict[str, Any], lead: str = MODELINE) -> bool:
    """True when `fmt` would leave `text` exactly as it is (False: not decided here); `lead` is
    the modeline the file's depth asks for (core.repo.modeline)."""
    if "\r" in text:  # canonical with CR LF when every line ends so (fmt keeps the file's ends)
        lf = as_lf(text)
        if line_end(text) == "\n" or with_line_end(lf, CRLF) != text:
            return False
        text = lf
    if not text.startswith(lead + "\n") or not text.endswith("\n") or text.endswith("\n\n"):
        return False
    if _UNSAFE_CHARS.search(text) or " \n" in text or "\n---" in text or "\n..." in text:
        return False
    reader = _Reader(schema)
    lines = text[len(lead) + 1 : -1].split("\n")
    return all(len(line) < MAX_LINE and reader.line(line) for line in lines) and reader.finish()
