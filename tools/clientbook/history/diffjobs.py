"""Parse and diff, per batch of records, in worker processes when it pays.

Each batch reads its blobs as it needs them from its process's `git cat-file
--batch` (catfile.py) and parses each distinct blob once. Only the versions travel
back, never the parsed records; for a cached read each worker also writes them as
the store keeps them (JSON), as the main process writing every version's JSON and
unpickling every change was the slowest part of a cold read (the workers waited on it).
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from clientbook.history.blobparse import MISSING, BlobParser, Parsed
from clientbook.history.catfile import CatFile
from clientbook.history.fielddiff import Change, diff
from clientbook.history.gitlog import NULL_SHA
from clientbook.history.renames import Job
from clientbook.history.store import Encoded, tip_to_json, version_to_json
from clientbook.history.types import Version, make_version
from clientbook.util.workers import fork_pool, sharing, with_shared

# a batch is worth a worker when more than one of its versions in this many has its blob left
# to parse
_PARSED_SHARE_FOR_WORKERS = 4

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
    # (commit, path) -> the version made from such a diff then, and as the store keeps it
    versions: dict[tuple[str, str], tuple[Version, Encoded | None]] = field(
        default_factory=dict, compare=False, repr=False
    )
    # the parser of those blobs, which has seen the fields of their records
    parser: BlobParser | None = field(default=None, compare=False, repr=False)


def compute(reading: Reading, batch: Batch, blobs: CatFile) -> tuple[Computed, int]:
    """For each record: its versions and its latest blob and data; and how many blobs were parsed
    here (not those `reading` brings parsed), read from `blobs`, this process's git."""
    known = reading.parsed
    # in the order the loop below asks for them: read from git while the one before is parsed
    wanted = (
        s
        for _, jobs, tip_blob, _ in batch
        for j in jobs
        for s in (j.old_blob, j.new_blob)
        if s != tip_blob and s not in known
    )
    parser = BlobParser(base=reading.parser)
    parsed: dict[str, Parsed] = {}
    with blobs.stream(wanted) as stream:

        def get(sha: str) -> Parsed:
            found = known.get(sha)
            if found is not None:
                return found
            if sha not in parsed:
                raw = stream.get(sha)
                parsed[sha] = parser.parse(raw) if raw is not None else MISSING
            return parsed[sha]

        return _versions(reading, batch, get), len(parsed)


def _versions(reading: Reading, batch: Batch, get: Callable[[str], Parsed]) -> Computed:
    """Each record's versions, from its blobs as `get` parses them."""
    out = []
    for key, jobs, tip_blob, tip_data in batch:
        last_good: Any = tip_data
        versions: list[Version] = []
        encoded: list[Encoded] = []
        for job in jobs:
            new = get(job.new_blob) if job.new_blob != NULL_SHA else Parsed(None, "")
            if job.old_blob == NULL_SHA:
                base = None if job.status == "added" else last_good
            elif job.old_blob == tip_blob:
                base = tip_data
            else:
                base = get(job.old_blob).data
                base = base if base is not None else last_good
            made = _made(reading, job, new, base)
            if new.data is not None:
                last_good = new.data
            elif job.status == "deleted" and base is not None:
                last_good = None
            versions.append(made[0])
            if reading.encode:
                encoded.append(made[1] or version_to_json(made[0]))
            tip_blob, tip_data = job.new_blob, last_good
        if not reading.keep_changes:
            versions = [dataclasses.replace(v, changes=()) for v in versions]
        tip = tip_to_json(last_good) if reading.encode else ""
        out.append((key, versions, tip_blob, tip, encoded))
    return out


