"""Consent: purposes that need a lawful basis are used only with a current consent."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from clientbook.core.diagnostics import Finding, Severity
from clientbook.core.obligations import consent_state, items, section
from clientbook.lint.rules.base import Context, record_rule


def _subscriptions(data: Any) -> list[tuple[int, str]]:
    subs = section(data, "communication").get("subscriptions")
    return (
        [(i, s) for i, s in enumerate(subs) if isinstance(s, str)] if isinstance(subs, list) else []
    )


def _consents_for(data: Any, purpose: str) -> list[tuple[int, dict[str, Any]]]:
    return [(i, c) for i, c in items(data, "consents") if c.get("purpose") == purpose]


@record_rule(
    "consent-missing",
    Severity.ERROR,
    "a purpose that needs a lawful basis is used without one",
    "consent",
)
def consent_missing(data: Any, ctx: Context) -> Iterator[Finding]:
    """A purpose the record uses (a `communication.subscriptions` entry) that
    its jurisdiction lists under `requires_basis` in clientbook.yaml needs a
    consent entry for that purpose, given on or before today.

    Passes (EU): `subscriptions: [newsletter]` with `consents: [{purpose: newsletter, lawful_basis: consent, given: 2024-05-01}]`
    Fails  (EU): `subscriptions: [newsletter]` with no newsletter consent
    """
    jurisdiction = ctx.config.jurisdictions.get(str(data.get("jurisdiction")))
    if jurisdiction is None:
        return
    for i, purpose in _subscriptions(data):
        if purpose not in jurisdiction.requires_basis:
            continue
        found = _consents_for(data, purpose)
        # a withdrawn consent was given: consent-withdrawn-used reports that it is still used
        given = [c for _, c in found if consent_state(c, ctx.today) in ("current", "withdrawn")]
        if not given:
            yield Finding(
                f"communication/subscriptions/{i}",
                f"'{purpose}' needs a lawful basis under {jurisdiction.law}, and the record holds no consent for it",
                f"record the consent under consents (purpose: {purpose}, lawful_basis, given, source), "
                "or remove the subscription",
            )


@record_rule(
    "consent-withdrawn-used",
    Severity.ERROR,
    "a purpose is still used after its consent was withdrawn",
    "consent",
)
def consent_withdrawn_used(data: Any, ctx: Context) -> Iterator[Finding]:
    """When every consent for a purpose has been withdrawn (on or before
    today), the record must stop using it: remove it from the subscriptions.

    Fails: `subscriptions: [newsletter]` with `{purpose: newsletter, …, withdrawn: 2025-02-01}`
    """
    for i, purpose in _subscriptions(data):
        found = _consents_for(data, purpose)
        if not found:
            continue
        current = [c for _, c in found if consent_state(c, ctx.today) != "withdrawn"]
        if not current:
            _, last = found[-1]
            yield Finding(
                f"communication/subscriptions/{i}",
                f"consent for '{purpose}' was withdrawn on {last.get('withdrawn')}, but the client is still subscribed",
                "remove the subscription now; the withdrawal must be honoured",
            )


RULES = (consent_missing, consent_withdrawn_used)
