"""Which client a user means: an id, a unique id prefix, or a fragment of the name.

Only the file names under clients/ (and its subfolders) are listed; a file is read only when the id alone does
not decide, and then only its top-level `name:` line is looked at, so finding one client
among 10,000 reads no record in full.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from clientbook.core.repo import client_file_at, client_paths
from clientbook.core.yamlio import load_document

_NAME_LINE = re.compile(rb"^name:[ \t]*(.+?)[ \t]*(?:#.*)?\r?$", re.MULTILINE)


def fold(text: str) -> str:
    """Lower case, accents dropped: 'Lúcia' and 'LUCIA' are the same."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True, slots=True)
class Found:
    """The client, or the candidates when there is none or several."""

    id: str | None
    candidates: list[tuple[str, str]]  # (id, name) of each client that matched


def client_ids(root: Path) -> list[str]:
    return list(client_paths(root))


def _name_of(root: Path, file: str) -> str:
    """The record's top-level name, read from its `name:` line (or '' when there is none)."""
    try:
        return name_in((root / file).read_bytes())
    except OSError:
        return ""


def name_in(raw: bytes) -> str:
    m = _NAME_LINE.search(raw)
    if not m:
        return ""
    text = m.group(1).decode("utf-8", errors="replace")
    if text[:1] in ("'", '"'):
        try:
            value = yaml.safe_load(text)
        except yaml.YAMLError:
            return text
        return value if isinstance(value, str) else text
    return text


def find_client(root: Path, query: str, hint: str = "") -> Found:
    """The id `query` means: exact id, then unique prefix, then a fragment of id or name.

    An id whose file is in the flat place or at `hint` (where the layout puts it) is found
    without listing clients/: `log ID` in a 100,000-client repository lists nothing."""
    if client_file_at(root, query, hint):
        return Found(query, [])
    paths = client_paths(root)
    if query in paths:
        return Found(query, [])
    wanted = fold(query).strip()
    prefixed = [i for i in paths if fold(i).startswith(wanted)]
    if len(prefixed) == 1:
        return Found(prefixed[0], [])
    if prefixed:
        return Found(None, [(i, _name_of(root, paths[i])) for i in prefixed])
    matches = []
    words = wanted.split()
    for i, file in paths.items():
        name = _name_of(root, file)
        haystack = fold(f"{i} {name}")
        if words and all(w in haystack for w in words):
            matches.append((i, name))
    if len(matches) == 1:
        return Found(matches[0][0], [])
    return Found(None, matches)


def _host(url: object) -> str:
    text = str(url or "").lower()
    text = text.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    return text.removeprefix("www.")


def _facts(raw: bytes) -> tuple[set[str], set[str]]:
    """(contact emails, domains) of a record: its contacts' emails and website's host."""
    doc = load_document(raw)
    data = doc.data if isinstance(doc.data, dict) and not doc.problems else {}
    emails = {
        str(c.get("email")).lower()
        for c in data.get("contacts") or []
        if isinstance(c, dict) and c.get("email")
    }
    domains = {e.rsplit("@", 1)[-1] for e in emails}
    if host := _host(data.get("website")):
        domains.add(host)
    return emails, domains


class AddressBook:
    """The records' files as lower-case bytes, read once, to find clients by address.

    An mbox of hundreds of messages asks it once per message; reading 10,000 files once
    instead of once a message is what makes `log --from-email --all` usable.
    """

    def __init__(self, root: Path) -> None:
        self.raws: dict[str, bytes] = {}
        for i, file in client_paths(root).items():
            with contextlib.suppress(OSError):
                self.raws[i] = (root / file).read_bytes().lower()

    def find(self, addresses: list[str]) -> list[str]:
        """The clients whose contacts' emails are among `addresses`; failing that, those whose
        website's or contacts' domain is one of theirs. Files are searched as bytes first,
        and only those holding an address (or domain) are parsed."""
        wanted = {a.lower() for a in addresses}
        by_email = [
            i
            for i, raw in self.raws.items()
            if any(a.encode() in raw for a in wanted) and _facts(raw)[0] & wanted
        ]
        if by_email:
            return by_email
        domains = {a.rsplit("@", 1)[-1] for a in wanted}
        return [
            i
            for i, raw in self.raws.items()
            if any(d.encode() in raw for d in domains) and _facts(raw)[1] & domains
        ]


def find_by_addresses(root: Path, addresses: list[str]) -> list[str]:
    """AddressBook(root).find(addresses), for one question."""
    return AddressBook(root).find(addresses)
