"""Positions in a text the fast path read, composing only the top-level entry a finding is in.

A file the fast path read has no composed node, and `PositionIndex` composes the whole
text with libyaml to place a finding: about 2 ms for a record of 150 lines, most of
what placing costs. Yet every top-level key of a record is a line that starts at the
margin, and the entry it starts runs to the next such line; libyaml reads the entry
alone exactly as it reads it in the whole text, the lines counted from its first. So
`FastPositions` composes only the entries its findings are in.

That holds when the lines at the margin are exactly the record's keys: each of them,
other than comments and the items of a list written at the margin, must be a plain
key (`name:`), and together, in order, the keys of the data. A line that only looks
like a key (inside a quoted text running over several lines, or a flow collection)
is one too many; a key written otherwise (quoted, or a flow mapping) fails the form.
Then, and when an entry does not compose to one mapping of that one key, the whole
text is composed as before.

A finding inside an item of a long list (an interaction's follow-up) composes that
item alone, read the same way: the lines of the list at its items' indentation must
be exactly its items, each a '-', and none further left; each item then runs to the
next, and composes to a list of that one item. Otherwise the entry is composed.
tests/core/test_yaml_fast_positions.py compares the three with PositionIndex on every
value and key (and one step past each) of the samples, the YAML test suite's cases and
generated records.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from clientbook.core.yamlfastgate import document_body
from clientbook.core.yamlpositions import Position, PositionIndex

# PyYAML is imported where a part is first composed (yamlpositions says why)
if TYPE_CHECKING:
    import yaml

_MARGIN = re.compile(r"^[^ \n#][^\n]*", re.MULTILINE)  # lines that start at the margin
_OTHER_BREAKS = ("\r", "\x85", "\u2028", "\u2029")  # line breaks to libyaml besides "\n"
_LINE = re.compile(r"[^\n]*\n?")  # one line, from where the match starts
_ITEM = re.compile(r"-(?: |$)")  # a list's item: '-', then a space or the line's end
_EXPLICIT_KEY = re.compile(r"(?:^|[ \[{,])\?(?: |$)", re.MULTILINE)  # `? key`, a value to follow
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: [^\n]*)?")  # a plain key, and its value


_Part = tuple[PositionIndex, int]  # a part's own index, and the lines before the part


class FastPositions:
    """PositionIndex's lookups for `text`, which loads to `data` (a mapping), composed in parts."""

    def __init__(self, text: str, data: dict[str, Any]) -> None:
        # as the fast path reads it: CR LF as "\n", the document's markers blank (same lines,
        # same columns), so that the lines at the margin are the keys
        body = document_body(text.encode())
        self.text = text = text if body is None else body.decode()
        self.data = data
        self.keys = list(data)
        # lines counted as libyaml counts them: a text with another line break is composed whole
        plain_breaks = not any(c in text for c in _OTHER_BREAKS)
        self.starts = _entries(text, self.keys) if plain_breaks else None
        self._whole: PositionIndex | None = None
        self._parts: dict[int, _Part | None] = {}
        self._items: dict[tuple[int, int], _Part | None] = {}

    def lookup(self, pointer: str, *, on_key: bool = False) -> Position:
        """The position of `pointer`, or of its nearest existing ancestor (as PositionIndex)."""
        if self.starts is None:
            return self.whole().lookup(pointer, on_key=on_key)
        entry = _entry(self.keys, pointer)
        if entry is None:  # the record as a whole: its first key, at the margin
            return Position(self.text.count("\n", 0, self.starts[0]) + 1, 1)
        item = self._item_pointer(entry, pointer)
        if item is not None:  # below an item of a list: that item alone
            part = self._item(entry, item[0])
            if part is not None:
                return _moved(part, item[1], on_key)
        part = self._part(entry)
        if part is None:
            return self.whole().lookup(pointer, on_key=on_key)
        return _moved(part, pointer, on_key)

    def whole(self) -> PositionIndex:
        if self._whole is None:
            self._whole = PositionIndex(self.text)
        return self._whole

    def _span(self, entry: int) -> tuple[int, int]:
        assert self.starts is not None
        end = self.starts[entry + 1] if entry + 1 < len(self.starts) else len(self.text)
        return self.starts[entry], end

    def _part(self, entry: int) -> _Part | None:
        """The entry's own index and the lines before it; None when it does not compose alone."""
        if entry not in self._parts:
            import yaml

            from clientbook.core.yamlcompose import node_of

            start, end = self._span(entry)
            node = node_of(self.text[start:end])
            self._parts[entry] = None
            if (
                isinstance(node, yaml.MappingNode)
                and len(node.value) == 1
                and isinstance(node.value[0][0], yaml.ScalarNode)
                and node.value[0][0].value == self.keys[entry]
            ):
                self._parts[entry] = self._indexed(start, end, node)
        return self._parts[entry]

    def _item_pointer(self, entry: int, pointer: str) -> tuple[int, str] | None:
        """(item, the pointer within a one-item list) when `pointer` goes into an item of the
        entry's list, read as PositionIndex reads an index; None otherwise."""
        items = self.data[self.keys[entry]]
        rest = pointer[len(self.keys[entry]) + 1 :]
        index, _, within = rest.partition("/")
        if not isinstance(items, list) or not index.isdigit() or int(index) >= len(items):
            return None
        return int(index), f"0/{within}" if within else "0"

    def _item(self, entry: int, item: int) -> _Part | None:
        """The item's own index, as a list of one item; None when it cannot be read alone."""
        key = (entry, item)
        if key not in self._items:
            self._items[key] = None
            starts = self._item_starts(entry)
            if starts is not None:
                import yaml

                from clientbook.core.yamlcompose import node_of

                start, end = starts[item], starts[item + 1]
                node = node_of(self.text[start:end])
                if isinstance(node, yaml.SequenceNode) and len(node.value) == 1:
                    self._items[key] = self._indexed(start, end, node)
        return self._items[key]

    def _item_starts(self, entry: int) -> list[int] | None:
        """Where each item of the entry's block list starts, and where the entry ends: when
        the lines at the list's indentation are exactly its items, and none is to the left."""
        start, end = self._span(entry)
        at = self.text.index("\n", start) + 1 if "\n" in self.text[start:end] else end
        value = self.text[start:at].split(":", 1)[1].strip()  # the key is plain: no ':' in it
        if value and not value.startswith("#"):
            return None  # not a block list (`tags: [a,\n  - b]` is a flow one over lines)
        if _EXPLICIT_KEY.search(self.text, start, end) is not None:
            return None  # `- ? a`: its empty value is placed at the next item, past the part
        items: list[int] = []
        indent = -1
        for line in _LINE.finditer(self.text, at, end):
            written = line.group().rstrip("\n")
            content = written.lstrip(" ")
            if not content or content.startswith("#"):  # blank, or a comment
                continue
            depth = len(written) - len(content)
            if indent < 0:
                indent = depth
            if depth < indent or (depth == indent and not _ITEM.match(content)):
                return None
            if depth == indent:
                items.append(line.start())
        if len(items) != len(self.data[self.keys[entry]]):
            return None
        return [*items, end]

    def _indexed(self, start: int, end: int, node: yaml.Node) -> _Part:
        return PositionIndex(self.text[start:end], node), self.text.count("\n", 0, start)


def _moved(part: _Part, pointer: str, on_key: bool) -> Position:
    index, lines_before = part
    found = index.lookup(pointer, on_key=on_key)
    return Position(found.line + lines_before, found.column)


def _entries(text: str, keys: list[str]) -> list[int] | None:
    """Where each top-level entry starts, when the lines at the margin are exactly the keys."""
    starts: list[int] = []
    found: list[str] = []
    for line in _MARGIN.finditer(text):
        written = line.group()
        if written == "-" or written.startswith("- "):  # an item of a list at the margin
            continue
        key = _KEY.fullmatch(written)
        if key is None:
            return None
        starts.append(line.start())
        found.append(key.group(1))
    return starts if found == keys and starts else None


def _entry(keys: list[str], pointer: str) -> int | None:
    """The top-level key PositionIndex follows for `pointer`: the last one it starts with."""
    found = None
    for i, name in enumerate(keys):
        if pointer == name or pointer.startswith(name + "/"):
            found = i
    return found
