"""Review: each record is checked with the client at its agreed interval."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from clientbook.core import obligations as st
from clientbook.core.diagnostics import Finding, Severity
from clientbook.lint.rules.base import Context, record_dates, record_rule


@record_rule("review-overdue", Severity.WARNING, "the periodic data review is overdue", "review")
def review_overdue(data: Any, ctx: Context) -> Iterator[Finding]:
    """Records are reviewed for accuracy at their `review.interval` (or the
    config's `default_review_interval`): quarterly, annually, …. A record
    never reviewed is due one interval after its `since` date. Former
    clients are not reviewed.

    Passes (today 2025-03-01): last reviewed 2025-01-10, quarterly
    Fails  (today 2025-05-01): last reviewed 2025-01-10, quarterly (due 2025-04-10)
    """
    if not st.review_applies(data):
        return
    due = record_dates(data, ctx).review
    if due.due is None or due.due >= ctx.today:
        return
    if due.last:
        message = f"last reviewed {due.last}, {due.interval} review was due {due.due}"
        pointer = "review/last_reviewed"
    else:
        message = f"never reviewed; the first {due.interval} review was due {due.due}"
        pointer = "review" if "review" in data else "since"
    yield Finding(
        pointer, message, "review the record with the client, then set review.last_reviewed"
    )


RULES = (review_overdue,)
