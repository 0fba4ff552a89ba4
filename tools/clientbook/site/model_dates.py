"""A record's status dates, asked of core/obligations once for each record a build pages.

Its page's badges and next deadline, its flags, its health row, its calendar
events and its owner's to-do list all show dates core/obligations.py decides:
retention, review, next contact, open follow-ups, the earliest of them. Each
part used to ask obligations again (the retention date six times a page, the
last interaction four), re-reading every interaction's dates each time. The
page model asks once (`status_dates`) and every part reads the answer.

Nothing is decided here: each field is what its obligations function returns.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from clientbook.core import obligations as st
from clientbook.core.config import Config
from clientbook.core.durations import Duration


class StatusDates(NamedTuple):
    last_interaction: dt.date | None  # obligations.last_interaction
    retention: st.Retention  # obligations.retention, also for an anonymised record
    retention_deadline: dt.date | None  # obligations.retention_deadline: None once anonymised
    review: st.Review | None  # obligations.review, None where no review applies
    contact: tuple[dt.date | None, Duration] | None  # obligations.contact_due, None unless active
    follow_ups: list[tuple[int, dict[str, Any], dt.date]]  # obligations.open_follow_ups
    next_deadline: dt.date | None  # obligations.next_deadline


def status_dates(data: dict[str, Any], config: Config) -> StatusDates:
    """The record's dates, each from the one obligations function that decides it."""
    return StatusDates(
        st.last_interaction(data),
        st.retention(data, config),
        st.retention_deadline(data, config),
        st.review(data, config) if st.review_applies(data) else None,
        st.contact_due(data, config) if st.contact_applies(data) else None,
        st.open_follow_ups(data),
        st.next_deadline(data, config),
    )
