"""The record of erasures: erasures.yaml's tombstones, and the fingerprints they are matched on.

A tombstone holds the date, the request reference, who erased, and salted
SHA-256 hashes of the client's id and contact emails: enough to recognise a
re-created client, never the personal data itself. Lint reads them to flag
such a client and `clientbook erase` writes them (compliance/erasure.py), so
both read the file, and hash a record, here.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clientbook.core.config import ConfigError
from clientbook.core.diagnostics import Diagnostic, Severity
from clientbook.core.obligations import items
from clientbook.core.yamlio import load_document

ERASURES = "erasures.yaml"


@dataclass(frozen=True)
class Erasures:
    salt: str
    hashes: dict[str, tuple[str, str]] = field(default_factory=dict)  # hash -> (date, request)
    entries: tuple[dict[str, Any], ...] = ()


def load_erasures(root: Path) -> Erasures:
    """The tombstones of root/erasures.yaml (none when the file does not exist).

    Raises ConfigError, positioned in erasures.yaml, when it is not a mapping
    with a 'salt' and a list 'erasures'.
    """
    path = root / ERASURES
    if not path.is_file():
        return Erasures("")
    doc = load_document(path.read_bytes(), kind=ERASURES)
    data = doc.data if isinstance(doc.data, dict) else None
    if (
        data is None
        or not isinstance(data.get("salt"), str)
        or not isinstance(data.get("erasures", []), list)
    ):
        shape = Diagnostic(
            ERASURES,
            1,
            1,
            Severity.ERROR,
            "erasures",
            "erasures.yaml needs a 'salt' and a list 'erasures'",
        )
        if doc.problems:  # unreadable: where and why, under this file's own rule
            first = doc.problems[0].diagnostic(ERASURES)
            shape = dataclasses.replace(
                shape, line=first.line, column=first.column, message=first.message
            )
        raise ConfigError([shape])
    hashes: dict[str, tuple[str, str]] = {}
    for entry in data.get("erasures", []):
        if isinstance(entry, dict):
            for h in entry.get("hashes", []):
                hashes[str(h)] = (str(entry.get("date", "")), str(entry.get("request", "")))
    return Erasures(
        data["salt"], hashes, tuple(e for e in data.get("erasures", []) if isinstance(e, dict))
    )


def id_fingerprints(ids: set[str], salt: str) -> set[str]:
    """The salted hashes `fingerprints` gives these ids (of records merged into one erased)."""
    return {"sha256:" + hashlib.sha256(f"{salt}\0id:{i}".encode()).hexdigest() for i in ids}


def fingerprints(data: Any, salt: str) -> set[str]:
    """Salted hashes of what identifies a client: its id and its contacts' emails."""
    values = []
    if isinstance(data, dict) and isinstance(data.get("id"), str):
        values.append("id:" + data["id"])
    for _, contact in items(data, "contacts"):
        if isinstance(contact.get("email"), str):
            values.append("email:" + contact["email"].strip().lower())
    return {"sha256:" + hashlib.sha256(f"{salt}\0{v}".encode()).hexdigest() for v in values}