def _made(reading: Reading, job: Job, new: Parsed, base: Any) -> tuple[Version, Encoded | None]:
    """The job's version from `base`, and as the store keeps it when it was made already."""
    changes: tuple[Change, ...] = ()
    if new.data is not None:
        known = _diffed(reading, job, base)
        if known is None:
            changes = tuple(diff(base if base is not None else {}, new.data))
        else:  # made with those very changes while the log was read, if it was
            made = reading.versions.get((job.commit.sha, job.path))
            if made is not None:
                return made
            changes = known
    elif job.status == "deleted" and base is not None:
        changes = tuple(diff(base, {}))
    version = make_version(
        job.commit, job.path, job.old_path, job.status, job.new_blob, changes, new.error
    )
    return version, None


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
    reading: Reading, batches: list[Batch], jobs: int, blobs: CatFile
) -> Iterator[tuple[Computed, int]]:
    """`compute` for each batch, in this process (its blobs from `blobs`) and `jobs` - 1
    forked workers (each with a git of its own), in the order they finish.

    A worker's version costs this process about as much to receive as to make from
    blobs parsed already (the JSON, the summary): workers pay only for parsing. So the
    batches are ordered by how many of their blobs are left to parse (`_Work`); the
    workers take them from that end, only while more than one version in
    `_PARSED_SHARE_FOR_WORKERS` has its blob left, and this process takes them from the other end
    whenever no worker's results wait to be received. The workers inherit the batches
    (`sharing`) and leave their results in files, so a worker never waits for this
    process, busy computing, to read them from a pipe.
    """
    several = jobs > 1 and len(batches) > 1
    order, for_workers = _most_left_first(reading, batches) if several else ([], 0)
    if for_workers == 0:
        for batch in batches:
            yield compute(reading, batch, blobs)
        return
    from concurrent.futures import FIRST_COMPLETED, wait

    with tempfile.TemporaryDirectory(prefix="clientbook-history-") as spill:
        work = _Work(batches, order, for_workers, spill)
        # a worker sends back every version it computes: one made already here would come
        # back at the price of making it
        shared = (dataclasses.replace(reading, versions={}), work)
        with sharing(shared), fork_pool(jobs - 1, collect=False) as pool:
            task = with_shared(_compute_next)
            waiting = [pool.submit(task, None) for _ in range(work.for_workers)]
            while waiting:
                finished = [f for f in waiting if f.done()]
                for future in finished:
                    waiting.remove(future)
                    if (path := future.result()) is not None:
                        yield _read_spilled(path)
                if finished:
                    continue
                number = work.take(for_worker=False)
                if number is not None:
                    yield compute(reading, batches[number], blobs)
                else:
                    wait(waiting, return_when=FIRST_COMPLETED)
            while (number := work.take(for_worker=False)) is not None:
                yield compute(reading, batches[number], blobs)


class _Work:
    """The batches of one read, in the order they are taken, and which of them the processes
    have taken from either end (shared by fork)."""

    def __init__(
        self, batches: list[Batch], order: list[int], for_workers: int, spill: str
    ) -> None:
        import multiprocessing

        self.batches = batches
        self.order = order
        self.for_workers = for_workers  # how many, from the front, are worth a worker
        self.spill = spill  # the directory the workers leave their results in
        self._ends = multiprocessing.get_context("fork").Array("i", [0, len(batches) - 1])

    def take(self, for_worker: bool) -> int | None:
        """The number of the next batch no process has taken: a worker's from the front while
        they are worth it, this process's from the back; None when none is left to take."""
        with self._ends.get_lock():
            front, back = self._ends[0], self._ends[1]
            if front > back or (for_worker and front >= self.for_workers):
                return None
            if for_worker:
                self._ends[0] = front + 1
                return int(self.order[front])
            self._ends[1] = back - 1
            return int(self.order[back])


def _most_left_first(reading: Reading, batches: list[Batch]) -> tuple[list[int], int]:
    """The batches' numbers, most blobs left to parse first, and how many of them, from the
    front, are worth a worker."""
    left = [_left_to_parse(reading, batch) for batch in batches]
    order = sorted(range(len(batches)), key=lambda n: -left[n][0])
    worth = sum(1 for blobs, versions in left if blobs * _PARSED_SHARE_FOR_WORKERS > versions)
    return order, worth


def _left_to_parse(reading: Reading, batch: Batch) -> tuple[int, int]:
    """How many of the batch's new blobs are not parsed yet, and how many versions it has."""
    new = {job.new_blob for _, jobs, _, _ in batch for job in jobs}
    left = sum(1 for blob in new if blob not in reading.parsed)
    return left, sum(len(jobs) for _, jobs, _, _ in batch)


def _compute_next(shared: tuple[Reading, _Work], _: None) -> str | None:
    """In a worker: compute the next batch and spill its results to a file; None when none is
    left for workers."""
    reading, work = shared
    number = work.take(for_worker=True)
    if number is None:
        return None
    path = os.path.join(work.spill, f"{number}.pickle")
    computed = compute(reading, work.batches[number], _own_cat_file(reading.git_dir))
    with open(path, "wb") as out:
        pickle.dump(computed, out, pickle.HIGHEST_PROTOCOL)
    return path


# a worker's own git, by process id and git folder: the one a forked worker inherits is its
# parent's
_OWN: dict[tuple[int, str], CatFile] = {}


def _own_cat_file(git_dir: str) -> CatFile:
    """This worker's git, from its first batch on; it ends when the worker does (its input,
    which only the worker holds, then ends)."""
    key = (os.getpid(), git_dir)
    own = _OWN.get(key)
    if own is None:
        own = _OWN[key] = CatFile(git_dir)
    return own


def _read_spilled(path: str) -> tuple[Computed, int]:
    with open(path, "rb") as spilled:
        result: tuple[Computed, int] = pickle.load(spilled)
    os.unlink(path)
    return result
