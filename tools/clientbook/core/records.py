"""Records: a client file read from disk, its data, and (lazily) its positions."""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import stat
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from clientbook import __version__
from clientbook.core.repo import CLIENTS_DIR, client_names, inside
from clientbook.core.yamlio import MAX_FILE_SIZE, load_document
from clientbook.core.yamlpositions import PositionIndex
from clientbook.core.yamlproblem import LoadProblem
from clientbook.core.yamltraps import Trap
from clientbook.util.atomic import write_bytes
from clientbook.util.cachedir import CACHE_DIR, gc_paused
from clientbook.util.regularfile import NOT_REGULAR, regular_file_bytes
from clientbook.util.workers import fork_map


@dataclass
class Record:
    """One client file. `data` is None when the file could not be read as a record."""

    file: str  # repository-relative, forward slashes
    raw: bytes
    data: dict[str, Any] | None
    problems: list[LoadProblem] = field(default_factory=list)
    traps: dict[str, Trap] = field(default_factory=dict)
    node: Any = field(default=None, repr=False, compare=False)  # kept only while checked

    @cached_property
    def sha(self) -> str:
        """sha256 of the bytes: the key of every cache (computed once: 60 MB at 10,000 clients)."""
        return hashlib.sha256(self.raw).hexdigest()

    @cached_property
    def text(self) -> str:
        return self.raw.decode("utf-8-sig", errors="replace")

    @cached_property
    def positions(self) -> PositionIndex:
        return PositionIndex(self.text, self.node)

    def forget_positions(self) -> None:
        """Drop the decoded text and the positions index (rebuilt if asked for again).

        They are made to place findings and can outweigh the data several times:
        a build that keeps 10,000 records must not keep them too.
        """
        self.__dict__.pop("positions", None)
        self.__dict__.pop("text", None)
        self.node = None

    @property
    def id(self) -> str:
        value = self.data.get("id") if self.data else None
        return value if isinstance(value, str) else Path(self.file).stem


def read_record(
    path: Path, file: str, root: Path, max_size: int, *, keep_node: bool = False
) -> Record:
    """Read and load one client file; every problem is data, never an exception.

    `keep_node` keeps the composed document on the record for placing findings
    (for a record checked at once: the tree is several times the data's size).
    """
    try:
        info = os.lstat(path)  # one call for the common case: a regular file, not a link
    except OSError:
        return _unreadable(file, NOT_REGULAR)
    if stat.S_ISREG(info.st_mode):
        return _read_regular(path, file, info.st_size, max_size, keep_node)
    if stat.S_ISLNK(info.st_mode):
        try:
            target = path.resolve()
        except (OSError, RuntimeError):  # RuntimeError: a loop
            return _unreadable(file, "it is a symbolic link that leads round in a loop")
        if not inside(root, path):
            return _problem(
                file,
                "symlink-outside",
                f"{file} is a symbolic link to {target}, outside the repository",
                "replace the link with the file itself",
            )
        if not target.exists():
            return _unreadable(file, f"it is a symbolic link to {target}, which does not exist")
    if not path.is_file():
        return _unreadable(file, NOT_REGULAR)
    try:
        size = path.stat().st_size
    except OSError as err:
        return _unreadable(file, err.strerror or str(err))
    return _read_regular(path, file, size, max_size, keep_node)


def _read_regular(path: Path, file: str, size: int, max_size: int, keep_node: bool) -> Record:
    try:
        if size > max_size:
            return _problem(
                file,
                "file-too-large",
                f"the file is {size:,} bytes, over the limit of {max_size:,} bytes",
                "a client record is a few kilobytes; raise max_file_size in clientbook.yaml "
                "if this one really must be larger",
            )
        raw = regular_file_bytes(path)
    except OSError as err:
        return _unreadable(file, err.strerror or str(err))
    if raw is None:  # replaced by a FIFO or a device since the check above
        return _unreadable(file, NOT_REGULAR)
    return record_from_bytes(file, raw, max_size, keep_node=keep_node)


