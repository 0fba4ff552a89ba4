"""The history cache, .clientbook/cache/history.sqlite, and the JSON its versions are kept in.

Keyed by the commit it was read at: after new commits only those commits are
read, and the latest version of each record is kept parsed, so a new commit
parses only its own blobs. Versions are stored as JSON of plain values, never
pickled, so the format does not depend on where the classes are defined.

A cache file that cannot be read (overwritten, cut short, damaged) is a cache
that is not there: it is moved aside with a one-line warning, and the history
is read from git again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from clientbook import __version__
from clientbook.history.fielddiff import Change
from clientbook.history.gitlog import Commit
from clientbook.history.types import RecordHistory, Version
from clientbook.util.cachedir import CACHE_DIR, ensure_cache_dir, gc_paused
from clientbook.util.fastjson import dumps

_CACHE_FORMAT = 2
_FILE = "history.sqlite"
_ASIDE = "history.sqlite.unreadable"
# sqlite's primary result codes for a file that is no database, or no longer a whole one
_SQLITE_CORRUPT, _SQLITE_NOTADB = 11, 26

F = TypeVar("F", bound=Callable[..., Any])


class Unreadable(sqlite3.DatabaseError):
    """The cache file is not the database it was written as; it has been moved aside."""


def _damaged(err: Exception) -> bool:
    """Whether `err`, met reading or writing the cache, says the file is not as it was written
    (not "locked" or "disk full": those say nothing about the file)."""
    if not isinstance(err, sqlite3.DatabaseError):
        return True  # ValueError and the like: a row's JSON is not what was stored
    code = getattr(err, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
    return str(err).startswith("Could not decode")  # text that is not UTF-8


def _guarded(method: F) -> F:
    """`method`, with a damaged cache raised as Unreadable, the file moved aside first."""

    @functools.wraps(method)
    def wrapper(self: Store, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except Unreadable:
            raise
        except (sqlite3.DatabaseError, ValueError, TypeError, KeyError, IndexError) as err:
            if not _damaged(err):
                raise
            raise self.unreadable(err) from err

    return wrapper  # type: ignore[return-value]


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
        self.read_only = read_only
        if read_only:
            self.path = root / CACHE_DIR / _FILE
            uri = self.path.resolve().as_uri()
            self.db = sqlite3.connect(f"{uri}?mode=ro", uri=True)
            return
        self.path = ensure_cache_dir(root) / _FILE
        self.db = sqlite3.connect(self.path)
        try:
            self._begin()
        except Unreadable:  # moved aside: a new file in its place
            self.db = sqlite3.connect(self.path)
            self._begin()

    def _begin(self) -> None:
        try:
            current = self.meta("format") == f"{_CACHE_FORMAT}/{__version__}"
        except sqlite3.OperationalError:  # a new file: no meta table yet
            current = False
        if not current:
            self.reset()

    def unreadable(self, err: Exception) -> Unreadable:
        """Close the damaged file and move it aside (unless read-only: the caller's parent process
        does that), with a one-line warning; the error to raise."""
        self.db.close()
        if not self.read_only:
            with contextlib.suppress(OSError):
                os.replace(self.path, self.path.with_name(_ASIDE))
            for suffix in ("-journal", "-wal", "-shm"):  # never to be replayed into a new file
                with contextlib.suppress(OSError):
                    os.remove(self.path.with_name(_FILE + suffix))
            print(
                f"warning: the history cache {CACHE_DIR.as_posix()}/{_FILE} could not be read "
                f"({type(err).__name__}: {err}); it was moved aside to {_ASIDE} and the history "
                "is read from git",
                file=sys.stderr,
            )
        return Unreadable(f"the history cache {self.path} could not be read: {err}")

    @_guarded
    def meta(self, key: str) -> str | None:
        row = self.db.execute("select value from meta where key = ?", (key,)).fetchone()
        return row[0] if row else None

    @_guarded
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

    @_guarded
    def load(
        self, with_changes: bool = True
    ) -> tuple[dict[str, RecordHistory], dict[str, str], int]:
        """Every record's versions; without changes, only their summaries (a fraction of the data)."""
        with gc_paused(lasting=True):
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

    @_guarded
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

    @_guarded
    def current_paths(self) -> dict[str, str]:
        """For every path a record has had, the path of that record's latest version."""
        return dict(
            self.db.execute(
                "select a.path, json_extract(v.json, '$[1]') from aliases a join versions v "
                "on v.key = a.key and v.seq = (select max(seq) from versions w where w.key = a.key)"
            )
        )

    @_guarded
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

    @_guarded
    def tips(self, keys: set[str]) -> dict[str, tuple[str, Any]]:
        """The latest blob and its data of each of these records that has one."""
        out = {}
        for key, blob, data in self.db.execute("select key, blob, data from tips"):
            if key in keys:
                out[key] = (blob, json.loads(data) if data else None)
        return out

    @_guarded
    def add(
        self, rows: list[tuple[str, int, str, str, str]], tips: list[tuple[str, str, str]]
    ) -> None:
        """Write one batch's versions (key, seq and `version_to_json`'s texts) and tips (key,
        blob, `tip_to_json`), uncommitted until `finish`."""
        self.db.executemany("insert or replace into versions values (?, ?, ?, ?, ?)", rows)
        self.db.executemany("insert or replace into tips values (?, ?, ?)", tips)

    @_guarded
    def finish(self, head_sha: str, aliases: dict[str, str]) -> None:
        """Commit everything added, with the aliases and the commit it was read at."""
        with self.db:
            self.db.executemany(
                "insert or replace into aliases values (?, ?)", list(aliases.items())
            )
            self.db.execute("insert or replace into meta values ('head', ?)", (head_sha,))


# The SQL above reads the commit's date and the path by their places in the JSON
# ('$[0][7]', '$[1]'): a change to this layout is a change of _CACHE_FORMAT.


Encoded = tuple[str, str, str]


def tip_to_json(data: Any) -> str:
    """A record's latest data as the tips table keeps it ("" for none)."""
    return dumps(data) if data is not None else ""


def version_to_json(v: Version) -> Encoded:
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
        dumps(about),
        dumps(changes),
        dumps(v.summary),
    )


def _version_from_json(about: str, changes: str, summary: str) -> Version:
    """The version `version_to_json` wrote; `changes` empty leaves its changes out."""
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
