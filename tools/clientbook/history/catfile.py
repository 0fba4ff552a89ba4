"""One `git cat-file --batch` kept open for a read of the history, and blobs read from it as
they are needed.

A batch of the history asked git for all its blobs at once and waited for every
one before it parsed the first (9,565 blobs of 6 KB took 0.16-0.23 s to receive,
git's own share 0.07 s), and each batch started its own git. A process of git
costs a fixed time before its first blob that depends on the pack: in a pack
written by `git fast-import` and never repacked (deltas against whatever blob came
before, 50 deep) 0.15 s of git's CPU, so eight batches paid 1.2 s for blobs one
process reads in 0.3 s. Now each process of a read keeps one git, and each
batch gives it the ids in the order it needs them, a few ahead of the one it
reads: git decompresses the next while this process parses the one before.
"""

from __future__ import annotations

import contextlib
import subprocess
import tempfile
from collections import deque
from collections.abc import Iterable
from types import TracebackType
from typing import NoReturn

from clientbook.history.gitlog import NULL_SHA, GitUnavailable, read_batch_entry

# ids asked for ahead of the blob being read: what git may decompress meanwhile. Their lines
# (41 bytes each) always fit the pipe to git, whose output may fill its own: never both full.
_AHEAD = 32


class CatFile:
    """`git cat-file --batch` of one repository, kept open until `close`."""

    def __init__(self, git_dir: str) -> None:
        self.errors = tempfile.TemporaryFile()  # noqa: SIM115 (closed with the process)
        self.process = subprocess.Popen(
            ["git", f"--git-dir={git_dir}", "cat-file", "--batch"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.errors,
        )

    def fetch(self, shas: Iterable[str]) -> dict[str, bytes]:
        """The blobs of `shas` that git has."""
        with self.stream(shas) as stream:
            found = {sha: stream.get(sha) for sha in stream.order}
        return {sha: content for sha, content in found.items() if content is not None}

    def stream(self, shas: Iterable[str]) -> BlobStream:
        """The blobs of `shas`, to be asked for in about that order (a context manager)."""
        return BlobStream(self, shas)

    def ask(self, shas: list[str]) -> None:
        stdin = self.process.stdin
        assert stdin is not None
        try:
            stdin.write("".join(f"{sha}\n" for sha in shas).encode())
            stdin.flush()
        except BrokenPipeError:
            self._failed()

    def read(self) -> tuple[str, bytes | None]:
        """The next blob asked for: its id and contents (None for one git does not have)."""
        assert self.process.stdout is not None
        entry = read_batch_entry(self.process.stdout)
        if entry is None:
            self._failed()
        return entry

    def _failed(self) -> NoReturn:
        self.process.wait()
        self.errors.seek(0)
        message = self.errors.read().decode(errors="replace").strip()
        raise GitUnavailable(f"git cat-file failed: {message or 'it ended early'}")

    def close(self) -> None:
        """End git (a forked worker may hold its input open: git would not see it end)."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout):
            # ids still buffered for a git that is gone go nowhere: not an error of the caller's
            with contextlib.suppress(BrokenPipeError):
                if pipe is not None:
                    pipe.close()
        self.errors.close()


class BlobStream:
    """A batch's blobs from a `CatFile`, asked for in the order given as they are needed.

    `get` reads up to the blob asked for, keeping those it passes; a blob not in the
    order, or asked for again, is read on its own.
    """

    def __init__(self, cat: CatFile, shas: Iterable[str]) -> None:
        self.cat = cat
        self.order = list(dict.fromkeys(s for s in shas if s != NULL_SHA))
        self.left = set(self.order)  # in the order and not returned yet
        self.asked = 0  # how many of the order git was asked for
        self.pending: deque[str] = deque()  # asked for, not read yet
        self.passed: dict[str, bytes | None] = {}  # read before they were needed

    def get(self, sha: str) -> bytes | None:
        """The blob's contents; None when git says it is missing."""
        if sha in self.passed:
            self.left.discard(sha)
            return self.passed.pop(sha)
        if sha not in self.left:
            self._read_pending()
            self.cat.ask([sha])
            return self.cat.read()[1]
        self.left.discard(sha)
        while True:
            self._ask_ahead()
            found, content = self.cat.read()
            self.pending.popleft()
            if found == sha:
                return content
            self.passed[found] = content

    def _ask_ahead(self) -> None:
        more = self.order[self.asked : self.asked + _AHEAD - len(self.pending)]
        if more:
            self.cat.ask(more)
            self.asked += len(more)
            self.pending += more

    def _read_pending(self) -> None:
        while self.pending:
            found, content = self.cat.read()
            self.pending.popleft()
            self.passed[found] = content

    def __enter__(self) -> BlobStream:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if error is None:
            self._read_pending()  # the next batch's first answer must be its own
        else:
            self.cat.close()  # in a state no one can tell: of no more use


__all__ = ["BlobStream", "CatFile"]
