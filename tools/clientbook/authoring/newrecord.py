"""A new client record from a few answers: the form model's fields, the schema's defaults."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from typing import Any

from clientbook.authoring.formmodel import Field, FormModel
from clientbook.core.repo import modeline

MAX_ID = 80  # the schema's maxLength for a slug


def slugify(name: str) -> str:
    """The id `name` makes: lower-case ASCII letters and digits, words joined by single hyphens
    (the schema's slug pattern); "" when nothing in it can be spelt in ASCII."""
    folded = "".join(_ascii(char) for char in unicodedata.normalize("NFKC", name)).lower()
    return re.sub(r"[^a-z0-9]+", "-", folded)[:MAX_ID].strip("-")


def _ascii(char: str) -> str:
    """One character spelt in ASCII: accents dropped (é is e) as before; a letter or digit of
    another script transliterated (Мюллер is myuller, 山田 shan-tian), each ideograph a
    syllable of its own; symbols and emoji dropped, as an id has no room for them."""
    if char.isascii():
        return char
    folded = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
    if folded or unicodedata.category(char)[0] not in "LN":
        return folded
    from anyascii import anyascii  # a few hundred kB of tables, for names that need them

    spelt = anyascii(char)
    # an ideograph has no case, yet anyascii capitalises its syllable (山 is "Shan"): a word
    return f" {spelt} " if spelt[:1].isupper() and char.lower() == char.upper() else spelt


def top_level(model: FormModel) -> dict[str, Field]:
    return {f.key: f for f in model.fields()}


def starting_values(model: FormModel, given: dict[str, Any], today: dt.date) -> dict[str, Any]:
    """The given answers, plus schema defaults for required fields, plus id and since filled in."""
    fields = top_level(model)
    record: dict[str, Any] = {}
    for key, f in fields.items():
        if key in given and given[key] not in (None, ""):
            record[key] = given[key]
        elif f.required and f.default is not None:
            record[key] = f.default
    if "id" in fields and "id" not in record and record.get("name"):
        record["id"] = slugify(str(record["name"]))
    if "since" in fields and "since" not in record:
        record["since"] = today.isoformat()
    return {key: record[key] for key in fields if key in record}  # schema order


def convert(f: Field, text: str) -> Any:
    """An answer typed at a prompt, as the field's JSON type."""
    if f.type == "integer":
        return int(text)
    if f.type == "number":
        return float(text)
    if f.type == "boolean":
        return text.strip().lower() in ("y", "yes", "true", "1")
    if f.widget == "scalar-list":
        return [part.strip() for part in text.split(",") if part.strip()]
    return text


def to_yaml(record: dict[str, Any], file: str = "") -> str:
    """The record as block YAML with every text double-quoted, so no reader can misread a value;
    `file` (clients/ac/acme.yaml) sets the modeline's depth."""
    return modeline(file) + "\n" + "\n".join(_lines(record, 0)) + "\n"


def _lines(value: Any, indent: int) -> list[str]:
    pad = " " * indent
    out: list[str] = []
    if isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                inner = _lines(item, indent + 2)
                out += [pad + "- " + inner[0][indent + 2 :], *inner[1:]]
            else:
                out.append(pad + "- " + _scalar(item))
        return out
    for key, item in value.items():
        if isinstance(item, (dict, list)) and item:
            out += [f"{pad}{key}:", *_lines(item, indent + 2)]
        else:
            out.append(f"{pad}{key}: {_scalar(item)}")
    return out


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return json.dumps(str(value), ensure_ascii=False)
