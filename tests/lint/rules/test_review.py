from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.conftest import rules_of

Lint = Callable[..., list[dict[str, Any]]]


def test_review_overdue_message(lint_record: Lint) -> None:
    diags = lint_record(review={"last_reviewed": "2026-01-10", "interval": "quarterly"})
    [d] = [d for d in diags if d["rule"] == "review-overdue"]
    assert d["message"] == "last reviewed 2026-01-10, quarterly review was due 2026-04-10"
    assert d["severity"] == "warning"


def test_review_in_time(lint_record: Lint) -> None:
    assert "review-overdue" not in rules_of(
        lint_record(review={"last_reviewed": "2026-10-01", "interval": "quarterly"})
    )


def test_never_reviewed_counts_from_since(lint_record: Lint) -> None:
    diags = lint_record(review=None, since="2025-01-05")
    assert "review-overdue" in rules_of(diags)


def test_former_clients_are_not_reviewed(lint_record: Lint) -> None:
    diags = lint_record(status="former", ended="2026-06-30", review={"last_reviewed": "2020-01-01"})
    assert "review-overdue" not in rules_of(diags)
