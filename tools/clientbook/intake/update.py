"""A matched client brought up to date: what the rows add, and what they say otherwise.

With --update: a field the record lacks is added; a contact it lacks (by email, else
name) is added; a field whose value differs is reported, and changed only when the
mapping's `own:` lists it (the import is that field's source of truth: `own: [phone,
owner]`). A field the rows do not give is left as it is. The id never changes.
"""

from __future__ import annotations

import copy
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from clientbook.intake.candidate import Candidate, person_key
from clientbook.intake.mapping import Mapping


@dataclass(frozen=True, slots=True)
class Difference:
    pointer: str
    old: Any
    new: Any
    line: int  # the row that says otherwise
    owned: bool  # changed with --update

    def words(self, updating: bool) -> str:
        said = (
            f"{self.pointer}: the record has {_short(self.old)}, row {self.line} {_short(self.new)}"
        )
        if not self.owned:
            return said + " (kept: the import does not own it)"
        return said + (
            " (changed: the import owns it)" if updating else " (owned: --update changes it)"
        )


@dataclass
class Change:
    data: dict[str, Any]
    added: list[str] = field(default_factory=list)  # fields and contacts added
    changed: list[str] = field(default_factory=list)  # owned fields changed
    differences: list[Difference] = field(default_factory=list)  # changed or not


def update(existing: dict[str, Any], candidate: Candidate, mapping: Mapping) -> Change:
    change = Change(copy.deepcopy(existing))
    for key, value in candidate.data.items():
        if key == "id":
            continue
        if key == "contacts" and isinstance(value, list):
            _contacts(change, value, candidate, mapping)
        else:
            _field(change, change.data, key, key, value, candidate, mapping)
    return change


def _field(
    change: Change,
    target: dict[str, Any],
    key: str,
    pointer: str,
    value: Any,
    candidate: Candidate,
    mapping: Mapping,
) -> None:
    if key not in target:
        target[key] = copy.deepcopy(value)
        change.added.append(pointer)
        return
    old = target[key]
    if old == value:
        return
    if isinstance(old, dict) and isinstance(value, dict):
        for sub, item in value.items():
            _field(change, old, sub, f"{pointer}/{sub}", item, candidate, mapping)
        return
    owned = mapping.owns(pointer)
    change.differences.append(Difference(pointer, old, value, candidate.place(pointer)[0], owned))
    if owned:
        target[key] = copy.deepcopy(value)
        change.changed.append(pointer)


def _contacts(change: Change, incoming: list[Any], candidate: Candidate, mapping: Mapping) -> None:
    contacts = change.data.setdefault("contacts", [])
    if not isinstance(contacts, list):
        return
    for index, contact in enumerate(incoming):
        if not isinstance(contact, dict):
            continue
        at = _same_person(contacts, contact)
        if at is None:
            contacts.append(copy.deepcopy(contact))
            change.added.append(f"contacts/{len(contacts) - 1}")
            continue
        for key, value in contact.items():
            _field(change, contacts[at], key, f"contacts/{index}/{key}", value, candidate, mapping)
    if not contacts:
        del change.data["contacts"]


def _same_person(contacts: list[Any], contact: dict[str, Any]) -> int | None:
    keys = [person_key(c) if isinstance(c, dict) else "" for c in contacts]
    wanted = person_key(contact)
    if wanted in keys:
        return keys.index(wanted)
    name = _name(contact)
    for i, c in enumerate(contacts):  # the same person, whose email the record lacks
        if isinstance(c, dict) and name and _name(c) == name and not c.get("email"):
            return i
    return None


def _name(contact: dict[str, Any]) -> str:
    return " ".join(unicodedata.normalize("NFKC", str(contact.get("name", ""))).casefold().split())


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"
