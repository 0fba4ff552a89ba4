"""An updated record's new text: the file edited where the data changed, its comments and quoting kept.

The file is read with ruamel.yaml's round trip (as `clientbook fmt` reads it), each
value that changed is replaced and each new one added (text double-quoted, so no YAML
reader can misread it), and the result goes through the formatter the command passes
(keys in the schema's order), which also checks that it reads back as the new data.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from clientbook.core.yamlio import load_document
from clientbook.util.lineend import as_lf, line_end, with_line_end


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.preserve_quotes = True
    yaml.width = 4096
    return yaml


def fresh(value: Any) -> Any:
    if isinstance(value, str):
        return DoubleQuotedScalarString(value)
    if isinstance(value, dict):
        out = CommentedMap()
        for key, item in value.items():
            out[key] = fresh(item)
        return out
    if isinstance(value, list):
        return CommentedSeq([fresh(v) for v in value])
    return value


def sync(node: Any, old: Any, new: Any) -> Any:
    """`node` (ruamel's, holding `old`) made to hold `new`, untouched wherever they agree."""
    if old == new and type(old) is type(new):
        return node
    if isinstance(node, CommentedMap) and isinstance(old, dict) and isinstance(new, dict):
        for key, value in new.items():
            node[key] = (
                sync(node[key], old[key], value) if key in node and key in old else fresh(value)
            )
        return node
    if isinstance(node, CommentedSeq) and isinstance(old, list) and isinstance(new, list):
        for index, value in enumerate(new):
            if index < len(node) and index < len(old):
                node[index] = sync(node[index], old[index], value)
            else:
                node.append(fresh(value))
        return node
    return fresh(new)


def patched(
    text: str,
    old: dict[str, Any],
    new: dict[str, Any],
    formatter: Callable[[str], str | None],
) -> str | None:
    """The file's text holding `new`; None when it cannot be edited safely (lint says why)."""
    yaml = _yaml()
    try:  # read with LF, written with the file's line ends: ruamel keeps a comment's CR alone
        tree = yaml.load(as_lf(text))
    except Exception:  # ruamel's errors for a file clientbook's loader read are unexpected
        return None
    tree = sync(tree, old, new)
    out = io.StringIO()
    yaml.dump(tree, out)
    result = with_line_end(formatter(out.getvalue()) or out.getvalue(), line_end(text))
    after = load_document(result.encode("utf-8"))
    return result if after.ok and after.data == new else None
