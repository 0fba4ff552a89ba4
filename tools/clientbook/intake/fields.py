"""The schema's fields as an import sees them: where a mapping's field leads, and a cell as its value.

A field is a path like `contacts/0/email` (a number picks an item of a list: the row's
first contact, its second…). Each leaf is read by what the schema says of it: a date
(with the mapping's format), a phone number (to E.164, with a default region), a staff
member (by id, name or email from clientbook.yaml), a web address (a bare domain gets
https://), an allowed value (matched without regard to case), a list (split), a
number or true/false. What cannot be read stays as written, for lint to explain.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from clientbook.core.config import Config
from clientbook.core.schemanav import resolve

_TRUE = {"true", "yes", "y", "1", "x", "ja", "oui", "sí", "si"}
_FALSE = {"false", "no", "n", "0", "", "nein", "non"}
_DOMAIN = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+(/.*)?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class FieldInfo:
    pointer: str
    path: tuple[str | int, ...]
    node: dict[str, Any]  # the leaf's schema, $refs followed
    kind: str  # text, phone, date, url, staff, team, upper, enum, boolean, integer, number, list
    choices: dict[str, str]  # fold(allowed value) -> the value, for an enum


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case, accents, spaces and punctuation ignored: 'Société  Générale' → 'societegenerale'."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    return re.sub(r"[^a-z0-9]", "", folded)


# Country names as CRM exports and address books write them, for an ISO 3166 code field.
COUNTRY_NAMES = {
    fold(name): code
    for code, names in {
        "GB": ("United Kingdom", "UK", "Great Britain", "England", "Scotland", "Wales"),
        "US": ("United States", "United States of America", "USA", "U.S.A.", "U.S."),
        "DE": ("Germany", "Deutschland"),
        "FR": ("France",),
        "ES": ("Spain", "España"),
        "IT": ("Italy", "Italia"),
        "NL": ("Netherlands", "The Netherlands", "Holland", "Nederland"),
        "BE": ("Belgium",),
        "IE": ("Ireland",),
        "PT": ("Portugal",),
        "BR": ("Brazil", "Brasil"),
        "IN": ("India",),
        "CA": ("Canada",),
        "AU": ("Australia",),
        "NZ": ("New Zealand",),
        "JP": ("Japan",),
        "SE": ("Sweden", "Sverige"),
        "NO": ("Norway", "Norge"),
        "DK": ("Denmark", "Danmark"),
        "FI": ("Finland",),
        "AT": ("Austria", "Österreich"),
        "CH": ("Switzerland", "Schweiz", "Suisse"),
        "PL": ("Poland", "Polska"),
        "MX": ("Mexico", "México"),
        "SG": ("Singapore",),
        "ZA": ("South Africa",),
        "AE": ("United Arab Emirates", "UAE"),
    }.items()
    for name in names
}


def parse_path(pointer: str) -> tuple[str | int, ...]:
    return tuple(int(p) if p.isdigit() else p for p in pointer.strip("/").split("/"))


def field_info(schema: dict[str, Any], pointer: str) -> FieldInfo | None:
    """What the schema says of the field at `pointer`; None when it has no such field (or a group)."""
    node = resolve(schema, schema)
    path = parse_path(pointer)
    for part in path:
        if isinstance(part, int):
            if node.get("type") != "array":
                return None
            node = resolve(node.get("items", {}), schema)
        else:
            properties = node.get("properties", {})
            if part not in properties:
                return None
            node = resolve(properties[part], schema)
    if node.get("type") == "object" or (
        node.get("type") == "array"
        and resolve(node.get("items", {}), schema).get("type") == "object"
    ):
        return None
    choices = {fold(v): v for v in node.get("enum", []) if isinstance(v, str)}
    return FieldInfo(pointer, path, node, _kind(path, node), choices)


def _kind(path: tuple[str | int, ...], node: dict[str, Any]) -> str:
    last = path[-1]
    pattern = str(node.get("pattern", ""))
    if last in ("owner", "by"):
        return "staff"
    if path == ("team",):
        return "team"
    if node.get("type") == "array":
        return "list"
    if pattern.startswith("^\\+") or node.get("x-form", {}).get("widget") == "tel":
        return "phone"
    found = {"date": "date", "uri": "url"}.get(str(node.get("format", "")))
    if found:
        return found
    if "enum" in node:
        return "enum"
    if pattern.startswith("^[A-Z]"):
        return "upper"
    kind = node.get("type")
    return kind if kind in ("boolean", "integer", "number") else "text"


def leaves(schema: dict[str, Any]) -> list[str]:
    """Every field a mapping may name (lists' first item), for 'did you mean' and guessing."""
    out: list[str] = []

    def walk(node: dict[str, Any], prefix: str, depth: int) -> None:
        for key, sub in node.get("properties", {}).items():
            sub = resolve(sub, schema)
            pointer = f"{prefix}{key}"
            if sub.get("type") == "object" and depth < 3:
                walk(sub, pointer + "/", depth + 1)
            elif sub.get("type") == "array":
                items = resolve(sub.get("items", {}), schema)
                if items.get("type") == "object" and depth < 3:
                    walk(items, pointer + "/0/", depth + 1)
                else:
                    out.append(pointer)
            else:
                out.append(pointer)

    walk(resolve(schema, schema), "", 0)
    return out


@dataclass(frozen=True, slots=True)
class Reading:
    """How the mapping says a column's cells are read."""

    format: str = ""  # strptime format of dates
    region: str = ""  # phone numbers' default region
    split: str = ""  # a list's separator
    values: tuple[tuple[str, str], ...] = ()  # cell text (folded) -> value


class Convert:
    """Cells to values, with the lookups (staff, teams) made once for the import."""

    def __init__(
        self, config: Config, owners: dict[str, str], region: str, date_format: str
    ) -> None:
        self.region = region
        self.date_format = date_format
        self.staff: dict[str, str] = {}
        for member in config.staff.values():
            for key in (member.id, member.name, member.email):
                if key:
                    self.staff.setdefault(key.casefold(), member.id)
                    self.staff.setdefault(fold(key), member.id)
        for key, value in owners.items():
            self.staff[key.casefold()] = value
            self.staff[fold(key)] = value
        self.teams = {fold(k): t.id for t in config.teams.values() for k in (t.id, t.name) if k}

    def value(self, info: FieldInfo, text: str, reading: Reading) -> tuple[Any, str]:
        """(the value, a problem in words or ''): a cell that cannot be read stays as text."""
        if reading.values:
            found = _table(reading.values).get(fold(text))
            if found is not None:
                return found, ""
        kind = info.kind
        if kind == "staff":
            found = self.staff.get(text.casefold()) or self.staff.get(fold(text))
            if found:
                return found, ""
            return text, (
                f"{text!r} is not a staff member in clientbook.yaml (by id, name or email); "
                "add it to the mapping's owners: table"
            )
        if kind == "team":
            return self.teams.get(fold(text), text), ""
        if kind == "phone":
            return phone_e164(text, reading.region or self.region), ""
        if kind == "date":
            return read_date(text, reading.format or self.date_format), ""
        if kind == "list":
            parts = re.split(re.escape(reading.split) if reading.split else "[;,]", text)
            return [p.strip() for p in parts if p.strip()], ""
        return _scalar(kind, info, text), ""


def _scalar(kind: str, info: FieldInfo, text: str) -> Any:
    if kind == "url" and "://" not in text and _DOMAIN.match(text):
        return "https://" + text
    if kind == "enum":
        allowed = info.choices
        found = allowed.get(fold(text))
        if found is None:
            code = COUNTRY_NAMES.get(fold(text))  # exports write countries by name
            found = code if code in allowed.values() else None
        return found if found is not None else text
    if kind == "upper":
        return text.upper()
    if kind == "boolean" and text.casefold() in _TRUE | _FALSE:
        return text.casefold() in _TRUE
    if kind == "integer":
        try:
            return int(text)
        except ValueError:
            return text
    if kind == "number":
        try:
            number = float(text.replace(",", "."))
        except ValueError:
            return text
        return int(number) if number.is_integer() else number
    return text


@functools.lru_cache(maxsize=256)
def _table(values: tuple[tuple[str, Any], ...]) -> dict[str, Any]:
    return dict(values)


def phone_e164(text: str, region: str) -> str:
    """The number in E.164 (+442079460123); as written when phonenumbers cannot read it."""
    if re.fullmatch(r"\+[1-9][0-9]{6,14}", text):
        return text
    import phonenumbers

    try:
        number = phonenumbers.parse(text, region.upper() or None)
    except phonenumbers.NumberParseException:
        return text
    if not phonenumbers.is_possible_number(number):
        return text
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def read_date(text: str, fmt: str) -> str:
    """YYYY-MM-DD from `fmt`, or from an ISO date or date and time; as written otherwise."""
    for candidate in (fmt, "%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"):
        if not candidate:
            continue
        try:
            return dt.datetime.strptime(text, candidate).date().isoformat()
        except ValueError:
            continue
    try:
        return dt.datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        return text
