"""The one YAML loader every command uses: `load_document`, from a file's bytes to its data.

Parsing and composing run in libyaml (C); building the data is ours, so that
the data follows the JSON model with YAML 1.2 core scalars (dates stay text,
only true/false are booleans) whatever PyYAML's YAML 1.1 resolver would say.
While building, plain scalars on which YAML 1.1 and 1.2 readers disagree, or
which silently lose data, are noted as traps so lint can say "quote it".

The steps live in their own modules, which this one strings together:

    yamlbytes      bytes to text: the size limit, UTF-8 and its BOM, control characters
    yamlcompose    text to one node, in libyaml; anchors and aliases refused
    yamlsyntax     the messages for YAML syntax errors
    yamlbuild      node to data, reading scalars (yamlscalars) and noting traps (yamltraps)
    yamlproblem    LoadProblem, which every step reports
    yamlpositions  PositionIndex: line and column of a path, only when a finding needs one
    yamlfast       the fast path: yaml-rs's data for a file proven to load with no problem
                   and no trap (most files), the steps above for every other file

A file read by the fast path has no composed node: `Document.node` composes
one from the text when it is asked for (positions for a finding), so every
diagnostic keeps its words and its position.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from clientbook.core.yamlbuild import Refused, build
from clientbook.core.yamlbytes import decode, too_large
from clientbook.core.yamlcompose import PLAIN, compose
from clientbook.core.yamlfast import fast_read
from clientbook.core.yamlproblem import LoadProblem
from clientbook.core.yamltraps import Trap

MAX_FILE_SIZE = 1 << 20  # the default limit on a client file (max_file_size in clientbook.yaml)


@dataclass(slots=True)
class Document:
    """The result of loading one YAML text: data (None if unreadable), problems, traps."""

    data: Any = None
    problems: list[LoadProblem] = field(default_factory=list)
    traps: dict[str, Trap] = field(default_factory=dict)
    composed: yaml.Node | None = None  # the composed document, when kept and already composed
    text: str | None = None  # kept instead by the fast path, to compose when asked

    @property
    def ok(self) -> bool:
        return self.data is not None and not self.problems

    @property
    def node(self) -> yaml.Node | None:
        """The composed document, when the caller asked to keep it (composed now if need be)."""
        if self.composed is None and self.text is not None:
            self.composed = node_of(self.text)
            self.text = None
        return self.composed


def load_document(
    raw: bytes, *, max_size: int = MAX_FILE_SIZE, kind: str = "client file", keep_node: bool = False
) -> Document:
    """Load one client file's bytes (or another YAML file's: `kind` names it in messages).

    Never raises for bad input: problems are data. With `keep_node` the composed
    document stays on the result, so positions need no second parse.
    """
    found = fast_read(raw, max_size)
    if found is not None:  # the text as the gate decoded it: "utf-8-sig" would give the same
        return Document(found[0], text=found[1] if keep_node else None)
    return full_load(raw, max_size=max_size, kind=kind, keep_node=keep_node)


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
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
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


def node_of(text: str) -> yaml.Node | None:
    """The document libyaml composes from `text` (known to load), for positions."""
    node = compose(text)
    return None if isinstance(node, LoadProblem) else node
