"""The record schema: loading it (local references only), and validating against it.

Validation has two paths that must agree. The fast path asks jsonschema-rs
(compiled) whether a record is valid, about a hundredth of a millisecond.
Only for the records that fail does the explaining path run: pure-Python
jsonschema, whose errors carry the paths and schema keywords that become
diagnostics in plain words. Both use the same format functions.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema_rs

from clientbook.core.diagnostics import Finding
from clientbook.core.schema_files import (
    BASE,
    META_SCHEMA,
    at,
    error_at,
    local_resources,
    read_json,
)
from clientbook.core.schema_files import SchemaError as SchemaError
from clientbook.core.schema_formats import FORMATS
from clientbook.core.schema_messages import findings_for

if TYPE_CHECKING:
    import jsonschema

# jsonschema (with referencing and attrs) is imported only to explain a failure: jsonschema-rs
# judges every record, and most runs, an update of the site in place among them, never need it.

CLIENT_SCHEMA = "client.schema.json"
CONFIG_SCHEMA = "config.schema.json"


def _format_checker() -> jsonschema.FormatChecker:
    import jsonschema

    checker = jsonschema.FormatChecker(formats=())
    for name, function in FORMATS.items():
        checker.checks(name)(_text_only(function))
    return checker


def _text_only(function: Callable[[str], bool]) -> Callable[[object], bool]:
    """jsonschema applies formats to every type; like jsonschema-rs, judge only text (`type` judges the rest)."""

    def check(value: object) -> bool:
        return function(value) if isinstance(value, str) else True

    return check


@dataclass
class Schema:
    """A compiled schema, ready to validate many records."""

    path: Path
    document: dict[str, Any]
    text: str
    fast: Any
    rooted: dict[str, Any]  # the document with an $id, and the local documents it refers to
    resources: dict[str, Any]
    _full: Any = None

    @property
    def full(self) -> jsonschema.protocols.Validator:
        """The pure-Python validator that explains failures, made when first needed."""
        if self._full is None:
            import referencing
            import referencing.jsonschema

            registry: referencing.Registry[Any] = referencing.Registry().with_resources(
                (uri, referencing.Resource.from_contents(doc, referencing.jsonschema.DRAFT202012))
                for uri, doc in self.resources.items()
            )
            self._full = _validator_class()(
                self.rooted, registry=registry, format_checker=_format_checker()
            )
        return self._full

    @classmethod
    def load(cls, path: Path, label: str) -> Schema:
        """Read and compile `path`; `label` names it in messages (repository-relative)."""
        text, document = read_json(path, label)
        _check_meta(document, text, label)
        rooted = document if "$id" in document else {**document, "$id": BASE + path.name}
        resources = local_resources(path.parent, rooted, text, label)
        resources = {uri: {**doc, "$id": doc.get("$id", uri)} for uri, doc in resources.items()}
        _check_references(document, text, label, resources)
        try:
            # offline: whatever the checks above let through, jsonschema-rs fetches nothing
            rs_registry = (
                jsonschema_rs.Registry(list(resources.items()), retriever=_refuse_retrieval)
                if resources
                else None
            )
            fast = jsonschema_rs.validator_for(
                rooted,
                validate_formats=True,
                formats=dict(FORMATS),
                registry=rs_registry,
                offline=True,
            )
        except (jsonschema_rs.ValidationError, jsonschema_rs.ReferencingError, ValueError) as err:
            raise SchemaError(at(label, 1, 1, f"the schema cannot be compiled: {err}")) from err
        return cls(path, document, text, fast, rooted, resources)

    def is_valid(self, data: Any) -> bool:
        return bool(self.fast.is_valid(data))

    def explain(self, data: Any) -> Iterator[Finding]:
        """Plain-words findings for an invalid record: one per value at fault, the most telling."""
        errors = sorted(
            self.full.iter_errors(data),
            key=lambda e: ([str(p) for p in e.absolute_path], _PRIORITY.get(str(e.validator), 9)),
        )
        seen: set[tuple[str, bool, str]] = set()
        for error in errors:
            for finding in findings_for(error, self.document):
                # one finding per value at fault; but each missing field is its own finding
                where = (
                    finding.pointer,
                    finding.on_key,
                    finding.message if error.validator == "required" else "",
                )
                if where not in seen:
                    seen.add(where)
                    yield finding

    def findings(self, data: Any) -> list[Finding]:
        if self.is_valid(data):
            return []
        return list(self.explain(data))


# When several keywords reject one value, the first of these explains it best
# (a date that is not a date fails both `format` and `pattern`).
_PRIORITY = {
    "type": 0,
    "required": 1,
    "additionalProperties": 1,
    "enum": 2,
    "const": 2,
    "format": 3,
    "dependentRequired": 3,
    "pattern": 4,
}


def _ecma_pattern(pattern: str) -> re.Pattern[str]:
    """A JSON Schema (ECMA-262) pattern for Python's re: `$` ends the text, as in ECMA-262.

    In Python, `$` also matches before a final newline, so a block scalar
    value "acme\\n" would pass ^[a-z]+$ here but fail in jsonschema-rs.
    """
    out = []
    escaped = in_class = False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "$" and not in_class:
            out.append(r"\Z")
            continue
        out.append(char)
    return re.compile("".join(out))


def _pattern_keyword(
    validator: Any, pattern: str, instance: Any, schema: dict[str, Any]
) -> Iterator[Any]:
    import jsonschema

    if validator.is_type(instance, "string") and not _compiled(pattern).search(instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


_compiled_patterns: dict[str, re.Pattern[str]] = {}


def _compiled(pattern: str) -> re.Pattern[str]:
    if pattern not in _compiled_patterns:
        _compiled_patterns[pattern] = _ecma_pattern(pattern)
    return _compiled_patterns[pattern]


@functools.cache
def _validator_class() -> Any:
    """Draft 2020-12 with ECMA-262 patterns (as jsonschema-rs reads them)."""
    import jsonschema

    return jsonschema.validators.extend(
        jsonschema.Draft202012Validator, {"pattern": _pattern_keyword}
    )


def _check_meta(document: dict[str, Any], text: str, label: str) -> None:
    # jsonschema-rs answers in under a millisecond (jsonschema takes ~70 ms on the client
    # schema, at every start); jsonschema then only explains a schema that fails
    if _rust_meta().is_valid(document):
        return
    import jsonschema

    meta = jsonschema.Draft202012Validator(jsonschema.Draft202012Validator.META_SCHEMA)
    error = jsonschema.exceptions.best_match(meta.iter_errors(document))
    if error is None:
        return
    pointer = "/".join(str(p) for p in error.absolute_path)
    raise error_at(
        label,
        text,
        pointer,
        f"the schema is not valid JSON Schema (draft 2020-12) at '{pointer or '/'}': "
        f"{error.message}",
    )


@functools.cache
def _rust_meta() -> Any:
    """The draft 2020-12 meta-schema, compiled once (jsonschema-rs bundles it: no network)."""
    return jsonschema_rs.Draft202012Validator({"$ref": META_SCHEMA}, offline=True)


def _refuse_retrieval(uri: str) -> Any:
    raise ValueError(f"clientbook never fetches schemas: '{uri}' is not in the schemas folder")


def _check_references(
    document: dict[str, Any], text: str, label: str, resources: dict[str, Any]
) -> None:
    """Local $refs must lead somewhere and patterns must compile, or the message is at 1:1."""
    for pointer, ref in _refs(document):
        target_file, _, fragment = ref.partition("#")
        target = resources.get(BASE + target_file) if target_file else document
        if fragment and _follow(target, fragment) is None:
            raise error_at(
                label,
                text,
                pointer,
                f"the $ref '{ref}' leads to nothing in the schema",
                "check the name under $defs it points at",
            )
    for pointer, pattern in _patterns(document):
        try:
            re.compile(pattern)
        except re.error as err:
            raise error_at(
                label,
                text,
                pointer,
                f"the pattern {pattern!r} is not a valid regular expression (regex): {err}",
            ) from err


def _follow(document: Any, fragment: str) -> Any:
    node = document
    for part in fragment.strip("/").split("/") if fragment.strip("/") else []:
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node


def _patterns(node: Any, pointer: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                yield f"{pointer}/pattern", value
            elif key != "properties" or not isinstance(value, dict):
                yield from _patterns(value, f"{pointer}/{key}")
            else:
                for name, sub in value.items():
                    yield from _patterns(sub, f"{pointer}/properties/{name}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _patterns(value, f"{pointer}/{i}")


def _refs(node: Any, pointer: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield pointer + "/$ref", value
            else:
                yield from _refs(value, f"{pointer}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _refs(value, f"{pointer}/{i}")
