"""Records: a client file read from disk, its data, and (lazily) its positions."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from clientbook.repo import client_files, inside, relative
from clientbook.yamlio import LoadProblem, PositionIndex, Trap, load_document


@dataclass
class Record:
    """One client file. `data` is None when the file could not be read as a record."""

    file: str  # repository-relative, forward slashes
    raw: bytes
    data: dict[str, Any] | None
    problems: list[LoadProblem] = field(default_factory=list)
    traps: dict[str, Trap] = field(default_factory=dict)

    @cached_property
    def text(self) -> str:
        return self.raw.decode("utf-8-sig", errors="replace")

    @cached_property
    def positions(self) -> PositionIndex:
        return PositionIndex(self.text)

    @property
    def id(self) -> str:
        value = self.data.get("id") if self.data else None
        return value if isinstance(value, str) else Path(self.file).stem


def read_record(path: Path, file: str, root: Path, max_size: int) -> Record:
    """Read and load one client file; every problem is data, never an exception."""
    if path.is_symlink():
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
        return _unreadable(file, "it is not a regular file")
    try:
        size = path.stat().st_size
        if size > max_size:
            return _problem(
                file,
                "file-too-large",
                f"the file is {size:,} bytes, over the limit of {max_size:,} bytes",
                "a client record is a few kilobytes; raise max_file_size in clientbook.yaml "
                "if this one really must be larger",
            )
        raw = path.read_bytes()
    except OSError as err:
        return _unreadable(file, err.strerror or str(err))
    return record_from_bytes(file, raw, max_size)


def _problem(file: str, rule: str, message: str, hint: str) -> Record:
    """A file-level problem (no position inside the file)."""
    return Record(file, b"", None, [LoadProblem(0, 0, rule, message, hint)])


def _unreadable(file: str, why: str) -> Record:
    return _problem(
        file, "unreadable", f"{file} cannot be read: {why}", "check the file's type and permissions"
    )


def record_from_bytes(file: str, raw: bytes, max_size: int = 1 << 20) -> Record:
    """A record from bytes read elsewhere (a git blob, a form)."""
    doc = load_document(raw, max_size=max_size)
    return Record(file, raw, doc.data if not doc.problems else None, doc.problems, doc.traps)


def load_records(root: Path, max_size: int = 1 << 20) -> list[Record]:
    """Every client record in the repository, in file name order."""
    return [read_record(p, relative(root, p), root, max_size) for p in client_files(root)]
