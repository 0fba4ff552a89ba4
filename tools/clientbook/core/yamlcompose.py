"""Composing with libyaml (C): YAML text to one document node, or the problem why not.

Untagged plain scalars keep the tag PLAIN, so that building the data can
resolve them by YAML 1.2 rules and see the text as written. Anchors and
aliases are refused here, before any node is built.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from clientbook.core.yamlbytes import control_character_problem
from clientbook.core.yamlproblem import LoadProblem
from clientbook.core.yamlsyntax import syntax_problem

PLAIN = "tag:clientbook,2025:plain"
STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"

# An anchor (&a) or alias (*a) starts a token: at a line start or after a space, [, {, ','
# or ':' (a flow mapping's {"a":*x}), and is followed by its name. "R&D" or "5 * 3" cannot
# be one; the full check runs only on texts where one might be, and building refuses any
# node reached twice in any case.
_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[{,:])[&*][^\s,\[\]{}]", re.MULTILINE)


class PlainTagLoader(yaml.CSafeLoader):
    """libyaml's parser and composer, tagging every untagged plain scalar PLAIN.

    Resolution of plain scalars then happens while building the data, under
    YAML 1.2 core rules, where we can also see the text as written.
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            return PLAIN if implicit[0] else STR
        return _MAP if kind is yaml.MappingNode else _SEQ

    # No path-dependent resolvers are registered: skip the bookkeeping libyaml asks for per node.
    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


def compose(text: str) -> yaml.Node | LoadProblem:
    """The one document in `text`, or the first problem: an anchor, a syntax error, no document."""
    if _MAYBE_ANCHOR.search(text):
        refused = _refuse_anchors(text)
        if refused is not None:
            return refused
    loader = PlainTagLoader(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        return syntax_problem(err, text)
    except yaml.reader.ReaderError as err:
        return control_character_problem(err, text)
    except yaml.YAMLError as err:
        return LoadProblem(1, 1, "yaml-syntax", str(err).splitlines()[0])
    finally:
        loader.dispose()
    if node is None:
        return LoadProblem(1, 1, "empty-file", "the file holds no YAML document")
    return node


def _refuse_anchors(text: str) -> LoadProblem | None:
    """Anchors and aliases hide data and allow expansion bombs: refuse them, before building."""
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            anchor = getattr(event, "anchor", None)
            if anchor is None:
                continue
            what = "alias" if isinstance(event, yaml.AliasEvent) else "anchor"
            mark = event.start_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            return LoadProblem(
                line,
                column,
                "yaml-anchor",
                f"YAML {what} '{'*' if what == 'alias' else '&'}{anchor}' is not allowed",
                "write the value out in full; anchors and aliases hide data from reviewers",
            )
    except yaml.YAMLError:
        return None  # compose reports the error with its position
    return None


def node_of(text: str) -> yaml.Node | None:
    """The document libyaml composes from `text` (known to load), for positions."""
    node = compose(text)
    return None if isinstance(node, LoadProblem) else node
