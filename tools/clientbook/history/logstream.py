"""The log read as git writes it, and the blobs it names parsed meanwhile.

`git log --topo-order --reverse` first walks the commits (which of them touch
clients/), then writes them one after another, oldest first, each with the tree
diff that names its blobs. At 10,000 clients and 20,000 commits that is 6 s of
walking and 12 s of writing: as long as raw `git log -p` itself. The history
waited for the whole log before it parsed a blob. Now git writes the log to a
temporary file, and between reads of it this process fetches the blobs named so
far (one `git cat-file --batch`, kept open), parses them and diffs each entry whose
two blobs are parsed, while git works on the rest: git's core and ours both busy.
Before git writes anything, while it walks, the client files of the tree read
(a cold read's latest versions) are parsed: their fields and list items are most
of every earlier version's. What is not done when the log ends is left to the
batches (diffjobs.py), which inherit what was.
"""

from __future__ import annotations

import codecs
import os
import subprocess
import tempfile
import time
from collections import deque
from typing import TYPE_CHECKING, NamedTuple

from clientbook.history.blobparse import MISSING, BlobParser, Parsed
from clientbook.history.catfile import CatFile
from clientbook.history.fielddiff import Change, diff
from clientbook.history.gitlog import (
    NULL_SHA,
    Commit,
    Entry,
    GitUnavailable,
    LoggedCommit,
    log_arguments,
    parse_commit,
    status_word,
)
from clientbook.history.store import Encoded, version_to_json
from clientbook.history.types import Version, make_version

if TYPE_CHECKING:
    from clientbook.history.gitprobe import GitWhere

# blobs fetched and parsed at a time between reads of the log (about 15 ms of parsing)
_STEP = 50
_WAIT = 0.005  # seconds between looks at a log that has nothing new yet


class Logged(NamedTuple):
    commits: list[LoggedCommit]  # as gitlog.read_log gives them
    parsed: dict[str, Parsed]  # blob id -> as BlobParser.parse reads it
    diffs: dict[tuple[str, str], tuple[Change, ...]]  # (old blob, new blob) -> their changes
    # (commit, path) -> the entry's version, made from those changes, and as the store keeps
    # it (None when nothing is stored): a slow log leaves time to spare for them too
    versions: dict[tuple[str, str], tuple[Version, Encoded | None]]
    # what parsed them, with the fields it has seen: the next versions of the same records,
    # left to the batches, then parse only what they change
    parser: BlobParser


def read_log_parsing(
    where: GitWhere,
    scope: str,
    since: str | None,
    until: str,
    limit: int,
    encode: bool = False,
    blobs: CatFile | None = None,
) -> Logged:
    """`gitlog.read_log`, with up to `limit` of the blobs its entries add parsed while it is
    written, and each entry's changes diffed, and its version made (and encoded for the store
    if `encode`), when both its blobs are. The blobs come from `blobs`, kept open by the
    caller, or from a git of its own."""
    with tempfile.TemporaryFile() as out:
        log = subprocess.Popen(
            ["git", "log", *log_arguments(scope, since, until)],
            cwd=where.top,
            stdout=out,
            stderr=subprocess.PIPE,
        )
        own = None
        try:
            # a cold read's latest versions, parsed while git walks the commits before it
            # writes any (a third of the log's time): their fields are most of the earlier ones'
            tips = _tree_blobs(where, until, scope) if since is None and limit > 0 else []
            own = CatFile(where.git_dir) if blobs is None and limit > 0 else None
            logged = _follow(out.fileno(), log, blobs or own, limit, encode, tips)
        except BaseException:  # interrupted: git need not write the rest
            log.kill()
            raise
        finally:
            if own is not None:
                own.close()
            _, err = log.communicate()
    if log.returncode != 0:
        raise GitUnavailable(f"git log failed: {err.decode(errors='replace').strip()}")
    return logged


def _tree_blobs(where: GitWhere, until: str, scope: str) -> list[str]:
    """The blobs of the client files in `until`'s tree (none when git cannot list it: the log
    then says why)."""
    try:
        return where.client_blobs(until, scope)
    except GitUnavailable:
        return []


