from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.conftest import rules_of

Lint = Callable[..., list[dict[str, Any]]]
NEWSLETTER = {"frequency": "quarterly", "subscriptions": ["newsletter"]}


def test_subscription_without_consent(lint_record: Lint) -> None:
    [d] = [d for d in lint_record(communication=NEWSLETTER) if d["rule"] == "consent-missing"]
    assert "under UK GDPR" in d["message"] and d["pointer"] == "communication/subscriptions/0"


def test_subscription_with_consent(lint_record: Lint) -> None:
    consents = [
        {
            "purpose": "newsletter",
            "lawful_basis": "consent",
            "given": "2026-01-05",
            "source": "form",
        }
    ]
    assert not rules_of(lint_record(communication=NEWSLETTER, consents=consents)) & {
        "consent-missing",
        "consent-withdrawn-used",
    }


def test_purpose_not_requiring_basis(lint_record: Lint) -> None:
    assert "consent-missing" not in rules_of(
        lint_record(communication={"subscriptions": ["service"]})
    )


def test_withdrawn_consent_still_used(lint_record: Lint) -> None:
    consents = [
        {
            "purpose": "newsletter",
            "lawful_basis": "consent",
            "given": "2026-01-05",
            "withdrawn": "2026-03-01",
        }
    ]
    [d] = [
        d
        for d in lint_record(communication=NEWSLETTER, consents=consents)
        if d["rule"] == "consent-withdrawn-used"
    ]
    assert "withdrawn on 2026-03-01" in d["message"]


def test_withdrawn_consent_not_used(lint_record: Lint) -> None:
    consents = [
        {
            "purpose": "newsletter",
            "lawful_basis": "consent",
            "given": "2026-01-05",
            "withdrawn": "2026-03-01",
        }
    ]
    assert "consent-withdrawn-used" not in rules_of(lint_record(consents=consents))
