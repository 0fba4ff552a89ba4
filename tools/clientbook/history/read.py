"""Every record's history from git, field by field, from one pass over the log.

1. One `git log --raw` over clients/ lists every change: commit, path,
   old and new blob ids. Renames carry a record's identity to its new path
   (renames.py). While git writes it, the blobs it names are parsed
   (logstream.py).
2. The records are split into batches; each batch (in a worker process when
   it pays) reads the blobs not parsed yet from its process's one `git cat-file
   --batch` (catfile.py), parses each distinct blob once with the common loader,
   and diffs consecutive versions (diffjobs.py). Only the changes travel back,
   never the parsed records.
3. The result is cached in .clientbook/cache/history.sqlite, keyed by the
   commit it was read at (store.py). After new commits only those commits are
   read; the latest version of each record is kept parsed in the cache, so a
   new commit parses only its own blobs.
4. Uncommitted changes are added as a version of their own (worktree.py).

This module puts those together: the whole history, or a few records' from the cache.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from clientbook.core.config import ConfigError
from clientbook.core.merges import Merge, load_merges
from clientbook.core.repo import CLIENTS_DIR
from clientbook.history.catfile import CatFile
from clientbook.history.gitlog import Placement
from clientbook.history.gitprobe import GitWhere, probe
from clientbook.history.store import Store, Unreadable
from clientbook.history.types import History, RecordHistory, Version
from clientbook.history.worktree import add_working_tree
from clientbook.util.cachedir import gc_paused
from clientbook.util.workers import worker_count

if TYPE_CHECKING:
    from clientbook.history.diffjobs import Computed


def read_history(
    root: Path,
    *,
    jobs: int = 0,
    use_cache: bool = True,
    working_tree: bool = True,
    changes: bool = True,
) -> History:
    """The history of every record under root/clients; raises GitUnavailable outside git.

    With `changes=False` the versions read from the cache carry their summary in
    words but not their field changes (the site's need, at a fraction of the
    time and memory: a first version's changes are the whole record).
    """
    # one `git rev-parse`, not GitPython's import and repository: 10-15 ms sooner to git's log
    where = probe(root)
    placement = Placement.under(where.top, root)
    head_sha, shallow = where.head, where.shallow
    warnings = []
    if shallow:
        warnings.append(
            "this is a shallow clone: history is cut at the shallow boundary and older changes "
            "are missing; fetch the whole history (in GitHub Actions: actions/checkout with "
            "fetch-depth: 0)"
        )
    history = History({}, head_sha, shallow, warnings, merges=_merges(root, warnings))
    if head_sha is not None:
        read = (where, root, placement.to_git(CLIENTS_DIR), head_sha, history, worker_count(jobs))
        # what a cold read makes (every version, every parsed blob) lives on: the collector
        # walking it again and again was an eighth of the read
        with gc_paused(lasting=True):
            try:
                _read_commits(*read, use_cache, changes)
            except Unreadable:  # moved aside, with a warning: read from git into a new cache
                history.records, history.parsed_blobs = {}, 0
                _read_commits(*read, use_cache, changes)
    for record in history.records.values():
        record.path = placement.from_git(record.path)
        newest_first(record.versions)
    if working_tree:
        add_working_tree(where, root, placement, history)
    return history


def _merges(root: Path, warnings: list[str]) -> tuple[Merge, ...]:
    """merges.yaml's entries, so a record's history includes the records merged into it."""
    try:
        return load_merges(root)
    except (ConfigError, OSError) as err:
        why = err.diagnostics[0] if isinstance(err, ConfigError) else None
        where = f"{why.file}:{why.line}:{why.column}: {why.message}" if why else str(err)
        warnings.append(f"{where}; the histories of merged clients are not followed")
        return ()


@dataclass
class CurrentCache:
    """The history cache, read at HEAD of a whole clone, and the working tree it was read from."""

    where: GitWhere
    placement: Placement
    head: str
    store: Store


def current_cache(root: Path, where: GitWhere | None = None) -> CurrentCache | None:
    """The cache when it was read at the current HEAD (not of a shallow clone), else None.

    `where` is root's git, when the caller has probed it already. The caller
    closes the store. Raises GitUnavailable outside git.
    """
    where = where or probe(root)
    if where.head is None or where.shallow:
        return None
    store = Store(root)
    try:
        cached_head = store.meta("head")
    except Unreadable:  # moved aside, with a warning: no cache, so none current
        return None
    if cached_head != where.head:
        store.db.close()
        return None
    return CurrentCache(where, Placement.under(where.top, root), where.head, store)


def read_histories(
    root: Path, files: list[str], where: GitWhere | None = None
) -> dict[str, RecordHistory] | None:
    """A few records' histories (summaries, no changes) from the cache, as `read_history` gives them.

    None when the cache was not read at the current HEAD or a file is not a
    record's current path there: the caller reads the whole history instead.
    `where` as in `current_cache`. Raises GitUnavailable outside git.
    """
    cache = current_cache(root, where)
    if cache is None:
        return None
    try:
        return histories_from(cache, root, files)
    except Unreadable:  # moved aside, with a warning: the caller reads the whole history
        return None
    finally:
        cache.store.db.close()


def histories_from(
    cache: CurrentCache, root: Path, files: list[str]
) -> dict[str, RecordHistory] | None:
    """`read_histories` from a current cache already opened."""
    history = History({}, cache.head, False)
    paths = {file: cache.placement.to_git(file) for file in files}
    found = cache.store.records_at(list(paths.values()))
    for file, path in paths.items():
        record = found.get(path)
        if record is None or not record.versions or record.versions[-1].path != path:
            return None
        record.path = file
        newest_first(record.versions)
        history.records[record.key] = record
    add_working_tree(cache.where, root, cache.placement, history, list(paths.values()))
    return {r.path: r for r in history.records.values()}


def newest_first(versions: list[Version]) -> None:
    """Versions in log order, sorted newest first by date; for equal dates, the later in the
    log's (topological) order first."""
    versions.reverse()
    versions.sort(key=lambda v: dt.datetime.fromisoformat(v.commit.author_date), reverse=True)


# blobs parsed while the log is written, at most (about 14 KB held each at 10,000 x 20,000:
# a version shares its unchanged fields' objects with the one before); the batches do the rest
PARSED_WHILE_LOGGING = 50_000


def _read_commits(
    where: GitWhere,
    root: Path,
    scope: str,
    head_sha: str,
    history: History,
    jobs: int,
    use_cache: bool,
    changes: bool,
) -> None:
    store = Store(root) if use_cache else None
    known = _Known({}, {}, 0, None)
    if store is not None:
        cached_head = store.meta("head")
        if cached_head == head_sha:
            history.records, _, _ = store.load(changes)
            return
        if cached_head and where.is_ancestor(cached_head, head_sha):
            known = _Known(*store.load(changes), since=cached_head)
        else:
            store.reset()
    # one git gives this process its blobs for the whole read: git's cache of delta bases lasts
    blobs = CatFile(where.git_dir)
    try:
        _read_new(where, scope, head_sha, history, jobs, store, known, changes, blobs)
    finally:
        blobs.close()


@dataclass
class _Known:
    """What the cache holds of a read at an earlier commit (`since`; None: nothing)."""

    records: dict[str, RecordHistory]
    aliases: dict[str, str]
    seq: int  # the last version's number
    since: str | None


def _read_new(
    where: GitWhere,
    scope: str,
    head_sha: str,
    history: History,
    jobs: int,
    store: Store | None,
    known: _Known,
    changes: bool,
    blobs: CatFile,
) -> None:
    """The commits after `known.since` read from git, added to what is known and stored."""
    # reading git's log is for a cache behind HEAD: an update in place, reading the cache
    # alone, need not import it (10 ms)
    from clientbook.history.diffjobs import Reading, make_batches, run_batches
    from clientbook.history.logstream import read_log_parsing
    from clientbook.history.renames import assign

    since, records = known.since, known.records
    log, prefetched, diffs, made, parser = read_log_parsing(
        where, scope, since, head_sha, PARSED_WHILE_LOGGING, store is not None, blobs
    )
    history.parsed_blobs += len(prefetched)
    new_jobs = assign(log, known.aliases, known.seq)
    touched = {j.key for j in new_jobs}
    tips = store.tips(touched) if store is not None and since else {}
    size = max(20, min(400, len(touched) // (jobs * 4) + 1))
    by_seq = {(j.key, j.commit.sha, j.path): j.seq for j in new_jobs}
    # stored in full; held in memory without their changes (the summaries only) when asked
    reading = Reading(where.git_dir, changes, store is not None, prefetched, diffs, made, parser)
    batches = make_batches(new_jobs, tips, size)
    for batch in batches:  # the records in log order, whichever batch is computed first
        for key, group, _, _ in batch:
            records.setdefault(key, RecordHistory(key, group[-1].path))
    for results, parsed in run_batches(reading, batches, jobs, blobs):
        history.parsed_blobs += parsed
        _keep(results, records, by_seq, store)
    history.records = records
    if store is not None:
        store.finish(head_sha, known.aliases)


def _keep(
    results: Computed,
    records: dict[str, RecordHistory],
    by_seq: dict[tuple[str, str, str], int],
    store: Store | None,
) -> None:
    """A batch's versions added to their records, and stored."""
    rows: list[tuple[str, int, str, str, str]] = []
    for key, versions, _, _, encoded in results:
        if encoded:
            seqs = [by_seq[(key, v.commit.sha, v.path)] for v in versions]
            rows += [(key, seq, *texts) for seq, texts in zip(seqs, encoded, strict=True)]
        record = records[key]
        record.versions.extend(versions)
        record.path = versions[-1].path
    if store is not None:  # batch by batch: a cold read never holds every change at once
        store.add(rows, [(key, blob, tip) for key, _, blob, tip, _ in results])


__all__ = [
    "CurrentCache",
    "current_cache",
    "histories_from",
    "newest_first",
    "read_histories",
    "read_history",
]
