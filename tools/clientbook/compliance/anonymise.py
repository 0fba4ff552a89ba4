"""Anonymisation: keep a former client's figures (counts, industry, dates), drop who they were.

What goes is decided by the schema, not a field list: every `x-pii`
property, and every free-text property (an `x-sensitivity` annotation, or
text with no enum, format or pattern that may be longer than 200
characters). A required one that goes is replaced by "(anonymised)" so the
record still validates; an individual's name and id are replaced too. A SOPS-encrypted
record is refused (core/encryption.rewrite_refusal).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from clientbook.core.encryption import rewrite_refusal
from clientbook.core.schemanav import resolve as _resolve

PLACEHOLDER = "(anonymised)"
_LONG = 200


class AnonymiseRefused(ValueError):
    """The record cannot be anonymised as it stands; the message says why and what to do."""


def removable(node: dict[str, Any]) -> bool:
    """Personal data or free text, by the schema's annotations and shape."""
    if node.get("x-pii") or node.get("x-sensitivity"):
        return True
    free_text = node.get("type") == "string" and not any(
        k in node for k in ("enum", "format", "pattern", "const")
    )
    return free_text and int(node.get("maxLength", _LONG + 1)) > _LONG


def strip(
    value: Any, schema: dict[str, Any], root: dict[str, Any], path: str = ""
) -> tuple[Any, list[str]]:
    """`value` without personal data and free text; and the paths that were removed or replaced."""
    node = _resolve(schema, root)
    removed: list[str] = []
    if isinstance(value, dict):
        properties = node.get("properties", {})
        required = set(node.get("required", []))
        for key, needs in node.get("dependentRequired", {}).items():
            if key in value:
                required |= set(needs)
        out = {}
        for key, item in value.items():
            child = _resolve(properties.get(key, {}), root)
            where = f"{path}/{key}" if path else key
            if removable(child) and not isinstance(item, (dict, list)):
                removed.append(where)
                if key in required:
                    out[key] = PLACEHOLDER
                continue
            out[key], more = strip(item, child, root, where)
            removed += more
        return out, removed
    if isinstance(value, list):
        items = _resolve(node.get("items", {}), root)
        out_list = []
        for i, item in enumerate(value):
            if removable(items) and not isinstance(item, (dict, list)):
                removed.append(f"{path}/{i}")
                continue
            stripped, more = strip(item, items, root, f"{path}/{i}")
            out_list.append(stripped)
            removed += more
        return out_list, removed
    return value, removed


def anonymise(
    data: dict[str, Any], schema: dict[str, Any], today: dt.date, by: str, *, file: str
) -> tuple[dict[str, Any], list[str]]:
    """The anonymised record of `file`, and what was removed. An individual also loses name
    and id."""
    refusal = rewrite_refusal(file, data)
    if refusal is not None:
        raise AnonymiseRefused(refusal)
    out, removed = strip(data, schema, schema)
    if data.get("kind") == "individual":
        token = hashlib.sha256(f"{data.get('id')}\0{today}".encode()).hexdigest()[:8]
        out["id"] = f"anonymised-{token}"
        out["name"] = f"Anonymised client {token}"
        removed += ["id", "name"]
    out["anonymised"] = {"date": today.isoformat(), "by": by}
    order = list(_resolve(schema, schema).get("properties", {}))
    return {
        k: out[k] for k in sorted(out, key=lambda k: order.index(k) if k in order else len(order))
    }, removed
