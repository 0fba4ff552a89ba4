"""Every record's history from git, field by field, from one pass over the log.

1. One `git log --raw` over clients/ lists every change: commit, path,
   old and new blob ids. Renames carry a record's identity to its new path.
2. The records are split into batches; each batch (in a worker process when
   it pays) fetches its blobs with one `git cat-file --batch`, parses each
   distinct blob once with the common loader, and diffs consecutive
   versions. Only the changes travel back, never the parsed records.
3. The result is cached in .clientbook/cache/history.sqlite, keyed by the
   commit it was read at. After new commits only those commits are read;
   the latest version of each record is kept parsed in the cache, so a new
   commit parses only its own blobs.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from clientbook import __version__
from clientbook.core.repo import CLIENTS_DIR
from clientbook.history.blobparse import BlobParser, Parsed, parse_blob
from clientbook.history.describe import version_summary
from clientbook.history.fielddiff import Change, diff
from clientbook.history.gitlog import (
    NULL_SHA,
    Commit,
    GitUnavailable,
    LoggedCommit,
    Placement,
    head,
    is_ancestor,
    is_shallow,
    open_repo,
    read_blobs,
    read_log,
)
from clientbook.history.gitprobe import GitWhere, probe
from clientbook.util.cachedir import CACHE_DIR, ensure_cache_dir, gc_paused
from clientbook.util.workers import fork_pool, worker_count

WORKING_TREE = "working tree"
_CACHE_FORMAT = 2


@dataclass(frozen=True, slots=True)
class Version:
    """One change to one record: who, when, what the file was, and the field changes."""

    commit: Commit
    path: str
    old_path: str
    status: str  # added, modified, renamed, deleted, working
    blob: str  # NULL_SHA once deleted
    changes: tuple[Change, ...] = ()
    error: str = ""  # the YAML error of a version that could not be read
    summary: tuple[str, ...] = ()  # the changes in words (all a history read without changes keeps)


def make_version(
    commit: Commit,
    path: str,
    old_path: str,
    status: str,
    blob: str,
    changes: tuple[Change, ...],
    error: str,
) -> Version:
    """A version with its summary in words."""
    deleted = status == "deleted" or (status == "working" and blob == NULL_SHA)
    words = version_summary("deleted" if deleted else status, changes, error, old_path, path)
    return Version(commit, path, old_path, status, blob, changes, error, words)


@dataclass
class RecordHistory:
    """A record's versions, newest first. `key` is the path it was first created at."""

    key: str
    path: str
    versions: list[Version] = field(default_factory=list)

    @property
    def id(self) -> str:
        return PurePosixPath(self.path).stem


@dataclass
class History:
    records: dict[str, RecordHistory]
    head: str | None
    shallow: bool
    warnings: list[str] = field(default_factory=list)
    parsed_blobs: int = (
        0  # how many blobs this run parsed (the cache's effect, for tests and bench)
    )

    def find(self, client: str) -> RecordHistory | None:
        """A record by id, current path, or any earlier path or id."""
        for record in self.records.values():
            if client in (record.id, record.path):
                return record
        for record in self.records.values():
            if any(client in (v.path, PurePosixPath(v.path).stem) for v in record.versions):
                return record
        return None


# --- step 1: who is who across renames -------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Job:
    """A version to compute: the entry's blobs and the record it belongs to."""

    key: str
    seq: int
    commit: Commit
    path: str
    old_path: str
    status: str
    old_blob: str
    new_blob: str


_STATUS = {"A": "added", "M": "modified", "T": "modified", "R": "renamed", "D": "deleted"}


