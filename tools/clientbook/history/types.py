"""What a history is: versions of a record, a record's versions, and every record's.

A version of uncommitted changes has the commit WORKING_TREE, never a sha.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath

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

    def find(self, client: str) -> RecordHistory | None:
        """A record by id, current path, or any earlier path or id."""
        for record in self.records.values():
            if client in (record.id, record.path):
                return record
        for record in self.records.values():
            if any(client in (v.path, PurePosixPath(v.path).stem) for v in record.versions):
                return record
        return None
