"""Format checks shared by both validators, so that they cannot disagree.

jsonschema-rs (the fast path) and jsonschema (the path that explains) are
both handed these same functions for every format they check.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from urllib.parse import urlsplit

import email_validator

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def is_date(value: str) -> bool:
    if not _DATE.match(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def email_problem(value: str) -> str | None:
    """Why `value` is not an email address, or None. Syntax only: no DNS, no network."""
    try:
        email_validator.validate_email(value, check_deliverability=False, test_environment=False)
    except email_validator.EmailNotValidError as err:
        return str(err)
    return None


def is_email(value: str) -> bool:
    return email_problem(value) is None


def is_uri(value: str) -> bool:
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return bool(parts.scheme) and (bool(parts.netloc) or parts.scheme in ("mailto", "tel", "urn"))


FORMATS: dict[str, Callable[[str], bool]] = {
    "date": is_date,
    "email": is_email,
    "uri": is_uri,
}