def _assign(log: list[LoggedCommit], aliases: dict[str, str], start: int) -> list[_Job]:
    """Jobs in log order; `aliases` (path -> record key) is updated in place across runs.

    A rename carries the record's key to the new path and frees the old one;
    a deleted path keeps its key, so a client re-created there continues its
    history. A path freed by a rename and used again is a new record, with a
    key of its own.
    """
    jobs = []
    seq = start
    taken = set(aliases.values())
    for logged in log:
        for entry in logged.entries:
            if not entry.path.endswith((".yaml", ".yml")):
                continue
            seq += 1
            if entry.status == "R":
                key = aliases.pop(entry.old_path, entry.old_path)
            elif entry.path in aliases:
                key = aliases[entry.path]
            else:
                key = entry.path if entry.path not in taken else f"{entry.path}#{seq}"
            aliases[entry.path] = key
            taken.add(key)
            jobs.append(
                _Job(
                    key,
                    seq,
                    logged.commit,
                    entry.path,
                    entry.old_path,
                    _STATUS.get(entry.status, "modified"),
                    entry.old_blob,
                    entry.new_blob,
                )
            )
    return jobs


# --- step 2: parse and diff, per batch of records ------------------------------------------


Batch = list[
    tuple[str, list[_Job], str, Any]
]  # (record key, its new jobs, cached tip blob, tip data)


def _compute(git_dir: str, batch: Batch) -> tuple[list[tuple[str, list[Version], str, Any]], int]:
    """For each record: its versions and its latest blob and data; and how many blobs were parsed."""
    wanted = {
        s
        for _, jobs, tip_blob, _ in batch
        for j in jobs
        for s in (j.old_blob, j.new_blob)
        if s != tip_blob
    }
    blobs = read_blobs(git_dir, wanted)
    parser = BlobParser()
    parsed: dict[str, Parsed] = {}

    def get(sha: str) -> Parsed:
        if sha not in parsed:
            parsed[sha] = (
                parser.parse(blobs[sha])
                if sha in blobs
                else Parsed(None, "missing from the repository")
            )
        return parsed[sha]

    out = []
    for key, jobs, tip_blob, tip_data in batch:
        last_good: Any = tip_data
        versions = []
        for job in jobs:
            new = get(job.new_blob) if job.new_blob != NULL_SHA else Parsed(None, "")
            if job.old_blob == NULL_SHA:
                base = None if job.status == "added" else last_good
            elif job.old_blob == tip_blob:
                base = tip_data
            else:
                base = get(job.old_blob).data
                base = base if base is not None else last_good
            changes: tuple[Change, ...] = ()
            if new.data is not None:
                changes = tuple(diff(base if base is not None else {}, new.data))
                last_good = new.data
            elif job.status == "deleted" and base is not None:
                changes = tuple(diff(base, {}))
                last_good = None
            versions.append(
                make_version(
                    job.commit, job.path, job.old_path, job.status, job.new_blob, changes, new.error
                )
            )
            tip_blob, tip_data = job.new_blob, last_good
        out.append((key, versions, tip_blob, last_good))
    return out, len(parsed)


def _batches(jobs: list[_Job], tips: dict[str, tuple[str, Any]], size: int) -> list[Batch]:
    by_key: dict[str, list[_Job]] = {}
    for job in jobs:
        by_key.setdefault(job.key, []).append(job)
    items = [(key, group, *tips.get(key, (NULL_SHA, None))) for key, group in by_key.items()]
    return [items[i : i + size] for i in range(0, len(items), size)]


def _run(
    git_dir: str, batches: list[Batch], jobs: int
) -> Iterator[tuple[list[tuple[str, list[Version], str, Any]], int]]:
    if jobs <= 1 or len(batches) < 2:
        for batch in batches:
            yield _compute(git_dir, batch)
        return
    with fork_pool(jobs) as pool:
        yield from pool.map(_compute, [git_dir] * len(batches), batches)


# --- step 3: the cache ------------------------------------------------------------------------


