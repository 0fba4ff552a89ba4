"""The working list: what is overdue or coming, per owner, each with the command that resolves it.

Dates come from core/obligations.py, the same code lint and the site use; consent,
onboarding and duplicate findings come from lint itself, so a report row
and a lint message can never disagree.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from clientbook.core import obligations as st
from clientbook.core.config import Config
from clientbook.core.diagnostics import Diagnostic
from clientbook.core.durations import window_end
from clientbook.core.records import Record
from clientbook.lint.run import LintResult

RETENTION_EXPIRED = "retention expired"
RETENTION_DUE = "retention due"
REVIEW_OVERDUE = "review overdue"
REVIEW_DUE = "review due"
FOLLOW_UP_OVERDUE = "follow-up overdue"
FOLLOW_UP_DUE = "follow-up due"
CONSENT_WITHDRAWN = "withdrawn consent in use"
ONBOARDING = "onboarding incomplete"
DUPLICATE = "suspected duplicate"

# Order of urgency within an owner's list.
KINDS = (
    RETENTION_EXPIRED,
    CONSENT_WITHDRAWN,
    REVIEW_OVERDUE,
    FOLLOW_UP_OVERDUE,
    ONBOARDING,
    DUPLICATE,
    RETENTION_DUE,
    REVIEW_DUE,
    FOLLOW_UP_DUE,
)
_FROM_LINT = {
    "consent-withdrawn-used": CONSENT_WITHDRAWN,
    "onboarding-incomplete": ONBOARDING,
    "duplicate-client": DUPLICATE,
}


@dataclass(frozen=True, slots=True)
class Item:
    owner: str  # staff id ("" when the record names none)
    client: str
    file: str
    kind: str
    date: str  # the deadline or the day it was due; "" when there is none
    detail: str
    command: str
    # a finding the lint baseline holds, known since adoption; by keyword only: the site
    # keeps items as tuples of the other fields
    known: bool = field(default=False, kw_only=True)

    def to_dict(self) -> dict[str, str | bool]:
        return {
            "owner": self.owner,
            "client": self.client,
            "file": self.file,
            "kind": self.kind,
            "date": self.date,
            "detail": self.detail,
            "command": self.command,
            "known": self.known,
        }


def build(
    records: list[Record], lint_result: LintResult, config: Config, today: dt.date, within: int
) -> list[Item]:
    """Every item due now or within `within` days, sorted by owner, urgency and date."""
    by_file = lint_result.by_file()
    items: list[Item] = []
    for record in records:
        found = by_file.pop(record.file, [])
        items += record_items(record.id, record.file, record.data, found, config, today, within)
    for file, found in by_file.items():  # findings on files that are not records
        items += record_items(file, file, None, found, config, today, within)
    return sort_items(items)


def sort_items(items: list[Item]) -> list[Item]:
    """By owner, then urgency, date and client."""
    return sorted(items, key=lambda i: order(i.owner, i.kind, i.date, i.client))


_URGENCY = {kind: n for n, kind in enumerate(KINDS)}


def order(owner: str, kind: str, date: str, client: str) -> tuple[str, int, str, str]:
    """Where an item stands in the working list: by owner, then urgency, date and client."""
    return (owner, _URGENCY[kind], date, client)


def record_items(
    client: str,
    file: str,
    data: dict[str, Any] | None,
    diagnostics: list[Diagnostic],
    config: Config,
    today: dt.date,
    within: int,
) -> list[Item]:
    """One record's items: its dates due within `within` days, and its findings that need action."""
    owner = str(data.get("owner", "")) if data else ""
    items = (
        _dated(client, file, data, config, today, window_end(today, within))
        if data is not None
        else []
    )
    for d in diagnostics:
        kind = _FROM_LINT.get(d.rule)
        if kind:
            items.append(
                Item(owner, client, file, kind, "", d.message, _resolve(kind, client, file))
            )
    return items


def expired_retention(items: list[Item]) -> list[Item]:
    """The records past their retention date that the baseline does not know."""
    return [i for i in items if i.kind == RETENTION_EXPIRED and not i.known]


# the lint rule that reports each kind of item (an item "due" soon is no finding)
RULE_OF = {
    RETENTION_EXPIRED: "retention-expired",
    RETENTION_DUE: "retention-due",
    REVIEW_OVERDUE: "review-overdue",
    FOLLOW_UP_OVERDUE: "follow-up-overdue",
    **{kind: rule for rule, kind in _FROM_LINT.items()},
}


def mark_known(items: list[Item], known: list[Diagnostic]) -> list[Item]:
    """Items whose lint finding is in the baseline marked known: the same rule on the same
    file, about the same date (dated items) or with the same words (lint's own items)."""
    by_file: dict[tuple[str, str], list[str]] = {}
    for d in known:
        by_file.setdefault((d.file, d.rule), []).append(d.message)
    out = []
    for item in items:
        messages = by_file.get((item.file, RULE_OF.get(item.kind, "")), [])
        if any((item.date and item.date in m) or m == item.detail for m in messages):
            item = dataclasses.replace(item, known=True)
        out.append(item)
    return out


def _dated(
    client: str, file: str, data: dict[str, Any], config: Config, today: dt.date, horizon: dt.date
) -> list[Item]:
    owner = str(data.get("owner", ""))
    out = []

    def add(kind: str, when: dt.date, detail: str) -> None:
        out.append(
            Item(
                owner,
                client,
                file,
                kind,
                when.isoformat(),
                detail,
                _resolve(kind, client, file),
            )
        )

    until = st.retention_deadline(data, config)
    if until is not None and until < today:
        add(RETENTION_EXPIRED, until, st.retention(data, config).explain(past=True))
    elif until is not None and until <= horizon:
        add(RETENTION_DUE, until, st.retention(data, config).explain())
    if st.review_applies(data):
        due = st.review(data, config)
        if due.due is not None and due.due < today:
            add(
                REVIEW_OVERDUE,
                due.due,
                f"{due.interval} review; last reviewed {due.last or 'never'}",
            )
        elif due.due is not None and due.due <= horizon:
            add(REVIEW_DUE, due.due, f"{due.interval} review; last reviewed {due.last or 'never'}")
    for i, interaction, when in st.open_follow_ups(data):
        if when > horizon:
            continue
        summary = " ".join(str(interaction.get("summary", "")).split())[:80]
        detail = f"interactions/{i}: {interaction.get('date')} {interaction.get('channel', '')}: {summary}"
        add(FOLLOW_UP_OVERDUE if when < today else FOLLOW_UP_DUE, when, detail)
    return out


def _resolve(kind: str, client: str, file: str) -> str:
    if kind in (RETENTION_EXPIRED, RETENTION_DUE):
        return f"clientbook erase {client} --request REF  (or: clientbook anonymise {client})"
    if kind in (REVIEW_OVERDUE, REVIEW_DUE, ONBOARDING):
        return f"clientbook form {client}  (review with the client, then update {file})"
    if kind in (FOLLOW_UP_OVERDUE, FOLLOW_UP_DUE):
        return f"do it, then set done: true in {file}"
    if kind == CONSENT_WITHDRAWN:
        return f"remove the purpose from communication.subscriptions in {file}"
    return f"merge the two records, or mark {file} with # clientbook: ignore[duplicate-client]"
