"""A form model built from the client schema: sections of fields with labels, help and constraints.

Every property of the schema becomes a field, so the form asks for exactly
what the record holds. What the model cannot express as a widget (an
arbitrary oneOf, a type union) becomes a YAML text area with a note: never
silently dropped. An `x-form` annotation on a property can set its
`section`, `order`, `widget` and `placeholder`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from clientbook.core.config import OnboardingStep
from clientbook.core.schemanav import resolve as _resolve

SCALAR_WIDGETS = ("text", "textarea", "email", "tel", "url", "date", "number", "select", "checkbox")
_LONG_TEXT = 300  # maxLength above which text gets a text area


@dataclass(frozen=True)
class Field:
    """One input (or a group of them). `path` uses '*' for list items: contacts/*/email."""

    key: str
    path: str
    label: str
    help: str
    widget: str  # one of SCALAR_WIDGETS, or group, list, scalar-list, yaml
    required: bool = False
    type: str = "string"  # JSON type the value takes: string, integer, number, boolean
    options: tuple[str, ...] = ()
    pattern: str = ""
    hint: str = ""
    min_length: int | None = None
    max_length: int | None = None
    minimum: float | None = None
    maximum: float | None = None
    min_items: int | None = None
    max_items: int | None = None
    default: Any = None
    examples: tuple[Any, ...] = ()
    placeholder: str = ""
    note: str = ""
    pii: bool = False
    sensitivity: str = ""
    children: tuple[Field, ...] = ()
    item: Field | None = None  # for scalar-list: the widget of one item

    @property
    def repeatable(self) -> bool:
        return self.widget in ("list", "scalar-list")


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    description: str
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class FormModel:
    title: str
    description: str
    sections: tuple[Section, ...]
    checklist: tuple[OnboardingStep, ...] = ()

    def fields(self) -> list[Field]:
        return [f for s in self.sections for f in s.fields]


def build_form(schema: dict[str, Any], checklist: tuple[OnboardingStep, ...] = ()) -> FormModel:
    """The form model of a record schema (local $refs resolved)."""
    root = _resolve(schema, schema)
    required = set(root.get("required", []))
    groups: dict[str, list[tuple[float, Field]]] = {}
    titles: dict[str, str] = {"profile": "Client", "checklist": "Onboarding checklist"}
    for position, (key, prop) in enumerate(root.get("properties", {}).items()):
        annotation = _x_form(prop, schema)
        built = _field(key, key, prop, key in required, schema)
        if key == "onboarding" and checklist:
            continue  # the checklist section asks for it step by step
        section = annotation.get("section") or (
            key if built.widget in ("group", "list", "yaml") else "profile"
        )
        titles.setdefault(section, built.label)
        groups.setdefault(section, []).append((float(annotation.get("order", position)), built))
    sections = [
        Section(
            sid, titles.get(sid, sid), "", tuple(f for _, f in sorted(items, key=lambda t: t[0]))
        )
        for sid, items in groups.items()
    ]
    return FormModel(
        str(schema.get("title", "Client")),
        str(schema.get("description", "")),
        tuple(sections),
        checklist,
    )


def _x_form(prop: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    resolved = _resolve(prop, schema)
    value = resolved.get("x-form", {})
    return value if isinstance(value, dict) else {}


def _field(key: str, path: str, prop: Any, required: bool, root: dict[str, Any]) -> Field:
    node = _resolve(prop, root)
    label = str(node.get("title") or key.replace("_", " ").capitalize())
    common: dict[str, Any] = {
        "key": key,
        "path": path,
        "label": label,
        "help": str(node.get("description", "")),
        "required": required,
        "hint": str(node.get("x-hint", "")),
        "default": node.get("default"),
        "examples": tuple(node.get("examples", ())),
        "placeholder": str(_x_form(node, root).get("placeholder", "")),
        "pii": bool(node.get("x-pii", False)),
        "sensitivity": str(node.get("x-sensitivity", "")),
    }
    widget = _x_form(node, root).get("widget")
    kind = node.get("type")
    if any(k in node for k in ("oneOf", "anyOf", "allOf", "not", "if")) or isinstance(kind, list):
        return Field(**common, widget="yaml", note=_FALLBACK_NOTE)
    if kind == "object":
        children = _children(node, path, root)
        if children is None:
            return Field(**common, widget="yaml", note=_FALLBACK_NOTE)
        return Field(**common, widget="group", type="object", children=children)
    if kind == "array":
        items = _resolve(node.get("items", {}), root)
        limits: dict[str, Any] = {
            "min_items": node.get("minItems"),
            "max_items": node.get("maxItems"),
        }
        if items.get("type") == "object":
            children = _children(items, f"{path}/*", root)
            if children is None:
                return Field(**common, widget="yaml", note=_FALLBACK_NOTE)
            return Field(**common, widget="list", type="array", children=children, **limits)
        item = _field(key, f"{path}/*", items, True, root)
        if item.widget in ("yaml", "group", "list", "scalar-list"):
            return Field(**common, widget="yaml", note=_FALLBACK_NOTE)
        return Field(**common, widget="scalar-list", type="array", item=item, **limits)
    return _scalar(node, common, widget)


_FALLBACK_NOTE = "This field's form cannot be drawn as inputs; write its value as YAML."


def _children(node: dict[str, Any], path: str, root: dict[str, Any]) -> tuple[Field, ...] | None:
    properties = node.get("properties")
    if not isinstance(properties, dict):
        return None
    required = set(node.get("required", []))
    return tuple(_field(k, f"{path}/{k}", v, k in required, root) for k, v in properties.items())


def _scalar(node: dict[str, Any], common: dict[str, Any], widget: str | None) -> Field:
    kind = node.get("type", "string")
    if "enum" in node:
        options = tuple(str(o) for o in node["enum"])
        json_type = "string" if all(isinstance(o, str) for o in node["enum"]) else "integer"
        return Field(**common, widget="select", type=json_type, options=options)
    if kind == "boolean":
        return Field(**common, widget="checkbox", type="boolean")
    if kind in ("integer", "number"):
        return Field(
            **common,
            widget="number",
            type=kind,
            minimum=node.get("minimum"),
            maximum=node.get("maximum"),
        )
    fmt = node.get("format")
    chosen = widget or {"date": "date", "email": "email", "uri": "url"}.get(str(fmt), "")
    if not chosen:
        chosen = "textarea" if int(node.get("maxLength", 0) or 0) > _LONG_TEXT else "text"
    return Field(
        **common,
        widget=chosen if chosen in SCALAR_WIDGETS else "text",
        type="string",
        pattern=str(node.get("pattern", "")),
        min_length=node.get("minLength"),
        max_length=node.get("maxLength"),
    )
