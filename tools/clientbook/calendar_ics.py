"""deadlines.ics: review dates, retention deadlines and open follow-ups, to subscribe to.

Written with the icalendar library (RFC 5545: escaping, folding, UTC stamps).
UIDs are stable per client and deadline, so calendar apps update events in place.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable

import icalendar

from clientbook import status as st
from clientbook.config import Config
from clientbook.durations import parse_date
from clientbook.sitemodel import ClientPage


def _event(
    uid: str, day: dt.date, summary: str, description: str, stamp: dt.datetime
) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", hashlib.sha256(uid.encode()).hexdigest()[:32] + "@clientbook")
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")
    return event


def events(
    pages: Iterable[ClientPage], config: Config, stamp: dt.datetime
) -> list[icalendar.Event]:
    out = []
    for page in sorted(pages, key=lambda p: p.id):
        data = page.data
        if data.get("status") != "former" and not data.get("anonymised"):
            review = st.review(data, config)
            if review.due:
                out.append(
                    _event(
                        f"{page.id}/review/{review.due}",
                        review.due,
                        f"Review due: {page.name}",
                        f"{review.interval} data review of {page.file}",
                        stamp,
                    )
                )
        kept = st.retention(data, config)
        if kept.until and not data.get("anonymised"):
            out.append(
                _event(
                    f"{page.id}/retention/{kept.until}",
                    kept.until,
                    f"Retention deadline: {page.name}",
                    kept.explain(),
                    stamp,
                )
            )
        for i, interaction in st.items(data, "interactions"):
            when = parse_date(interaction.get("follow_up"))
            if when and interaction.get("done") is not True:
                out.append(
                    _event(
                        f"{page.id}/follow-up/{i}/{when}",
                        when,
                        f"Follow-up: {page.name}",
                        f"From the {interaction.get('date')} {interaction.get('channel', '')} "
                        f"(interactions/{i}) in {page.file}",
                        stamp,
                    )
                )
    return out


def deadlines_ics(pages: Iterable[ClientPage], config: Config, stamp: dt.datetime) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//clientbook//deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{config.organisation}: client deadlines")
    for event in events(pages, config, stamp):
        calendar.add_component(event)
    return bytes(calendar.to_ical())
