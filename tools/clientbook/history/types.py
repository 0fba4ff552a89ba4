"""What a history is: versions of a record, a record's versions, and every record's.

A version of uncommitted changes has the commit WORKING_TREE, never a sha.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from clientbook.core.merges import Merge
from clientbook.history.describe import version_summary
from clientbook.history.fielddiff import Change
from clientbook.history.gitlog import NULL_SHA, Commit

WORKING_TREE = "working tree"


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

    def __reduce__(self) -> tuple[type[Version], tuple[Any, ...]]:
        # as its fields, as Change does (sent from the workers of a history read)
        fields = (self.commit, self.path, self.old_path, self.status, self.blob)
        return (Version, (*fields, self.changes, self.error, self.summary))


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
    # how many blobs this run parsed: the cache's effect, for tests and bench
    parsed_blobs: int = 0
    merges: tuple[Merge, ...] = ()  # merges.yaml's entries: whose history continues where

    def find(self, client: str, *, merged: bool = True) -> RecordHistory | None:
        """A record by id, current path, or any earlier path or id.

        A record that others were merged into (clientbook merge) comes with their
        versions too, under their own ids and paths, unless `merged` is False.
        """
        record = self._find(client)
        if record is None or not merged or not self.merges:
            return record
        folded = self.merged_into(record)
        if not folded:
            return record
        versions = [*record.versions, *(v for r in folded for v in r.versions)]
        return RecordHistory(record.key, record.path, _newest_first(versions))

    def _find(self, client: str) -> RecordHistory | None:
        for record in self.records.values():
            if client in (record.id, record.path):
                return record
        for record in self.records.values():
            if any(client in (v.path, PurePosixPath(v.path).stem) for v in record.versions):
                return record
        return None

    def merged_into(self, record: RecordHistory) -> list[RecordHistory]:
        """The records merged into `record` (and into those, and so on), each with its versions
        up to the merge, its summaries saying under which id each version was made."""
        out: list[RecordHistory] = []
        seen = {record.key}
        todo = [record]
        while todo:
            into = todo.pop(0)
            ids = {PurePosixPath(v.path).stem for v in into.versions} | {into.id}
            shas = {v.commit.sha for v in into.versions}
            for entry in self.merges:
                other = self._find(entry.id) if entry.into in ids else None
                if other is None or other.key in seen:
                    continue
                seen.add(other.key)
                cut = _until_merged(other, shas, entry)
                out.append(cut)
                todo.append(cut)
        return out


def _until_merged(other: RecordHistory, shas: set[str], entry: Merge) -> RecordHistory:
    """`other`'s versions up to its deletion by the merge (a record created again under its id
    later is another record's history), each summary naming the id it was made under."""
    versions = other.versions  # newest first
    ends = [i for i, v in enumerate(versions) if v.status == "deleted" and v.commit.sha in shas]
    ends = ends or [i for i, v in enumerate(versions) if v.status == "deleted"]
    kept = versions[ends[0] :] if ends else versions
    marked = [_as_merged(v, i == 0 and bool(ends), entry) for i, v in enumerate(kept)]
    return RecordHistory(other.key, other.path, marked)


def _as_merged(version: Version, merge: bool, entry: Merge) -> Version:
    old_id = PurePosixPath(version.path).stem
    words = (f"merged into {entry.into}",) if merge else version.summary
    return dataclasses.replace(version, summary=tuple(f"as {old_id}: {w}" for w in words))


def _newest_first(versions: list[Version]) -> list[Version]:
    """Uncommitted edits first, then newest first by date (stable: for equal dates, the
    record's own versions before the merged ones')."""
    working = [v for v in versions if v.commit.sha == WORKING_TREE]
    dated = [v for v in versions if v.commit.sha != WORKING_TREE]
    dated.sort(key=lambda v: _when(v.commit.author_date), reverse=True)
    return working + dated


def _when(text: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return dt.datetime.min.replace(tzinfo=dt.UTC)
