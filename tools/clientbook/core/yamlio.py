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
    yamldocument   Document, what a load gives
    yamlfull       the full path: the steps above strung together (full_load)
    yamlpositions  PositionIndex: line and column of a path, only when a finding needs one
    yamlfast       the fast path: yaml-rs's data for a file proven to load with no problem
                   and no trap (most files), the full path for every other file

A file read by the fast path has no composed node: `Document.node` composes
one from the text when it is asked for (positions for a finding), so every
diagnostic keeps its words and its position.
"""

from __future__ import annotations

from clientbook.core.yamldocument import MAX_FILE_SIZE, Document
from clientbook.core.yamlfast import fast_read

__all__ = ["MAX_FILE_SIZE", "Document", "load_document"]


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
    # here, not at the top: a run whose files all take the fast path never needs PyYAML
    from clientbook.core.yamlfull import full_load

    return full_load(raw, max_size=max_size, kind=kind, keep_node=keep_node)
