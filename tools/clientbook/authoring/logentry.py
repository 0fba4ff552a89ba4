"""A new interaction (or task) for a record, and the checked new text of the record.

`add_interaction` and `close_follow_up` give the record's new bytes; both read them back and
refuse a result whose data is anything but the old data with the one change, and lint the
result: a change that brings a new error is refused. A SOPS-encrypted record is refused
before anything is computed (core/encryption.rewrite_refusal).
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from typing import Any

from clientbook.authoring.interaction import EditRefused, append_item, set_done
from clientbook.core import obligations
from clientbook.core.config import Config
from clientbook.core.diagnostics import Severity
from clientbook.core.durations import parse_date
from clientbook.core.encryption import rewrite_refusal
from clientbook.core.records import Record, record_from_bytes
from clientbook.lint.checkfile import Checker

KEY = "interactions"


@dataclass
class Edit:
    """The record's new bytes, and the lines a reader would see added."""

    new: bytes
    added: list[str] = field(default_factory=list)
    new_errors: list[str] = field(default_factory=list)


def field_order(schema: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(top-level keys, an interaction's keys) in the order the schema lists them."""
    top = list(schema.get("properties", {}))
    items = schema.get("properties", {}).get(KEY, {}).get("items", {})
    ref = items.get("$ref", "")
    if ref.startswith("#/$defs/"):
        items = schema.get("$defs", {}).get(ref.split("/")[-1], {})
    return top, list(items.get("properties", {}))


def ordered(values: dict[str, Any], keys: list[str]) -> dict[str, Any]:
    """The given values in schema order (unknown ones last, for the schema to report)."""
    known = {k: values[k] for k in keys if values.get(k) is not None}
    return known | {k: v for k, v in values.items() if k not in known and v is not None}


def preferred_channel(data: dict[str, Any], contact: dict[str, Any] | None = None) -> str | None:
    """The contact's preferred channel, the client's, or the primary contact's."""
    if contact and contact.get("preferred_channel"):
        return str(contact["preferred_channel"])
    chosen = obligations.section(data, "communication").get("channel")
    if chosen:
        return str(chosen)
    contacts = [c for _, c in obligations.items(data, "contacts")]
    for c in sorted(contacts, key=lambda c: c.get("primary") is not True):
        if c.get("preferred_channel"):
            return str(c["preferred_channel"])
    return None


def find_contact(data: dict[str, Any], wanted: str) -> dict[str, Any] | None:
    """The contact whose email is `wanted`, or whose name contains it (case ignored)."""
    want = wanted.casefold().strip()
    contacts = [c for _, c in obligations.items(data, "contacts")]
    for c in contacts:
        if str(c.get("email", "")).casefold() == want:
            return c
    named = [c for c in contacts if want and want in str(c.get("name", "")).casefold()]
    return named[0] if len(named) == 1 else None


def staff_by_email(config: Config, address: str) -> str | None:
    wanted = address.strip().casefold()
    for member in config.staff.values():
        if member.email and member.email.casefold() == wanted:
            return member.id
    return None


def follow_up_to_close(data: dict[str, Any], day: dt.date) -> int | None:
    """The open follow-up `--done DAY` closes: the one due on DAY; failing that, the one
    recorded on DAY (an interaction's or task's own date). Of several, the latest in the list."""
    open_ones = obligations.open_follow_ups(data)
    for matches in (
        [i for i, _, when in open_ones if when == day],
        [i for i, it, _ in open_ones if parse_date(it.get("date")) == day],
    ):
        if matches:
            return matches[-1]
    return None


def _errors(checker: Checker, record: Record) -> list[str]:
    result = checker.check_record(record)
    return [
        f"{d.line}:{d.column}: [{d.rule}] {d.message}"
        for d in result.diagnostics
        if d.severity == Severity.ERROR
    ]


def _messages(checker: Checker, file: str, raw: bytes) -> set[str]:
    return {m.split(": ", 1)[1] for m in _errors(checker, record_from_bytes(file, raw))}


def _editable(file: str, data: dict[str, Any]) -> None:
    refusal = rewrite_refusal(file, data)
    if refusal is not None:
        raise EditRefused(refusal)


def _checked(checker: Checker, file: str, old: bytes, new: bytes, expected: Any) -> Edit:
    """The edit, once read back as exactly `expected`, with the errors it would bring."""
    record = record_from_bytes(file, new)
    if record.data != expected:
        raise EditRefused(
            "the edited text does not read back as the intended record; nothing was written"
        )
    edit = Edit(new, added_lines(old, new))
    before = _messages(checker, file, old)
    edit.new_errors = [e for e in _errors(checker, record) if e.split(": ", 1)[1] not in before]
    return edit


def added_lines(old: bytes, new: bytes) -> list[str]:
    """The lines of `new` that are not in `old`, by a line diff."""
    a = old.decode("utf-8-sig").splitlines()
    b = new.decode("utf-8-sig").splitlines()
    out = []
    for tag, _, _, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag in ("insert", "replace"):
            out += b[j1:j2]
    return out


def add_interaction(
    checker: Checker, file: str, raw: bytes, data: dict[str, Any], values: dict[str, Any]
) -> Edit:
    """The record with `values` appended to its interactions, in schema order."""
    _editable(file, data)
    top, keys = field_order(checker.schema.document)
    fields = ordered(values, keys)
    new = append_item(raw, KEY, fields, top)
    listed = data.get(KEY)
    expected = {**data, KEY: [*(listed if isinstance(listed, list) else []), fields]}
    return _checked(checker, file, raw, new, expected)


def close_follow_up(
    checker: Checker, file: str, raw: bytes, data: dict[str, Any], index: int
) -> Edit:
    _editable(file, data)
    new = set_done(raw, KEY, index)
    expected = dict(data)
    expected[KEY] = list(data[KEY])
    expected[KEY][index] = {**data[KEY][index], "done": True}
    return _checked(checker, file, raw, new, expected)