class Store:
    """sqlite: the versions of every record, the path aliases, and each record's latest data."""

    _TABLES = """
        create table if not exists meta (key text primary key, value text);
        create table if not exists versions (
            key text, seq integer, json text, changes text, summary text,
            primary key (key, seq)
        );
        create table if not exists aliases (path text primary key, key text);
        create table if not exists tips (key text primary key, blob text, data text);
    """

    def __init__(self, root: Path, *, read_only: bool = False) -> None:
        """The cache of `root`, made anew in this format if it is in another; `read_only` takes
        it as it is (for workers reading what their parent found current)."""
        if read_only:
            uri = (root / CACHE_DIR / "history.sqlite").resolve().as_uri()
            self.db = sqlite3.connect(f"{uri}?mode=ro", uri=True)
            return
        self.db = sqlite3.connect(ensure_cache_dir(root) / "history.sqlite")
        try:
            current = self.meta("format") == f"{_CACHE_FORMAT}/{__version__}"
        except sqlite3.OperationalError:  # a new file: no meta table yet
            current = False
        if not current:
            self.reset()

    def meta(self, key: str) -> str | None:
        row = self.db.execute("select value from meta where key = ?", (key,)).fetchone()
        return row[0] if row else None

    def reset(self) -> None:
        """Empty tables in this format: a cache written by another version may have other columns."""
        with self.db:
            for table in ("meta", "versions", "aliases", "tips"):
                self.db.execute(f"drop table if exists {table}")
        self.db.executescript(self._TABLES)
        with self.db:
            self.db.execute(
                "insert into meta values ('format', ?)", (f"{_CACHE_FORMAT}/{__version__}",)
            )

    def load(
        self, with_changes: bool = True
    ) -> tuple[dict[str, RecordHistory], dict[str, str], int]:
        """Every record's versions; without changes, only their summaries (a fraction of the data)."""
        with gc_paused():
            return self._load(with_changes)

    def _load(self, with_changes: bool) -> tuple[dict[str, RecordHistory], dict[str, str], int]:
        records: dict[str, RecordHistory] = {}
        seq = 0
        changes = "changes" if with_changes else "''"
        for key, number, text, change_text, summary in self.db.execute(
            f"select key, seq, json, {changes}, summary from versions order by seq"
        ):
            version = _version_from_json(text, change_text, summary)
            record = records.setdefault(key, RecordHistory(key, version.path))
            record.versions.append(version)
            record.path = version.path
            seq = max(seq, number)
        aliases = dict(self.db.execute("select path, key from aliases"))
        return records, aliases, seq

    def records_at(self, paths: list[str]) -> dict[str, RecordHistory]:
        """The records whose paths (as git names them) these are, by path, their versions in log
        order without their changes; paths no record has been at are left out."""
        found: dict[str, RecordHistory] = {}
        for start in range(0, len(paths), 500):  # sqlite caps the parameters of one query
            some = paths[start : start + 500]
            for path, key, text, summary in self.db.execute(
                "select a.path, a.key, v.json, v.summary from aliases a join versions v "
                f"on v.key = a.key where a.path in ({','.join('?' * len(some))}) "
                "order by a.path, v.seq",
                some,
            ):
                record = found.get(path)
                if record is None:
                    record = found[path] = RecordHistory(key, path)
                record.versions.append(_version_from_json(text, "", summary))
        return found

    def current_paths(self) -> dict[str, str]:
        """For every path a record has had, the path of that record's latest version."""
        return dict(
            self.db.execute(
                "select a.path, json_extract(v.json, '$[1]') from aliases a join versions v "
                "on v.key = a.key and v.seq = (select max(seq) from versions w where w.key = a.key)"
            )
        )

    def newest_commit(self, head_sha: str) -> str:
        """The newest committer date (ISO) of any version, kept in meta for the commit read at:
        finding it reads every version, a quarter of a second at 20,000 commits."""
        kept = self.meta("newest")
        if kept and kept.startswith(f"{head_sha} "):
            return kept.split(" ", 1)[1]
        dates = [
            d
            for (d,) in self.db.execute(
                "select distinct json_extract(json, '$[0][7]') from versions"
            )
            if d
        ]
        newest = max(dates, key=dt.datetime.fromisoformat, default="")
        with contextlib.suppress(sqlite3.Error), self.db:
            self.db.execute(
                "insert or replace into meta values ('newest', ?)", (f"{head_sha} {newest}",)
            )
        return newest

    def tips(self, keys: set[str]) -> dict[str, tuple[str, Any]]:
        out = {}
        for key, blob, data in self.db.execute("select key, blob, data from tips"):
            if key in keys:
                out[key] = (blob, json.loads(data) if data else None)
        return out

    def add(self, rows: list[tuple[str, int, Version]], tips: list[tuple[str, str, Any]]) -> None:
        """Write one batch's versions and tips, uncommitted until `finish`."""
        self.db.executemany(
            "insert or replace into versions values (?, ?, ?, ?, ?)",
            [(key, seq, *_version_to_json(v)) for key, seq, v in rows],
        )
        self.db.executemany(
            "insert or replace into tips values (?, ?, ?)",
            [(k, b, json.dumps(d) if d is not None else "") for k, b, d in tips],
        )

    def finish(self, head_sha: str, aliases: dict[str, str]) -> None:
        """Commit everything added, with the aliases and the commit it was read at."""
        with self.db:
            self.db.executemany(
                "insert or replace into aliases values (?, ?)", list(aliases.items())
            )
            self.db.execute("insert or replace into meta values ('head', ?)", (head_sha,))


