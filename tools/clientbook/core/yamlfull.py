"""The full path of loading: libyaml composes the text, and the data is built from its nodes.

For every file the fast path (yamlio) does not prove to load with no problem and
no trap; and, for the differential test, for any file.
"""

from __future__ import annotations

import re

import yaml

from clientbook.core.yamlbuild import Refused, build
from clientbook.core.yamlbytes import decode, too_large
from clientbook.core.yamlcompose import PLAIN, compose
from clientbook.core.yamldocument import MAX_FILE_SIZE, Document
from clientbook.core.yamlproblem import LoadProblem


def full_load(
    raw: bytes, *, max_size: int = MAX_FILE_SIZE, kind: str = "client file", keep_node: bool = False
) -> Document:
    """`load_document` without the fast path: libyaml composes, and the data is built from the
    nodes (the differential test compares the two)."""
    doc = Document()
    node = _top_mapping(raw, max_size, kind)
    if isinstance(node, LoadProblem):
        doc.problems.append(node)
        return doc
    if keep_node:
        doc.composed = node
    try:
        doc.data = build(node, doc.traps)
    except Refused as refused:
        doc.problems.append(refused.problem)
    return doc


def _top_mapping(raw: bytes, max_size: int, kind: str) -> yaml.MappingNode | LoadProblem:
    """The composed mapping at the top of the file, or the first reason there is none."""
    problem = too_large(raw, max_size)
    if problem is not None:
        return problem
    text = decode(raw)
    if isinstance(text, LoadProblem):
        return text
    if _only_comments(text):
        return LoadProblem(
            1, 1, "empty-file", "the file is empty", "write the record, or delete the file"
        )
    node = compose(text)
    if isinstance(node, LoadProblem):
        return node
    if isinstance(node, yaml.ScalarNode) and node.tag == PLAIN and node.value == "":
        return LoadProblem(
            1, 1, "empty-file", f"the {kind} holds no data", "write the record, or delete the file"
        )
    if not isinstance(node, yaml.MappingNode):
        what = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
        return LoadProblem(
            node.start_mark.line + 1,
            node.start_mark.column + 1,
            "not-a-mapping",
            f"the top level of a {kind} must be a mapping of fields (name: …), not {what}",
            "start the record with fields such as 'id:' and 'name:' at the left margin",
        )
    return node


# libyaml's white space and line breaks; str.strip would also take U+00A0 or U+3000 for a space,
# which begin a plain scalar to libyaml ("\u00a0#: 1" is a key)
_WHITE = " \t"
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _only_comments(text: str) -> bool:
    """Whether the text holds nothing but blank lines and comments, as libyaml reads them."""
    for line in _LINE_BREAK.split(text):
        content = line.lstrip(_WHITE)
        if content and not content.startswith("#"):
            return False
    return True
