"""Parse and diff, per batch of records, in worker processes when it pays.

Each batch fetches its blobs with one `git cat-file --batch` and parses each
distinct blob once. Only the versions travel back, never the parsed records;
for a cached read each worker also writes them as the store keeps them (JSON), as
the main process writing every version's JSON and unpickling every change was the
slowest part of a cold read (the workers waited on it).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from clientbook.history.blobparse import MISSING, BlobParser, Parsed
from clientbook.history.fielddiff import Change, diff
from clientbook.history.gitlog import NULL_SHA, read_blobs
from clientbook.history.renames import Job
from clientbook.history.store import Encoded, tip_to_json, version_to_json
from clientbook.history.types import Version, make_version
from clientbook.util.workers import fork_pool, sharing, with_shared

# (record key, its new jobs, cached tip blob, tip data)
Batch = list[tuple[str, list[Job], str, Any]]
# (record key, its new versions, its latest blob, that blob's data as the store keeps it,
# and each version as the store keeps it); the last two empty when nothing is stored
Computed = list[tuple[str, list[Version], str, str, list[Encoded]]]


@dataclass(frozen=True)
class Reading:
    """What every batch of one read is computed with."""

    git_dir: str
    keep_changes: bool  # False: the versions come back without their changes (stored only)
    encode: bool  # whether the store keeps what is read
    # blobs parsed while the log was read (logstream.py), inherited by forked workers
    parsed: dict[str, Parsed] = field(default_factory=dict, compare=False, repr=False)
    # (old blob, new blob): the changes from one to the other, diffed then too
    diffs: dict[tuple[str, str], tuple[Change, ...]] = field(
        default_factory=dict, compare=False, repr=False
    )


def compute(reading: Reading, batch: Batch) -> tuple[Computed, int]:
    """For each record: its versions and its latest blob and data; and how many blobs were parsed
    here (not those `reading` brings parsed)."""
    known = reading.parsed
    wanted = {
        s
        for _, jobs, tip_blob, _ in batch
        for j in jobs
        for s in (j.old_blob, j.new_blob)
        if s != tip_blob and s not in known
    }
    blobs = read_blobs(reading.git_dir, wanted)
    parser = BlobParser()
    parsed: dict[str, Parsed] = {}

    def get(sha: str) -> Parsed:
        found = known.get(sha)
        if found is not None:
            return found
        if sha not in parsed:
            parsed[sha] = parser.parse(blobs[sha]) if sha in blobs else MISSING
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
                known_changes = _diffed(reading, job, base)
                if known_changes is None:
                    known_changes = tuple(diff(base if base is not None else {}, new.data))
                changes = known_changes
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
        encoded = [version_to_json(v) for v in versions] if reading.encode else []
        if not reading.keep_changes:
            versions = [dataclasses.replace(v, changes=()) for v in versions]
        tip = tip_to_json(last_good) if reading.encode else ""
        out.append((key, versions, tip_blob, tip, encoded))
    return out, len(parsed)


def _diffed(reading: Reading, job: Job, base: Any) -> tuple[Change, ...] | None:
    """The job's changes as diffed while the log was read, if they were diffed from `base`:
    the old blob's own data (the very object), or nothing for a record added."""
    if job.old_blob == NULL_SHA:
        exact = base is None
    else:
        old = reading.parsed.get(job.old_blob)
        exact = old is not None and old.data is not None and base is old.data
    return reading.diffs.get((job.old_blob, job.new_blob)) if exact else None


def make_batches(jobs: list[Job], tips: dict[str, tuple[str, Any]], size: int) -> list[Batch]:
    """The jobs grouped by record, `size` records a batch, each with its record's cached tip."""
    by_key: dict[str, list[Job]] = {}
    for job in jobs:
        by_key.setdefault(job.key, []).append(job)
    items = [(key, group, *tips.get(key, (NULL_SHA, None))) for key, group in by_key.items()]
    return [items[i : i + size] for i in range(0, len(items), size)]


def run_batches(
    reading: Reading, batches: list[Batch], jobs: int
) -> Iterator[tuple[Computed, int]]:
    """`compute` for each batch, in order: in this process and `jobs` - 1 forked workers.

    The workers inherit the batches (`sharing`): only a batch's number is sent to them.
    This process takes every `jobs`-th batch itself, as receiving a worker's results costs
    it about as much as computing them: with `jobs` workers it sat idle, then busy receiving.
    """
    if jobs <= 1 or len(batches) < 2:
        for batch in batches:
            yield compute(reading, batch)
        return
    with sharing((reading, batches)), fork_pool(jobs - 1) as pool:
        task = with_shared(_compute_number)
        futures = {
            number: pool.submit(task, number)
            for number in range(len(batches))
            if number % jobs != jobs - 1
        }
        for number, batch in enumerate(batches):
            found = futures.pop(number, None)
            yield compute(reading, batch) if found is None else found.result()


def _compute_number(shared: tuple[Reading, list[Batch]], number: int) -> tuple[Computed, int]:
    reading, batches = shared
    return compute(reading, batches[number])
