"""vCard 3.0 and 4.0 address books (vobject), one row per card.

Each card becomes a row of fixed columns (FN, ORG, TITLE, EMAIL, TEL, URL, the parts of
ADR, …) placed at the line its property is on, so the import's messages point into the
.vcf. `client` is the organisation, or the person's own name for a card without ORG
(then `kind` is individual): a card of a private person is a client of its own.
"""

from __future__ import annotations

import re
from typing import Any

from clientbook.intake.table import IntakeError, Row, Table

COLUMNS = (
    "client",
    "kind",
    "FN",
    "ORG",
    "TITLE",
    "ROLE",
    "EMAIL",
    "TEL",
    "URL",
    "ADR street",
    "ADR city",
    "ADR region",
    "ADR postcode",
    "ADR country",
    "LANG",
    "NOTE",
    "CATEGORIES",
)
NO_VERSION = "(no VERSION)"
_PROPERTY = re.compile(r"^(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)[;:]")


def read_vcf(raw: bytes, file: str) -> Table:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise IntakeError(f"{file}: vCards are UTF-8 text, but byte {err.start} is not") from None
    if not text.strip():
        raise IntakeError(f"{file}: the file is empty")
    if not text.lstrip().upper().startswith("BEGIN:VCARD"):
        raise IntakeError(
            f"{file}:1:1: this is not a vCard file (it does not start with BEGIN:VCARD)"
        )
    import vobject  # only a vCard import needs it

    rows = []
    cards = _cards(text, file)
    for start, lines in cards:
        try:
            card = vobject.readOne("\r\n".join(lines) + "\r\n")
        except Exception as err:  # vobject raises ParseError and others for broken cards
            raise IntakeError(f"{file}:{start}:1: this vCard cannot be read: {err}") from None
        where = _property_lines(start, lines)
        values = _values(card)
        places = tuple((where.get(c.split()[0], start), 1) for c in COLUMNS)
        rows.append(Row(start, tuple(values.get(c, "") for c in COLUMNS), places))
    if not rows:
        raise IntakeError(f"{file}: no vCards in the file")
    versions = sorted({_version(lines) for _, lines in cards})
    detected = f"vCard {', '.join(versions)}, {len(rows):,} cards"
    return Table(file, detected, list(COLUMNS), rows)


def _cards(text: str, file: str) -> list[tuple[int, list[str]]]:
    """(line of BEGIN, the card's lines) for every card; a card left open, or one inside
    another (vCard 2.1's AGENT; a lost END:VCARD), is refused rather than one of them lost."""
    cards: list[tuple[int, list[str]]] = []
    current: list[str] | None = None
    start = 0
    for number, line in enumerate(text.splitlines(), start=1):
        upper = line.strip().upper()
        if upper == "BEGIN:VCARD" and current is not None:
            raise IntakeError(
                f"{file}:{number}:1: a BEGIN:VCARD inside the vCard that starts at line {start}: "
                "a card cannot hold another; end the first with END:VCARD before this line, "
                "or move the inner card out of it"
            )
        if upper == "BEGIN:VCARD":
            current, start = [], number
        if current is not None:
            current.append(line)
        if upper == "END:VCARD" and current is not None:
            cards.append((start, current))
            current = None
    if current is not None:
        raise IntakeError(f"{file}:{start}:1: the vCard starting here has no END:VCARD")
    return cards


def _version(lines: list[str]) -> str:
    """The version the card declares (VERSION, with a group or parameters or not), never one
    guessed: a message naming 3.0 for a 4.0 file sends its reader to the wrong RFC."""
    for line in lines:
        match = _PROPERTY.match(line)  # a folded line's rest, starting with a space, is none
        if match and match.group(1).upper() == "VERSION":
            return line.partition(":")[2].strip()[:20] or NO_VERSION
    return NO_VERSION


def _property_lines(start: int, lines: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for offset, line in enumerate(lines):
        match = _PROPERTY.match(line)
        if match and not line.startswith((" ", "\t")):
            found.setdefault(match.group(1).upper(), start + offset)
    found["client"] = found.get("ORG", found.get("FN", start))
    found["kind"] = found.get("KIND", start)
    return found


def _first(card: Any, name: str) -> Any:
    items = card.contents.get(name.lower(), [])
    preferred = [i for i in items if "pref" in str(i.params.get("TYPE", "")).lower()]
    return (preferred or items or [None])[0]


def _text(item: Any) -> str:
    if item is None:
        return ""
    value = item.value
    if isinstance(value, list):
        value = ";".join(str(v) for v in value if v)
    return str(value).strip()


def _values(card: Any) -> dict[str, str]:
    values = {
        name: _text(_first(card, name))
        for name in ("FN", "TITLE", "ROLE", "EMAIL", "URL", "LANG", "NOTE", "CATEGORIES")
    }
    org = _first(card, "ORG")
    values["ORG"] = org.value[0].strip() if org is not None and org.value else ""
    tel = _text(_first(card, "TEL"))
    values["TEL"] = tel.removeprefix("tel:")
    values.update(_address(_first(card, "ADR")))
    values["client"] = values["ORG"] or values["FN"]
    values["kind"] = "organization" if values["ORG"] else "individual"
    return values


def _address(item: Any) -> dict[str, str]:
    if item is None:
        return {}
    adr = item.value
    parts = {
        "ADR street": adr.street,
        "ADR city": adr.city,
        "ADR region": adr.region,
        "ADR postcode": adr.code,
        "ADR country": adr.country,
    }
    return {
        k: " ".join(v) if isinstance(v, list) else str(v or "").strip() for k, v in parts.items()
    }
