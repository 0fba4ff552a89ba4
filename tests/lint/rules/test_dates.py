from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.conftest import rules_of

Lint = Callable[..., list[dict[str, Any]]]


def test_agreement_ending_before_start(lint_record: Lint) -> None:
    bad = [{"id": "msa", "title": "MSA", "start": "2026-01-05", "end": "2025-12-31"}]
    [d] = [d for d in lint_record(agreements=bad) if d["rule"] == "date-order"]
    assert d["pointer"] == "agreements/0/end"
    good = [{"id": "msa", "title": "MSA", "start": "2026-01-05", "end": "2027-12-31"}]
    assert "date-order" not in rules_of(lint_record(agreements=good))


def test_status_history_out_of_order(lint_record: Lint) -> None:
    history = [
        {"status": "contact", "date": "2026-02-01"},
        {"status": "active", "date": "2026-01-05"},
    ]
    assert "date-order" in rules_of(lint_record(status_history=history))


def test_interaction_in_the_future(lint_record: Lint) -> None:
    future = [{"date": "2026-12-01", "channel": "email", "direction": "outbound", "summary": "x"}]
    [d] = [d for d in lint_record(interactions=future) if d["rule"] == "date-future"]
    assert "2026-12-01 is in the future (today is 2026-11-23)" in d["message"]


def test_follow_up_in_the_future_is_fine(lint_record: Lint) -> None:
    plan = [
        {
            "date": "2026-11-20",
            "channel": "email",
            "direction": "outbound",
            "summary": "x",
            "follow_up": "2026-12-01",
        }
    ]
    assert "date-future" not in rules_of(lint_record(interactions=plan))


def test_ended_without_former(lint_record: Lint) -> None:
    assert "status-dates" in rules_of(lint_record(ended="2026-10-01"))


def test_former_without_ended(lint_record: Lint) -> None:
    assert "status-dates" in rules_of(lint_record(status="former"))
    assert "status-dates" not in rules_of(lint_record(status="former", ended="2026-10-01"))


def test_history_must_end_with_current_status(lint_record: Lint) -> None:
    history = [
        {"status": "contact", "date": "2025-10-01"},
        {"status": "paused", "date": "2026-01-05"},
    ]
    assert "status-dates" in rules_of(lint_record(status_history=history))
    good = [{"status": "contact", "date": "2025-10-01"}, {"status": "active", "date": "2026-01-05"}]
    assert "status-dates" not in rules_of(lint_record(status_history=good))
