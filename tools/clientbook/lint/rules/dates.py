"""Dates: ends after starts, nothing recorded in the future, status dates consistent, and
no period counted from a date past the calendar's end."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from clientbook.core.diagnostics import Finding, Severity
from clientbook.core.durations import parse_date
from clientbook.core.obligations import items, section
from clientbook.lint.rules.base import Context, record_dates, record_rule


def _order(start_ptr: str, start: Any, end_ptr: str, end: Any, what: str) -> Iterator[Finding]:
    a, b = parse_date(start), parse_date(end)
    if a and b and b < a:
        yield Finding(
            end_ptr,
            f"{what} ends on {b}, before it starts on {a}",
            f"check both dates; '{end_ptr.rpartition('/')[2]}' must not be before '{start_ptr.rpartition('/')[2]}'",
        )


@record_rule("date-order", Severity.ERROR, "an end date is before its start date", "dates")
def date_order(data: Any, ctx: Context) -> Iterator[Finding]:
    """Agreements and projects end on or after they start; a consent is
    withdrawn on or after it was given; the relationship ends on or after
    its status began; status history runs oldest first.

    Passes: `start: 2024-01-01` … `end: 2026-12-31`
    Fails:  `start: 2024-01-01` … `end: 2023-12-31`
    """
    for i, a in items(data, "agreements"):
        yield from _order(
            f"agreements/{i}/start",
            a.get("start"),
            f"agreements/{i}/end",
            a.get("end"),
            "the agreement",
        )
    for i, p in items(data, "projects"):
        yield from _order(
            f"projects/{i}/start", p.get("start"), f"projects/{i}/end", p.get("end"), "the project"
        )
    for i, c in items(data, "consents"):
        yield from _order(
            f"consents/{i}/given",
            c.get("given"),
            f"consents/{i}/withdrawn",
            c.get("withdrawn"),
            "the consent",
        )
    yield from _order("since", data.get("since"), "ended", data.get("ended"), "the relationship")
    previous: dt.date | None = None
    for i, change in items(data, "status_history"):
        when = parse_date(change.get("date"))
        if when and previous and when < previous:
            yield Finding(
                f"status_history/{i}/date",
                f"status history is out of order: {when} comes after {previous}",
                "list status changes oldest first",
            )
        previous = when or previous


@record_rule(
    "date-future", Severity.ERROR, "something that already happened is dated in the future", "dates"
)
def date_future(data: Any, ctx: Context) -> Iterator[Finding]:
    """Interactions, reviews, feedback, signatures, consents, status changes
    and completed steps record what has happened, so their dates cannot be
    after today (`--today`). Follow-up and due dates may be.

    Passes: an interaction dated yesterday
    Fails:  an interaction dated next week
    """
    today = ctx.today
    # A text that reads as a day is YYYY-MM-DD, which sorts as the days do: only a text
    # after today's can be a day after today, and only those are read.
    after = today.isoformat()
    for pointer, value in (
        ("since", data.get("since")),
        ("ended", data.get("ended")),
        ("review/last_reviewed", section(data, "review").get("last_reviewed")),
    ):
        if isinstance(value, str) and value > after and (when := parse_date(value)):
            yield _future(pointer, when, today)
    for key, name in _HAPPENED:
        for i, entry in items(data, key):
            value = entry.get(name)
            if isinstance(value, str) and value > after and (when := parse_date(value)):
                yield _future(f"{key}/{i}/{name}", when, today)


# The dates in lists that record what has happened, in the order date-future reports them.
_HAPPENED = (
    ("interactions", "date"),
    ("feedback", "date"),
    ("agreements", "signed"),
    ("consents", "given"),
    ("consents", "withdrawn"),
    ("status_history", "date"),
    ("onboarding", "done"),
)


def _future(pointer: str, when: dt.date, today: dt.date) -> Finding:
    return Finding(
        pointer,
        f"{when} is in the future (today is {today})",
        "record only what has happened; plan future work as a follow-up date",
    )


@record_rule(
    "status-dates", Severity.ERROR, "ended is set when and only when the status is former", "dates"
)
def status_dates(data: Any, ctx: Context) -> Iterator[Finding]:
    """A former client has an `ended` date; a client in any other status has
    none. The last entry of `status_history`, when there is one, is the
    current status with the `since` date.

    Passes: `status: former`, `ended: 2025-06-30`
    Fails:  `status: active`, `ended: 2025-06-30`
    """
    status = data.get("status")
    if status == "former" and "ended" not in data:
        yield Finding(
            "status",
            "a former client needs the date the relationship ended",
            "add 'ended: YYYY-MM-DD'",
        )
    if status != "former" and "ended" in data and isinstance(status, str):
        yield Finding(
            "ended",
            f"'ended' is set but the status is {status}",
            "remove 'ended', or set status: former",
        )
    history = items(data, "status_history")
    if history:
        i, last = history[-1]
        if last.get("status") != status:
            yield Finding(
                f"status_history/{i}/status",
                f"the last status change is to {last.get('status')}, but the status is {status}",
                "add the latest change to status_history",
            )
        elif last.get("date") != data.get("since"):
            yield Finding(
                f"status_history/{i}/date",
                f"the last status change is dated {last.get('date')}, but since is {data.get('since')}",
                "make the two dates agree",
            )


@record_rule(
    "date-range",
    Severity.ERROR,
    "a period counted from a date runs past the calendar's last day",
    "dates",
)
def date_range(data: Any, ctx: Context) -> Iterator[Finding]:
    """Retention periods, review intervals and contact frequencies are counted
    from the record's dates. One that ends after 9999-12-31, the last day
    of the calendar, gives no date at all: the record would never be erased,
    reviewed or contacted. Such a date is a mistake (an open end written as
    9999-12-31: leave the end out instead).

    Passes: an agreement that `end`s 2030-06-30
    Fails:  an agreement that `end`s 9999-12-31, under a policy that runs from agreement-end
    """
    for pointer, day, period, what in record_dates(data, ctx).past_the_calendar():
        yield Finding(
            pointer,
            f"{period} after {day} runs past the calendar's last day (9999-12-31): "
            f"{what} never falls due",
            "write the real date; leave an open end out rather than writing 9999-12-31",
        )


RULES = (date_order, date_future, status_dates, date_range)
