"""Positions in a YAML text, built only when a finding needs one.

The fast load keeps none: most files have no findings, and a line/column
map for 10,000 records costs hundreds of megabytes. A `PositionIndex` is
made from the same text, or from the node `load_document(keep_node=True)`
kept, when a finding must be placed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

# PyYAML is imported where a position is first looked for, not with this module: most runs
# place no finding, and every command imports this
if TYPE_CHECKING:
    import yaml


@dataclass(frozen=True, slots=True)
class Position:
    line: int
    column: int


class PositionIndex:
    """The line and column of a JSON path's value, or of its key, in a YAML text.

    The text is composed once; a lookup walks from the root along the path
    only, so placing a few findings in a large record costs a few steps, not
    a position for every node.
    """

    def __init__(self, text: str, node: yaml.Node | None = None) -> None:
        """From the text, or from the document `load_document(keep_node=True)` composed."""
        self._root: yaml.Node | None = node
        if node is not None:
            return
        import yaml

        from clientbook.core.yamlcompose import PlainTagLoader

        loader = PlainTagLoader(text)
        try:
            self._root = loader.get_single_node()
        except yaml.YAMLError:
            self._root = None
        finally:
            loader.dispose()

    def lookup(self, pointer: str, *, on_key: bool = False) -> Position:
        """The position of `pointer`, or of its nearest existing ancestor."""
        if self._root is None:
            return Position(1, 1)
        node, key, rest = self._root, None, pointer
        while rest:
            step = _child(node, rest)
            if step is None:
                break
            key, node, rest = step
        if on_key and not rest and key is not None:
            return _at(key)
        if node is self._root:
            first = _first_key(node)
            return _at(first if first is not None else node)
        return _at(node)


def _child(node: yaml.Node, rest: str) -> tuple[yaml.Node | None, yaml.Node, str] | None:
    """(key node, child node, what remains of the path) for the child `rest` starts with."""
    import yaml

    if isinstance(node, yaml.MappingNode):
        found = None
        for key_node, value_node in node.value:  # the last of equal keys, as a reader keeps
            name = str(key_node.value)
            if rest == name or rest.startswith(name + "/"):
                found = (key_node, value_node, rest[len(name) + 1 :])
        return found
    if isinstance(node, yaml.SequenceNode):
        index, _, remaining = rest.partition("/")
        if index.isdigit() and int(index) < len(node.value):
            return None, node.value[int(index)], remaining
    return None


def _first_key(node: yaml.Node) -> yaml.Node | None:
    """The first key written in the document, for findings about the record as a whole."""
    import yaml

    if isinstance(node, yaml.MappingNode):
        return node.value[0][0] if node.value else None
    if isinstance(node, yaml.SequenceNode):
        return next((k for item in node.value if (k := _first_key(item)) is not None), None)
    return None


def _at(node: yaml.Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)
