"""The order fmt gives a mapping's keys: the schema's, with unknown keys where they were.

A misspelt key (`emial:`) stays after the key its author wrote it after, so it is found
where it was meant to be, and lint's "did you mean 'email'" points at the right line;
only the keys the schema knows are put in its order, each taking along the unknown keys
that follow it. A top-level key also takes along the comment lines written above it
(`reorder_top_level`): ruamel attaches such a comment to the key before, so without it a
moved key would leave its comment behind, above some other key.
"""

from __future__ import annotations

import re
from typing import Any

from clientbook.core.schemanav import resolve

_TOP_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*):(?:\s|$)")


def canonical_order(keys: list[str], node: dict[str, Any], schema: dict[str, Any]) -> list[str]:
    """`keys` in fmt's order, for a mapping whose schema is `node`."""
    properties = resolve(node, schema).get("properties") or {}
    rank = {k: n for n, k in enumerate(properties)}
    head: list[str] = []
    groups: list[list[str]] = []
    for key in keys:
        if key in rank:
            groups.append([key])
        elif groups:
            groups[-1].append(key)
        else:
            head.append(key)
    groups.sort(key=lambda g: rank[g[0]])
    return head + [k for g in groups for k in g]


def reorder_top_level(text: str, schema: dict[str, Any]) -> str:
    """The text with its top-level keys in fmt's order, each with the comment lines just
    above it; the text as it is when its top level is anything but plain keys and comments."""
    lines = text.splitlines(keepends=True)
    lead = 1 if lines and lines[0].startswith("# yaml-language-server:") else 0
    blocks: list[tuple[str, list[str]]] = []
    pending: list[str] = []  # comment lines waiting for the key below them
    for line in lines[lead:]:
        if line[:1] in (" ", "\n", "\r") and blocks and not pending:
            blocks[-1][1].append(line)  # the key's value, or a blank line after it
            continue
        if line.startswith("#"):
            pending.append(line)
            continue
        found = _TOP_KEY.match(line)
        if found is None:
            return text  # a document marker, a top-level list, a blank line within comments
        blocks.append((found.group(1), [*pending, line]))
        pending = []
    if pending or not blocks:
        return text  # comments after the last key stay at the end: nothing to decide
    order = canonical_order([k for k, _ in blocks], schema, schema)
    if order == [k for k, _ in blocks] or len(set(order)) != len(order):
        return text
    by_key = dict(blocks)
    return "".join(lines[:lead]) + "".join("".join(by_key[k]) for k in order)
