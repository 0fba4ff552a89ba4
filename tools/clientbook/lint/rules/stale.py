"""Stale: an active client is contacted as often as was agreed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from clientbook.core import obligations as st
from clientbook.core.diagnostics import Finding, Severity
from clientbook.lint.rules.base import Context, record_dates, record_rule


@record_rule(
    "client-stale",
    Severity.WARNING,
    "an active client has not been contacted as often as agreed",
    "stale",
)
def client_stale(data: Any, ctx: Context) -> Iterator[Finding]:
    """An active client with no interaction for longer than its agreed
    `communication.frequency` (or `stale_after` in clientbook.yaml, default
    90 days) is being neglected: continuity is the heart of client care.

    Passes (monthly): last interaction 20 days ago
    Fails  (monthly): last interaction 45 days ago
    """
    if not st.contact_applies(data):
        return
    dates = record_dates(data, ctx)
    due, duration = dates.contact_due
    if due is None or due >= ctx.today:
        return
    last = dates.last_interaction
    what = f"last interaction {last}" if last else "no interactions recorded"
    yield Finding(
        "interactions" if last else "status",
        f"{what}; contact every {duration.describe()} was due by {due}",
        "get in touch and record the interaction",
    )


RULES = (client_stale,)
