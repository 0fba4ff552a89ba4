"""Messages as interactions: which client each one is with, and the edits that log them.

`clientbook log --from-email` logs one .eml, or every message of an mbox with `--all`.
Each message's client comes from its correspondents' addresses (never staff's); a
message already logged (same day, channel and summary) is not logged twice, so running
the command again over a grown mbox adds only the new messages. A message whose Date
header gives no day it can have been sent is not logged unless --date gives the day:
the interaction's date is never made up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from clientbook.authoring.email_import import Mail
from clientbook.authoring.find_client import AddressBook
from clientbook.authoring.interaction import EditRefused
from clientbook.authoring.logentry import (
    KEY,
    Edit,
    add_interaction,
    added_lines,
    staff_by_email,
)
from clientbook.core import obligations
from clientbook.core.config import Config
from clientbook.core.records import Record, record_from_bytes
from clientbook.lint.checkfile import Checker


@dataclass(frozen=True, slots=True)
class Settled:
    """One message and what became of it: the client it was logged with, or why not."""

    number: int  # 1-based, in file order
    mail: Mail
    client: str | None
    why: str = ""  # why it was not logged: no client, several, no date, already logged, refused


@dataclass
class MailPlan:
    edits: dict[str, Edit] = field(default_factory=dict)  # client id -> the record's new text
    logged: list[Settled] = field(default_factory=list)
    already: list[Settled] = field(default_factory=list)
    unmatched: list[Settled] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class MailOptions:
    """What the command line says for every message (None: from the message)."""

    client: str | None = None
    by: str | None = None
    fallback_by: str | None = None  # the staff member running the command
    direction: str | None = None
    day: dt.date | None = None
    summary: str | None = None
    follow_up: dt.date | None = None


def staff_addresses(config: Config) -> set[str]:
    return {m.email.casefold() for m in config.staff.values() if m.email}


def outside_addresses(mail: Mail, staff: set[str]) -> list[str]:
    """The correspondents who are not staff, nor at a staff member's domain (when any is not)."""
    outside = [a for a in mail.correspondents if a not in staff]
    staff_domains = {s.rsplit("@", 1)[-1] for s in staff}
    return [a for a in outside if a.rsplit("@", 1)[-1] not in staff_domains] or outside


def client_of(book: AddressBook, mail: Mail, staff: set[str]) -> tuple[str | None, str]:
    """(the client, '') or (None, why there is none) from the message's addresses."""
    outside = outside_addresses(mail, staff)
    found = book.find(outside) if outside else []
    if len(found) == 1:
        return found[0], ""
    who = ", ".join(outside) or "no address"
    if not found:
        return None, f"its correspondents ({who}) match no client"
    return None, f"its correspondents ({who}) match {len(found)} clients: {', '.join(found)}"


def undated(mail: Mail, options: MailOptions) -> str:
    """Why the message cannot be logged without --date, or "" when it has its day."""
    if options.day is not None or mail.date is not None:
        return ""
    return (
        f"{mail.date_problem or 'it has no date'}; give --date YYYY-MM-DD with the day it was sent"
    )


def mail_values(
    config: Config, mail: Mail, options: MailOptions, staff: set[str]
) -> dict[str, Any]:
    """The interaction a message makes, before it is put in schema order (`staff`: the staff's
    addresses, staff_addresses(config)); the message has its day (`undated` says "")."""
    among = [s for a in mail.correspondents if (s := staff_by_email(config, a))]
    day = options.day or mail.date
    if day is None:
        raise EditRefused(undated(mail, options))
    return {
        "date": day.isoformat(),
        "channel": "email",
        "direction": options.direction or ("outbound" if mail.sender in staff else "inbound"),
        "by": options.by or next(iter(among), None) or options.fallback_by,
        "summary": options.summary or mail.summary(),
        "follow_up": options.follow_up.isoformat() if options.follow_up else None,
    }


def already_logged(data: Any, values: dict[str, Any]) -> bool:
    """An interaction of the same day, channel and summary is in the record."""
    return any(
        str(i.get("date")) == values["date"]
        and i.get("channel") == values["channel"]
        and i.get("summary") == values["summary"]
        for _, i in obligations.items(data, KEY)
    )


def plan_mail(
    config: Config,
    checker: Checker,
    mails: list[Mail],
    options: MailOptions,
    today: dt.date,
    load: Callable[[str], Record],
) -> MailPlan:
    """Each message settled: logged into its client's record (one edit a record, every message
    of that record in it, oldest first), already there, or not matched and why."""
    plan = MailPlan()
    staff = staff_addresses(config)
    book = AddressBook(config.root) if options.client is None else None
    first: dict[str, bytes] = {}  # each record's text as it was read
    records: dict[str, Record] = {}  # and with the messages logged so far
    order = sorted(enumerate(mails, 1), key=lambda m: (m[1].date or today, m[0]))
    for number, mail in order:
        client, why = (options.client, "") if book is None else client_of(book, mail, staff)
        if client is None:
            plan.unmatched.append(Settled(number, mail, None, why))
            continue
        why = undated(mail, options)
        if why:
            plan.unmatched.append(Settled(number, mail, client, why))
            continue
        if client not in records:
            records[client] = load(client)
            first[client] = records[client].raw
        values = mail_values(config, mail, options, staff)
        if already_logged(records[client].data, values):
            plan.already.append(
                Settled(number, mail, client, f"already logged on {values['date']}")
            )
            continue
        try:
            records[client] = _added(checker, records[client], values)
        except EditRefused as err:
            plan.unmatched.append(Settled(number, mail, client, str(err)))
            continue
        plan.logged.append(Settled(number, mail, client))
    for client, raw in first.items():
        if records[client].raw != raw:
            plan.edits[client] = Edit(records[client].raw, added_lines(raw, records[client].raw))
    return plan


def _added(checker: Checker, record: Record, values: dict[str, Any]) -> Record:
    """The record with one more interaction, read back (so the next message edits the result)."""
    assert isinstance(record.data, dict)
    edit = add_interaction(checker, record.file, record.raw, record.data, values)
    if edit.new_errors:
        raise EditRefused("it would bring errors: " + "; ".join(edit.new_errors))
    return record_from_bytes(record.file, edit.new)
