"""Contacts: reachable numbers and one primary contact."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from clientbook.core.diagnostics import Finding, Severity
from clientbook.core.obligations import items
from clientbook.lint.rules.base import Context, record_rule
from clientbook.util.phones import is_valid_phone


@record_rule(
    "phone-invalid",
    Severity.WARNING,
    "a phone number is not a number in use in its country's plan",
    "contacts",
)
def phone_invalid(data: Any, ctx: Context) -> Iterator[Finding]:
    """Beyond the E.164 form the schema checks, the number must fall in a
    range its country's numbering plan assigns (checked offline with the
    phonenumbers library, Google's libphonenumber data).

    Passes: `phone: "+442079460123"`
    Fails:  `phone: "+44123"` (too short for the UK plan)
    """
    for i, contact in items(data, "contacts"):
        phone = contact.get("phone")
        if not isinstance(phone, str) or not phone.startswith("+"):
            continue
        if not is_valid_phone(phone):
            yield Finding(
                f"contacts/{i}/phone",
                f"'{phone}' is not a valid phone number",
                "check the country code and the number of digits",
            )


@record_rule(
    "primary-contact", Severity.WARNING, "more than one contact is marked primary", "contacts"
)
def primary_contact(data: Any, ctx: Context) -> Iterator[Finding]:
    """At most one contact is `primary: true`: the one person to approach first.

    Fails: two contacts with `primary: true`
    """
    primaries = [i for i, c in items(data, "contacts") if c.get("primary") is True]
    for i in primaries[1:]:
        yield Finding(
            f"contacts/{i}/primary",
            "more than one contact is marked primary",
            "keep primary: true on one contact only",
        )


RULES = (phone_invalid, primary_contact)
