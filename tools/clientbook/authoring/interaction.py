"""Appending an interaction to a record's text, and marking a follow-up done, byte for byte.

The record is never re-serialised: the new lines are inserted at a place found from the
composed document's positions, in the layout the file already uses (block or flow list,
its indentation, its line endings), and every other byte is left as it was. The caller
checks the result by reading it back (`appended_data_matches`).
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from clientbook.core.yamlcompose import PlainTagLoader
from clientbook.util.lineend import line_end

_PLAIN_SAFE = re.compile(r"^[a-z][a-z0-9-]*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_BREAK = re.compile(r"\r\n|\n|\r")


class EditRefused(ValueError):
    """The record's text is not one clientbook can edit in place; the message says why."""


def scalar(value: Any) -> str:
    """A value as YAML text that every reader reads back as the same JSON value."""
    if value is True or value is False:
        return "true" if value else "false"
    text = str(value)
    if _DATE.match(text) or (_PLAIN_SAFE.match(text) and text not in _AMBIGUOUS):
        return text
    return json.dumps(text, ensure_ascii=False)


_AMBIGUOUS = {"yes", "no", "on", "off", "y", "n", "true", "false", "null", "inf", "nan"}


class _Text:
    """The record's text split into lines (each with its break), and its line-break style."""

    def __init__(self, raw: bytes) -> None:
        self.bom = raw.startswith(b"\xef\xbb\xbf")
        text = raw.decode("utf-8-sig")
        self.newline = line_end(text)
        self.lines = _lines(text)
        loader = PlainTagLoader(text)
        try:
            root = loader.get_single_node()
        except yaml.YAMLError as err:
            raise EditRefused(f"the file is not readable YAML: {str(err).splitlines()[0]}") from err
        finally:
            loader.dispose()
        if not isinstance(root, yaml.MappingNode) or root.flow_style:
            raise EditRefused("the record is not a block mapping; edit it by hand")
        self.root: yaml.MappingNode = root

    def offset(self, line: int, column: int) -> int:
        return sum(len(x) for x in self.lines[:line]) + column

    def joined(self) -> str:
        return "".join(self.lines)

    def result(self, text: str) -> bytes:
        return (b"\xef\xbb\xbf" if self.bom else b"") + text.encode("utf-8")

    def top(self, key: str) -> tuple[yaml.Node, yaml.Node] | None:
        found = None
        for k, v in self.root.value:
            if str(k.value) == key:
                found = (k, v)
        return found


def _lines(text: str) -> list[str]:
    out, start = [], 0
    for m in _BREAK.finditer(text):
        out.append(text[start : m.end()])
        start = m.end()
    if start < len(text):
        out.append(text[start:])
    return out


def _end_line(node: yaml.Node) -> int:
    """The 0-based line a node's text ends on: its last scalar's (not the comments after it)."""
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and not node.flow_style:
        if not node.value:
            break
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    mark = node.end_mark
    return mark.line - 1 if mark.column == 0 and mark.line > node.start_mark.line else mark.line


def _insert(doc: _Text, at: int, block: str) -> None:
    """Insert whole lines before line `at`, ending the line before it if the file did not."""
    if at > 0 and at - 1 < len(doc.lines) and not doc.lines[at - 1].endswith(("\n", "\r")):
        doc.lines[at - 1] += doc.newline
    doc.lines.insert(at, block)


def _block_item(fields: dict[str, Any], dash: int, newline: str) -> str:
    pad = " " * dash
    lines = [
        f"{pad}{'- ' if i == 0 else '  '}{k}: {scalar(v)}"
        for i, (k, v) in enumerate(fields.items())
    ]
    return "".join(line + newline for line in lines)


def _flow_item(fields: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{k}: {scalar(v)}" for k, v in fields.items()) + "}"


