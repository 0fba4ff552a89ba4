"""Suspected duplicates: the one decision lint's `duplicate-client` and `clientbook duplicates` share.

`suspects` pairs records that share a contact email, a phone number or a
web/email domain, or whose names are alike (duplicates_names.compare_names),
and keeps every piece of evidence of each pair. `keep_order` says which of
two records a merge should keep.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from clientbook.core.obligations import items
from clientbook.lint.rules.base import Facts
from clientbook.lint.rules.duplicates_names import NameMatch, alike_names, all_name_keys


@dataclass(frozen=True, slots=True)
class Suspect:
    """Two records that are probably one client; `a` is the one whose file sorts first."""

    a: Facts
    b: Facts
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    name: NameMatch | None = None

    def evidence(self) -> list[str]:
        """Each reason in words, the strongest first: 'the email jo@acme.example', …"""
        out = [f"the email {e}" for e in self.emails]
        out += [f"the phone number {p}" for p in self.phones]
        out += [f"the domain {d}" for d in self.domains]
        if self.name is not None:
            out.append(self.name.why)
        return out


_SHARED = ("emails", "phones", "domains")


def suspects(facts: Iterable[Facts], threshold: float) -> list[Suspect]:
    """Every suspected pair among the records, sorted by their files.

    `threshold` is `duplicates.name_similarity` from clientbook.yaml.
    """
    facts = sorted({f.file: f for f in facts}.values(), key=lambda f: f.file)
    shared: dict[tuple[int, int], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for key in _SHARED:
        index: dict[str, list[int]] = defaultdict(list)
        for n, fact in enumerate(facts):
            for value in getattr(fact, key):
                index[value].append(n)
        for value, group in index.items():
            if len(group) > 1:  # most values are one record's: no pairs to make
                for i, j in combinations(group, 2):
                    shared[(i, j)][key].add(value)
    keys = all_name_keys((f.name, f.normalised_name) for f in facts)
    names = {(i, j): match for i, j, match in alike_names(keys, threshold)}
    out = []
    for i, j in sorted(shared.keys() | names.keys()):
        found = shared.get((i, j), {})
        out.append(
            Suspect(
                facts[i],
                facts[j],
                emails=tuple(sorted(found.get("emails", ()))),
                phones=tuple(sorted(found.get("phones", ()))),
                domains=tuple(sorted(found.get("domains", ()))),
                name=names.get((i, j)),
            )
        )
    return out


NO_SINCE = "9999-99-99"  # sorts after every date: a record without `since` is kept last


def keep_order(record: Any) -> tuple[str, int, int]:
    """Sorts the record a merge keeps first: the client entered earlier (`since`), then
    the one with more interactions, then more contacts. Ties go to the file name."""
    since = record.get("since") if isinstance(record, dict) else None
    since_text = str(since) if since else NO_SINCE
    return (
        since_text,
        -len(items(record, "interactions")),
        -len(items(record, "contacts")),
    )
