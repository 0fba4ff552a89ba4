"""Which of N CI jobs a client file belongs to: `--shard I/N` (1-based, as pytest-split,
Playwright and Jest count).

A file goes to the shard given by a hash of its client id (the file's stem), not by its
place in the sorted list:

- a record added or removed moves no other record to another shard, so each shard's
  lint cache stays warm for the files it had;
- moving files between folders (`clientbook reshard`, a layout by team) moves none;
- every file of one id (clients/acme.yaml and clients/acme.yml, or the same name in two
  team folders) is in one shard. A baseline knows a finding by its rule, client id and
  pointer, so each baseline entry can be matched in one shard only, and each shard
  matches exactly what an unsharded run would.

A hash spreads files evenly enough (at 10,000 records, each of 4 shards holds 25% ± 1%;
records are of similar size), so no balancing by size is attempted.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

_FORM = re.compile(r"([0-9]+)/([0-9]+)")
MAX_SHARDS = 1000


class ShardError(ValueError):
    """A --shard value that is not I/N with 1 <= I <= N; the words say which and why."""


@dataclass(frozen=True)
class Shard:
    index: int  # 1-based
    total: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        """`I/N` as given on the command line (ShardError saying what is wrong)."""
        match = _FORM.fullmatch(text.strip())
        if match is None:
            raise ShardError(
                f"--shard {text!r}: write it as I/N, this job's number and the number of "
                "jobs, e.g. --shard 1/4 (the first of 4)"
            )
        index, total = int(match[1]), int(match[2])
        if total < 1 or total > MAX_SHARDS:
            raise ShardError(f"--shard {text}: the number of jobs must be 1 to {MAX_SHARDS}")
        if not 1 <= index <= total:
            raise ShardError(
                f"--shard {text}: the job's number must be 1 to {total} (shards count from 1)"
            )
        return cls(index, total)

    def owns(self, file: str) -> bool:
        return shard_of(file, self.total) == self.index

    def mine(self, files: Iterable[str]) -> set[str]:
        return {f for f in files if self.owns(f)}

    def __str__(self) -> str:
        return f"{self.index}/{self.total}"


def shard_of(file: str, total: int) -> int:
    """The shard (1 to `total`) of a repository-relative file: by its stem, the client id."""
    stem = PurePosixPath(file).stem
    number = int.from_bytes(hashlib.sha256(stem.encode("utf-8", "surrogateescape")).digest()[:8])
    return number % total + 1
