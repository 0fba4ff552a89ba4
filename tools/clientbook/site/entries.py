"""The lists on a client page as typed values: contacts, interactions, consents, history.

The page model (model.py) makes them from the record as the audience may see
it; the templates, the client's flags and its summary read their fields.
Each keeps the record's own mapping as `fields`: a contact's vCard is made
from all of it, and `get` answers from it the way these answered when they
were dicts, because a repository made by an older `clientbook init` has its
own copy of client.html, which asks `c.get('name')`.

NamedTuples: a page makes some thirty of them, and a frozen dataclass takes
three times as long to make (its `__init__` sets each field through
`object.__setattr__`), a few per cent of a page. client.html unpacks them in
the order of their fields (a tenth faster than reading each field by name): a
new field goes where the template's loops are changed with it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, NamedTuple


def _get(fields: dict[str, Any], added: Mapping[str, Any], key: str, default: Any) -> Any:
    """What `{**fields, **added}.get(key, default)` gave: the page's own values win."""
    return added[key] if key in added else fields.get(key, default)


class Contact(NamedTuple):
    name: Any
    role: Any
    email: Any
    phone: Any
    primary: Any
    preferred_channel: Any
    position: int  # its index among the record's contacts
    mailto: str | None  # a mailto: link, when the address is one
    tel: str | None  # a tel: link, when the number is one
    fields: dict[str, Any]

    def get(self, key: str, default: Any = None) -> Any:
        added = {"index": self.position, "mailto": self.mailto, "tel": self.tel}
        return _get(self.fields, added, key, default)


class Interaction(NamedTuple):
    date: Any
    channel: Any
    direction: Any
    summary: Any
    by_name: str  # the staff member's name, or the id recorded
    follow_up: Any
    follow_state: str  # overdue, due, done, or "" (obligations.follow_up_state)
    day: dt.date | None  # `date` read (durations.parse_date): the summary's figures use it
    fields: dict[str, Any]

    def get(self, key: str, default: Any = None) -> Any:
        added = {"by_name": self.by_name, "follow_state": self.follow_state}
        return _get(self.fields, added, key, default)


class Consent(NamedTuple):
    purpose: Any
    title: str  # the purpose's title in the config, "" when it has none
    lawful_basis: Any
    given: Any
    withdrawn: Any
    source: Any
    state: str  # current, withdrawn, future, unknown (obligations.consent_state)
    fields: dict[str, Any]

    def get(self, key: str, default: Any = None) -> Any:
        added = {"state": self.state, "title": self.title}
        return _get(self.fields, added, key, default)


class HistoryEntry(NamedTuple):
    """One version of the record, as the page's change history lists it."""

    date: str  # the author date, YYYY-MM-DD
    author: str
    commit: str  # its sha
    message: str  # the commit's subject
    lines: list[str]  # the field changes in words
