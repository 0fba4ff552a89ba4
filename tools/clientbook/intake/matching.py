"""Which client a row is: by id, a contact's email, the website's domain, the normalised name.

The same index serves the records already in the repository and the clients the
import has built so far, so a re-import finds every client it made, and rows of one
client (a contacts export has a row per person) come together. The name is compared
as the duplicate rule compares it (`normalise_name`: legal forms, case and accents
ignored), so what the import merges is what lint would call a duplicate.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from clientbook.lint.rules.duplicates import normalise_name

MATCHES = ("id", "email", "domain", "name")


def keys_of(data: dict[str, Any], by: str, ignore_domains: frozenset[str]) -> list[str]:
    """The values a record is found by under `by`."""
    if by == "id":
        value = data.get("id")
        return [value] if isinstance(value, str) and value else []
    if by == "email":
        contacts = data.get("contacts")
        return [
            c["email"].strip().casefold()
            for c in (contacts if isinstance(contacts, list) else ())
            if isinstance(c, dict) and isinstance(c.get("email"), str) and "@" in c["email"]
        ]
    if by == "domain":
        website = data.get("website")
        if not isinstance(website, str):
            return []
        try:
            host = (urlsplit(website).hostname or "").removeprefix("www.")
        except ValueError:
            return []
        return [host] if host and host not in ignore_domains else []
    name = data.get("name")
    normal = normalise_name(name) if isinstance(name, str) else ""
    return [normal] if normal else []


class Index:
    """Keys to whatever the caller files under them (a record's file, a candidate's number)."""

    def __init__(self, order: Iterable[str], ignore_domains: frozenset[str]) -> None:
        self.order = tuple(order)
        self.ignore_domains = ignore_domains
        self.maps: dict[str, dict[str, int]] = {by: {} for by in self.order}

    def add(self, data: dict[str, Any], value: int) -> None:
        for by in self.order:
            for key in keys_of(data, by, self.ignore_domains):
                self.maps[by].setdefault(key, value)

    def find(self, data: dict[str, Any]) -> tuple[int, str] | None:
        """(what was filed, and by what) for the first key in the order that is known."""
        for by in self.order:
            for key in keys_of(data, by, self.ignore_domains):
                found = self.maps[by].get(key)
                if found is not None:
                    return found, by
        return None


def parse_order(text: str) -> tuple[str, ...]:
    """'email,name' -> ('email', 'name'); ValueError naming a kind that does not exist."""
    order = tuple(p.strip() for p in text.split(",") if p.strip())
    wrong = [p for p in order if p not in MATCHES]
    if wrong or not order:
        raise ValueError(
            f"--match takes {', '.join(MATCHES)} (comma-separated, in order), not {text!r}"
        )
    return order