def append_item(raw: bytes, key: str, fields: dict[str, Any], key_order: list[str]) -> bytes:
    """`raw` with `fields` appended to the top-level list `key` (made where the schema orders it)."""
    doc = _Text(raw)
    found = doc.top(key)
    if found is None:
        return _new_key(doc, key, fields, key_order)
    key_node, value = found
    if isinstance(value, yaml.SequenceNode) and value.flow_style and value.value:
        last = value.value[-1].end_mark
        at = doc.offset(last.line, last.column)
        text = doc.joined()
        return doc.result(text[:at] + ", " + _flow_item(fields) + text[at:])
    if isinstance(value, yaml.SequenceNode) and value.value:
        first = value.value[0].start_mark
        dash = doc.lines[first.line].rfind("-", 0, first.column)
        if dash < 0:
            raise EditRefused(f"cannot find the '-' of {key}'s first item")
        after = _end_line(value.value[-1]) + 1
        _insert(doc, after, _block_item(fields, dash, doc.newline))
        return doc.result(doc.joined())
    empty = (isinstance(value, yaml.SequenceNode) and not value.value) or (
        isinstance(value, yaml.ScalarNode) and value.value == "" and not value.style
    )
    if not empty:
        raise EditRefused(f"'{key}' is not a list; fix it first (clientbook lint says how)")
    line = doc.lines[key_node.start_mark.line]
    if isinstance(value, yaml.SequenceNode):  # `key: []` becomes `key:` and the block list
        start, end = value.start_mark.column, value.end_mark.column
        if (
            value.start_mark.line != key_node.start_mark.line
            or value.end_mark.line != value.start_mark.line
        ):
            raise EditRefused(f"'{key}: []' spans lines; edit it by hand")
        line = line[:start].rstrip(" ") + line[end:]
    if not line.endswith(("\n", "\r")):
        line += doc.newline
    doc.lines[key_node.start_mark.line] = line
    indent = key_node.start_mark.column + _sequence_indent(doc)
    _insert(doc, key_node.start_mark.line + 1, _block_item(fields, indent, doc.newline))
    return doc.result(doc.joined())


def _sequence_indent(doc: _Text) -> int:
    """How far the file indents a top-level block list's '-' under its key (2 when none shows)."""
    for _, value in doc.root.value:
        if isinstance(value, yaml.SequenceNode) and not value.flow_style and value.value:
            first = value.value[0].start_mark
            return int(max(doc.lines[first.line].rfind("-", 0, first.column), 0))
    return 2


def _new_key(doc: _Text, key: str, fields: dict[str, Any], key_order: list[str]) -> bytes:
    """A new top-level `key:` with one item, before the first key the schema orders after it."""
    rank = {k: i for i, k in enumerate(key_order)}
    mine = rank.get(key, len(rank))
    later = [k for k, _ in doc.root.value if rank.get(str(k.value), len(rank)) > mine]
    block = key + ":" + doc.newline + _block_item(fields, _sequence_indent(doc), doc.newline)
    if later:
        at = later[0].start_mark.line
        while at > 0 and doc.lines[at - 1].lstrip().startswith("#"):
            at -= 1  # the comment above a key belongs to it
    else:
        at = len(doc.lines)
    _insert(doc, at, block)
    return doc.result(doc.joined())


def set_done(raw: bytes, key: str, index: int) -> bytes:
    """`raw` with `done: true` on item `index` of the top-level list `key`."""
    doc = _Text(raw)
    found = doc.top(key)
    if found is None or not isinstance(found[1], yaml.SequenceNode):
        raise EditRefused(f"the record has no '{key}' list")
    item = found[1].value[index]
    if not isinstance(item, yaml.MappingNode):
        raise EditRefused(f"{key}/{index} is not a mapping")
    for k, v in item.value:
        if str(k.value) == "done":
            start = doc.offset(v.start_mark.line, v.start_mark.column)
            end = doc.offset(v.end_mark.line, v.end_mark.column)
            text = doc.joined()
            return doc.result(text[:start] + "true" + text[end:])
    if item.flow_style:
        close = item.end_mark
        at = doc.offset(close.line, close.column) - 1  # before the closing brace
        text = doc.joined()
        return doc.result(text[:at].rstrip(" ") + ", done: true" + text[at:])
    column = item.start_mark.column
    _insert(doc, _end_line(item) + 1, " " * column + "done: true" + doc.newline)
    return doc.result(doc.joined())
