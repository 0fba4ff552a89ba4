"""Onboarding: an active client finishes the checklist within the agreed days."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from clientbook.core.diagnostics import Finding, Severity
from clientbook.core.durations import Duration, parse_date
from clientbook.core.obligations import items
from clientbook.lint.rules.base import Context, record_rule


@record_rule(
    "onboarding-incomplete",
    Severity.WARNING,
    "an active client has onboarding steps open past the deadline",
    "onboarding",
)
def onboarding_incomplete(data: Any, ctx: Context) -> Iterator[Finding]:
    """Every step of the onboarding checklist in clientbook.yaml must have a
    `done` date within `onboarding.complete_within_days` (default 30) of an
    active client's `since` date.

    Passes: all four steps with `done` dates
    Fails (40 days after since): `{step: kickoff-meeting}` with no `done`
    """
    if data.get("status") != "active" or not ctx.config.onboarding_steps:
        return
    since = parse_date(data.get("since"))
    if since is None:
        return
    deadline = Duration(days=ctx.config.onboarding_days).after(since)
    if deadline is None or deadline >= ctx.today:  # None: never, past the calendar's end
        return
    done = {e.get("step") for _, e in items(data, "onboarding") if parse_date(e.get("done"))}
    open_steps = [s for s in ctx.config.onboarding_steps if s.id not in done]
    if open_steps:
        names = ", ".join(f"{s.title} ({s.id})" for s in open_steps)
        yield Finding(
            "onboarding" if "onboarding" in data else "status",
            f"onboarding was due to finish by {deadline}; still open: {names}",
            "finish the steps and record their done dates",
        )


RULES = (onboarding_incomplete,)
