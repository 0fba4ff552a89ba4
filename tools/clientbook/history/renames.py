"""Who is who across renames: each change in the log assigned to the record it belongs to."""

from __future__ import annotations

from dataclasses import dataclass

from clientbook.history.gitlog import Commit, LoggedCommit, status_word


@dataclass(frozen=True, slots=True)
class Job:
    """A version to compute: the entry's blobs and the record it belongs to."""

    key: str
    seq: int
    commit: Commit
    path: str
    old_path: str
    status: str
    old_blob: str
    new_blob: str


def assign(log: list[LoggedCommit], aliases: dict[str, str], start: int) -> list[Job]:
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
                Job(
                    key,
                    seq,
                    logged.commit,
                    entry.path,
                    entry.old_path,
                    status_word(entry.status),
                    entry.old_blob,
                    entry.new_blob,
                )
            )
    return jobs
