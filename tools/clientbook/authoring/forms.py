"""Rendering forms: the fillable onboarding form, its printable twin, and review forms.

Templates live under templates/forms/; a records repository's own
templates/forms/ is searched first, so any of them can be overridden.
"""

from __future__ import annotations

import dataclasses
import types
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from clientbook.core.config import Config
from clientbook.core.resources import default_templates
from clientbook.history.describe import SINGULAR

if TYPE_CHECKING:  # the form model is built where a form is made; a site update makes none
    from clientbook.authoring.formmodel import Field, FormModel


def choices(config: Config) -> dict[str, tuple[tuple[str, str], ...]]:
    """Options for fields whose values the config lists: (value, label) pairs by field path."""
    staff = tuple((s.id, f"{s.name} ({s.id})") for s in config.staff.values() if s.active)
    purposes = tuple((k, f"{v} ({k})") for k, v in config.consent_purposes.items())
    return {
        "owner": staff,
        "team": tuple((t.id, t.name) for t in config.teams.values()),
        "jurisdiction": tuple((j.id, f"{j.name} — {j.law}") for j in config.jurisdictions.values()),
        "interactions/*/by": staff,
        "review/by": staff,
        "review/interval": tuple((k, k) for k in config.review_intervals),
        "retention/policy": tuple(
            (p.id, f"{p.id}: {p.basis}") for p in config.retention_policies.values()
        ),
        "consents/*/purpose": purposes,
        "communication/subscriptions/*": purposes,
        "onboarding/*/step": tuple((s.id, s.title) for s in config.onboarding_steps),
    }


def with_choices(model: FormModel, options: dict[str, tuple[tuple[str, str], ...]]) -> FormModel:
    """Text fields whose values come from the config become selects of those values."""

    def apply(f: Field) -> Field:
        if f.item is not None:
            f = dataclasses.replace(f, item=apply(f.item))
        if f.children:
            f = dataclasses.replace(f, children=tuple(apply(c) for c in f.children))
        pairs = options.get(f.path)
        if pairs and f.widget in ("text", "select"):
            return dataclasses.replace(f, widget="select", options=tuple(v for v, _ in pairs))
        return f

    sections = tuple(
        dataclasses.replace(s, fields=tuple(apply(f) for f in s.fields)) for s in model.sections
    )
    return dataclasses.replace(model, sections=sections)


def config_form(config: Config, schema: dict[str, Any]) -> FormModel:
    from clientbook.authoring.formmodel import build_form

    return with_choices(build_form(schema, config.onboarding_steps), choices(config))


class _Context(jinja2.runtime.Context):
    """Calls of built-in functions (`d.get('name')`, hundreds a client page) made directly.

    Jinja's Context.call looks for a `jinja_pass_arg` marker on every callable; a
    built-in function or method cannot carry one, so for those the call comes
    down to this, at half the cost. Everything else goes through Context.call.
    """

    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        if type(__obj) is not types.BuiltinFunctionType:
            return jinja2.runtime.Context.call(__self, __obj, *args, **kwargs)
        kwargs.pop("_block_vars", None)
        kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:
            return __self.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception"
            )


def environment(root: Path) -> jinja2.Environment:
    """Jinja2 with the repository's templates first, autoescape on, undefined names an error."""
    loaders = [
        jinja2.FileSystemLoader(str(folder))
        for folder in (root / "templates", default_templates())
        if folder.is_dir()
    ]
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["singular"] = lambda f: SINGULAR.get(f.key, f.label.lower())
    env.context_class = _Context
    return env


def render_onboarding(
    env: jinja2.Environment, config: Config, model: FormModel, labels: dict[str, dict[str, str]]
) -> str:
    return env.get_template("forms/onboarding.html").render(
        organisation=config.organisation,
        model=model,
        labels=labels,
        initial=None,
        changed=[],
        review=None,
        layout=config.layout,
    )


def render_print(
    env: jinja2.Environment, config: Config, model: FormModel, labels: dict[str, dict[str, str]]
) -> str:
    return env.get_template("forms/onboarding-print.html").render(
        organisation=config.organisation, model=model, labels=labels
    )


def render_review(
    env: jinja2.Environment,
    config: Config,
    model: FormModel,
    labels: dict[str, dict[str, str]],
    data: dict[str, Any],
    changed: list[str],
    review: dict[str, Any],
) -> str:
    return env.get_template("forms/onboarding.html").render(
        organisation=config.organisation,
        model=model,
        labels=labels,
        initial=data,
        changed=changed,
        review=review,
        layout=config.layout,
    )


def option_labels(config: Config) -> dict[str, dict[str, str]]:
    """Labels for select options by field path, for the templates."""
    return {path: dict(pairs) for path, pairs in choices(config).items()}
