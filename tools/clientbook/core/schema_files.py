"""Reading a schema's files: JSON with positions, and the local files its references name.

Nothing is ever fetched. A schema may name only the draft 2020-12 meta-schema (both
validators bundle it), and each $ref or $dynamicRef must lead to a file in the schemas
folder: one naming an address, or leading out of the folder directly, through an $id or
through a symlink, is an error at its line and column in the file that holds it.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

from clientbook.core.diagnostics import Diagnostic, Severity
from clientbook.core.repo import inside


class SchemaError(Exception):
    """A schema that cannot be used: the run stops with exit 2."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


BASE = "file:///clientbook/schemas/"

# The one meta-schema a schema may name: both validators read every schema as draft 2020-12,
# and jsonschema-rs and jsonschema bundle it (anything else would be fetched, or misread).
META_SCHEMA = "https://json-schema.org/draft/2020-12/schema"
META_SCHEMAS = frozenset({META_SCHEMA, META_SCHEMA + "#"})


def at(label: str, line: int, column: int, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(label, line, column, Severity.ERROR, "schema-invalid", message, hint)


def error_at(label: str, text: str, pointer: str, message: str, hint: str = "") -> SchemaError:
    """A SchemaError at the line and column of `pointer` ("/properties/x/$ref") in the schema's text."""
    # here, not at the top: only a broken schema needs positions, and they bring PyYAML
    from clientbook.core.yamlpositions import PositionIndex

    position = PositionIndex(text).lookup(pointer.strip("/"))
    return SchemaError(at(label, position.line, position.column, message, hint))


def read_json(path: Path, label: str) -> tuple[str, dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise SchemaError(at(label, 0, 0, f"cannot read the schema: {err}")) from err
    try:
        document = json.loads(text)
    except json.JSONDecodeError as err:
        raise SchemaError(
            at(label, err.lineno, err.colno, f"the schema is not valid JSON: {err.msg}")
        ) from err
    if not isinstance(document, dict):
        raise SchemaError(at(label, 1, 1, "a schema must be a JSON object"))
    return text, document


# keywords whose values are data, not schemas: a "$ref" inside them is not a reference
_DATA_KEYWORDS = frozenset({"const", "enum", "default", "examples"})
# keywords whose values map names (of properties, definitions) to schemas
_NAMED_SCHEMAS = frozenset(
    {"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"}
)
_URI_KEYWORDS = ("$schema", "$ref", "$dynamicRef")


def _uri_keywords(
    node: Any, base: str, pointer: str = "", names: bool = False
) -> Iterator[tuple[str, str, str, str]]:
    """(pointer, keyword, value, base URI) of every $schema, $ref and $dynamicRef, in document
    order; the base URI is the one a validator resolves the value against (the nearest $id)."""
    if isinstance(node, dict):
        own_id = node.get("$id")
        if not names and isinstance(own_id, str):
            base = urldefrag(urljoin(base, own_id)).url
        for key, value in node.items():
            where = f"{pointer}/{key}"
            if names:
                yield from _uri_keywords(value, base, where)
            elif key in _URI_KEYWORDS and isinstance(value, str):
                yield where, key, value, base
            elif key not in _DATA_KEYWORDS:
                yield from _uri_keywords(value, base, where, names=key in _NAMED_SCHEMAS)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _uri_keywords(value, base, f"{pointer}/{i}")


def _ids(node: Any, base: str, names: bool = False) -> Iterator[str]:
    """The URI of every resource embedded in a document by an $id (its own included)."""
    if isinstance(node, dict):
        own_id = node.get("$id")
        if not names and isinstance(own_id, str):
            base = urldefrag(urljoin(base, own_id)).url
            yield base
        for key, value in node.items():
            if names or key not in _DATA_KEYWORDS:
                yield from _ids(value, base, names=not names and key in _NAMED_SCHEMAS)
    elif isinstance(node, list):
        for value in node:
            yield from _ids(value, base)


def local_resources(
    folder: Path, document: dict[str, Any], text: str, label: str
) -> dict[str, dict[str, Any]]:
    """Every schema file reachable through relative $refs, each read from the schemas folder.

    Nothing is ever fetched: a $schema other than draft 2020-12's (which both validators
    bundle), a $ref or $dynamicRef naming an address or leading out of the folder, directly,
    through an $id or through a symlink, is an error at its place in the file.
    """
    resources: dict[str, dict[str, Any]] = {}
    pending = [(document, text, label, BASE + Path(label).name)]
    while pending:
        doc, doc_text, doc_label, doc_uri = pending.pop()
        embedded = set(_ids(doc, doc_uri))
        for pointer, keyword, value, base in _uri_keywords(doc, doc_uri):
            refuse = functools.partial(error_at, doc_label, doc_text, pointer)
            if keyword == "$schema":
                _check_meta_schema(value, refuse)
                continue
            uri = _local_uri(keyword, value, base, refuse)
            if uri is None or uri in embedded or uri in resources:
                continue
            name = uri[len(BASE) :]
            sub_label = str(Path(label).parent / name)
            _check_file(folder, folder / name, keyword, value, sub_label, refuse)
            sub_text, sub_doc = read_json(folder / name, sub_label)
            resources[uri] = sub_doc
            pending.append(
                (sub_doc, sub_text, sub_label, urldefrag(urljoin(uri, _id(sub_doc))).url)
            )
    return resources


def _check_meta_schema(value: str, refuse: Callable[..., SchemaError]) -> None:
    if value not in META_SCHEMAS:
        raise refuse(
            f"the $schema '{value}' is not JSON Schema draft 2020-12, which is how "
            "clientbook reads every schema; clientbook never fetches a meta-schema "
            "from the network",
            f'write "$schema": "{META_SCHEMA}", or leave it out',
        )


def _local_uri(
    keyword: str, value: str, base: str, refuse: Callable[..., SchemaError]
) -> str | None:
    """The schemas-folder URI a $ref names (None for a pointer within the same file)."""
    target = value.split("#", 1)[0]
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or target.startswith("/") or ".." in Path(target).parts:
        raise refuse(
            f"the {keyword} '{value}' points outside the schemas folder; "
            "clientbook never fetches schemas from the network",
            "copy the referenced schema into schemas/ and refer to it by its file name",
        )
    uri = urldefrag(urljoin(base, target)).url
    if not uri.startswith(BASE):
        raise refuse(
            f"the {keyword} '{value}' means '{uri}' (it is read against the $id "
            "around it), outside the schemas folder; clientbook never fetches schemas "
            "from the network",
            "remove that $id, or refer to the schema file by its name in schemas/",
        )
    return uri


def _check_file(
    folder: Path,
    file: Path,
    keyword: str,
    value: str,
    label: str,
    refuse: Callable[..., SchemaError],
) -> None:
    if not file.is_file():
        raise refuse(f"the {keyword} '{value}' names a schema file that does not exist: {label}")
    if not inside(folder, file):
        raise refuse(
            f"the {keyword} '{value}' names {label}, a symlink leading outside "
            "the schemas folder; clientbook reads schemas only from that folder",
            "copy the referenced schema into schemas/ instead of linking to it",
        )


def _id(document: dict[str, Any]) -> str:
    own_id = document.get("$id")
    return own_id if isinstance(own_id, str) else ""
