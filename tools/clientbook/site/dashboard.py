"""The dashboard's figures, added up from the clients' summaries.

Pure functions. Every figure names the directory filter that lists the
clients behind it (index.html#flag=…, #status=…; #team= for the clients
without a team), so a number on the dashboard is always one click from the
clients it counts. Each client's flags and health are its own (flags.py),
made with its summary.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

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
    health: list[dict[str, Any]] = field(default_factory=list)
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


def build_dashboard(summaries: list[Summary], today: dt.date) -> Dashboard:
    counts = Counter(flag for s in summaries for flag in s.flags)
    figures = [Figure(FLAGS[f], str(counts.get(f, 0)), f"index.html#flag={f}") for f in FLAGS]
    months = Counter(month for s in summaries for month in s.months)
    feedback: dict[str, list[float]] = {}
    for s in summaries:
        for quarter, score in s.feedback:
            feedback.setdefault(quarter, []).append(score)
    gaps = [gap for s in summaries for gap in s.gaps]
    active = [s.health for s in summaries if s.health is not None]
    last_year = [
        (today.replace(day=1) - dt.timedelta(days=31 * n)).strftime("%Y-%m")
        for n in range(11, -1, -1)
    ]
    return Dashboard(
        figures=figures,
        by_status=sorted(Counter(s.status for s in summaries).items()),
        by_team=sorted(Counter(s.team_name or "no team" for s in summaries).items()),
        by_jurisdiction=sorted(Counter(s.jurisdiction for s in summaries).items()),
        per_month=[(m, months.get(m, 0)) for m in last_year],
        feedback_by_quarter=[(q, round(sum(v) / len(v), 1)) for q, v in sorted(feedback.items())][
            -8:
        ],
        response_days=round(sum(gaps) / len(gaps), 1) if gaps else None,
        completeness=round(sum(s.completeness for s in summaries) / len(summaries), 2)
        if summaries
        else 1.0,
        health=sorted(active, key=lambda h: (-h["overdue_days"], h["name"]))[:25],
        tallies=[
            tally("By status", "status", Counter(s.status for s in summaries), "—"),
            tally("By team", "team", Counter(s.team_name for s in summaries), "no team"),
            tally(
                "By jurisdiction", "jurisdiction", Counter(s.jurisdiction for s in summaries), "—"
            ),
        ],
    )
