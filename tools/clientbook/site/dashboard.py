"""The dashboard's figures, added up from the clients' summaries.

Pure functions. Every figure names the directory filter that lists the
clients behind it (index.html#flag=…, #status=…; #team= for the clients
without a team), so a number on the dashboard is always one click from the
clients it counts, and no list on it grows with the number of clients: the
relationship health table shows the HEALTH most overdue, and links to the
directory for the others. Each client's flags and health are its own (flags.py),
made with its summary.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from clientbook.site import dashtotals
from clientbook.site.dashtotals import Totals, mean, totals_of
from clientbook.site.flags import FLAGS
from clientbook.site.summary import Summary


@dataclass
class Figure:
    label: str
    value: str
    link: str  # the directory filter listing the clients behind it ("" when there is none)


@dataclass
class Tally:
    """Clients counted by one of the directory's filters: a figure for each value."""

    title: str
    figures: list[Figure]


@dataclass
class Dashboard:
    figures: list[Figure]
    by_status: list[tuple[str, int]]
    by_team: list[tuple[str, int]]
    by_jurisdiction: list[tuple[str, int]]
    per_month: list[tuple[str, int]]
    feedback_by_quarter: list[tuple[str, float]]
    response_days: float | None
    completeness: float
    health: list[dict[str, Any]] = field(default_factory=list)  # the HEALTH most overdue
    active: int = 0  # the clients the health table is drawn from (those contact applies to)
    # by_status, by_team and by_jurisdiction with their links (the by_ lists stay for
    # dashboard templates copied into a repository before the links)
    tallies: list[Tally] = field(default_factory=list)


def directory_link(key: str, value: str) -> str:
    """The directory filtered to `key` = `value`; an empty value lists the clients without one."""
    return "index.html#" + urlencode({key: value})


def tally(title: str, key: str, values: Counter[str], nothing: str) -> Tally:
    """A figure per value, by value, the clients without one (labelled `nothing`) last."""
    order = sorted(values.items(), key=lambda item: (item[0] == "", item[0]))
    return Tally(
        title, [Figure(value or nothing, str(n), directory_link(key, value)) for value, n in order]
    )


def build_dashboard(summaries: Sequence[Summary], today: dt.date) -> Dashboard:
    """The dashboard of these clients."""
    return dashboard_of(totals_of(summaries), today)


def dashboard_of(totals: Totals, today: dt.date) -> Dashboard:
    """The dashboard drawn from the clients' totals (a full build's, or an update's)."""
    figures = [Figure(FLAGS[f], str(totals.flags.get(f, 0)), f"index.html#flag={f}") for f in FLAGS]
    last_year = [
        (today.replace(day=1) - dt.timedelta(days=31 * n)).strftime("%Y-%m")
        for n in range(11, -1, -1)
    ]
    by_team: Counter[str] = Counter()
    for name, n in totals.teams.items():
        by_team[name or "no team"] += n
    feedback = [(q, mean(scores)) for q, scores in sorted(totals.feedback.items())][-8:]
    response = mean(totals.gaps)
    completeness = mean(totals.completeness)
    return Dashboard(
        figures=figures,
        by_status=sorted(totals.statuses.items()),
        by_team=sorted(by_team.items()),
        by_jurisdiction=sorted(totals.jurisdictions.items()),
        per_month=[(m, totals.months.get(m, 0)) for m in last_year],
        feedback_by_quarter=[(q, round(m, 1)) for q, m in feedback if m is not None],
        response_days=round(response, 1) if response is not None else None,
        completeness=round(completeness, 2) if completeness is not None else 1.0,
        health=totals.health[: dashtotals.HEALTH],  # read at each call: tests lower it
        active=totals.active,
        tallies=[
            tally("By status", "status", totals.statuses, "—"),
            tally("By team", "team", totals.teams, "no team"),
            tally("By jurisdiction", "jurisdiction", totals.jurisdictions, "—"),
        ],
    )