def _version_to_json(v: Version) -> tuple[str, str, str]:
    """The version's commit and file, its changes, and its summary: three JSON texts."""
    c = v.commit
    about = [
        [
            c.sha,
            list(c.parents),
            c.author_name,
            c.author_email,
            c.author_date,
            c.committer_name,
            c.committer_email,
            c.committer_date,
            c.message,
        ],
        v.path,
        v.old_path,
        v.status,
        v.blob,
        v.error,
    ]
    changes = [[x.path, x.op, x.old, x.new] for x in v.changes]
    return (
        json.dumps(about, ensure_ascii=False),
        json.dumps(changes, ensure_ascii=False),
        json.dumps(v.summary, ensure_ascii=False),
    )


def _version_from_json(about: str, changes: str, summary: str) -> Version:
    c, path, old_path, status, blob, error = json.loads(about)
    commit = Commit(c[0], tuple(c[1]), *c[2:])
    return Version(
        commit,
        path,
        old_path,
        status,
        blob,
        tuple(Change(*x) for x in json.loads(changes)) if changes else (),
        error,
        tuple(json.loads(summary)),
    )


# --- putting it together ------------------------------------------------------------------------


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
    repo = open_repo(root)
    placement = Placement.of(repo, root)
    head_sha = head(repo)
    shallow = is_shallow(repo)
    warnings = []
    if shallow:
        warnings.append(
            "this is a shallow clone: history is cut at the shallow boundary and older changes "
            "are missing; fetch the whole history (in GitHub Actions: actions/checkout with "
            "fetch-depth: 0)"
        )
    history = History({}, head_sha, shallow, warnings)
    if head_sha is not None:
        _read_commits(
            repo,
            root,
            placement.to_git(CLIENTS_DIR),
            head_sha,
            history,
            worker_count(jobs),
            use_cache,
            changes,
        )
    for record in history.records.values():
        record.path = placement.from_git(record.path)
        newest_first(record.versions)
    if working_tree:
        where = GitWhere(str(repo.working_tree_dir or root), str(repo.git_dir), head_sha, shallow)
        add_working_tree(where, root, placement, history)
    return history


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
    if store.meta("head") != where.head:
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


