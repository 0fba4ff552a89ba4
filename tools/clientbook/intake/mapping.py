"""The mapping: which column goes to which field, and how its cells are read.

A mapping file (YAML; `--map FILE`, or a preset from templates/import/ by `--preset`):

    region: GB                        # phone numbers not in E.164 are read as this country's
    date_format: "%d/%m/%Y"           # dates, unless a column says otherwise
    columns:
      Company: name
      First name: {field: contacts/0/name, part: 1}   # parts are joined with a space
      Last name: {field: contacts/0/name, part: 2}
      Email: contacts/0/email
      Phone: {field: contacts/0/phone, region: US}
      Owner: owner                    # a staff id, name or email from clientbook.yaml
      Created: {field: since, format: "%Y-%m-%d %H:%M"}
      Stage: {field: status, values: {customer: active, lead: contact}}
    owners: {"J. Weber": jonas-weber}  # more names for staff
    defaults: {kind: organization}    # for fields no column gives
    own: [phone, owner]               # with --update, these fields are changed where they differ
    ignore: [Record ID]               # columns left out on purpose

Without a mapping, columns are matched to the schema's field names and titles with case,
spaces and accents ignored (`guess`), and `dump` writes what was used, for a person to
save and edit.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clientbook.core.yamlio import load_document
from clientbook.core.yamlpositions import PositionIndex
from clientbook.intake.fields import Reading, field_info, fold, leaves
from clientbook.intake.table import IntakeError
from clientbook.util.regularfile import NotRegular, read_regular

_KEYS = (
    "preset",
    "description",
    "region",
    "date_format",
    "columns",
    "owners",
    "defaults",
    "own",
    "ignore",
    "unquote_formulas",
)
_COLUMN_KEYS = ("field", "part", "format", "region", "split", "values")


@dataclass(frozen=True, slots=True)
class Rule:
    column: str
    field: str
    part: int = 0
    reading: Reading = dataclasses.field(default_factory=Reading)


@dataclass
class Mapping:
    rules: list[Rule]
    origin: str  # where it came from, as the summary says it
    region: str = ""
    date_format: str = ""
    owners: dict[str, str] = field(default_factory=dict)
    defaults: dict[str, Any] = field(default_factory=dict)
    own: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()
    unquote_formulas: bool = False  # clientbook's CSV export writes '+44… for +44…

    def owns(self, pointer: str) -> bool:
        """`own: [phone]` owns contacts/3/phone; `own: [contacts/phone]` too."""
        bare = "/".join(p for p in pointer.split("/") if not p.isdigit())
        return bare in self.own or bare.rpartition("/")[2] in self.own


class _Place:
    """Messages at a line and column of the mapping file."""

    def __init__(self, label: str, text: str) -> None:
        self.label, self.index = label, PositionIndex(text)

    def error(self, pointer: str, message: str, on_key: bool = False) -> IntakeError:
        where = self.index.lookup(pointer, on_key=on_key)
        return IntakeError(f"{self.label}:{where.line}:{where.column}: error [mapping] {message}")


Base = Callable[[str], "Mapping"]  # a preset's mapping by its name


def load_mapping(
    raw: bytes, label: str, schema: dict[str, Any], base: Base | None = None
) -> Mapping:
    """The mapping in `raw`; IntakeError at the line and column of whatever is wrong in it.

    `preset: NAME` starts from that preset: this file's columns are added to (or replace)
    the preset's, its settings replace the preset's, its owners and defaults are added.
    """
    doc = load_document(raw, kind="mapping file")
    if not doc.ok:
        first = doc.problems[0]
        raise IntakeError(
            f"{label}:{first.line}:{first.column}: error [{first.rule}] {first.message}"
        )
    data: dict[str, Any] = doc.data
    place = _Place(label, raw.decode("utf-8-sig"))
    for key in data:
        if key not in _KEYS:
            raise place.error(
                key, f"{key!r} is not a key of a mapping file ({', '.join(_KEYS)})", on_key=True
            )
    start = _base(data, place, base)
    columns = data.get("columns") or ({} if start.rules else None)
    if not isinstance(columns, dict) or not (columns or start.rules):
        raise place.error(
            "columns", "the mapping needs 'columns:', each column's name and its field"
        )
    rules = [_rule(str(name), spec, schema, place) for name, spec in columns.items()]
    named = {r.column.casefold() for r in rules}
    defaults = data.get("defaults") or {}
    for key in defaults if isinstance(defaults, dict) else ():
        _check_field(str(key), schema, place, f"defaults/{key}", on_key=True)
    return Mapping(
        [r for r in start.rules if r.column.casefold() not in named] + rules,
        label,
        region=str(data.get("region") or start.region),
        date_format=str(data.get("date_format") or start.date_format),
        owners=start.owners | {str(k): str(v) for k, v in _mapping(data, "owners", place).items()},
        defaults=start.defaults | (dict(defaults) if isinstance(defaults, dict) else {}),
        own=frozenset(str(o) for o in _list(data, "own", place)) if "own" in data else start.own,
        ignore=start.ignore | frozenset(str(i) for i in _list(data, "ignore", place)),
        unquote_formulas=data.get("unquote_formulas", start.unquote_formulas) is True,
    )


def _base(data: dict[str, Any], place: _Place, base: Base | None) -> Mapping:
    name = data.get("preset")
    if name is None:
        return Mapping([], "")
    if not isinstance(name, str) or base is None:
        raise place.error("preset", "'preset' names a preset of templates/import/")
    try:
        return base(name)
    except IntakeError as err:
        raise place.error("preset", str(err)) from None


def _mapping(data: dict[str, Any], key: str, place: _Place) -> dict[str, Any]:
    value = data.get(key) or {}
    if not isinstance(value, dict):
        raise place.error(key, f"'{key}' must be a mapping (name: value)")
    return value


def _list(data: dict[str, Any], key: str, place: _Place) -> list[Any]:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise place.error(key, f"'{key}' must be a list ([a, b])")
    return value


def _rule(name: str, spec: Any, schema: dict[str, Any], place: _Place) -> Rule:
    pointer = f"columns/{name}"
    if isinstance(spec, str):
        _check_field(spec, schema, place, pointer)
        return Rule(name, spec)
    if not isinstance(spec, dict) or not isinstance(spec.get("field"), str):
        raise place.error(
            pointer, f"column {name!r}: give a field (Email: contacts/0/email) or {{field: …, …}}"
        )
    for key in spec:
        if key not in _COLUMN_KEYS:
            raise place.error(
                f"{pointer}/{key}",
                f"{key!r} is not a column setting ({', '.join(_COLUMN_KEYS)})",
                on_key=True,
            )
    _check_field(spec["field"], schema, place, f"{pointer}/field")
    values = spec.get("values") or {}
    if not isinstance(values, dict):
        raise place.error(f"{pointer}/values", "'values' must be a mapping (cell text: value)")
    for key, value in values.items():
        if not isinstance(value, (str, int, float, bool)):
            raise place.error(f"{pointer}/values/{key}", "each value must be a single value")
    reading = Reading(
        format=str(spec.get("format") or ""),
        region=str(spec.get("region") or ""),
        split=str(spec.get("split") or ""),
        values=tuple((fold(str(k)), v) for k, v in values.items()),
    )
    part = spec.get("part", 0)
    return Rule(name, spec["field"], part if isinstance(part, int) else 0, reading)


def _check_field(
    pointer: str, schema: dict[str, Any], place: _Place, where: str, on_key: bool = False
) -> None:
    if field_info(schema, pointer) is not None:
        return
    known = leaves(schema)
    close = difflib.get_close_matches(pointer, known, n=1, cutoff=0.6)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    raise place.error(
        where, f"{pointer!r} is not a field of the client schema{hint}", on_key=on_key
    )


def read_mapping_file(
    path: Path, label: str, schema: dict[str, Any], base: Base | None = None
) -> Mapping:
    try:
        raw = read_regular(path, 1 << 20)
    except NotRegular as err:
        raise IntakeError(f"{label}: {err}") from None
    return load_mapping(raw, label, schema, base)


def guess(columns: list[str], schema: dict[str, Any], file: str) -> Mapping:
    """Columns matched to the schema's names and titles (case, spaces, accents ignored)."""
    known = _known_names(schema)
    rules: list[Rule] = []
    taken: set[str] = set()
    for column in columns:
        pointer = known.get(fold(column))
        if pointer and pointer not in taken:
            taken.add(pointer)
            rules.append(Rule(column, pointer))
    return Mapping(rules, f"guessed from the columns of {file}")


