"""The site-wide pages, made from every client's summary: directory, dashboard, people, calendar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import jinja2
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from clientbook import __version__
from clientbook.authoring.forms import (
    config_form,
    environment,
    option_labels,
    render_onboarding,
    render_print,
)
from clientbook.core.config import Config
from clientbook.site.calendar import deadlines_ics
from clientbook.site.dashboard import dashboard_of
from clientbook.site.dashtotals import Totals, totals_of
from clientbook.site.directory import Directory, directory_of
from clientbook.site.dirfiles import FOLDER
from clientbook.site.flags import FLAGS
from clientbook.site.people import render_people
from clientbook.site.summary import PARTS, Summary

ASSETS = ("style.css", "app.js")
HEAD = 200  # the directory's rows that come with index.html, drawn before any script runs


def site_context(
    config: Config, audience: str, built: dt.datetime, today: dt.date
) -> dict[str, Any]:
    """What every page of the site is given besides its own data."""
    return {
        "organisation": config.organisation,
        "audience": audience,
        "built": built.strftime("%Y-%m-%d %H:%M UTC"),
        "version": __version__,
        "today": today.isoformat(),
    }


class Writer(Protocol):
    def write(self, name: str, content: str | bytes) -> None: ...


@dataclass
class Written:
    """What the site state keeps of the site-wide pages made (sitestate.py)."""

    directory: Directory | None = None  # the directory, when it was written
    totals: Totals | None = None  # the dashboard's totals, when it was


def write_site_pages(
    env: jinja2.Environment,
    summaries: list[Summary],
    config: Config,
    context: dict[str, Any],
    unreadable: list[str],
    built: dt.datetime,
    staging: Writer,
    parts: set[str] | None = None,
    people: set[str] | None = None,
    directory: Directory | None = None,
    totals: Totals | None = None,
) -> Written:
    """The pages made from every client's summary: directory, dashboard, people, calendar.

    An update in place makes only the pages its changes touch: the `parts`
    named (sitesummary.PARTS; the summaries need only their fields), and of the
    owner and team pages those in `people` (owners/ID.html, teams/ID.html); it
    may give the `directory` and the dashboard's `totals` themselves, and then
    the summaries need not have those parts' fields.
    """
    parts = set(PARTS) if parts is None else parts
    written = Written()
    by_id = sorted(summaries, key=lambda s: s.id) if parts & {"people", "calendar"} else []
    if "directory" in parts:
        written.directory = directory or directory_of(summaries)
        render_directory(env, written.directory, context, unreadable, staging)
    if "people" in parts:
        for name, content in render_people(env, by_id, config, context, people).items():
            staging.write(name, content)
    if "dashboard" in parts:
        written.totals = totals or totals_of(summaries)
        staging.write(
            "dashboard.html",
            env.get_template("site/dashboard.html").render(
                board=dashboard_of(written.totals, dt.date.fromisoformat(context["today"])),
                flag_names=FLAGS,
                root="",
                **context,
            ),
        )
    if "calendar" in parts:
        staging.write(
            "deadlines.ics", deadlines_ics((e for s in by_id for e in s.events), config, built)
        )
    return written


def render_directory(
    env: jinja2.Environment,
    directory: Directory,
    context: dict[str, Any],
    unreadable: list[str],
    staging: Writer,
) -> None:
    """Write the directory (index.html with its first rows), its data files and the assets.

    A patched directory holds only the data files its changes made different;
    the others are left as the last build wrote them.
    """
    staging.write(
        "index.html",
        env.get_template("site/index.html").render(
            rows=directory.rows,
            head=directory.rows[:HEAD],
            count=len(directory.rows),
            meta=Markup(htmlsafe_json_dumps(directory.meta, separators=(",", ":"))),
            rows_json=_Later(lambda: directory.rows_json),
            facets=directory.facet_values(),
            empty=directory.empty(),
            unreadable=unreadable,
            flag_names=FLAGS,
            root="",
            **context,
        ),
    )
    for name, text in directory.files.items():
        staging.write(f"{FOLDER}/{name}.js", text)
    for asset in ASSETS:
        staging.write(asset, env.get_template(f"site/{asset}").render(**context))


class _Later:
    """A value made only when a template prints it (an older index.html's embedded rows)."""

    def __init__(self, make: Callable[[], Markup]) -> None:
        self._make = make

    def __html__(self) -> str:
        return str(self._make())


def forms_of(config: Config, schema: dict[str, Any]) -> dict[str, str | bytes]:
    """The onboarding forms, so the site can link them."""
    env = environment(config.root)
    model = config_form(config, schema)
    labels = option_labels(config)
    return {
        "forms/onboarding.html": render_onboarding(env, config, model, labels),
        "forms/onboarding-print.html": render_print(env, config, model, labels),
    }
