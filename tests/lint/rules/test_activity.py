"""Follow-ups, onboarding, stale clients and contacts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.conftest import rules_of

Lint = Callable[..., list[dict[str, Any]]]


def _interaction(**extra: Any) -> dict[str, Any]:
    return {
        "date": "2026-11-02",
        "channel": "phone",
        "direction": "inbound",
        "summary": "Asked for a quote.",
        **extra,
    }


def test_follow_up_overdue(lint_record: Lint) -> None:
    [d] = [
        d
        for d in lint_record(interactions=[_interaction(follow_up="2026-11-10")])
        if d["rule"] == "follow-up-overdue"
    ]
    assert "was due 2026-11-10" in d["message"] and "Asked for a quote." in d["message"]


def test_follow_up_done(lint_record: Lint) -> None:
    assert "follow-up-overdue" not in rules_of(
        lint_record(interactions=[_interaction(follow_up="2026-11-10", done=True)])
    )


def test_onboarding_incomplete(lint_record: Lint) -> None:
    [d] = [
        d
        for d in lint_record(onboarding=[{"step": "identity-check", "done": "2026-01-06"}])
        if d["rule"] == "onboarding-incomplete"
    ]
    assert "Agreement signed (agreement-signed)" in d["message"]


def test_onboarding_within_deadline(lint_record: Lint) -> None:
    assert "onboarding-incomplete" not in rules_of(lint_record(since="2026-11-10", onboarding=[]))


def test_client_stale(lint_record: Lint) -> None:
    diags = lint_record(
        communication={"frequency": "monthly"}, interactions=[_interaction(date="2026-09-01")]
    )
    [d] = [d for d in diags if d["rule"] == "client-stale"]
    assert "contact every 1 month was due by 2026-10-01" in d["message"]


def test_client_not_stale(lint_record: Lint) -> None:
    assert "client-stale" not in rules_of(lint_record(communication={"frequency": "monthly"}))


def test_stale_default_window(lint_record: Lint) -> None:
    diags = lint_record(communication=None, interactions=[_interaction(date="2026-07-01")])
    assert "client-stale" in rules_of(diags)


def test_phone_invalid(lint_record: Lint) -> None:
    assert "phone-invalid" in rules_of(
        lint_record(contacts=[{"name": "A", "phone": "+4412345678"}])
    )
    assert "phone-invalid" not in rules_of(
        lint_record(contacts=[{"name": "A", "phone": "+442079460123"}])
    )


def test_two_primary_contacts(lint_record: Lint) -> None:
    two = [{"name": "A", "primary": True}, {"name": "B", "primary": True}]
    [d] = [d for d in lint_record(contacts=two) if d["rule"] == "primary-contact"]
    assert d["pointer"] == "contacts/1/primary"
    assert "primary-contact" not in rules_of(lint_record(contacts=[{"name": "A", "primary": True}]))