def _known_names(schema: dict[str, Any]) -> dict[str, str]:
    """fold(name or title) -> field; top-level fields win over those of contacts and groups."""
    names: dict[str, str] = {}
    top = schema.get("properties", {})
    for pointer in leaves(schema):
        parts = [p for p in pointer.split("/") if not p.isdigit()]
        info = field_info(schema, pointer)
        title = str(info.node.get("title", "")) if info else ""
        forms = {fold(pointer), fold("".join(parts)), fold("_".join(parts))}
        if len(parts) == 1:
            forms |= {fold(parts[0]), fold(str(top.get(parts[0], {}).get("title", "")))}
        else:
            group = "contact" if parts[0] == "contacts" else parts[0]
            forms |= {fold(group + parts[-1]), fold(group + title), fold(parts[-1]), fold(title)}
        for form in forms:
            if form and (form not in names or (len(parts) == 1 and "/" in names[form])):
                names[form] = pointer
    return names


def dump(mapping: Mapping, columns: list[str]) -> str:
    """The mapping as a file a person can save, edit and pass with --map."""
    lines = [f"# clientbook import mapping ({mapping.origin}); edit it and pass it with --map"]
    if mapping.region:
        lines.append(f"region: {json.dumps(mapping.region)}")
    if mapping.date_format:
        lines.append(f"date_format: {json.dumps(mapping.date_format)}")
    lines.append("columns:")
    for rule in mapping.rules:
        lines.append(f"  {json.dumps(rule.column, ensure_ascii=False)}: {_spec(rule)}")
    unmapped = [c for c in columns if c and c not in {r.column for r in mapping.rules}]
    if mapping.owners:
        lines.append("owners: " + json.dumps(mapping.owners, ensure_ascii=False))
    if mapping.defaults:
        lines.append("defaults: " + json.dumps(mapping.defaults, ensure_ascii=False))
    if mapping.own:
        lines.append("own: " + json.dumps(sorted(mapping.own)))
    ignored = sorted(set(unmapped) | set(mapping.ignore))
    if ignored:
        lines.append("# columns not imported:")
        lines.append("ignore: " + json.dumps(ignored, ensure_ascii=False))
    if mapping.unquote_formulas:
        lines.append("unquote_formulas: true")
    return "\n".join(lines) + "\n"


def _spec(rule: Rule) -> str:
    r = rule.reading
    extra: dict[str, Any] = {
        k: v
        for k, v in (
            ("part", rule.part),
            ("format", r.format),
            ("region", r.region),
            ("split", r.split),
        )
        if v
    }
    if r.values:
        extra["values"] = dict(r.values)
    if not extra:
        return rule.field
    return json.dumps({"field": rule.field, **extra}, ensure_ascii=False)
