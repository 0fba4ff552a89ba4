"""Building the data from composed nodes: JSON-model values under YAML 1.2 core rules.

This is the per-node hot path of every load. Plain scalars are resolved
here, where the text as written is still known, and the risky ones are
noted as traps. Nodes the record format refuses (aliases, merge keys, tags,
duplicate keys, deep nesting) raise `Refused`.
"""

from __future__ import annotations

from typing import Any

import yaml

from clientbook.core.yamlcompose import PLAIN, STR
from clientbook.core.yamlproblem import LoadProblem
from clientbook.core.yamlscalars import MAX_DEPTH, SPECIAL_WORDS, resolve_plain
from clientbook.core.yamltraps import Trap, plain_trap

_ALLOWED_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}


class Refused(Exception):
    """A node the record format does not allow; `problem` says where and why."""

    def __init__(self, node: yaml.Node, rule: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.problem = LoadProblem(
            node.start_mark.line + 1, node.start_mark.column + 1, rule, message, hint
        )


def build(node: yaml.Node, traps: dict[str, Trap]) -> Any:
    """The data `node` holds; traps are added to `traps` by JSON path. Raises `Refused`."""
    return _build(node, (), traps, set())


def _build(node: yaml.Node, path: tuple[str, ...], traps: dict[str, Trap], seen: set[int]) -> Any:
    if len(path) > MAX_DEPTH:
        raise Refused(
            node,
            "yaml-syntax",
            f"the data is nested more than {MAX_DEPTH} levels deep",
            "a client record nests a few levels; check the brackets and indentation",
        )
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        if id(node) in seen:  # an alias: refused, so it can never be expanded
            raise Refused(
                node, "yaml-anchor", "YAML aliases are not allowed", "write the value out in full"
            )
        seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        return _mapping(node, path, traps, seen)
    if isinstance(node, yaml.SequenceNode):
        _check_tag(node, "tag:yaml.org,2002:seq")
        return [_build(item, (*path, str(i)), traps, seen) for i, item in enumerate(node.value)]
    assert isinstance(node, yaml.ScalarNode)
    return _scalar(node, path, traps)


def _mapping(
    node: yaml.MappingNode, path: tuple[str, ...], traps: dict[str, Trap], seen: set[int]
) -> dict[str, Any]:
    _check_tag(node, "tag:yaml.org,2002:map")
    out: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise Refused(
                key_node, "yaml-syntax", "a field name must be plain text, not a list or mapping"
            )
        key = key_node.value
        if key == "<<" and key_node.tag in (PLAIN, "tag:yaml.org,2002:merge"):
            raise Refused(
                key_node,
                "yaml-anchor",
                "YAML merge keys ('<<') are not allowed",
                "write the fields out",
            )
        if key in out:
            raise Refused(
                key_node,
                "duplicate-key",
                f"the field '{key}' is written twice in this mapping",
                "keep one of them: YAML readers silently keep only the last",
            )
        out[key] = _build(value_node, (*path, key), traps, seen)
    return out


def _check_tag(node: yaml.Node, default: str) -> None:
    if node.tag not in (default, PLAIN) and node.tag not in _ALLOWED_TAGS:
        shown = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise Refused(node, "yaml-tag", f"the YAML tag '{shown}' is not allowed", "remove the tag")


def _scalar(node: yaml.ScalarNode, path: tuple[str, ...], traps: dict[str, Trap]) -> Any:
    text: str = node.value
    if node.tag == PLAIN:
        if text[:1].isalpha() and text not in SPECIAL_WORDS:
            return text  # the common case: a word or a sentence
        if len(text) == 10 and text[4] == "-" and text[7] == "-" and text[:4].isdigit():
            return text  # a date: text in YAML 1.2
        value = resolve_plain(text)
        trap = plain_trap(text, value)
        if trap is not None:
            traps["/".join(path)] = trap
        return value
    if node.tag == STR:
        return text
    _check_tag(node, STR)
    value = resolve_plain(text)  # an explicit !!int / !!bool: the 1.2 reading of its text
    return value
