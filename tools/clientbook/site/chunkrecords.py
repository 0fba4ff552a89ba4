"""The records a page worker reads for itself: a full build's main process holds none.

At 100,000 clients the records' data is 2.5 GB of Python objects; a main process
that held them all (and the workers it forked, which inherit them) was what a
build's memory came to. So a full build gives its page workers each record's
file, the hash of the bytes lint checked and its findings, and each worker reads
its records from the parse cache, or parses the file where the cache has no
entry. The workers are given whole buckets of the parse cache (bucket_chunks),
so each reads and writes back its own buckets and no other process touches them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from clientbook.core.config import Config
from clientbook.core.records import ParsedCache, Record, bucket_of, read_record


class RecordChanged(Exception):
    """A client file whose bytes are not those lint checked: it changed during the build."""

    def __init__(self, file: str) -> None:
        super().__init__(file)
        self.file = file

    def __str__(self) -> str:
        return f"{self.file} changed while the site was being built"


class ChunkRecords:
    """The records of one chunk of pages, read when first asked for."""

    def __init__(self, config: Config, files: Iterable[str]) -> None:
        self.config = config
        self.files = set(files)  # every file of the chunk's buckets
        self.cache: ParsedCache | None = None

    def record(self, file: str, sha: str) -> Record:
        """The record of `file`, whose bytes lint checked had the hash `sha`. Raises
        RecordChanged when the bytes read are not those, or no longer load (the page would
        show another record than its findings speak of)."""
        root = self.config.root
        if self.cache is None:
            self.cache = ParsedCache(root)
        path = f"{root}/{file}"
        record = self.cache.get(path, file, self.config.max_file_size)
        if record is None:
            record = read_record(Path(path), file, root, self.config.max_file_size)
            self.cache.put(record)
        if record.sha != sha or record.data is None:
            raise RecordChanged(file)
        return record

    def done(self) -> None:
        """Write back the chunk's buckets of the parse cache, if any record was read."""
        if self.cache is not None:
            self.cache.save(self.files, {bucket_of(f) for f in self.files})


def bucket_chunks(buckets: Sequence[int], size: int) -> list[tuple[int, int]]:
    """Spans of `buckets` (sorted) of about `size` items that never split a bucket: a
    bucket larger than `size` is a span of its own."""
    spans: list[tuple[int, int]] = []
    start = 0
    for i in range(1, len(buckets) + 1):
        ends_bucket = i == len(buckets) or buckets[i] != buckets[i - 1]
        if ends_bucket and (i - start >= size or i == len(buckets)):
            spans.append((start, i))
            start = i
    return spans
