"""Rows to candidates: each row's cells through the mapping, rows of one client merged."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from clientbook.intake.candidate import Candidate, merge_rows, set_path
from clientbook.intake.fields import Convert, FieldInfo, field_info
from clientbook.intake.mapping import Mapping, Rule
from clientbook.intake.matching import Index
from clientbook.intake.table import Row, Table

_FORMULA = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Plan:
    """The mapping's rules against this table's columns."""

    rules: list[tuple[int, Rule, FieldInfo]]  # (column index, rule, the field)
    missing: list[str]  # columns the mapping names that the file lacks


def plan_columns(table: Table, mapping: Mapping, schema: dict[str, Any]) -> Plan:
    index = {c.strip().casefold(): i for i, c in enumerate(table.columns)}
    rules, missing = [], []
    for rule in mapping.rules:
        at = index.get(rule.column.strip().casefold())
        info = field_info(schema, rule.field)
        if at is None:
            missing.append(rule.column)
        elif info is not None:
            rules.append((at, rule, info))
    return Plan(rules, missing)


def row_candidate(row: Row, plan: Plan, convert: Convert, unquote: bool) -> Candidate:
    """One row's fields, each placed at its cell (a name in parts: the parts' first cell)."""
    parts: dict[str, list[tuple[int, str, tuple[int, int], Rule, FieldInfo]]] = {}
    for at, rule, info in plan.rules:
        text = row.cells[at].strip()
        if unquote and text.startswith("'") and text[1:].startswith(_FORMULA):
            text = text[1:]
        if text:
            parts.setdefault(rule.field, []).append((rule.part, text, row.place(at), rule, info))
    candidate = Candidate({}, {}, [row.line])
    for pointer, found in parts.items():
        found.sort(key=lambda p: p[0])
        _, _, place, rule, info = found[0]
        text = " ".join(p[1] for p in found)
        value, problem = convert.value(info, text, rule.reading)
        set_path(candidate.data, info.path, value)
        candidate.where[pointer] = place
        if problem:
            candidate.problems.append((pointer, "unknown-staff", problem))
    contacts = candidate.data.get("contacts")
    if isinstance(contacts, list):
        kept = [c for c in contacts if isinstance(c, dict) and c]
        _named(kept, candidate)
        if len(kept) != len(contacts):
            _renumber(candidate, contacts)
        candidate.data["contacts"] = kept
        if not kept:
            del candidate.data["contacts"]
    return candidate


def _named(contacts: list[dict[str, Any]], candidate: Candidate) -> None:
    """A contact the row gives no name (a company's own email or phone) takes the client's."""
    name = candidate.data.get("name")
    for index, contact in enumerate(contacts):
        if "name" not in contact and isinstance(name, str):
            contact["name"] = name
            candidate.where.setdefault(f"contacts/{index}/name", candidate.where["name"])


def _renumber(candidate: Candidate, contacts: list[Any]) -> None:
    """Contacts 1 of a row without contact 0 becomes its first: paths follow."""
    new: dict[int, int] = {}
    for old, c in enumerate(contacts):
        if isinstance(c, dict) and c:
            new[old] = len(new)
    where = {}
    for pointer, place in candidate.where.items():
        parts = pointer.split("/")
        if parts[0] == "contacts":
            parts[1] = str(new.get(int(parts[1]), parts[1]))
        where["/".join(parts)] = place
    candidate.where = where


def gather(
    rows: list[Candidate],
    order: tuple[str, ...],
    ignore_domains: frozenset[str],
    slug: Callable[[str], str],
) -> list[Candidate]:
    """Rows that are one client (by the match order) merged, in the order they first appear."""
    found: list[Candidate] = []
    index = Index(order, ignore_domains)
    for candidate in rows:
        _with_id(candidate, slug)
        hit = index.find(candidate.data)
        if hit is None:
            found.append(candidate)
            index.add(candidate.data, len(found) - 1)
        else:
            merge_rows(found[hit[0]], candidate)
            index.add(candidate.data, hit[0])
    return found


def _with_id(candidate: Candidate, slug: Callable[[str], str]) -> None:
    """The id `clientbook new` would give it, from its name, unless the row has one."""
    data = candidate.data
    if not data.get("id") and isinstance(data.get("name"), str):
        made = slug(data["name"])
        if made:
            data["id"] = made
            if "name" in candidate.where:
                candidate.where.setdefault("id", candidate.where["name"])
