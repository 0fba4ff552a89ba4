"""Duplicates: two records that are likely the same client."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from clientbook.core.diagnostics import Finding, Severity
from clientbook.core.obligations import items
from clientbook.lint.rules.base import Context, Facts, cross_rule

_LEGAL_FORMS = frozenset(
    [
        "ltd",
        "limited",
        "gmbh",
        "inc",
        "incorporated",
        "llc",
        "llp",
        "plc",
        "sa",
        "sas",
        "sarl",
        "srl",
        "spa",
        "ag",
        "bv",
        "nv",
        "ltda",
        "pvt",
        "pte",
        "co",
        "corp",
        "corporation",
        "company",
        "kg",
        "ohg",
        "oy",
        "ab",
        "as",
        "aps",
        "kk",
    ]
)
_WORD = re.compile(r"[a-z0-9]+")


def normalise_name(name: str) -> str:
    """'Acme Logistics, Ltd.' and 'ACME logistics' both become 'acme logistics'."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = [w for w in _WORD.findall(folded.replace("&", " and ")) if w not in _LEGAL_FORMS]
    return " ".join(words)


def normalise_phone(phone: str) -> str:
    return re.sub(r"[^0-9]", "", phone)


def facts_of(data: Any, file: str, ignore_domains: frozenset[str]) -> Facts:
    """What duplicate and identity checks compare, from one record."""
    name = str(data.get("name", "")) if isinstance(data, dict) else ""
    emails = set()
    phones = set()
    for _, contact in items(data, "contacts"):
        email = contact.get("email")
        if isinstance(email, str) and "@" in email:
            emails.add(email.strip().lower())
        phone = contact.get("phone")
        if isinstance(phone, str) and len(normalise_phone(phone)) >= 7:
            phones.add(normalise_phone(phone))
    domains = {e.rpartition("@")[2] for e in emails}
    website = data.get("website") if isinstance(data, dict) else None
    if isinstance(website, str):
        host = urlsplit(website).hostname or ""
        domains.add(host.removeprefix("www."))
    record_id = data.get("id") if isinstance(data, dict) else None
    return Facts(
        file=file,
        id=record_id if isinstance(record_id, str) else "",
        name=name,
        normalised_name=normalise_name(name),
        emails=frozenset(emails),
        phones=frozenset(phones),
        domains=frozenset(d for d in domains if d and d not in ignore_domains),
    )


@cross_rule(
    "duplicate-client", Severity.WARNING, "two records are likely the same client", "duplicates"
)
def duplicate_client(facts: list[Facts], ctx: Context) -> Iterator[tuple[str, Finding]]:
    """Two records that share a contact email, a phone number or a web/email
    domain, or whose names are the same once legal forms, accents and
    punctuation are ignored (or nearly so: `duplicates.name_similarity` in
    clientbook.yaml, default 0.92), are probably one client entered twice.
    Each record is reported, naming the other file. Free-mail domains
    (gmail.com, …) and `duplicates.ignore_domains` are not compared.

    Fails: clients/acme-logistics.yaml `name: Acme Logistics Ltd` and
           clients/acme.yaml `name: ACME Logistics`
    """
    reasons: dict[tuple[str, str], str] = {}
    for key, why in (
        ("emails", "the email"),
        ("phones", "the phone number"),
        ("domains", "the domain"),
    ):
        index: dict[str, list[Facts]] = defaultdict(list)
        for fact in facts:
            for value in getattr(fact, key):
                index[value].append(fact)
        for value, group in index.items():
            for a, b in _pairs(group):
                reasons.setdefault((a.file, b.file), f"{why} {value}")
    for a, b, score in _similar_names(facts, ctx.config.name_similarity):
        reasons.setdefault(
            (a.file, b.file), "the same name" if score == 1 else f"a name {score:.0%} alike"
        )
    by_file = {f.file: f for f in facts}
    for (file_a, file_b), why in sorted(reasons.items()):
        for this, other in ((file_a, file_b), (file_b, file_a)):
            yield (
                this,
                Finding(
                    "name",
                    f"'{by_file[this].name}' may be the same client as {other} ({why})",
                    "merge the two records into one, or add `# clientbook: ignore[duplicate-client]` "
                    "on this line if they really are different clients",
                    related=(other,),
                ),
            )


def _pairs(group: list[Facts]) -> Iterator[tuple[Facts, Facts]]:
    unique = sorted({f.file: f for f in group}.values(), key=lambda f: f.file)
    for i, a in enumerate(unique):
        for b in unique[i + 1 :]:
            yield a, b


def _similar_names(facts: list[Facts], threshold: float) -> Iterator[tuple[Facts, Facts, float]]:
    """Pairs of alike names, without comparing all n² pairs.

    Equal names meet in a hash index. Near-equal ones are found by the
    sorted-neighbourhood method of record linkage: the names are sorted three
    ways (as written, reversed, and with their words sorted) and each is
    compared with its next few neighbours, so a typo at the start, a typo at
    the end and swapped words all bring the two names next to each other.
    """
    exact: dict[str, list[Facts]] = defaultdict(list)
    named = [f for f in facts if f.normalised_name]
    for fact in named:
        exact[fact.normalised_name].append(fact)
    for group in exact.values():
        for a, b in _pairs(group):
            yield a, b, 1.0
    orders = (
        lambda f: f.normalised_name,
        lambda f: f.normalised_name[::-1],
        lambda f: " ".join(sorted(f.normalised_name.split())),
    )
    # imported here: only a run that compares names needs it (an update in place, fmt, new
    # or history never do), and importing it is 25 ms of every command's start
    from rapidfuzz import fuzz

    seen: set[tuple[str, str]] = set()
    cutoff = threshold * 100
    for order in orders:
        ranked = sorted(named, key=lambda f: (order(f), f.file))
        keys = [order(f) for f in ranked]
        for i, a in enumerate(ranked):
            for k in range(i + 1, min(i + 1 + _WINDOW, len(ranked))):
                b = ranked[k]
                pair = (a.file, b.file) if a.file < b.file else (b.file, a.file)
                if a.normalised_name == b.normalised_name or pair in seen:
                    continue
                seen.add(pair)
                score = fuzz.ratio(keys[i], keys[k], score_cutoff=cutoff)
                if score:
                    first, second = (a, b) if a.file < b.file else (b, a)
                    yield first, second, score / 100


_WINDOW = 6


RULES = (duplicate_client,)
