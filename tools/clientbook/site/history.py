"""The history a full site build needs, most of it left in the cache for the page workers.

Reading every record's history in the main process took a second at 10,000
clients while the second CPU waited. When the history cache was read at the
current commit, the main process reads only what is cheap there: the
histories of files with uncommitted changes (their working-tree versions
need git), and the newest commit date. Every other client file's history is
read by the worker that makes its page, straight from the cache
(`stored_histories`), and comes out as `read_history` would give it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from clientbook.core.repo import CLIENTS_DIR
from clientbook.history.read import (
    CurrentCache,
    current_cache,
    histories_from,
    newest_first,
    read_history,
)
from clientbook.history.store import Store
from clientbook.history.types import History, RecordHistory
from clientbook.history.worktree import working_changes


@dataclass
class SiteHistory:
    """`history` holds the records read here: all of them, or only the files with uncommitted
    changes when the others are `stored`."""

    history: History
    stored: dict[str, str]  # file -> its git path, for the page's worker to read from the cache
    newest: str  # the newest committer date (ISO) among all versions, when not all were read


def read_site_history(root: Path, files: list[str]) -> SiteHistory:
    """The history of the client `files` for a site build. Raises GitUnavailable outside git."""
    return _partial(root, files) or SiteHistory(read_history(root, changes=False), {}, "")


def _partial(root: Path, files: list[str]) -> SiteHistory | None:
    """None unless the cache is current and every file unchanged since HEAD is a record's
    current path in it (otherwise the whole history is read, as before)."""
    cache = current_cache(root)
    if cache is None:
        return None
    try:
        return _split(root, files, cache)
    except sqlite3.Error:  # a cache that cannot be read so (locked, an sqlite without JSON)
        return None
    finally:
        cache.store.db.close()


def _split(root: Path, files: list[str], cache: CurrentCache) -> SiteHistory | None:
    changed = working_changes(cache.where, [cache.placement.to_git(CLIENTS_DIR)])
    current = cache.store.current_paths()
    stored: dict[str, str] = {}
    for file in files:
        path = cache.placement.to_git(file)
        if path in changed:
            continue
        if current.get(path) != path:
            return None
        stored[file] = path
    rest = [f for f in files if f not in stored]
    read = histories_from(cache, root, rest) if rest else {}
    if read is None:
        return None
    history = History({r.key: r for r in read.values()}, cache.head, False)
    return SiteHistory(history, stored, cache.store.newest_commit(cache.head))


class HistoryGone(Exception):
    """The history cache could not be read in a worker, though it was current a moment before."""


def stored_histories(root: Path, paths: dict[str, str]) -> dict[str, RecordHistory]:
    """Histories from the cache by file, for files `read_site_history` left there (in a worker)."""
    try:
        store = Store(root, read_only=True)
        try:
            found = store.records_at(list(paths.values()))
        finally:
            store.db.close()
    except sqlite3.Error as err:  # deleted or rewritten by another command meanwhile
        raise HistoryGone(
            f"the history cache changed while the site was being built ({err}); build again"
        ) from None
    out = {}
    for file, path in paths.items():
        record = found.get(path)
        if record is not None:
            record.path = file
            newest_first(record.versions)
            out[file] = record
    return out
