"""Canonical formatting: keys in the schema's order, two-space indentation, comments kept.

The file's line ends are kept: CR LF where its first line ends so (util.lineend).

ruamel.yaml's round-trip mode keeps comments and the quoting of each scalar.
Each result is loaded again with clientbook's own loader and compared with
the original data, and the text of every ambiguous plain value with the
original's: a file that would change is left alone and reported, so
formatting can never alter a record.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from clientbook.authoring.fmtorder import canonical_order, reorder_top_level
from clientbook.core.encryption import is_sops_file
from clientbook.core.repo import with_modeline
from clientbook.core.schemanav import resolve as _resolve
from clientbook.core.yamlio import load_document
from clientbook.util.lineend import as_lf, line_end, with_line_end


@dataclass(frozen=True, slots=True)
class Formatted:
    text: str | None  # None when the file cannot be formatted safely
    changed: bool
    problem: str = ""
    skipped: bool = False  # left alone on purpose (SOPS-encrypted), not a failure


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.explicit_start = False
    return yaml


def format_text(text: str, schema: dict[str, Any], file: str = "") -> Formatted:
    """The canonical form of a client file's text; `file` (clients/ac/acme.yaml) sets the depth
    of the modeline (core.repo.with_modeline)."""
    before = load_document(text.encode("utf-8"))
    if not before.ok:
        return Formatted(None, False, "the file has loading errors; run clientbook lint")
    if is_sops_file(before.data):
        # SOPS's message authentication code covers the document as written
        return Formatted(
            None, False, "encrypted with SOPS; left as it is (edit it with 'sops')", skipped=True
        )
    end = line_end(text)  # ruamel keeps a comment's CR and writes "\n" after the rest
    yaml = _yaml()
    try:
        tree = yaml.load(reorder_top_level(as_lf(text), schema))
    except YAMLError as err:
        return Formatted(None, False, f"cannot be parsed for formatting: {err}")
    _reorder(tree, schema, schema)
    out = io.StringIO()
    yaml.dump(tree, out)
    result = out.getvalue()
    result = with_line_end(with_modeline(result, file), end)
    after = load_document(result.encode("utf-8"))
    if not after.ok or after.data != before.data:
        return Formatted(
            None, False, "formatting would change the data; the file was left as it is"
        )
    if {p: t.text for p, t in after.traps.items()} != {p: t.text for p, t in before.traps.items()}:
        # e.g. '+442079460123' re-emitted as 442079460123: same number, but the text the
        # author wrote (and the fix lint suggests for it) would be lost
        return Formatted(
            None,
            False,
            "the file has unquoted values that YAML readers disagree on; "
            "quote them first (clientbook lint shows where)",
        )
    return Formatted(result, result != text)


def _reorder(tree: Any, schema: dict[str, Any], root: dict[str, Any]) -> None:
    node = _resolve(schema, root)
    if isinstance(tree, CommentedMap):
        properties = node.get("properties", {})
        order = canonical_order(list(tree), node, root)
        if list(tree) != order:
            for key in order:
                tree[key] = tree.pop(key)
        for key, value in tree.items():
            _reorder(value, properties.get(key, {}), root)
    elif isinstance(tree, CommentedSeq):
        items = node.get("items", {})
        for value in tree:
            _reorder(value, items, root)
