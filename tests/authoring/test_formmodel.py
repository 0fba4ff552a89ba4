"""The form model, on the real schema and on small schemas written here."""

from __future__ import annotations

import json
import re
from typing import Any

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clientbook.authoring.formmodel import Field, build_form
from tests.conftest import REPO_ROOT

SCHEMA = json.loads((REPO_ROOT / "schemas/client.schema.json").read_text())


def _by_path(fields: list[Field] | tuple[Field, ...]) -> dict[str, Field]:
    out: dict[str, Field] = {}
    for f in fields:
        out[f.path] = f
        out.update(_by_path(f.children))
        if f.item:
            out[f.item.path] = f.item
    return out


def test_real_schema_has_every_property_as_a_field() -> None:
    model = build_form(SCHEMA)
    fields = _by_path(model.fields())
    assert set(SCHEMA["properties"]) <= {f.key for f in model.fields()}
    contact_email = fields["contacts/*/email"]
    assert (contact_email.widget, contact_email.label, contact_email.pii) == (
        "email",
        "Email",
        True,
    )
    assert fields["contacts/*/phone"].widget == "tel" and fields[
        "contacts/*/phone"
    ].pattern.startswith("^\\+")
    assert fields["kind"].widget == "select" and fields["kind"].options == (
        "organization",
        "individual",
    )
    assert fields["since"].widget == "date" and fields["since"].required
    assert fields["feedback/*/score"].widget == "number" and (
        fields["feedback/*/score"].minimum,
        fields["feedback/*/score"].maximum,
    ) == (0, 10)
    assert fields["notes"].widget == "textarea" and fields["notes"].sensitivity == "confidential"
    assert fields["tags"].widget == "scalar-list" and fields["tags"].item is not None
    assert fields["address"].widget == "group" and fields["address/country"].required
    assert fields["contacts"].widget == "list" and fields["contacts/*/name"].required
    assert fields["contacts/*/primary"].widget == "checkbox"


def test_small_schema_widgets() -> None:
    schema = {
        "type": "object",
        "required": ["code"],
        "properties": {
            "code": {
                "type": "string",
                "title": "Code",
                "description": "A code.",
                "pattern": "^[A-Z]{3}$",
                "maxLength": 3,
            },
            "colour": {"type": "string", "enum": ["red", "green"]},
            "size": {"type": "integer", "minimum": 1, "maximum": 9},
            "flag": {"type": "boolean"},
            "owner": {
                "type": "object",
                "required": ["name"],
                "properties": {"name": {"type": "string"}},
            },
            "items": {
                "type": "array",
                "minItems": 1,
                "maxItems": 3,
                "items": {"type": "object", "properties": {"n": {"type": "number"}}},
            },
            "either": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
            "ref": {"$ref": "#/$defs/thing"},
        },
        "$defs": {"thing": {"type": "string", "format": "date", "title": "Thing date"}},
    }
    fields = _by_path(build_form(schema).fields())
    assert (
        fields["code"].widget,
        fields["code"].required,
        fields["code"].pattern,
        fields["code"].max_length,
    ) == ("text", True, "^[A-Z]{3}$", 3)
    assert fields["code"].label == "Code" and fields["code"].help == "A code."
    assert fields["colour"].options == ("red", "green")
    assert (fields["size"].widget, fields["size"].type) == ("number", "integer")
    assert fields["flag"].widget == "checkbox"
    assert fields["owner"].widget == "group" and fields["owner/name"].required
    assert (fields["items"].widget, fields["items"].min_items, fields["items"].max_items) == (
        "list",
        1,
        3,
    )
    assert fields["either"].widget == "yaml" and "YAML" in fields["either"].note  # not dropped
    assert fields["ref"].widget == "date" and fields["ref"].label == "Thing date"


def test_x_form_annotation() -> None:
    schema = {
        "type": "object",
        "properties": {
            "a": {"type": "string"},
            "b": {
                "type": "string",
                "x-form": {
                    "section": "extra",
                    "order": -1,
                    "widget": "textarea",
                    "placeholder": "write",
                },
            },
        },
    }
    model = build_form(schema)
    extra = next(s for s in model.sections if s.id == "extra")
    assert extra.fields[0].widget == "textarea" and extra.fields[0].placeholder == "write"


