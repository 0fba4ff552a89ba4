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
import heapq
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain
from typing import Any
from urllib.parse import urlencode

from clientbook.site.flags import FLAGS
from clientbook.site.summary import Summary

HEALTH = 25  # rows of the relationship health table; the rest are a link to the directory


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


def build_dashboard(summaries: list[Summary], today: dt.date) -> Dashboard:
    # each count walks every summary once, its lists joined in C (100,000 summaries a build)
    counts = Counter(chain.from_iterable(s.flags for s in summaries))
    figures = [Figure(FLAGS[f], str(counts.get(f, 0)), f"index.html#flag={f}") for f in FLAGS]
    months = Counter(chain.from_iterable(s.months for s in summaries))
    feedback: dict[str, list[float]] = {}
    for quarter, score in chain.from_iterable(s.feedback for s in summaries):
        feedback.setdefault(quarter, []).append(score)
    gaps = list(chain.from_iterable(s.gaps for s in summaries))
    active = [s.health for s in summaries if s.health is not None]
    statuses = Counter(s.status for s in summaries)
    teams = Counter(s.team_name for s in summaries)
    jurisdictions = Counter(s.jurisdiction for s in summaries)
    last_year = [
        (today.replace(day=1) - dt.timedelta(days=31 * n)).strftime("%Y-%m")
        for n in range(11, -1, -1)
    ]
    by_team: Counter[str] = Counter()
    for name, n in teams.items():
        by_team[name or "no team"] += n
    return Dashboard(
        figures=figures,
        by_status=sorted(statuses.items()),
        by_team=sorted(by_team.items()),
        by_jurisdiction=sorted(jurisdictions.items()),
        per_month=[(m, months.get(m, 0)) for m in last_year],
        feedback_by_quarter=[(q, round(sum(v) / len(v), 1)) for q, v in sorted(feedback.items())][
            -8:
        ],
        response_days=round(sum(gaps) / len(gaps), 1) if gaps else None,
        completeness=round(sum(s.completeness for s in summaries) / len(summaries), 2)
        if summaries
        else 1.0,
        # sorted(…)[:HEALTH] without sorting them all
        health=heapq.nsmallest(HEALTH, active, key=lambda h: (-h["overdue_days"], h["name"])),
        active=len(active),
        tallies=[
            tally("By status", "status", statuses, "—"),
            tally("By team", "team", teams, "no team"),
            tally("By jurisdiction", "jurisdiction", jurisdictions, "—"),
        ],
    )
