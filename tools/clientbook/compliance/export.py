"""Every client at once, for day-to-day use: CSV (clients and contacts), vCard 4.0, JSON Lines.

Pure functions that build the files' text and never print;
`commands/export_cmd.py` decides where they go, writes them (atomically)
and chooses the exit code. One client's subject access export is in
subject_access.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from clientbook.core.obligations import items, retention, review, section
from clientbook.core.records import Record
from clientbook.util import csvsafe, vcard

if TYPE_CHECKING:
    from clientbook.core.config import Config

CLIENT_COLUMNS = (
    "id",
    "name",
    "kind",
    "status",
    "since",
    "ended",
    "owner",
    "team",
    "industry",
    "tags",
    "jurisdiction",
    "website",
    "address_street",
    "address_city",
    "address_postcode",
    "address_region",
    "address_country",
    "retention_until",
    "review_due",
)
CONTACT_COLUMNS = ("client_id", "name", "role", "email", "phone", "primary", "preferred_channel")
TAG_SEPARATOR = "; "


def readable(records: Iterable[Record]) -> tuple[list[Record], list[Record]]:
    """(records that loaded, sorted by id and file; records that did not, by file)."""
    good: list[Record] = []
    bad: list[Record] = []
    for record in records:
        (good if record.data is not None else bad).append(record)
    return sorted(good, key=lambda r: (r.id, r.file)), sorted(bad, key=lambda r: r.file)


def cell(value: Any) -> str:
    """A value as CSV text: lists and mappings as JSON, booleans as true/false, None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _tags(value: Any) -> str:
    if isinstance(value, list) and all(isinstance(t, str) for t in value):
        return TAG_SEPARATOR.join(value)
    return cell(value)


def client_row(data: dict[str, Any], config: Config) -> list[str]:
    address = section(data, "address")
    kept = retention(data, config).until
    due = review(data, config).due
    return [
        *(cell(data.get(k)) for k in CLIENT_COLUMNS[:9]),
        _tags(data.get("tags")),
        cell(data.get("jurisdiction")),
        cell(data.get("website")),
        *(cell(address.get(k)) for k in ("street", "city", "postcode", "region", "country")),
        kept.isoformat() if kept else "",
        due.isoformat() if due else "",
    ]


def contact_rows(data: dict[str, Any]) -> list[list[str]]:
    return [
        [cell(data.get("id")), *(cell(c.get(k)) for k in CONTACT_COLUMNS[1:])]
        for _, c in items(data, "contacts")
    ]


def csv_files(records: Sequence[Record], config: Config) -> tuple[str, str]:
    """(clients CSV, contacts CSV): formula-like cells neutralised, CR LF rows, UTF-8 text."""
    datas = [r.data for r in records if r.data is not None]
    clients = csvsafe.render(CLIENT_COLUMNS, (client_row(d, config) for d in datas))
    contacts = csvsafe.render(CONTACT_COLUMNS, (row for d in datas for row in contact_rows(d)))
    return clients, contacts


def vcf(records: Sequence[Record]) -> str:
    """A vCard 4.0 for every contact of every client, in record order."""
    return vcard.vcards(r.data for r in records if r.data is not None)


# Python's str.splitlines() also splits at these; JSON may carry them raw, so escape them
_LINE_BREAKS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"}


def json_lines(records: Sequence[Record]) -> str:
    """One JSON object per line: {"id", "file", "record"}, in record order."""
    lines = []
    for r in records:
        if r.data is None:
            continue
        line = json.dumps({"id": r.id, "file": r.file, "record": r.data}, ensure_ascii=False)
        for raw, escaped in _LINE_BREAKS.items():
            line = line.replace(raw, escaped)
        lines.append(line + "\n")
    return "".join(lines)
