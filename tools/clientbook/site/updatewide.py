"""The site-wide pages of an update in place (update.py): those its changes touch.

Each is made from what the state keeps instead of every client's summary, where
it can be: the directory patched with the changed rows, the dashboard from its
totals with the changes counted in (dashtotals.py), an owner's or team's page
from its own clients' summaries (statepeople.py). Reading 10,000 summaries for
one change was most of an update's time.
"""

from __future__ import annotations

import jinja2

from clientbook.core.config import Config
from clientbook.site.dashtotals import Totals
from clientbook.site.directory import Directory, patched
from clientbook.site.pages import Shared
from clientbook.site.people import keys_for, listing_key, pages_changed, people_pages
from clientbook.site.state import SiteState
from clientbook.site.staterows import Row, Whole
from clientbook.site.summary import PARTS, Summary, part
from clientbook.site.wide import Writer, Written, site_context, write_site_pages


def remake_wide(
    config: Config,
    env: jinja2.Environment,
    shared: Shared,
    state: SiteState,
    previous: dict[str, Summary | None],
    rows: dict[str, Row],
    whole: Whole,
    staging: Writer,
) -> Written | None:
    """The site-wide pages whose parts of the changed summaries (`rows`) differ, into
    `staging`; None when the state's summaries cannot be read (then the build is a full one)."""
    changes = _changes(previous, rows)
    parts = {name for name in PARTS for old, new in changes if part(old, name) != part(new, name)}
    people = _people_pages(state, config, changes) if "people" in parts else set()
    if not people:
        # what changed is on no page: say, a row of pages that only count their clients
        parts.discard("people")
    if not parts:
        return Written()
    # the directory is patched, the dashboard's totals counted by difference, and the owner
    # and team pages made from their own clients: reading every client's summary for one
    # change would be most of an update's time
    directory = _patched_directory(state, changes) if "directory" in parts else None
    totals = _replaced_totals(state, changes) if "dashboard" in parts else None
    summaries = _summaries_for(state, parts, directory, totals, keys_for(people, config))
    if summaries is None:
        return None
    for file, row in rows.items():
        summaries[file] = (row.key, row.summary)  # type: ignore[assignment]
    context = site_context(config, shared.audience, whole.built, shared.today)
    return write_site_pages(
        env,
        [s for _, s in summaries.values()],
        config,
        context,
        whole.unreadable,
        whole.built,
        staging,
        parts,
        people,
        directory,
        totals,
    )


def _changes(
    previous: dict[str, Summary | None], rows: dict[str, Row]
) -> list[tuple[Summary, Summary]]:
    """Each changed client's summary as last built, and now."""
    changes = []
    for file, row in rows.items():
        old, new = previous[file], row.summary
        assert old is not None and new is not None
        changes.append((old, new))
    return changes


def _people_pages(
    state: SiteState, config: Config, changes: list[tuple[Summary, Summary]]
) -> set[str]:
    """The owner and team pages to make again: those that show what changed."""
    pages = {
        p for old, new in changes for p in people_pages(old, config) | people_pages(new, config)
    }
    listed = state.people_counts({listing_key(p) for p in pages})
    if listed is None:
        return pages  # every page the changed clients are on
    return pages_changed(changes, config, listed)


def _summaries_for(
    state: SiteState,
    parts: set[str],
    directory: Directory | None,
    totals: Totals | None,
    people: set[str],
) -> dict[str, tuple[str, Summary]] | None:
    """The summaries' parts the pages to make need and that were not had otherwise: of every
    client, or of the owner and team pages' (`people`: their people.keys_for) alone."""
    made = {"directory"} if directory is not None else set()
    made |= {"dashboard"} if totals is not None else set()
    wanted = parts - made
    if wanted - {"people"}:
        return state.read_summaries(wanted)
    if wanted:
        return state.read_summaries(wanted, people)
    return {}


def _replaced_totals(state: SiteState, changes: list[tuple[Summary, Summary]]) -> Totals | None:
    """The dashboard's totals as last written with the changes counted in; None when they
    cannot be (then every client's summary is read)."""
    totals = state.totals()
    if totals is None or not totals.replace(changes):
        return None
    return totals


def _patched_directory(
    state: SiteState, changes: list[tuple[Summary, Summary]]
) -> Directory | None:
    """The directory as last written with the changed rows replaced; None when it cannot be
    (then every client's row is read)."""
    kept = state.directory()
    if kept is None:
        return None
    return patched(*kept, state.pages(), changes)
