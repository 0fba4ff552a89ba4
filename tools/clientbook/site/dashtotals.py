"""The dashboard's sums over every client, kept between builds and updated by difference.

A full build adds every client's summary up; the site state keeps the totals
(state.py), and an update in place takes the changed clients' old summaries out
and puts their new ones in, instead of reading 10,000 summaries for one edit.
So that the two ways give the same dashboard to the last digit, a total holds
what it counts exactly: counters of values, not float sums (which depend on the
order of addition), and the mean is worked out from them in one function.

The health table is the HEALTH most overdue: the totals keep the KEPT most
overdue, a few times more, so that taking one out leaves enough to draw it;
when an update has taken out too many (`complete` is False), the caller
adds every summary up again.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import chain
from typing import Any

from clientbook.site.summary import Summary

HEALTH = 25  # rows of the relationship health table; the rest are a link to the directory
KEPT_PER_ROW = 8  # health rows kept for each one the table shows


def health_order(health: dict[str, Any]) -> tuple[int, str, str]:
    """Most overdue first, then by name; the id sets ties apart, so the order is one."""
    return (-health["overdue_days"], health["name"], health["id"])


def mean(values: Counter[Any]) -> float | None:
    """The mean of a multiset of numbers, exactly, rounded once to a float."""
    n = sum(values.values())
    if not n:
        return None
    if all(type(value) is int for value in values):
        # int / int is rounded once, as the Fraction would be, and a gap has 10,000 values
        return float(sum(value * times for value, times in values.items()) / n)
    return float(sum(Fraction(value) * times for value, times in values.items()) / n)


@dataclass
class Totals:
    """What the dashboard shows, summed over every client's summary."""

    clients: int = 0
    flags: Counter[str] = field(default_factory=Counter)
    months: Counter[str] = field(default_factory=Counter)
    feedback: dict[str, Counter[float]] = field(default_factory=dict)  # by quarter
    gaps: Counter[int] = field(default_factory=Counter)
    completeness: Counter[float] = field(default_factory=Counter)
    statuses: Counter[str] = field(default_factory=Counter)
    teams: Counter[str] = field(default_factory=Counter)
    jurisdictions: Counter[str] = field(default_factory=Counter)
    active: int = 0  # clients with a health row
    health: list[dict[str, Any]] = field(default_factory=list)  # the most overdue, in order
    # False once more rows were taken out of `health` than it can lose and still be the
    # most overdue of all (then the caller sums every summary again)
    complete: bool = True

    def add(self, summary: Summary, sign: int = 1) -> None:
        """Count one client in (sign 1) or out (sign -1)."""
        self.clients += sign
        _count(self.flags, summary.flags, sign)
        _count(self.months, summary.months, sign)
        for quarter, score in summary.feedback:
            scores = self.feedback.setdefault(quarter, Counter())
            _count(scores, (score,), sign)
            if not scores:
                del self.feedback[quarter]
        _count(self.gaps, summary.gaps, sign)
        _count(self.completeness, (summary.completeness,), sign)
        _count(self.statuses, (summary.status,), sign)
        _count(self.teams, (summary.team_name,), sign)
        _count(self.jurisdictions, (summary.jurisdiction,), sign)
        if summary.health is not None:
            self._health(summary.health, sign)

    def _health(self, row: dict[str, Any], sign: int) -> None:
        """Keep `health` the most overdue rows of all, as far as it can be known."""
        self.active += sign
        if sign < 0:
            if row in self.health:
                self.health.remove(row)
        elif len(self.health) == self.active - 1 or (
            self.health and health_order(row) < health_order(self.health[-1])
        ):
            # every other row is kept, or this one comes before the last kept: the rows
            # kept are still the most overdue of all
            self.health.append(row)
            self.health.sort(key=health_order)
            del self.health[HEALTH * KEPT_PER_ROW :]
        if len(self.health) < min(HEALTH, self.active):
            self.complete = False

    def replace(self, changes: Iterable[tuple[Summary, Summary]]) -> bool:
        """Count each (old, new) summary's old out and its new in; False when the health
        table can no longer be drawn from the totals (they are then to be made again)."""
        for old, new in changes:
            self.add(old, -1)
            self.add(new)
        return self.complete


def totals_of(summaries: Sequence[Summary]) -> Totals:
    """Every summary added up (each count's values joined in C: 100,000 summaries a build)."""

    def joined(name: str) -> Iterator[Any]:
        return chain.from_iterable(getattr(s, name) for s in summaries)

    feedback: dict[str, Counter[float]] = {}
    for (quarter, score), n in Counter(joined("feedback")).items():
        feedback.setdefault(quarter, Counter())[score] += n
    healths = [s.health for s in summaries if s.health is not None]
    return Totals(
        clients=len(summaries),
        flags=Counter(joined("flags")),
        months=Counter(joined("months")),
        feedback=feedback,
        gaps=Counter(joined("gaps")),
        completeness=Counter(s.completeness for s in summaries),
        statuses=Counter(s.status for s in summaries),
        teams=Counter(s.team_name for s in summaries),
        jurisdictions=Counter(s.jurisdiction for s in summaries),
        active=len(healths),
        health=heapq.nsmallest(HEALTH * KEPT_PER_ROW, healths, key=health_order),
    )


def _count(counter: Counter[Any], values: Iterable[Any], sign: int) -> None:
    """Add each value `sign` times; a value counted out to nothing is gone, as if never
    counted (a tally shows no row of 0)."""
    for value in values:
        n = counter[value] + sign
        if n:
            counter[value] = n
        else:
            del counter[value]
