"""What a site build leaves for the next one.

Each client's page key and summary: a summary is reused only when its page's
inputs have the same key, so a state from an older build can make a build
faster, never different. And, for an update in place (siteupdate.py), what
every client file was when the site was built: its stat, hash, cross-record
facts and findings; with the key of everything else the site depends on.

Kept in the repository's cache folder, one file per output folder. A state
that cannot be read is ignored (the next build is a full one).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from clientbook import __version__
from clientbook.cachedir import CACHE_DIR, ensure_cache_dir
from clientbook.diagnostics import Finding
from clientbook.rules import Facts
from clientbook.sitesummary import Summary

_FORMAT = 1


class Mark(NamedTuple):
    """A client file as the site was built from it."""

    stat: tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode: unchanged means unread
    sha: str
    facts: Facts | None
    cross: list[tuple[str, Finding]]  # its cross-record findings (rule id, finding), unplaced
    errors: int  # lint errors
    readable: bool


def stat_of(path: Path) -> tuple[int, int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


@dataclass
class Whole:
    """The site as a whole when it was built: enough to update it in place."""

    key: str  # everything but the client files: templates, config, schema, day, HEAD, ...
    manifest: str  # sha256 of the site's manifest as written
    marks: dict[str, Mark]
    built: dt.datetime
    unreadable: list[str]
    warnings: list[str] = field(default_factory=list)


class SiteState:
    def __init__(self, root: Path, path: Path) -> None:
        self.root = root
        self.path = path
        self.entries: dict[str, tuple[str, Summary]] = {}  # client file -> (page key, summary)
        self.whole: Whole | None = None

    @classmethod
    def load(cls, root: Path, out: Path) -> SiteState:
        name = hashlib.sha256(str(out.resolve()).encode()).hexdigest()[:16]
        state = cls(root, root / CACHE_DIR / f"site-{name}.pickle")
        stored = _read(state.path)
        if stored.get("format") == f"{_FORMAT}/{__version__}":
            state.entries = stored.get("entries", {})
            state.whole = stored.get("whole")
        return state

    def save(self) -> None:
        """Write atomically; a cache that cannot be written is not an error."""
        try:
            folder = ensure_cache_dir(self.root)
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".site-", suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(
                    {
                        "format": f"{_FORMAT}/{__version__}",
                        "entries": self.entries,
                        "whole": self.whole,
                    },
                    handle,
                    protocol=pickle.HIGHEST_PROTOCOL,
                )
            os.replace(tmp, self.path)
        except OSError:
            pass


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            stored = pickle.load(handle)
    except Exception:  # a cache that cannot be read, whatever the reason, is a miss
        return {}
    return stored if isinstance(stored, dict) else {}