def _follow(
    fd: int,
    log: subprocess.Popen[bytes],
    blobs: CatFile | None,
    limit: int,
    encode: bool,
    tips: list[str],
) -> Logged:
    """Read the log as it grows; between reads, parse the blobs it named and diff its entries,
    or, while it names none, parse `tips`.

    Read with pread at a position of our own: git writes through the same open file, whose
    offset a read would move."""
    text = _Commits()
    pending: deque[str] = deque()  # blobs named, to parse
    latest = deque(tips)  # to parse while nothing else is to be done
    entries: deque[tuple[Commit, Entry]] = deque()  # to diff once their blobs are parsed
    logged = Logged([], {}, {}, {}, BlobParser())
    parser = logged.parser
    position = 0
    while True:
        done = log.poll() is not None  # before the read: all it wrote is then in the file
        chunk = os.pread(fd, 1 << 20, position)
        position += len(chunk)
        if chunk:
            for commit in text.feed(chunk):
                entries += ((commit.commit, e) for e in commit.entries)
                pending += (e.new_blob for e in commit.entries if e.new_blob != NULL_SHA)
        elif done:
            break
        waiting = pending or (latest if not chunk else None)
        if blobs is not None and waiting and len(logged.parsed) < limit:
            # a blob named twice (a file reverted, two files alike) is fetched once
            wanted = list(dict.fromkeys(s for s in _take(waiting, _STEP) if s not in logged.parsed))
            found = blobs.fetch(wanted)
            for sha in wanted:  # as diffjobs.compute reads a blob, or finds it missing
                raw = found.get(sha)
                logged.parsed[sha] = parser.parse(raw) if raw is not None else MISSING
            _diff_ready(entries, logged, encode)
        elif not chunk:
            time.sleep(_WAIT)
    logged.commits.extend(text.finish())
    return logged


def _diff_ready(entries: deque[tuple[Commit, Entry]], logged: Logged, encode: bool) -> None:
    """Diff the entries, in log order, whose blobs are parsed (a step's worth at most), and
    make their versions."""
    parsed, diffs = logged.parsed, logged.diffs
    for _ in range(min(len(entries), 2 * _STEP)):
        commit, entry = entries[0]
        new = parsed.get(entry.new_blob)
        if new is None and entry.new_blob != NULL_SHA:
            return  # not parsed yet (or past the limit): the batches will
        entries.popleft()
        # an old blob is a new one of an earlier entry: parsed by now, or never (the limit)
        old = parsed.get(entry.old_blob) if entry.old_blob != NULL_SHA else _NOTHING
        if new is not None and new.data is not None and old is not None and old.data is not None:
            key = (entry.old_blob, entry.new_blob)
            changes = diffs.get(key)
            if changes is None:
                changes = diffs[key] = tuple(diff(old.data, new.data))
            status = status_word(entry.status)
            version = make_version(
                commit, entry.path, entry.old_path, status, entry.new_blob, changes, new.error
            )
            encoded = version_to_json(version) if encode else None
            logged.versions[(commit.sha, entry.path)] = (version, encoded)


_NOTHING = Parsed({}, "")  # the old side of an entry that adds its file


def _take(pending: deque[str], count: int) -> list[str]:
    return [pending.popleft() for _ in range(min(count, len(pending)))]


class _Commits:
    """The log's commits from its bytes as they come (a commit may end in a later chunk)."""

    def __init__(self) -> None:
        self.decoder = codecs.getincrementaldecoder("utf-8")("surrogateescape")
        self.rest = ""
        self.commits: list[LoggedCommit] = []

    def feed(self, chunk: bytes) -> list[LoggedCommit]:
        """The commits completed by `chunk` (each ends where the next begins)."""
        *complete, self.rest = (self.rest + self.decoder.decode(chunk)).split("\x1e")
        return self._add(complete)

    def finish(self) -> list[LoggedCommit]:
        """Every commit, oldest first, the last one included."""
        self._add([self.rest + self.decoder.decode(b"", final=True)])
        return self.commits

    def _add(self, chunks: list[str]) -> list[LoggedCommit]:
        new = [c for c in map(parse_commit, chunks) if c is not None]
        self.commits += new
        return new
