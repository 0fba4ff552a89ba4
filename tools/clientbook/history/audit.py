"""History as rows: one row per field change, for `history`, `audit` and exports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from clientbook.history.describe import change_words
from clientbook.history.types import WORKING_TREE, History, RecordHistory, Version


@dataclass(frozen=True, slots=True)
class Row:
    date: str
    author: str
    email: str
    commit: str
    client: str
    path: str
    op: str
    old: Any
    new: Any
    words: str
    message: str


def version_date(version: Version) -> str:
    return version.commit.author_date or ""


def in_window(version: Version, since: dt.date | None, until: dt.date | None) -> bool:
    if version.commit.sha == WORKING_TREE:
        return until is None
    day = dt.date.fromisoformat(version_date(version)[:10])
    return (since is None or day >= since) and (until is None or day <= until)


def summary_lines(version: Version) -> list[str]:
    """The changes of one version in words; a new record is one line, not one per field."""
    return list(version.summary)


def rows(
    history: History,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    author: str | None = None,
    client: str | None = None,
) -> Iterator[Row]:
    """Every field change to every record in the window, oldest first."""
    records: list[RecordHistory] = list(history.records.values())
    if client:
        found = history.find(client, merged=False)
        # the records merged into it, each under its own id
        records = [found, *history.merged_into(found)] if found else []
    entries = [(v, r) for r in records for v in reversed(r.versions) if in_window(v, since, until)]
    if author:
        needle = author.lower()
        entries = [
            (v, r)
            for v, r in entries
            if needle in v.commit.author_name.lower() or needle in v.commit.author_email.lower()
        ]
    entries.sort(key=lambda e: (version_date(e[0]) or "9999", e[1].id))
    for version, record in entries:
        c = version.commit
        who = (version_date(version), c.author_name, c.author_email, c.sha, record.id)
        if not version.changes:  # a rename, a deletion, a broken version: one row saying so
            yield Row(*who, "", version.status, None, None, summary_lines(version)[0], c.subject)
        for change in version.changes:
            yield Row(
                *who,
                change.path,
                change.op,
                change.old,
                change.new,
                change_words(change),
                c.subject,
            )
