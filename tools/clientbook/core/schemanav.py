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
