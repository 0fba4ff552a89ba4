"""The site-wide pages, made from every client's summary: directory, dashboard, people, calendar."""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol

import jinja2

from clientbook.calendar_ics import deadlines_ics
from clientbook.config import Config
from clientbook.dashboard import FLAGS, build_dashboard
from clientbook.report import sort_items
from clientbook.sitesummary import Summary

ASSETS = ("style.css", "app.js")


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
) -> None:
    """The pages made from every client's summary: directory, dashboard, people, calendar."""
    by_id = sorted(summaries, key=lambda s: s.id)
    render_directory(env, summaries, context, unreadable, staging)
    for name, content in render_people(env, by_id, config, context).items():
        staging.write(name, content)
    staging.write(
        "dashboard.html",
        env.get_template("site/dashboard.html").render(
            board=build_dashboard(summaries, dt.date.fromisoformat(context["today"])),
            flag_names=FLAGS,
            root="",
            **context,
        ),
    )
    staging.write(
        "deadlines.ics", deadlines_ics((d for s in by_id for d in s.deadlines), config, built)
    )


def render_directory(
    env: jinja2.Environment,
    summaries: list[Summary],
    context: dict[str, Any],
    unreadable: list[str],
    staging: Writer,
) -> None:
    """Write the directory (index.html with its search data) and the assets."""
    rows = [s.row for s in sorted(summaries, key=lambda s: s.name.lower())]
    facets = {
        key: sorted({str(r[i]) for r in rows if r[i]})
        for key, i in (("status", 2), ("owner", 3), ("team", 4), ("jurisdiction", 6))
    }
    facets["tag"] = sorted({t for r in rows for t in r[9]})
    staging.write(
        "index.html",
        env.get_template("site/index.html").render(
            rows=rows, facets=facets, unreadable=unreadable, flag_names=FLAGS, root="", **context
        ),
    )
    for asset in ASSETS:
        staging.write(asset, env.get_template(f"site/{asset}").render(**context))


def render_people(
    env: jinja2.Environment,
    summaries: list[Summary],
    config: Config,
    context: dict[str, Any],
) -> dict[str, str | bytes]:
    """A page per owner and per team: their clients, and what is due."""
    files: dict[str, str | bytes] = {}
    template = env.get_template("site/people.html")
    ids = {s.id: s for s in summaries}
    by_name = sorted(summaries, key=lambda s: s.name.lower())
    items = sort_items([i for s in summaries for i in s.due])
    for member in sorted(config.staff.values(), key=lambda m: m.id):
        files[f"owners/{member.id}.html"] = template.render(
            title=member.name,
            kind="Owner",
            subtitle=config.teams[member.team].name if member.team in config.teams else "",
            clients=[s for s in by_name if s.owner == member.id],
            due=[i for i in items if i.owner == member.id],
            pages=ids,
            root="../",
            **context,
        )
    for team in sorted(config.teams.values(), key=lambda t: t.id):
        members = {m.id for m in config.staff.values() if m.team == team.id}
        due = [
            i
            for i in items
            if i.owner in members or (i.client in ids and ids[i.client].team == team.id)
        ]
        files[f"teams/{team.id}.html"] = template.render(
            title=team.name,
            kind="Team",
            subtitle=", ".join(config.staff[m].name for m in sorted(members)),
            clients=[s for s in by_name if s.team == team.id],
            due=due,
            pages=ids,
            root="../",
            **context,
        )
    return files
