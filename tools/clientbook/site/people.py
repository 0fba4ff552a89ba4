"""The owner and team pages: each person's and team's clients, and what is due.

A page lists its clients (their rows rendered with each summary, joined here)
up to LIMIT; past that, a page of thousands of rows would be megabytes that no
one reads, so it counts the clients by status instead, each count a link to
the directory filtered to them (searchable and sortable there), with a link to
all of them. What is due is listed most urgent first, the first LIMIT items,
with the count of the rest by kind (`clientbook report` lists every one).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode

import jinja2
from markupsafe import Markup

from clientbook.compliance.report import Item, order
from clientbook.core.config import Config
from clientbook.site.summary import Summary

LIMIT = 500  # clients, and due items, a page lists

# A due item with the row that shows it and the client it is about.
Due = tuple[tuple[str, ...], str, Summary]


def sort_due(due: Iterable[Due]) -> list[Due]:
    """In report.order, as report.sort_items sorts the Items these fields make."""
    return sorted(due, key=lambda d: order(d[0][0], d[0][3], d[0][4], d[0][1]))


def directory_link(filters: list[tuple[str, str]]) -> str:
    """The directory (from a page one folder down) filtered so."""
    return "../index.html#" + urlencode(filters)


def people_context(clients: list[Summary], due: list[Due], key: str, value: str) -> dict[str, Any]:
    """What people.html shows of these clients and due items; `key`=`value` is the
    directory's filter for them (owner or team, by the name it shows)."""
    listed = len(clients) <= LIMIT
    statuses = Counter(s.status for s in clients)
    shown = due[:LIMIT]
    kinds = Counter(fields[3] for fields, _, _ in due[LIMIT:])
    return {
        "clients": clients,
        "client_rows": Markup("".join(s.client_row for s in clients) if listed else ""),
        "listed": listed,
        "limit": LIMIT,
        "everyone": directory_link([(key, value)]),
        "groups": [
            (status or "—", n, directory_link([(key, value), ("status", status)]))
            for status, n in sorted(statuses.items())
        ],
        "due": [Item(*fields) for fields, _, _ in shown],
        "due_rows": Markup("".join(row for _, row, _ in shown)),
        "due_count": len(due),
        "due_more": sorted(kinds.items()),
    }


def render_people(
    env: jinja2.Environment,
    summaries: list[Summary],
    config: Config,
    context: dict[str, Any],
    only: set[str] | None = None,
) -> dict[str, str | bytes]:
    """A page per owner and per team (those in `only`, when given), from the summaries."""
    files: dict[str, str | bytes] = {}
    if only is not None and not only:
        return files
    owners = sorted(config.staff.values(), key=lambda m: m.id)
    owners = [m for m in owners if only is None or f"owners/{m.id}.html" in only]
    teams = sorted(config.teams.values(), key=lambda t: t.id)
    teams = [t for t in teams if only is None or f"teams/{t.id}.html" in only]
    members = {t.id: {m.id for m in config.staff.values() if m.team == t.id} for t in teams}
    # an update in place makes a page or two: only their clients and items are sorted
    wanted_owners = {m.id for m in owners} | {m for ids in members.values() for m in ids}
    wanted_teams = set(members)
    listed = {m.id for m in owners}
    by_owner: dict[str, list[Summary]] = {}
    by_team: dict[str, list[Summary]] = {}
    shown = [s for s in summaries if s.owner in listed or s.team in wanted_teams]
    for s in sorted(shown, key=lambda s: s.name.lower()):
        by_owner.setdefault(s.owner, []).append(s)
        by_team.setdefault(s.team, []).append(s)
    due = sort_due(
        (fields, row, s)
        for s in summaries
        for fields, row in zip(s.due, s.due_rows, strict=True)
        if fields[0] in wanted_owners or s.team in wanted_teams
    )
    template = env.get_template("site/people.html")
    ids = {s.id: s for s in summaries}

    def page(title: str, kind: str, subtitle: str, parts: dict[str, Any]) -> str:
        return template.render(
            title=title, kind=kind, subtitle=subtitle, pages=ids, root="../", **parts, **context
        )

    for member in owners:
        team_name = config.teams[member.team].name if member.team in config.teams else ""
        mine = [d for d in due if d[0][0] == member.id]
        parts = people_context(by_owner.get(member.id, []), mine, "owner", member.name)
        files[f"owners/{member.id}.html"] = page(member.name, "Owner", team_name, parts)
    for team in teams:
        theirs = [d for d in due if d[0][0] in members[team.id] or d[2].team == team.id]
        parts = people_context(by_team.get(team.id, []), theirs, "team", team.name)
        staff = ", ".join(config.staff[m].name for m in sorted(members[team.id]))
        files[f"teams/{team.id}.html"] = page(team.name, "Team", staff, parts)
    return files


def people_pages(summary: Summary, config: Config) -> set[str]:
    """The owner and team pages a client appears on: its own, and its due items' owners'."""
    owners = {summary.owner, *(fields[0] for fields in summary.due)}
    teams = {summary.team, *(config.staff[o].team for o in owners if o in config.staff)}
    return {f"owners/{o}.html" for o in owners} | {f"teams/{t}.html" for t in teams}


def people_keys(summary: Summary) -> set[str]:
    """The owners and team whose pages take this client in, as the site state indexes them
    (statepeople.py): its owner's page lists it, its due items' owners' pages list those,
    its team's page lists it and its items."""
    due = {f"due:{fields[0]}" for fields in summary.due}
    return {f"owner:{summary.owner}", f"team:{summary.team}", *due}


def keys_for(pages: set[str], config: Config) -> set[str]:
    """The `people_keys` of the clients these owner and team pages are made from: a team's
    page lists its clients and what is due to its members (render_people)."""
    keys = set()
    for page in pages:
        folder, _, name = page.removesuffix(".html").partition("/")
        if folder == "owners":
            keys |= {f"owner:{name}", f"due:{name}"}
        else:
            keys.add(f"team:{name}")
            keys |= {f"due:{m.id}" for m in config.staff.values() if m.team == name}
    return keys


def listing_key(page: str) -> str:
    """The `people_keys` key of the clients a page lists: an owner's, or a team's."""
    folder, _, name = page.removesuffix(".html").partition("/")
    return f"owner:{name}" if folder == "owners" else f"team:{name}"


def seen(summary: Summary, listed: bool) -> tuple[object, ...]:
    """What an owner or team page shows of a client (people_context): a page of more than
    LIMIT clients counts them by status, and does not show their rows."""
    due = (summary.owner, summary.team, summary.status, summary.due, summary.due_rows)
    return (*due, summary.name, summary.client_row) if listed else due


def pages_changed(
    changes: list[tuple[Summary, Summary]], config: Config, listed: dict[str, int]
) -> set[str]:
    """The owner and team pages that show something of the (old, new) summaries that
    differs; `listed` counts each page's clients by `listing_key` (the same before and
    after unless a client moved, and then what a page shows of it differs anyway)."""
    pages = set()
    for old, new in changes:
        for page in people_pages(old, config) | people_pages(new, config):
            shows_rows = listed.get(listing_key(page), 0) <= LIMIT
            if seen(old, shows_rows) != seen(new, shows_rows):
                pages.add(page)
    return pages
