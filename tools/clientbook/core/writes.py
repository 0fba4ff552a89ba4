"""The write layer's vocabulary: the folders a change may write in, its steps, its commit, its refusal."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


class WriteRefused(Exception):
    """Nothing was written, or everything written was undone; the message says which and why."""


@dataclass(frozen=True, slots=True)
class Area:
    """A folder a change may write in, and how messages name it."""

    label: str  # "clients/", "documents/", "the repository", "--out site"
    folder: Path
    in_repository: bool = True  # outputs (--out) may be anywhere the user chooses


@dataclass(frozen=True, slots=True)
class Op:
    kind: str  # "write" or "delete"
    target: Path  # absolute, every folder on the way resolved
    data: bytes = b""


@dataclass(frozen=True, slots=True)
class Commit:
    """The commit a change set ends with; `message` names no personal data."""

    message: str
    body: str = ""


@dataclass
class Applied:
    written: list[str] = field(default_factory=list)  # as the user named them
    deleted: list[str] = field(default_factory=list)
    commit: str = ""  # the commit id, when the change was committed
    recovered: list[str] = field(default_factory=list)  # what was done for killed runs first
    interrupted: bool = False  # a Ctrl-C came once the change was made: it stands, all tidied


def lstat_or_none(path: Path) -> os.stat_result | None:
    try:
        return path.lstat()
    except (FileNotFoundError, NotADirectoryError):
        return None