def _problem(file: str, rule: str, message: str, hint: str) -> Record:
    """A file-level problem (no position inside the file)."""
    return Record(file, b"", None, [LoadProblem(0, 0, rule, message, hint)])


def _unreadable(file: str, why: str) -> Record:
    return _problem(
        file, "unreadable", f"{file} cannot be read: {why}", "check the file's type and permissions"
    )


def cache_lookup_bytes(path: Path | str, max_size: int) -> bytes | None:
    """A file's bytes to look it up in a cache by content hash; None for a link, anything but
    a regular file (a FIFO would never answer) or an error.

    A file over `max_size` is never read (b""): the full read reports it. One
    lstat, no pathlib: this runs for every client file of every warm run.
    """
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode):
            return None
        if info.st_size > max_size:
            return b""
        return regular_file_bytes(path)
    except OSError:
        return None


def record_from_bytes(
    file: str, raw: bytes, max_size: int = MAX_FILE_SIZE, *, keep_node: bool = False
) -> Record:
    """A record from bytes read elsewhere (a git blob, a form).

    A file the fast path read has no composed node even with `keep_node`: its
    positions are composed from the text if a finding needs one (most files
    have none), instead of for every file.
    """
    doc = load_document(raw, max_size=max_size, keep_node=keep_node)
    data = doc.data if not doc.problems else None
    return Record(file, raw, data, doc.problems, doc.traps, doc.composed)


T = TypeVar("T")


def load_records(
    root: Path, max_size: int = MAX_FILE_SIZE, *, use_cache: bool = False, jobs: int = 1
) -> list[Record]:
    """Every client record in the repository, in file name order.

    With `use_cache`, records whose bytes are unchanged since the last run
    come from .clientbook/cache/records.marshal instead of being parsed again
    (parsing is most of the time a large repository takes to load). The
    others are parsed by `jobs` forked worker processes when there are many.
    """
    return load_and_check(root, max_size, None, use_cache=use_cache, jobs=jobs)[0]


def load_and_check(
    root: Path,
    max_size: int,
    check: Callable[[Record], T] | None,
    *,
    use_cache: bool = False,
    jobs: int = 1,
) -> tuple[list[Record], dict[str, T]]:
    """load_records, and `check` run on each record parsed now, by file.

    `check` runs in the process that parsed the record, while its composed
    document is at hand (lint places its findings from it: composing the
    text again costs as much as parsing it). Records from the cache are not
    checked here.
    """
    names = client_names(root)
    folder = f"{root}{os.sep}{CLIENTS_DIR}{os.sep}"  # paths joined as text: pathlib's cost more
    cache = ParsedCache(root) if use_cache else None
    found = [
        cache.get(folder + n, f"{CLIENTS_DIR}/{n}", max_size) if cache else None for n in names
    ]
    missing = [
        (root / CLIENTS_DIR / n, f"{CLIENTS_DIR}/{n}")
        for n, record in zip(names, found, strict=True)
        if record is None
    ]
    checked: dict[str, T] = {}
    parsed = iter(_parse_all(missing, root, max_size, check, jobs))
    records = []
    for record in found:
        if record is None:
            record, outcome = next(parsed)
            if check is not None:
                checked[record.file] = outcome
            if cache is not None:
                cache.put(record)
        records.append(record)
    if cache is not None:
        cache.save({f"{CLIENTS_DIR}/{n}" for n in names})
    return records, checked


PARSE_IN_WORKERS_FROM = 200  # fewer files parse faster than workers start


class _ParseJob(NamedTuple):
    root: Path
    max_size: int
    check: Callable[[Record], Any] | None  # run on each record where it was parsed


def _parse_all(
    files: list[tuple[Path, str]],
    root: Path,
    max_size: int,
    check: Callable[[Record], Any] | None,
    jobs: int,
) -> list[tuple[Record, Any]]:
    job = _ParseJob(root, max_size, check)
    if jobs <= 1 or len(files) < PARSE_IN_WORKERS_FROM:
        return [_parse_one(job, item) for item in files]
    return fork_map(_parse_one, job, files, jobs)


