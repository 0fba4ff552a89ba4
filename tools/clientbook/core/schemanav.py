"""Walking a schema: following local $refs the same way everywhere."""

from __future__ import annotations

from typing import Any

_MAX_DEPTH = 32  # a cycle of $refs must not hang the caller


def resolve(node: Any, root: dict[str, Any], depth: int = 0) -> dict[str, Any]:
    """`node` with its local $ref (#/…) followed; the referring node's own keywords win (title, description)."""
    if not isinstance(node, dict):
        return {}
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/") and depth < _MAX_DEPTH:
        target: Any = root
        for part in ref[2:].split("/"):
            target = target.get(part, {}) if isinstance(target, dict) else {}
        return {
            **resolve(target, root, depth + 1),
            **{k: v for k, v in node.items() if k != "$ref"},
        }
    return node


def holds_personal_data(schema: dict[str, Any], path: str) -> bool:
    """Whether the value at a JSON path ("contacts/0/email", "contacts/0", "contacts") is, is
    inside, or holds a value the schema marks `x-pii`: a change there changes personal data."""
    node = resolve(schema, schema)
    for part in (p for p in path.split("/") if p):
        if node.get("x-pii") is True:
            return True
        if part.isdigit() and "items" in node:
            node = resolve(node["items"], schema)
        else:
            node = resolve((node.get("properties") or {}).get(part, {}), schema)
    return _marks_pii(node, schema, 0)


def _marks_pii(node: dict[str, Any], root: dict[str, Any], depth: int) -> bool:
    if node.get("x-pii") is True:
        return True
    if depth >= _MAX_DEPTH:
        return False
    children = list((node.get("properties") or {}).values())
    if isinstance(node.get("items"), dict):
        children.append(node["items"])
    return any(_marks_pii(resolve(child, root), root, depth + 1) for child in children)