def _read_commits(
    repo: Any,
    root: Path,
    scope: str,
    head_sha: str,
    history: History,
    jobs: int,
    use_cache: bool,
    changes: bool,
) -> None:
    store = Store(root) if use_cache else None
    records: dict[str, RecordHistory] = {}
    aliases: dict[str, str] = {}
    seq = 0
    since = None
    if store is not None:
        cached_head = store.meta("head")
        if cached_head == head_sha:
            records, _, _ = store.load(changes)
            history.records = records
            return
        if cached_head and is_ancestor(repo, cached_head, head_sha):
            records, aliases, seq = store.load(changes)
            since = cached_head
        else:
            store.reset()
    log = read_log(repo, scope, since=since, until=head_sha)
    new_jobs = _assign(log, aliases, seq)
    touched = {j.key for j in new_jobs}
    tips = store.tips(touched) if store is not None and since else {}
    size = max(20, min(400, len(touched) // (jobs * 4) + 1))
    by_seq = {(j.key, j.commit.sha, j.path): j.seq for j in new_jobs}
    for results, parsed in _run(str(repo.git_dir), _batches(new_jobs, tips, size), jobs):
        history.parsed_blobs += parsed
        rows: list[tuple[str, int, Version]] = []
        for key, versions, _, _ in results:
            rows += [(key, by_seq[(key, v.commit.sha, v.path)], v) for v in versions]
            if not changes:  # saved in full below; held in memory as their summaries only
                versions = [dataclasses.replace(v, changes=()) for v in versions]
            record = records.setdefault(key, RecordHistory(key, versions[-1].path))
            record.versions.extend(versions)
            record.path = versions[-1].path
        if store is not None:  # batch by batch: a cold read never holds every change at once
            store.add(rows, [(key, blob, data) for key, _, blob, data in results])
    history.records = records
    if store is not None:
        store.finish(head_sha, aliases)


def add_working_tree(
    where: GitWhere,
    root: Path,
    placement: Placement,
    history: History,
    only: list[str] | None = None,
) -> None:
    """Uncommitted changes to client files appear as a 'working tree' version, never silently dropped.

    `only` (git paths) limits the look to those files.
    """
    changed = working_changes(where, only or [placement.to_git(CLIENTS_DIR)])
    if not changed:
        return
    by_path = {r.path: r for r in history.records.values()}
    now = Commit(
        WORKING_TREE,
        (history.head,) if history.head else (),
        "",
        "",
        "",
        "",
        "",
        "",
        "uncommitted changes",
    )
    for name in sorted(changed):
        if not name.endswith((".yaml", ".yml")):
            continue
        rel = placement.from_git(name)
        record = by_path.get(rel) or history.records.setdefault(rel, RecordHistory(rel, rel))
        last = next((v for v in record.versions if v.status != "deleted"), None)
        base = _committed_data(where, last.blob) if last and last.blob != NULL_SHA else None
        path = root / rel
        if path.is_file():
            current = parse_blob(path.read_bytes())
            changes = (
                tuple(diff(base if base is not None else {}, current.data))
                if current.data is not None
                else ()
            )
            record.versions.insert(
                0, make_version(now, rel, rel, "working", "", changes, current.error)
            )
        else:
            changes = tuple(diff(base, {})) if base is not None else ()
            record.versions.insert(0, make_version(now, rel, rel, "working", NULL_SHA, changes, ""))


def working_changes(where: GitWhere, scope: list[str]) -> set[str]:
    """Git paths under `scope` that differ from HEAD or are not tracked (not ignored ones).

    NUL-separated, so that a name git would quote (core.quotePath) comes back as it is.
    """
    commands = [("ls-files", "--others", "--exclude-standard", "-z", "--", *scope)]
    if where.head:
        commands.append(("diff", "HEAD", "--name-only", "-z", "--", *scope))
    return {name for output in where.run_together(*commands) for name in _names(output)}


def _names(output: bytes) -> list[str]:
    return [n for n in output.decode("utf-8", "surrogateescape").split("\0") if n]


def _committed_data(where: GitWhere, blob: str) -> Any:
    raw = read_blobs(where.git_dir, [blob]).get(blob)
    return parse_blob(raw).data if raw is not None else None


__all__ = ["WORKING_TREE", "GitUnavailable", "History", "RecordHistory", "Version", "read_history"]
