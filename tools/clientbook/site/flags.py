"""What the dashboard and the directory need to know of one client, from its page model.

Its flags (the directory filters on them, the dashboard counts them), its
relationship health and its reply times. Made with the client's summary
(summary.py), where its page is made; the dashboard (dashboard.py) only adds
the summaries up. Whether a review is overdue, a retention deadline near, a
follow-up open or a consent withdrawn is decided by core/obligations.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from clientbook.core.config import Config
from clientbook.core.durations import parse_date, window_end
from clientbook.lint.rules.duplicates import other_file
from clientbook.lint.rules.duplicates_pairs import keep_order
from clientbook.site.entries import Interaction
from clientbook.site.model import ClientPage

# Flags a client can carry; the directory filters on them (#flag=NAME).
FLAGS = {
    "review-overdue": "Review overdue",
    "retention-soon": "Retention deadline within 90 days (or passed)",
    "follow-up-due": "Follow-up due or overdue",
    "consent-withdrawn": "Consent withdrawn",
    "stale": "Not contacted as often as agreed",
    "lint-warnings": "Has lint warnings",
    "lint-errors": "Has lint errors",
    "duplicate": "Suspected duplicate",
    "incomplete": "Profile under half complete",
}

RETENTION_SOON = 90  # days ahead a retention deadline flags the client
FOLLOW_UP_SOON = 7  # days ahead an open follow-up flags the client


def flags(page: ClientPage, config: Config, today: dt.date) -> list[str]:
    """The client's flags, from the record as the page's audience sees it."""
    dates = page.visible_dates  # obligations' answers for page.data (model_dates.py)
    out = []
    if dates.review is not None and dates.review.due and dates.review.due < today:
        out.append("review-overdue")
    kept = dates.retention_deadline
    if kept and kept <= window_end(today, RETENTION_SOON):
        out.append("retention-soon")
    soon = window_end(today, FOLLOW_UP_SOON)
    if any(when <= soon for _, _, when in dates.follow_ups):
        out.append("follow-up-due")
    if any(c.state == "withdrawn" for c in page.consents):
        out.append("consent-withdrawn")
    if dates.contact is not None:
        due, _ = dates.contact
        if due and due < today:
            out.append("stale")
    severities = {str(d.severity) for d in page.diagnostics}
    if "warning" in severities:
        out.append("lint-warnings")
    if "error" in severities:
        out.append("lint-errors")
    if any(d.rule == "duplicate-client" for d in page.diagnostics):
        out.append("duplicate")
    if page.completeness < 0.5:
        out.append("incomplete")
    return out


@dataclass(frozen=True)
class DuplicateLink:
    """The other record of a suspected duplicate, as a client page links to it."""

    other_id: str
    href: str  # relative to the client's page (both are under clients/)
    command: str  # the merge to run, or the listing that gives it


def duplicate_links(
    page: ClientPage, peers: Mapping[str, Any] | None = None
) -> list[DuplicateLink]:
    """Each record the page's client may be a duplicate of, with the merge command.

    `peers` (file -> record data) lets the command name which record to keep, by
    the rule `clientbook duplicates` uses (duplicates_pairs.keep_order); without
    the other record at hand the page shows the `clientbook duplicates` command
    that names it.
    """
    out: dict[str, DuplicateLink] = {}
    for d in page.diagnostics:
        other = other_file(d.message) if d.rule == "duplicate-client" else None
        if other is None or other in out:
            continue
        other_id = PurePosixPath(other).stem
        if peers is not None and other in peers:
            keep_this = (keep_order(page.data), page.file) <= (keep_order(peers[other]), other)
            keep, fold = (page.id, other_id) if keep_this else (other_id, page.id)
            command = f"clientbook merge {keep} {fold}"
        else:
            command = f"clientbook duplicates {page.file}"
        out[other] = DuplicateLink(other_id, f"{other_id}.html", command)
    return list(out.values())


def response_gaps(interactions: Iterable[Interaction]) -> list[int]:
    """Days from each inbound interaction to the next outbound one, by date (inbound before
    outbound on the same day); a direction that is no text is neither."""
    events = sorted(
        (i.day, i.direction if isinstance(i.direction, str) else "") for i in interactions if i.day
    )
    gaps = []
    reply = None  # the date of the nearest outbound interaction after the one looked at
    for day, direction in reversed(events):
        if direction == "inbound" and reply is not None:
            gaps.append((reply - day).days)
        elif direction == "outbound":
            reply = day
    gaps.reverse()
    return gaps


def health(page: ClientPage, today: dt.date) -> dict[str, Any]:
    """An active client's row in the dashboard's relationship health table.

    A dict, not a class: it is stored with the client's summary, and 10,000 plain
    values load several times faster than as many class instances (summary.py).
    """
    dates = sorted(i.day for i in page.interactions if i.day)
    year_ago = today - dt.timedelta(days=365)
    year = [d for d in dates if d > year_ago]
    frequency = (
        page.data.get("communication", {}).get("frequency", "")
        if isinstance(page.data.get("communication"), dict)
        else ""
    )
    due = parse_date(page.contact_due)
    return {
        "id": page.id,
        "name": page.name,
        "frequency": frequency or "default",
        "last_year": len(year),
        "last": dates[-1].isoformat() if dates else "",
        "overdue_days": (today - due).days if due and due < today else 0,
    }
