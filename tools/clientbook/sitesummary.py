"""What the directory, dashboard, people pages and calendar need from each client.

A client page needs its whole model; every other page of the site needs a few
figures per client. A summary holds those figures. It is made where the page
is rendered (in the workers), kept between builds so that an unchanged record
costs nothing (sitestate.py), and the site-wide pages are made from summaries
alone, never from the page models.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from clientbook.calendar_ics import Deadline, deadlines_for
from clientbook.config import Config
from clientbook.dashboard import flags, health, response_gaps
from clientbook.diagnostics import Diagnostic
from clientbook.durations import parse_date
from clientbook.fastpickle import ByFields
from clientbook.report import Item, record_items
from clientbook.sitemodel import ClientPage, search_row
from clientbook.status import items

DUE_WITHIN = 30  # days ahead the owner and team pages list what is due


@dataclass(frozen=True, slots=True)
class Summary(ByFields):
    id: str
    file: str
    name: str
    status: str
    owner: str  # staff id
    team: str  # team id
    team_name: str
    jurisdiction: str
    last_interaction: str
    next_due: str
    completeness: float
    errors: int  # lint errors
    flags: tuple[str, ...]
    row: tuple[Any, ...]  # the directory's search row
    months: tuple[str, ...]  # YYYY-MM of each interaction in the last year
    feedback: tuple[tuple[str, float], ...]  # (YYYY-Qn, score)
    gaps: tuple[int, ...]  # days from an inbound interaction to the next outbound one
    health: dict[str, Any] | None  # active clients only
    deadlines: tuple[Deadline, ...]
    due: tuple[Item, ...]


def summarise(
    page: ClientPage,
    data: dict[str, Any],
    diagnostics: list[Diagnostic],
    config: Config,
    today: dt.date,
) -> Summary:
    """A client's summary from its page model; `data` is the whole record (the owners' to-do lists)."""
    visible = page.data
    marks = flags(page, config, today)
    year_ago = today - dt.timedelta(days=365)
    months = []
    for interaction in page.interactions:
        day = parse_date(interaction.get("date"))
        if day and day > year_ago:
            months.append(day.strftime("%Y-%m"))
    feedback = []
    for _, entry in items(visible, "feedback"):
        day = parse_date(entry.get("date"))
        if day and isinstance(entry.get("score"), (int, float)):
            feedback.append((f"{day.year}-Q{(day.month - 1) // 3 + 1}", float(entry["score"])))
    return Summary(
        id=page.id,
        file=page.file,
        name=page.name,
        status=str(visible.get("status", "")),
        owner=str(visible.get("owner", "")),
        team=str(visible.get("team", "")),
        team_name=page.team_name,
        jurisdiction=str(visible.get("jurisdiction", "")),
        last_interaction=page.last_interaction,
        next_due=page.next_due,
        completeness=page.completeness,
        errors=sum(1 for d in diagnostics if str(d.severity) == "error"),
        flags=tuple(marks),
        row=tuple(search_row(page, marks)),
        months=tuple(months),
        feedback=tuple(feedback),
        gaps=tuple(response_gaps(visible)),
        health=health(page, today) if visible.get("status") == "active" else None,
        deadlines=tuple(deadlines_for(page, config)),
        due=tuple(record_items(page.id, page.file, data, diagnostics, config, today, DUE_WITHIN)),
    )
