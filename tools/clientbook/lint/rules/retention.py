"""Retention: every record resolves to a retain-until date, and is not kept past it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from clientbook.core.diagnostics import Finding, Severity
from clientbook.core.durations import window_end
from clientbook.lint.rules.base import Context, record_dates, record_rule


@record_rule(
    "retention-expired", Severity.ERROR, "the record is kept past its retention date", "retention"
)
def retention_expired(data: Any, ctx: Context) -> Iterator[Finding]:
    """A record past its retain-until date must be erased or anonymised
    (`clientbook erase`, `clientbook anonymise`). The date comes from
    `retention.retain_until`, else from the retention policy (the record's,
    its jurisdiction's default, or the config's default): the policy's period
    counted from the relationship's end, the last interaction, or the last
    agreement's end.

    Passes: former client ended 2024-06-30, policy contract-7y (until 2031-06-30)
    Fails:  former client ended 2018-02-01, policy contract-7y (until 2025-02-01)
    """
    if data.get("anonymised"):
        return
    kept = record_dates(data, ctx).retention
    if kept.until is not None and kept.until < ctx.today:
        yield Finding(
            kept.pointer,
            f"{kept.explain(past=True)}: erase or anonymise it",
            f"run 'clientbook erase {data.get('id', '')} --request REF' or "
            f"'clientbook anonymise {data.get('id', '')}', or set retention.retain_until with a reason",
        )


@record_rule(
    "retention-due",
    Severity.WARNING,
    "the retention date falls within the warning window",
    "retention",
)
def retention_due(data: Any, ctx: Context) -> Iterator[Finding]:
    """Warns `retention_warning_days` (default 30) before a record's
    retain-until date, so the erasure can be planned.

    Fails (today 2025-01-15): former client kept until 2025-02-01
    """
    if data.get("anonymised"):
        return
    kept = record_dates(data, ctx).retention
    end = window_end(ctx.today, ctx.config.retention_warning_days)
    if kept.until is not None and ctx.today <= kept.until <= end:
        days = (kept.until - ctx.today).days
        yield Finding(
            kept.pointer,
            f"{kept.explain()}: {days} days left",
            "plan the erasure or anonymisation, or extend retention with a reason",
        )


@record_rule(
    "retention-missing", Severity.ERROR, "a former client has no retention date", "retention"
)
def retention_missing(data: Any, ctx: Context) -> Iterator[Finding]:
    """A former client must resolve to a retain-until date: it names a
    policy, its jurisdiction or the config has a default, or it sets
    `retention.retain_until`. Without one nobody knows when to erase it.

    Fails: `status: former` with no retention and no default policy.
    """
    if data.get("status") != "former" or data.get("anonymised"):
        return
    kept = record_dates(data, ctx).retention
    if kept.until is None and not kept.beyond_calendar:  # that is date-range's finding
        yield Finding(
            "status",
            f"a former client with no retention date ({kept.explain()})",
            "add retention.policy, or a default_retention for its jurisdiction in clientbook.yaml",
        )


RULES = (retention_expired, retention_due, retention_missing)
