"""jsonschema errors in words a non-programmer understands, with the fix.

Each error becomes a Finding at the JSON path of the value at fault (for an
unknown field: at its key; for a missing field: at the mapping lacking it).
Titles and `x-hint` annotations from the schema supply the words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from clientbook.core.diagnostics import Finding
from clientbook.core.schema_formats import email_problem

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of fields",
    "null": "nothing",
}

# Codes people write that ISO 3166 spells otherwise.
_COUNTRY_ALIASES = {"UK": "GB", "EL": "GR", "EN": "GB"}


def findings_for(error: ValidationError, root: dict[str, Any]) -> Iterator[Finding]:
    """The findings one top-level validation error stands for."""
    if error.validator in ("oneOf", "anyOf") and error.context:
        from jsonschema.exceptions import best_match  # only when explaining: see schema.py

        best = best_match(error.context)
        if best is not None:
            yield from findings_for(best, root)
            return
    pointer = "/".join(str(p) for p in error.absolute_path)
    handler = _HANDLERS.get(str(error.validator), _generic)
    yield from handler(error, pointer)


def describe(value: Any) -> str:
    """A value as a person would name it: 'the number 784', 'the text 'no''."""
    if value is None:
        return "nothing (the value is empty)"
    if isinstance(value, bool):
        return f"the true/false value {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "…"
        return f"the text '{shown}'"
    if isinstance(value, list):
        return "a list"
    return "a mapping of fields"


def noun(schema: dict[str, Any], pointer: str) -> str:
    """How to name the object at `pointer`: 'the record', 'a contact', 'the address'."""
    if not pointer:
        title = str(schema.get("title", "")).strip()
        return "the record" if title in ("", "Client") else f"the {title}"
    title = str(schema.get("title", "")).strip() or "item"
    lowered = title if title.isupper() else title[0].lower() + title[1:]
    if pointer.rpartition("/")[2].isdigit():
        article = "an" if lowered[0] in "aeiouAEIOU" else "a"
        return f"{article} {lowered}"
    return f"the {lowered}"


def field_label(pointer: str) -> str:
    """'contacts/0/email' -> 'email'; 'onboarding/0' -> 'item 1 of onboarding'."""
    parts = [p for p in pointer.split("/") if p]
    if not parts:
        return "record"
    if parts[-1].isdigit():
        parent = next((p for p in reversed(parts[:-1]) if not p.isdigit()), "the list")
        return f"item {int(parts[-1]) + 1} of {parent}"
    return parts[-1]


def did_you_mean(word: str, options: list[str]) -> str:
    lowered = {o.lower(): o for o in options}
    if word.lower() in lowered:
        return lowered[word.lower()]
    import difflib  # only when a name is unknown

    close = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    if close:
        return lowered[close[0]]
    prefixed = [o for low, o in lowered.items() if word and low.startswith(word.lower())]
    return prefixed[0] if len(prefixed) == 1 else ""


def _required(error: ValidationError, pointer: str) -> Iterator[Finding]:
    properties = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
    instance = error.instance if isinstance(error.instance, dict) else {}
    for name in error.validator_value:
        if name in instance:
            continue
        prop = properties.get(name, {})
        title = prop.get("title", name)
        yield Finding(
            pointer,
            f"{noun(error.schema, pointer)} has no '{name}' ({title}), which is required",
            f"add '{name}:' — {prop['description']}" if "description" in prop else f"add '{name}:'",
        )


def _additional(error: ValidationError, pointer: str) -> Iterator[Finding]:
    schema = error.schema
    known = list(schema.get("properties", {}))
    patterns = list(schema.get("patternProperties", {}))
    instance = error.instance if isinstance(error.instance, dict) else {}
    extra = [k for k in instance if k not in known]
    if patterns:
        extra = [k for k in extra if not any(re.search(p, k) for p in patterns)]
    for key in extra:
        suggestion = did_you_mean(key, known)
        message = f"'{key}' is not a field of {noun(schema, pointer)}"
        if suggestion:
            message += f" (did you mean '{suggestion}'?)"
        hint = f"the fields of {noun(schema, pointer)} are: {', '.join(known)}"
        yield Finding(f"{pointer}/{key}" if pointer else key, message, hint, on_key=True)


def _enum(error: ValidationError, pointer: str) -> Iterator[Finding]:
    options = [str(o) for o in error.validator_value]
    value = error.instance
    label = field_label(pointer)
    if len(options) > 12:
        suggestion = _COUNTRY_ALIASES.get(str(value), "") if isinstance(value, str) else ""
        suggestion = suggestion or (
            did_you_mean(str(value), options) if isinstance(value, str) else ""
        )
        message = f"{describe(value)} is not an allowed value of '{label}'"
        if suggestion:
            message += f" (did you mean '{suggestion}'?)"
        hint = (
            str(error.schema.get("description", ""))
            or f"see the {len(options)} allowed values in the schema"
        )
        yield Finding(pointer, message, hint)
        return
    suggestion = did_you_mean(str(value), options) if isinstance(value, str) else ""
    message = f"{describe(value)} is not an allowed value of '{label}'"
    if suggestion:
        message += f" (did you mean '{suggestion}'?)"
    yield Finding(pointer, message, f"use one of: {', '.join(options)}")


def _type(error: ValidationError, pointer: str) -> Iterator[Finding]:
    wanted = error.validator_value
    names = [wanted] if isinstance(wanted, str) else list(wanted)
    words = " or ".join(_TYPE_WORDS.get(n, n) for n in names)
    hint = _hint(error.schema)
    if not hint and "string" in names and isinstance(error.instance, (int, float, bool)):
        hint = "put the value in quotes to keep it as text"
    yield Finding(
        pointer, f"'{field_label(pointer)}' should be {words}, not {describe(error.instance)}", hint
    )


def _format(error: ValidationError, pointer: str) -> Iterator[Finding]:
    fmt = error.validator_value
    value = error.instance
    if fmt == "date":
        message = f"'{value}' is not a real date"
        hint = "write dates as YYYY-MM-DD, for example 2025-03-31"
    elif fmt == "email":
        message = f"'{value}' is not a valid email address"
        hint = email_problem(str(value)) or ""
    elif fmt == "uri":
        message = f"'{value}' is not a complete web address"
        hint = "write it in full, starting with https://"
    else:
        message = f"'{value}' is not a valid {fmt}"
        hint = _hint(error.schema)
    yield Finding(pointer, message, hint)


def _pattern(error: ValidationError, pointer: str) -> Iterator[Finding]:
    hint = _hint(error.schema) or f"it must match the pattern {error.validator_value}"
    title = error.schema.get("title") or field_label(pointer)
    yield Finding(pointer, f"{describe(error.instance)} is not a valid {str(title).lower()}", hint)


def _length(error: ValidationError, pointer: str) -> Iterator[Finding]:
    limit = error.validator_value
    label = field_label(pointer)
    words = {
        "minLength": f"'{label}' must not be empty"
        if limit == 1
        else f"'{label}' needs at least {limit} characters",
        "maxLength": f"'{label}' is longer than {limit} characters",
        "minItems": f"'{label}' needs at least {limit} item{'s' if limit != 1 else ''}",
        "maxItems": f"'{label}' has more than {limit} items",
        "minimum": f"'{label}' is {error.instance}, below the minimum of {limit}",
        "maximum": f"'{label}' is {error.instance}, above the maximum of {limit}",
        "exclusiveMinimum": f"'{label}' must be more than {limit}",
        "exclusiveMaximum": f"'{label}' must be less than {limit}",
        "minProperties": f"'{label}' needs at least {limit} field{'s' if limit != 1 else ''}",
        "maxProperties": f"'{label}' has more than {limit} fields",
    }
    yield Finding(pointer, words[str(error.validator)], _hint(error.schema))


def _unique(error: ValidationError, pointer: str) -> Iterator[Finding]:
    seen: list[Any] = []
    items = error.instance if isinstance(error.instance, list) else []
    for i, item in enumerate(items):
        if item in seen:
            yield Finding(
                f"{pointer}/{i}",
                f"{describe(item)} appears twice in '{field_label(pointer)}'",
                "remove the repeated entry",
            )
            return
        seen.append(item)
    yield Finding(pointer, f"'{field_label(pointer)}' holds a repeated entry", "remove it")


def _dependent(error: ValidationError, pointer: str) -> Iterator[Finding]:
    instance = error.instance if isinstance(error.instance, dict) else {}
    for key, needed in error.validator_value.items():
        if key not in instance:
            continue
        for name in needed:
            if name not in instance:
                yield Finding(
                    f"{pointer}/{key}" if pointer else key,
                    f"'{key}' needs '{name}' beside it",
                    f"add '{name}:' to {noun(error.schema, pointer)}",
                    on_key=True,
                )


def _const(error: ValidationError, pointer: str) -> Iterator[Finding]:
    yield Finding(
        pointer,
        f"'{field_label(pointer)}' must be {error.validator_value!r}, not {describe(error.instance)}",
        _hint(error.schema),
    )


def _generic(error: ValidationError, pointer: str) -> Iterator[Finding]:
    yield Finding(pointer, f"'{field_label(pointer)}': {error.message}", _hint(error.schema))


def _hint(schema: Any) -> str:
    if not isinstance(schema, dict):
        return ""
    return str(schema.get("x-hint") or "")


_HANDLERS = {
    "required": _required,
    "additionalProperties": _additional,
    "unevaluatedProperties": _additional,
    "enum": _enum,
    "type": _type,
    "format": _format,
    "pattern": _pattern,
    "minLength": _length,
    "maxLength": _length,
    "minItems": _length,
    "maxItems": _length,
    "minimum": _length,
    "maximum": _length,
    "exclusiveMinimum": _length,
    "exclusiveMaximum": _length,
    "minProperties": _length,
    "maxProperties": _length,
    "uniqueItems": _unique,
    "dependentRequired": _dependent,
    "const": _const,
}
