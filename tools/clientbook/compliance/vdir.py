"""Contacts as a vdir: one .vcf per contact in a folder vdirsyncer syncs to CardDAV and khard reads.

A vdir (https://vdirsyncer.pimutils.org/en/stable/vdir.html) is a folder of one card a
file. vdirsyncer tells a changed card by its file's mtime and inode, so an export
rewrites only the cards whose bytes change; a second export after one phone number
changed touches exactly that card and the phone's address book downloads one card.

The file name is the card's UID (a uuid5 of the client id and the contact's email:
util/vcard.contact_uid), so a card keeps its file while the email stays. A card
clientbook wrote is removed once its contact is gone; clientbook knows which it wrote
from the folder's manifest, `.clientbook-vdir` (vdirsyncer reads only `*.vcf`), and
never removes a card it did not write (one made on a phone and synced down, say).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clientbook.core.records import Record
from clientbook.util.regularfile import regular_file_bytes
from clientbook.util.vcard import contact_uid, contact_vcard

MANIFEST = ".clientbook-vdir"
SUFFIX = ".vcf"


@dataclass
class VdirPlan:
    """What an export does to the folder: files to write and remove, and what it leaves."""

    writes: dict[str, bytes] = field(default_factory=dict)  # file name -> card
    removes: list[str] = field(default_factory=list)
    unchanged: int = 0
    foreign: list[str] = field(default_factory=list)  # .vcf files clientbook did not write
    replaced_edits: list[str] = field(default_factory=list)  # ours, changed since, rewritten
    shared: list[str] = field(default_factory=list)  # "client: email" of contacts sharing a card
    manifest: bytes = b""


def cards(records: Sequence[Record]) -> tuple[dict[str, bytes], list[str]]:
    """Every contact's card by file name, and the contacts that share one with an earlier one."""
    out: dict[str, bytes] = {}
    shared: list[str] = []
    for record in records:
        data = record.data
        if not isinstance(data, dict) or not isinstance(data.get("contacts"), list):
            continue
        for contact in data["contacts"]:
            if not isinstance(contact, dict):
                continue
            name = card_name(str(data.get("id", "")), contact)
            if name in out:
                shared.append(f"{data.get('id')}: {contact.get('email') or contact.get('name')}")
                continue
            out[name] = contact_vcard(data, contact).encode("utf-8")
    return out, shared


def card_name(client_id: str, contact: dict[str, Any]) -> str:
    return contact_uid(client_id, contact).removeprefix("urn:uuid:") + SUFFIX


def read_manifest(folder: Path) -> dict[str, str]:
    """The cards clientbook wrote here, with the SHA-256 it wrote (empty when there is none)."""
    try:
        raw = regular_file_bytes(folder / MANIFEST)
        document = json.loads(raw or b"{}")
    except (OSError, ValueError):
        return {}
    written = document.get("cards") if isinstance(document, dict) else None
    if not isinstance(written, dict):
        return {}
    return {k: v for k, v in written.items() if isinstance(k, str) and isinstance(v, str)}


def _present(folder: Path) -> dict[str, bytes | None]:
    """The .vcf files in the folder, with their bytes (None: not a regular file)."""
    found: dict[str, bytes | None] = {}
    for entry in os.scandir(folder):
        if entry.name.endswith(SUFFIX):
            try:
                found[entry.name] = regular_file_bytes(entry.path)
            except OSError:
                found[entry.name] = None
    return found


def plan_vdir(records: Sequence[Record], folder: Path) -> VdirPlan:
    """The changes that make `folder` hold exactly the records' contacts' cards."""
    wanted, shared = cards(records)
    ours = read_manifest(folder)
    present = _present(folder)
    plan = VdirPlan(shared=shared)
    for name, card in sorted(wanted.items()):
        now = present.get(name)
        if now == card:
            plan.unchanged += 1
            continue
        plan.writes[name] = card
        if now is not None and name in ours and _sha(now) != ours[name]:
            plan.replaced_edits.append(name)
    for name in sorted(present):
        if name in wanted:
            continue
        if name in ours:
            plan.removes.append(name)
        else:
            plan.foreign.append(name)
    manifest = {
        "written_by": "clientbook",
        "cards": {n: _sha(c) for n, c in sorted(wanted.items())},
    }
    plan.manifest = (json.dumps(manifest, indent=1) + "\n").encode()
    return plan


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
