"""Format checks shared by both validators, so that they cannot disagree.

jsonschema-rs (the fast path) and jsonschema (the path that explains) are
both handed these same functions for every format they check.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from urllib.parse import urlsplit

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
    import email_validator  # see _SPECIAL_USE

    try:
        email_validator.validate_email(value, check_deliverability=False, test_environment=False)
    except email_validator.EmailNotValidError as err:
        return str(err)
    return None


# Addresses of the everyday form: ASCII, dot-separated atoms, a domain of
# letter-digit-hyphen labels ending in an alphabetic top-level domain. Every
# address this matches (and whose TLD is not special-use) email-validator
# accepts too (a property test checks it); anything else goes to
# email-validator, which costs ~90 µs an address.
_EVERYDAY_EMAIL = re.compile(
    r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$"
)
# email-validator's SPECIAL_USE_DOMAIN_NAMES, copied: importing the library compiles its
# regular expressions (20 ms, a twentieth of an update in place), which can wait for an
# address the everyday check leaves to it. A test keeps the copy equal to the library's list.
_SPECIAL_USE = frozenset({"arpa", "invalid", "local", "localhost", "onion", "test"})


def _everyday_email(value: str) -> bool:
    if len(value) > 254 or not _EVERYDAY_EMAIL.match(value):
        return False
    local, _, domain = value.rpartition("@")
    labels = domain.lower().split(".")
    # "--" in a label's third and fourth places is kept for IDNA ("xn--"), and email-validator
    # refuses it whatever the two before (hypothesis found "0@00--0.example")
    if len(local) > 64 or len(domain) > 253 or any(label[2:4] == "--" for label in labels):
        return False
    return not any(".".join(labels[i:]) in _SPECIAL_USE for i in range(len(labels)))


def is_email(value: str) -> bool:
    return _everyday_email(value) or email_problem(value) is None


# An http(s) address with an ASCII host and nothing urlsplit strips or refuses (tabs and line
# breaks it deletes first, brackets of an IPv6 host it checks): a URI, without splitting it.
_PLAIN_WEB_ADDRESS = re.compile(r"https?://[!\"$-.0->@-Z\\^-~]+(?:[/?#][!-~]*)?")


def is_uri(value: str) -> bool:
    return _PLAIN_WEB_ADDRESS.fullmatch(value) is not None or split_uri(value)


def split_uri(value: str) -> bool:
    """`is_uri` by urlsplit alone (what the plain web address is a shortcut of)."""
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return bool(parts.scheme) and (bool(parts.netloc) or parts.scheme in ("mailto", "tel", "urn"))


class _Verdicts(dict[str, bool]):
    """Each text judged once per process: a text seen before is a dict lookup in C.

    jsonschema-rs asks about thirty dates a record, a few hundred days between them;
    each call into a Python function costs more than the judging. Bounded, for
    long-running processes."""

    __slots__ = ("judge",)
    KEPT = 100_000

    def __init__(self, judge: Callable[[str], bool]) -> None:
        super().__init__()
        self.judge = judge

    def __missing__(self, value: str) -> bool:
        if len(self) >= self.KEPT:
            self.clear()
        verdict = self[value] = self.judge(value)
        return verdict


FORMATS: dict[str, Callable[[str], bool]] = {
    "date": _Verdicts(is_date).__getitem__,
    "email": is_email,
    "uri": is_uri,
}
