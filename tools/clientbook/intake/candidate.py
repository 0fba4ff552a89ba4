"""A client as the import builds it: its fields from the rows, and where each came from.

`data` holds only what the rows gave (so an update never mistakes a default for the
row's word); `where` maps each field's path to the (line, column) of its cell, for
messages; `lines` are the rows merged into it.
"""

from __future__ import annotations

import itertools
import unicodedata
from dataclasses import dataclass, field
from typing import Any

Place = tuple[int, int]


@dataclass
class Candidate:
    data: dict[str, Any]
    where: dict[str, Place]
    lines: list[int]
    notes: list[str] = field(default_factory=list)  # rows of one client that disagree
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (pointer, rule, message)

    def place(self, pointer: str) -> Place:
        """The cell behind `pointer`, or the nearest cell of a field above it, or the first row."""
        probe = pointer
        while probe:
            if probe in self.where:
                return self.where[probe]
            probe = probe.rpartition("/")[0]
        inside = [p for p in self.where if p.startswith(pointer + "/")] if pointer else []
        return self.where[min(inside)] if inside else (self.lines[0], 1)


def set_path(data: dict[str, Any], path: tuple[str | int, ...], value: Any) -> None:
    node: Any = data
    for part, after in itertools.pairwise(path):
        empty: Any = [] if isinstance(after, int) else {}
        if isinstance(part, int):
            while len(node) <= part:
                node.append({} if not isinstance(after, int) else [])
            node = node[part]
        else:
            node = node.setdefault(part, empty)
    last = path[-1]
    if isinstance(last, int):
        while len(node) <= last:
            node.append(None)
    node[last] = value


def person_key(contact: dict[str, Any]) -> str:
    """One person at one client: the same email is one contact; without one, the same name."""
    email = contact.get("email")
    if isinstance(email, str) and email.strip():
        return "email:" + email.strip().casefold()
    name = unicodedata.normalize("NFKC", str(contact.get("name", ""))).casefold().split()
    return "name:" + " ".join(name)


def merge_rows(target: Candidate, other: Candidate) -> None:
    """`other`'s rows folded into `target`: contacts united; the first row's value kept where they differ."""
    offset = {}
    contacts = target.data.setdefault("contacts", []) if "contacts" in other.data else None
    for index, contact in enumerate(other.data.get("contacts", [])):
        mine = {person_key(c): i for i, c in enumerate(contacts or [])}
        at = mine.get(person_key(contact))
        if at is None and contacts is not None:
            contacts.append(contact)
            offset[index] = len(contacts) - 1
        elif contacts is not None and at is not None:
            offset[index] = at
            for key, value in contact.items():
                contacts[at].setdefault(key, value)
    for key, value in other.data.items():
        if key == "contacts":
            continue
        if key not in target.data:
            target.data[key] = value
        elif key == "since" and isinstance(value, str) and value < str(target.data[key]):
            target.data[key] = value  # the client is as old as its oldest row
        elif key != "since" and target.data[key] != value and not _made(other, key):
            target.notes.append(
                f"row {other.lines[0]} gives {key} {_short(value)}, row {target.lines[0]} "
                f"{_short(target.data[key])}: the first is kept"
            )
    for pointer, place in other.where.items():
        parts = pointer.split("/")
        if parts[0] == "contacts" and len(parts) > 1 and int(parts[1]) in offset:
            parts[1] = str(offset[int(parts[1])])
        target.where.setdefault("/".join(parts), place)
    target.lines += other.lines
    target.problems += other.problems


def _made(candidate: Candidate, key: str) -> bool:
    """An id made from the name (rows of one client may spell the name two ways)."""
    return key == "id" and candidate.where.get("id") == candidate.where.get("name")


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"
