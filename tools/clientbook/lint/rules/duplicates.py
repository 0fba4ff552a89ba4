"""Duplicates: two records that are likely the same client."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from clientbook.core.diagnostics import Finding, Severity
from clientbook.core.obligations import items
from clientbook.lint.rules.base import Context, Facts, cross_rule
from clientbook.lint.rules.duplicates_pairs import suspects

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
        "ug",
        "mbh",
        "ev",
        "ooo",
        "oao",
        "zao",
        "pao",
        "sl",
        "sro",
        "spzoo",
        "dac",
    ]
)
_WORD = re.compile(r"[a-z0-9]+")
_APOSTROPHE = re.compile(r"(?<=[a-z0-9])['`](?=[a-z0-9])")
_INITIALS = re.compile(r"\b[a-z](?:\.[a-z])+\b")  # 'S.A.', 'S.p.A.', 'B.V.' are one word each


def normalise_name(name: str) -> str:
    """'Acme Logistics, Ltd.' and 'ACME logistics' both become 'acme logistics'.

    Other scripts are transliterated (anyascii: 'Мюллер ООО' becomes 'myuller',
    'Müller GmbH' 'muller', 'Straße' 'strasse'), apostrophes inside words are
    dropped ("O'Brien" is 'obrien'), initials are one word ('S.p.A.' is 'spa')
    and legal forms are left out.
    """
    from anyascii import anyascii

    ascii_name = anyascii(unicodedata.normalize("NFKC", name)).lower()
    folded = _APOSTROPHE.sub("", ascii_name).replace("&", " and ")
    folded = _INITIALS.sub(lambda m: m.group().replace(".", ""), folded)
    return " ".join(w for w in _WORD.findall(folded) if w not in _LEGAL_FORMS)


_NOT_DIGIT = re.compile(r"[^0-9]")


def normalise_phone(phone: str) -> str:
    return _NOT_DIGIT.sub("", phone)


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
        if isinstance(phone, str) and len(digits := normalise_phone(phone)) >= 7:
            phones.add(digits)
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
    domain, or whose names are alike, are probably one client entered twice.
    Names are compared once legal forms (Ltd, GmbH, …), case, accents and
    punctuation are ignored and other scripts are transliterated ('Мюллер',
    'Müller' and 'Mueller' are one name); names that sound alike word by word
    ('Jon Smith', 'John Smyth') and names nearly alike
    (`duplicates.name_similarity` in clientbook.yaml, default 0.92) are
    suspected too, but only when the words that are not common business words
    ('Consulting', 'Group', 'Logistics', …) are as alike as the whole name.
    Each record is reported, naming the other file. Free-mail domains
    (gmail.com, …) and `duplicates.ignore_domains` are not compared.
    `clientbook duplicates` lists the pairs with all their evidence and the
    `clientbook merge` command for each.

    Fails: clients/acme-logistics.yaml `name: Acme Logistics Ltd` and
           clients/acme.yaml `name: ACME Logistics`
    Fails: clients/muller.yaml `name: Müller GmbH` and
           clients/mueller.yaml `name: Мюллер GmbH`
    Passes: `name: Northwind Logistics` and `name: Southwind Logistics`
    """
    for pair in suspects(facts, ctx.config.name_similarity):
        why = "; ".join(pair.evidence())
        for this, other in ((pair.a, pair.b), (pair.b, pair.a)):
            yield (
                this.file,
                Finding(
                    "name",
                    message(this.name, other.file, why),
                    f"see the evidence and the merge command with `clientbook duplicates "
                    f"{this.file}`, or add `# clientbook: ignore[duplicate-client]` on this "
                    "line if they really are different clients",
                    related=(other.file,),
                ),
            )


_MESSAGE = re.compile(r"' may be the same client as (\S+) \(")


def message(name: str, other: str, why: str) -> str:
    """The finding's message; `other_file` reads the other file back out of it."""
    return f"'{name}' may be the same client as {other} ({why})"


def other_file(text: str) -> str | None:
    """The other record's file named in a duplicate-client message (the site links to it)."""
    found = _MESSAGE.search(text)
    return found.group(1) if found else None


RULES = (duplicate_client,)
