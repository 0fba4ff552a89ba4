"""Follow-ups: promises made in interactions are kept."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from clientbook.core.diagnostics import Finding, Severity
from clientbook.core.obligations import open_follow_ups
from clientbook.lint.rules.base import Context, record_rule


@record_rule(
    "follow-up-overdue",
    Severity.WARNING,
    "an interaction's follow-up date has passed and it is not done",
    "follow-ups",
)
def follow_up_overdue(data: Any, ctx: Context) -> Iterator[Finding]:
    """An interaction with a `follow_up` date before today and no
    `done: true` is a promise to the client not yet kept.

    Passes: `follow_up: 2025-03-01`, `done: true`
    Fails (today 2025-03-10): `follow_up: 2025-03-01` and no `done`
    """
    for i, interaction, due in open_follow_ups(data):
        if due < ctx.today:
            summary = str(interaction.get("summary", "")).strip().splitlines()[0:1]
            about = f" ({summary[0][:60]})" if summary else ""
            yield Finding(
                f"interactions/{i}/follow_up",
                f"follow-up of the {interaction.get('date')} {interaction.get('channel', 'interaction')}{about} was due {due}",
                "do it and set 'done: true', or move the follow-up date",
            )


RULES = (follow_up_overdue,)
