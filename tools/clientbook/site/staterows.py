"""What the site state keeps of each client file and of the site as a whole (state.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

from clientbook.core.diagnostics import Finding
from clientbook.lint.rules import Facts
from clientbook.site.summary import Summary
from clientbook.util.filestat import Stat


class Mark(NamedTuple):
    """What lint found in a client file, as the site was built from it."""

    facts: Facts | None
    cross: list[tuple[str, Finding]]  # its cross-record findings (rule id, finding), unplaced
    errors: int  # lint errors
    readable: bool


class Row(NamedTuple):
    """A client file in the state."""

    stat: Stat
    sha: str
    key: str  # its page's key ("" for an unreadable file: no page)
    summary: Summary | None
    mark: Mark


@dataclass
class Whole:
    """The site as a whole when it was built: enough to update it in place."""

    key: str  # everything but the client files: templates, config, schema, day, HEAD, ...
    manifest: str  # sha256 of the site's manifest as written
    built: dt.datetime
    unreadable: list[str]
    warnings: list[str] = field(default_factory=list)
    pages_time: int | None = None  # the client pages' folder's mtime as the build left it
    # clients/ and its folders as listed for the build or update (repo.client_listing): while
    # they are unchanged, an update stats the files the state knows and lists no folder
    folders: dict[str, Stat] = field(default_factory=dict)
