"""What the directory, dashboard, people pages and calendar need from each client.

A client page needs its whole model; every other page of the site needs a few
figures per client. A summary holds those figures, and the client's rows of
the owner and team pages and its calendar events already rendered. It is made
where the page is rendered (in the workers) and kept between builds
(sitestate.py), so the site-wide pages are made from summaries alone, and an
unchanged record costs nothing: not its model, nor its rows.

Plain data only (strings, numbers, tuples): 10,000 summaries are read and
written on every build, and class instances cost several times more to load.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import operator
from typing import Any, NamedTuple

import jinja2
from jinja2.utils import htmlsafe_json_dumps

from clientbook.compliance.report import Item, record_items
from clientbook.core.config import Config
from clientbook.core.diagnostics import Diagnostic, Severity, count
from clientbook.core.durations import parse_date
from clientbook.core.obligations import items
from clientbook.core.records import Record
from clientbook.site.calendar import EventText, deadlines_for, event_text
from clientbook.site.charts import chart_value
from clientbook.site.flags import flags, health, response_gaps
from clientbook.site.model import ClientPage, search_row

DUE_WITHIN = 30  # days ahead the owner and team pages list what is due
ROWS_TEMPLATE = "site/_rows.html"  # macros for the client's rows of the owner and team pages


class Summary(NamedTuple):
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
    row_json: str  # the row as the directory's search data holds it (HTML-safe JSON)
    months: tuple[str, ...]  # YYYY-MM of each interaction in the last year
    feedback: tuple[tuple[str, float], ...]  # (YYYY-Qn, score)
    gaps: tuple[int, ...]  # days from an inbound interaction to the next outbound one
    health: dict[str, Any] | None  # active clients only
    events: tuple[EventText, ...]  # its deadlines in deadlines.ics
    due: tuple[tuple[str, ...], ...]  # report Items' fields: what is due within DUE_WITHIN days
    due_rows: tuple[str, ...]  # each due item as a row of the owner and team pages (HTML)
    client_row: str  # the client as a row of its owner's and team's pages (HTML)

    @property
    def data(self) -> dict[str, str]:
        """The fields a people.html copied by an older `clientbook init` reads as p.data."""
        return {
            "status": self.status,
            "owner": self.owner,
            "team": self.team,
            "jurisdiction": self.jurisdiction,
        }


# The fields each site-wide part takes from a summary. They are stored apart, so an update
# in place reads only the parts its changes touch (sitestate.py, siteupdate.py).
PARTS: dict[str, tuple[str, ...]] = {
    "directory": ("name", "row", "row_json"),
    "dashboard": (
        "status",
        "team_name",
        "jurisdiction",
        "completeness",
        "flags",
        "months",
        "feedback",
        "gaps",
        "health",
    ),
    "people": (
        "id",
        "name",
        "status",
        "owner",
        "team",
        "jurisdiction",
        "last_interaction",
        "next_due",
        "client_row",
        "due",
        "due_rows",
    ),
    "calendar": ("id", "events"),
}
_INDEX = {name: n for n, name in enumerate(Summary._fields)}
_PLACES = {part: [_INDEX[name] for name in names] for part, names in PARTS.items()}


# an Item's positional fields in order, as a tuple (dataclasses.astuple deep-copies each
# string); `known` (a report's baseline mark) is not the site's
_item_values = operator.attrgetter(*(f.name for f in dataclasses.fields(Item) if not f.kw_only))


def part(summary: Summary, name: str) -> tuple[Any, ...]:
    """The values of one part's fields."""
    return tuple(getattr(summary, field) for field in PARTS[name])


def from_parts(file: str, errors: int, parts: dict[str, tuple[Any, ...]]) -> Summary:
    """A summary from the parts read; the fields of parts not read are None."""
    values: list[Any] = [None] * len(_INDEX)
    values[_INDEX["file"]], values[_INDEX["errors"]] = file, errors
    for name, stored in parts.items():
        for place, value in zip(_PLACES[name], stored, strict=True):
            values[place] = value
    return Summary._make(values)


def summarise(
    page: ClientPage,
    record: Record,
    diagnostics: list[Diagnostic],
    config: Config,
    today: dt.date,
    env: jinja2.Environment,
) -> Summary:
    """A client's summary from its page model, and from its record as read (the owners' to-do
    lists name records and see fields the audience may not)."""
    visible = page.data
    marks = flags(page, config, today)
    due = record_items(
        page.id,  # the owner's and team's pages link to clients/ID.html
        page.file,
        record.data,
        diagnostics,
        config,
        today,
        DUE_WITHIN,
    )
    rows = env.get_template(ROWS_TEMPLATE).module
    row = tuple(search_row(page, marks))
    summary = Summary(
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
        errors=count(diagnostics, Severity.ERROR),
        flags=tuple(marks),
        row=row,
        row_json=str(htmlsafe_json_dumps(row, separators=(",", ":"))),
        months=_months(page, today),
        feedback=_feedback(visible),
        gaps=tuple(response_gaps(page.interactions)),
        health=health(page, today) if page.visible_dates.contact is not None else None,
        events=tuple(event_text(d) for d in deadlines_for(page, config)),
        due=tuple(_item_values(i) for i in due),
        due_rows=(),
        client_row="",
    )
    return summary._replace(
        due_rows=tuple(str(rows.due_row(i, page.name)) for i in due),  # type: ignore[attr-defined]
        client_row=str(rows.client_row(summary)),  # type: ignore[attr-defined]
    )


def _months(page: ClientPage, today: dt.date) -> tuple[str, ...]:
    """YYYY-MM of each interaction in the year before `today`."""
    year_ago = today - dt.timedelta(days=365)
    return tuple(
        day.strftime("%Y-%m")
        for interaction in page.interactions
        if (day := interaction.day) and day > year_ago
    )


def _feedback(visible: dict[str, Any]) -> tuple[tuple[str, float], ...]:
    """(YYYY-Qn, score) of each dated, scored feedback entry."""
    return tuple(
        (f"{day.year}-Q{(day.month - 1) // 3 + 1}", score)
        for _, entry in items(visible, "feedback")
        if (day := parse_date(entry.get("date")))
        and (score := chart_value(entry.get("score"))) is not None
    )
