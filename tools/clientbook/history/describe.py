"""Field changes in words: `status: active → former`, `+ interaction 2025-10-02 (meeting)`."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from clientbook.history.fielddiff import ADDED, MOVED, REMOVED, Change

SINGULAR = {
    "interactions": "interaction",
    "contacts": "contact",
    "agreements": "agreement",
    "consents": "consent",
    "projects": "project",
    "milestones": "milestone",
    "kpis": "KPI",
    "feedback": "feedback",
    "onboarding": "onboarding step",
    "status_history": "status change",
    "tags": "tag",
    "subscriptions": "subscription",
    "merged_from": "merged record",
}


def value_words(value: Any, limit: int = 80) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def item_label(value: Any) -> str:
    """How a person names a list item: its date and channel, name, id, title or purpose."""
    if not isinstance(value, dict):
        return value_words(value, 60)
    if "date" in value and ("channel" in value or "score" in value):
        extra = value.get("channel") or f"score {value.get('score')}"
        return f"{value['date']} ({extra})"
    for key in ("name", "title", "id", "purpose", "step", "status"):
        if key in value:
            return value_words(value[key], 60)
    return value_words(value, 60)


def change_words(change: Change) -> str:
    """One change as a line a reviewer reads."""
    parts = change.path.split("/")
    last = parts[-1]
    if last.isdigit() and len(parts) >= 2:
        noun = SINGULAR.get(parts[-2], parts[-2])
        where = "/".join(parts[:-2])
        prefix = f"{where}: " if where else ""
        if change.op == ADDED:
            return f"{prefix}+ {noun} {item_label(change.new)}"
        if change.op == REMOVED:
            return f"{prefix}- {noun} {item_label(change.old)}"
        if change.op == MOVED:
            return (
                f"{prefix}{noun} moved from position {int(change.old) + 1} to {int(change.new) + 1}"
            )
    if change.op == ADDED:
        return f"+ {change.path}: {value_words(change.new)}"
    if change.op == REMOVED:
        return f"- {change.path} (was {value_words(change.old)})"
    return f"{change.path}: {value_words(change.old)} → {value_words(change.new)}"


def version_summary(
    status: str, changes: Sequence[Change], error: str, old_path: str, path: str
) -> tuple[str, ...]:
    """A version's changes in words; a new record is one line, not one per field.

    `status` is the history's: added, modified, renamed, deleted, or working
    with `deleted` meaning the working tree removed the file.
    """
    if error:
        return (f"! this version could not be read: {error}",)
    if status == "added" and changes and all(c.op == ADDED and "/" not in c.path for c in changes):
        name = next((c.new for c in changes if c.path == "name"), "")
        return (f"created {name!s} ({len(changes)} fields)".replace("  ", " "),)
    if status == "deleted":
        return ("deleted",)
    lines = [change_words(c) for c in changes]
    if status == "renamed" and old_path != path:
        lines.insert(0, f"renamed from {old_path}")
    return tuple(lines) or ("no field changes",)
