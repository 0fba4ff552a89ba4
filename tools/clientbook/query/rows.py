"""The rows of each table, from the records, their lint findings and their history.

Every derived value is core.obligations' (or lint's): nothing here decides a date.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from typing import Any

from clientbook.core import obligations as ob
from clientbook.core.config import Config
from clientbook.core.diagnostics import Diagnostic, Severity
from clientbook.core.records import Record
from clientbook.history.types import History
from clientbook.query.tables import Column, Table

Row = tuple[Any, ...]


def cell(value: Any, column: Column) -> Any:
    """A value as SQLite keeps it: JSON text for anything that is not one scalar of the column's type."""
    if value is None:
        return None
    if column.type == "JSON" or isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, bool):
        return int(value)
    if column.type == "TEXT" and not isinstance(value, str):
        return str(value)
    return value


def _get(item: Any, keys: tuple[str, ...]) -> Any:
    for key in keys:
        item = item.get(key) if isinstance(item, dict) else None
    return item


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def derived(data: dict[str, Any], config: Config, recommended: list[str]) -> dict[str, Any]:
    """The clients table's derived columns for one record, as core.obligations decides them."""
    review = ob.review(data, config).due if ob.review_applies(data) else None
    contact = ob.contact_due(data, config)[0] if ob.contact_applies(data) else None
    return {
        "retention_until": _iso(ob.retention_deadline(data, config)),
        "review_due": _iso(review),
        "last_interaction": _iso(ob.last_interaction(data)),
        "contact_due": _iso(contact),
        "next_due": _iso(ob.next_deadline(data, config)),
        "completeness": round(ob.completeness(data, recommended), 4),
    }


def _item_extras(table: Table, item: Any, today: dt.date) -> dict[str, Any]:
    if table.name == "consents":
        return {"state": ob.consent_state(item, today)}
    if table.name == "interactions":
        return {
            "follow_up_open": _iso(ob.open_follow_up(item)),
            "follow_up_state": ob.follow_up_state(item, today),
        }
    return {}


class RowMaker:
    """Rows of every table for one record at a time."""

    def __init__(self, tables: list[Table], config: Config, today: dt.date, recommended: list[str]):
        self.tables = tables
        self.config = config
        self.today = today
        self.recommended = recommended
        self.rows: dict[str, list[Row]] = {t.name: [] for t in tables}
        self.children: dict[str, list[Table]] = {}
        for table in tables:
            if table.parent:
                self.children.setdefault(table.parent, []).append(table)
        names = [c.name for c in tables[0].columns if not c.keys]
        self.count_slots = tuple(
            [c.name for c in tables[0].columns].index(n) if n in names else None
            for n in ("errors", "warnings")
        )

    def add(self, record: Record, counts: tuple[int, int]) -> None:
        self.add_rows(self.record_rows(record), counts)

    def add_rows(self, rows: dict[str, list[Row]], counts: tuple[int, int]) -> None:
        """One record's rows (from record_rows, perhaps made in a worker), with its lint counts."""
        for name, made in rows.items():
            if name == "clients":
                row = list(made[0])
                for slot, count in zip(self.count_slots, counts, strict=True):
                    if slot is not None:
                        row[slot] = count
                made = [tuple(row)]
            self.rows[name].extend(made)

    def record_rows(self, record: Record) -> dict[str, list[Row]]:
        """Every table's rows for one record, its lint counts left at 0: lint's cross-record
        rules decide them once every record is read, while these can be made as each record
        is parsed."""
        data = record.data
        if data is None:
            return {}
        clients = self.tables[0]
        extra = {
            **derived(data, self.config, self.recommended),
            "errors": 0,
            "warnings": 0,
            "file": record.file,
        }
        out: dict[str, list[Row]] = {
            "clients": [
                tuple(
                    cell(extra[c.name] if not c.keys else _get(data, c.keys), c)
                    for c in clients.columns
                )
            ]
        }
        self._lists(out, clients.name, data, record.id, ())
        return out

    def _lists(
        self, out: dict[str, list[Row]], parent: str, item: Any, client: str, lead: tuple[int, ...]
    ) -> None:
        for table in self.children.get(parent, ()):
            values = _get(item, table.keys)
            if not isinstance(values, list):
                continue
            rows = out.setdefault(table.name, [])
            for i, value in enumerate(values):
                if table.scalar_items:
                    rows.append((client, *lead, i, cell(value, table.columns[-1])))
                    continue
                extra = _item_extras(table, value, self.today)
                fixed = 2 + len(lead)
                cells = [
                    cell(extra[c.name] if not c.keys else _get(value, c.keys), c)
                    for c in table.columns[fixed:]
                ]
                rows.append((client, *lead, i, *cells))
                self._lists(out, table.name, value, client, (i,))


def lint_counts(diagnostics: Sequence[Diagnostic]) -> dict[str, tuple[int, int]]:
    counts: dict[str, list[int]] = {}
    for d in diagnostics:
        slot = counts.setdefault(d.file, [0, 0])
        if d.severity == Severity.ERROR:
            slot[0] += 1
        elif d.severity == Severity.WARNING:
            slot[1] += 1
    return {file: (e, w) for file, (e, w) in counts.items()}


def finding_rows(diagnostics: Sequence[Diagnostic], ids: dict[str, str]) -> list[Row]:
    return [
        (
            ids.get(d.file),
            d.file,
            d.line,
            d.column,
            str(d.severity),
            d.rule,
            d.message,
            d.hint or None,
            d.pointer or None,
        )
        for d in diagnostics
    ]


def history_rows(history: History, ids: dict[str, str], visible: Any) -> Iterator[Row]:
    """A row per field change; `visible(path)` says whether the audience may see a change's path."""
    for record in history.records.values():
        client = ids.get(record.path, record.id)
        for version in record.versions:
            commit = version.commit
            for change in version.changes:
                if not visible(change.path):
                    continue
                yield (
                    client,
                    commit.sha,
                    commit.author_name,
                    commit.author_email,
                    commit.author_date,
                    commit.message.strip(),
                    change.path,
                    change.op,
                    None if change.old is None else json.dumps(change.old, ensure_ascii=False),
                    None if change.new is None else json.dumps(change.new, ensure_ascii=False),
                )
