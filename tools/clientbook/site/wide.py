"""The site-wide pages, made from every client's summary: directory, dashboard, people, calendar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, Protocol

import jinja2
from markupsafe import Markup

from clientbook import __version__
from clientbook.compliance.report import Item, order
from clientbook.core.config import Config
from clientbook.site.calendar import deadlines_ics
from clientbook.site.dashboard import build_dashboard
from clientbook.site.directory import Directory, directory_of
from clientbook.site.flags import FLAGS
from clientbook.site.summary import PARTS, Summary

ASSETS = ("style.css", "app.js")

# A due item with the row that shows it and the client it is about.
Due = tuple[tuple[str, ...], str, Summary]


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
) -> Directory | None:
    """The pages made from every client's summary: directory, dashboard, people, calendar.

    An update in place makes only the pages its changes touch: the `parts`
    named (sitesummary.PARTS; the summaries need only their fields), and of the
    owner and team pages those in `people` (owners/ID.html, teams/ID.html); it
    may give the `directory` itself. Returns the directory as written, if it was.
    """
    parts = set(PARTS) if parts is None else parts
    written = None
    by_id = sorted(summaries, key=lambda s: s.id) if parts & {"people", "calendar"} else []
    if "directory" in parts:
        written = directory or directory_of(summaries)
        render_directory(env, written, context, unreadable, staging)
    if "people" in parts:
        for name, content in render_people(env, by_id, config, context, people).items():
            staging.write(name, content)
    if "dashboard" in parts:
        staging.write(
            "dashboard.html",
            env.get_template("site/dashboard.html").render(
                board=build_dashboard(summaries, dt.date.fromisoformat(context["today"])),
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
    """Write the directory (index.html with its search data) and the assets."""
    staging.write(
        "index.html",
        env.get_template("site/index.html").render(
            rows=directory.rows,
            rows_json=Markup(directory.json),
            facets=directory.facet_values(),
            empty=directory.empty(),
            unreadable=unreadable,
            flag_names=FLAGS,
            root="",
            **context,
        ),
    )
    for asset in ASSETS:
        staging.write(asset, env.get_template(f"site/{asset}").render(**context))


def render_people(
    env: jinja2.Environment,
    summaries: list[Summary],
    config: Config,
    context: dict[str, Any],
    only: set[str] | None = None,
) -> dict[str, str | bytes]:
    """A page per owner and per team: their clients, and what is due (rows made with the summaries)."""
    files: dict[str, str | bytes] = {}
    if only is not None and not only:
        return files
    template = env.get_template("site/people.html")
    ids = {s.id: s for s in summaries}
    by_name = sorted(summaries, key=lambda s: s.name.lower())
    due = sort_due(
        (fields, row, s) for s in summaries for fields, row in zip(s.due, s.due_rows, strict=True)
    )

    def page(title: str, kind: str, subtitle: str, clients: list[Summary], rows: list[Due]) -> str:
        return template.render(
            title=title,
            kind=kind,
            subtitle=subtitle,
            clients=clients,
            client_rows=Markup("".join(s.client_row for s in clients)),
            due=[Item(*fields) for fields, _, _ in rows],
            due_rows=Markup("".join(row for _, row, _ in rows)),
            pages=ids,
            root="../",
            **context,
        )

    for member in sorted(config.staff.values(), key=lambda m: m.id):
        name = f"owners/{member.id}.html"
        if only is None or name in only:
            files[name] = page(
                member.name,
                "Owner",
                config.teams[member.team].name if member.team in config.teams else "",
                [s for s in by_name if s.owner == member.id],
                [d for d in due if d[0][0] == member.id],
            )
    for team in sorted(config.teams.values(), key=lambda t: t.id):
        name = f"teams/{team.id}.html"
        if only is None or name in only:
            members = {m.id for m in config.staff.values() if m.team == team.id}
            files[name] = page(
                team.name,
                "Team",
                ", ".join(config.staff[m].name for m in sorted(members)),
                [s for s in by_name if s.team == team.id],
                [d for d in due if d[0][0] in members or d[2].team == team.id],
            )
    return files


def people_pages(summary: Summary, config: Config) -> set[str]:
    """The owner and team pages a client appears on: its own, and its due items' owners'."""
    owners = {summary.owner, *(fields[0] for fields in summary.due)}
    teams = {summary.team, *(config.staff[o].team for o in owners if o in config.staff)}
    return {f"owners/{o}.html" for o in owners} | {f"teams/{t}.html" for t in teams}


def sort_due(due: Iterable[Due]) -> list[Due]:
    """In report.order, as report.sort_items sorts the Items these fields make."""
    return sorted(due, key=lambda d: order(d[0][0], d[0][3], d[0][4], d[0][1]))