def _parse_one(job: _ParseJob, item: tuple[Path, str]) -> tuple[Record, Any]:
    """One file read and parsed (in a worker), and the job's check's outcome for it."""
    record = read_record(item[0], item[1], job.root, job.max_size, keep_node=job.check is not None)
    outcome = job.check(record) if job.check is not None else None
    record.forget_positions()  # the composed document stays here: it is several times the data
    return record, outcome


class ParsedCache:
    """Parsed records by content hash, in BUCKETS files by the hash of the file's name
    (marshal: the data is plain JSON-model values).

    A bucket is read when a file of it is first asked for, so a process that needs a few
    records (a site build's page worker, given whole buckets: bucket_of) reads those
    alone, and writing back rewrites only the buckets that changed.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.folder = root / CACHE_DIR / "records"
        self.buckets: dict[int, dict[str, tuple[str, Any, list[tuple[str, str, str, str]]]]] = {}
        self.dirty: set[int] = set()

    def _bucket(self, number: int) -> dict[str, tuple[str, Any, list[tuple[str, str, str, str]]]]:
        bucket = self.buckets.get(number)
        if bucket is None:
            bucket = {}
            with contextlib.suppress(OSError, ValueError, EOFError, TypeError, KeyError):
                with gc_paused(lasting=True):
                    stored = marshal.loads((self.folder / f"{number:02x}.marshal").read_bytes())
                if isinstance(stored, dict) and stored.get("version") == _PARSED_FORMAT:
                    bucket = stored["entries"]
            self.buckets[number] = bucket
        return bucket

    def get(self, path: Path | str, file: str, max_size: int) -> Record | None:
        entry = self._bucket(bucket_of(file)).get(file)
        raw = cache_lookup_bytes(path, max_size) if entry is not None else None
        sha = hashlib.sha256(raw).hexdigest() if entry is not None and raw else ""
        if entry is None or not raw or sha != entry[0]:
            return None
        traps = {pointer: Trap(text, message, hint) for pointer, text, message, hint in entry[2]}
        record = Record(file, raw, entry[1], [], traps)
        record.__dict__["sha"] = sha  # known already: the cached_property need not hash again
        return record

    def put(self, record: Record) -> None:
        if record.data is not None and record.raw:
            traps = [(p, t.text, t.message, t.hint) for p, t in record.traps.items()]
            number = bucket_of(record.file)
            self._bucket(number)[record.file] = (record.sha, record.data, traps)
            self.dirty.add(number)

    def save(self, keep: set[str], buckets: set[int] | None = None) -> None:
        """Write back the buckets that changed, keeping the entries of the files in `keep`:
        every client file, or with `buckets` every file of those buckets (the others are
        left as they are). A bucket none of the files fall in is removed."""
        wanted = set(range(BUCKETS)) if buckets is None else buckets
        used = {bucket_of(f) for f in keep}
        for number in sorted(wanted):
            path = self.folder / f"{number:02x}.marshal"
            # a cache that cannot be written is only slower
            with contextlib.suppress(OSError, ValueError):
                if number not in used:
                    path.unlink(missing_ok=True)
                    continue
                bucket = self.buckets.get(number)
                if bucket is None or (number not in self.dirty and set(bucket) <= keep):
                    continue
                entries = {f: e for f, e in bucket.items() if f in keep}
                self.folder.mkdir(parents=True, exist_ok=True)
                write_bytes(path, marshal.dumps({"version": _PARSED_FORMAT, "entries": entries}))
        if buckets is None:  # the single file an older clientbook kept (up to 0.4 GB)
            with contextlib.suppress(OSError):
                (self.root / CACHE_DIR / "records.marshal").unlink(missing_ok=True)


BUCKETS = 256


def bucket_of(file: str) -> int:
    """The parse cache bucket of a client file, by its name (stable across runs: crc32)."""
    return zlib.crc32(file.encode()) % BUCKETS


_PARSED_FORMAT = (
    f"1/{__version__}/{sys.version_info[0]}.{sys.version_info[1]}"  # marshal differs by Python
)