# --- every schema the model accepts yields a form whose output validates -----------------------

_names = st.sampled_from(["alpha", "beta", "gamma", "delta", "eps", "zeta"])
_leaf = st.one_of(
    st.just({"type": "string"}),
    st.just({"type": "string", "maxLength": 12, "minLength": 2}),
    st.just({"type": "string", "pattern": "^[a-z]{2,5}$"}),
    st.just({"type": "string", "format": "date"}),
    st.just({"type": "string", "format": "email"}),
    st.just({"type": "string", "enum": ["one", "two", "three"]}),
    st.just({"type": "integer", "minimum": 3, "maximum": 7}),
    st.just({"type": "number", "minimum": -1.5}),
    st.just({"type": "boolean"}),
)


def _object(children: st.SearchStrategy[dict[str, Any]]) -> st.SearchStrategy[dict[str, Any]]:
    return st.dictionaries(_names, children, min_size=1, max_size=4).flatmap(
        lambda props: st.lists(st.sampled_from(sorted(props)), unique=True).map(
            lambda req: {
                "type": "object",
                "additionalProperties": False,
                "properties": props,
                "required": req,
            }
        )
    )


_schemas = _object(
    st.recursive(
        _leaf,
        lambda inner: st.one_of(
            _object(inner),
            inner.map(lambda item: {"type": "array", "items": item, "minItems": 1}),
        ),
        max_leaves=6,
    )
)


def _fill(f: Field, draw: Any, node: dict[str, Any]) -> Any:
    """What a person filling the form could enter in one field: the JS collects exactly these shapes."""
    if (
        f.widget == "yaml"
    ):  # the person writes the value as YAML text; here, a value of the right shape
        assert node.get("type") == "array", node
        return [_fill_node(node["items"], draw) for _ in range(max(1, node.get("minItems", 0)))]
    if f.widget == "group":
        return _fill_children(f.children, draw, node)
    if f.widget == "list":
        return [
            _fill_children(f.children, draw, node["items"]) for _ in range(max(1, f.min_items or 0))
        ]
    if f.widget == "scalar-list":
        assert f.item is not None
        return [_fill(f.item, draw, node["items"]) for _ in range(max(1, f.min_items or 0))]
    if f.options:
        return draw(st.sampled_from(f.options))
    if f.widget == "checkbox":
        return True
    if f.widget == "number":
        low = f.minimum if f.minimum is not None else -100
        high = f.maximum if f.maximum is not None else 100
        return (
            draw(st.integers(int(low), int(high)))
            if f.type == "integer"
            else draw(st.floats(low, high))
        )
    if f.widget == "date":
        return draw(st.dates()).isoformat()
    if f.widget == "email":
        return "person@company.example"
    if f.pattern:
        return draw(st.from_regex(re.compile(f.pattern), fullmatch=True))
    return draw(
        st.text(
            alphabet="abcdefgh ", min_size=f.min_length or 1, max_size=f.max_length or 20
        ).filter(str.strip)
    )


def _fill_children(children: tuple[Field, ...], draw: Any, node: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for child in children:
        if child.required or draw(st.booleans()):
            out[child.key] = _fill(child, draw, node["properties"][child.key])
    return out


def _fill_node(node: dict[str, Any], draw: Any) -> Any:
    [f] = build_form({"type": "object", "properties": {"x": node}}).fields()
    return _fill(f, draw, node)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_schemas, st.data())
def test_generated_schemas_yield_forms_whose_output_validates(
    schema: dict[str, Any], data: Any
) -> None:
    model = build_form(schema)
    fields = {f.key: f for f in model.fields()}
    assert set(fields) == set(schema["properties"])  # nothing dropped
    record = _fill_children(tuple(fields[k] for k in schema["properties"]), data.draw, schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    assert list(validator.iter_errors(record)) == []
