"""deadlines.ics: review dates, retention deadlines and open follow-ups, to subscribe to.

RFC 5545, written with the content-line code the vCards use (TEXT escaping,
folding at 75 octets, CR LF). The icalendar library wrote this file before:
it took 4 s of a 10,000-client build for 12,500 all-day events, and the
tests now read the file back with it instead. UIDs are stable per client
and deadline, so calendar apps update events in place.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from clientbook.core import obligations as st
from clientbook.core.config import Config
from clientbook.core.durations import Duration
from clientbook.site.model import ClientPage
from clientbook.util.contentline import content_line, escape_text

PRODID = "-//clientbook//deadlines//EN"


@dataclass(frozen=True, slots=True)
class Deadline:
    """One all-day event."""

    key: str  # unique and stable: client, kind, date (the UID is its hash)
    day: dt.date
    summary: str
    description: str


def deadlines_for(page: ClientPage, config: Config) -> Iterator[Deadline]:
    """A client's review date, retention deadline and open follow-ups."""
    data = page.data
    if st.review_applies(data):
        review = st.review(data, config)
        if review.due:
            yield Deadline(
                f"{page.id}/review/{review.due}",
                review.due,
                f"Review due: {page.name}",
                f"{review.interval} data review of {page.file}",
            )
    until = st.retention_deadline(data, config)
    if until:
        yield Deadline(
            f"{page.id}/retention/{until}",
            until,
            f"Retention deadline: {page.name}",
            st.retention(data, config).explain(),
        )
    for i, interaction, when in st.open_follow_ups(data):
        yield Deadline(
            f"{page.id}/follow-up/{i}/{when}",
            when,
            f"Follow-up: {page.name}",
            f"From the {interaction.get('date')} {interaction.get('channel', '')} "
            f"(interactions/{i}) in {page.file}",
        )


# An event without its DTSTAMP line, which goes between the two parts: the event text can
# then be made once per client and kept between builds, while the stamp is the build's.
EventText = tuple[str, str]


def event_text(deadline: Deadline) -> EventText:
    """The event's lines before and after its DTSTAMP line."""
    uid = hashlib.sha256(deadline.key.encode()).hexdigest()[:32] + "@clientbook"
    before = "BEGIN:VEVENT\r\n" + content_line("UID", escape_text(uid))
    end = Duration(days=1).after(deadline.day)
    after = "".join(
        (
            content_line("DTSTART", deadline.day.strftime("%Y%m%d"), [("VALUE", "DATE")]),
            # an event on 9999-12-31 has no next day to end on: it lasts one day instead
            content_line("DTEND", end.strftime("%Y%m%d"), [("VALUE", "DATE")])
            if end
            else "DURATION:P1D\r\n",
            content_line("SUMMARY", escape_text(deadline.summary)),
            content_line("DESCRIPTION", escape_text(deadline.description)),
            "TRANSP:TRANSPARENT\r\n",
            "END:VEVENT\r\n",
        )
    )
    return before, after


def deadlines_ics(events: Iterable[EventText], config: Config, stamp: dt.datetime) -> bytes:
    """The calendar of `events` (in client order); `stamp` (the build time) is every event's
    DTSTAMP, so builds are repeatable."""
    line = content_line("DTSTAMP", stamp.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ"))
    parts = [
        "BEGIN:VCALENDAR\r\n",
        content_line("PRODID", escape_text(PRODID)),
        "VERSION:2.0\r\n",
        content_line("X-WR-CALNAME", escape_text(f"{config.organisation}: client deadlines")),
    ]
    for before, after in events:
        parts += (before, line, after)
    parts.append("END:VCALENDAR\r\n")
    return "".join(parts).encode("utf-8")
