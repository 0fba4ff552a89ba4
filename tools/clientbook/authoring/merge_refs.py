"""What a merge moves and rewrites besides the two records: the merged record's documents
folder, and every agreement that names a document in it.

The documents under documents/OTHER/ move to documents/KEEP/ (a file of the same name
there already with other bytes: to documents/KEEP/OTHER/ instead; with the same bytes:
the copy is only removed). Only regular files are moved: a symbolic link or a special
file in the folder stops the merge, as it would stop an erasure from deleting it. Every
`agreements[].document` naming a moved file — in the merged record or any other — is
rewritten to the new path.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from clientbook.core.obligations import items
from clientbook.core.repo import CLIENTS_DIR, DOCUMENTS_DIR, client_names
from clientbook.util.regularfile import NotRegular, read_regular

_NO_LIMIT = 1 << 40  # documents are moved whatever their size


class MergeRefused(Exception):
    """The merge cannot go ahead; nothing was changed. The message says why and what to do."""


@dataclass(frozen=True, slots=True)
class Move:
    old: str  # documents/acme-freight/msa.pdf
    new: str  # documents/acme-logistics/msa.pdf
    data: bytes | None  # None: the same bytes are at `new` already; the old file is removed only


def plan_moves(root: Path, keep: str, other: str) -> list[Move]:
    """Every file under documents/OTHER/, and where it goes under documents/KEEP/."""
    folder = root / DOCUMENTS_DIR / other
    try:
        found = folder.lstat()
    except FileNotFoundError:
        return []
    if not stat.S_ISDIR(found.st_mode):
        raise MergeRefused(
            f"{DOCUMENTS_DIR}/{other} is not a folder (a link or a file); move it away first"
        )
    moves = []
    for path in sorted(_files(folder, f"{DOCUMENTS_DIR}/{other}")):
        rel = path.relative_to(folder).as_posix()
        try:
            data = read_regular(path, _NO_LIMIT)
        except NotRegular as err:
            raise MergeRefused(
                f"{DOCUMENTS_DIR}/{other}/{rel}: {err}; move it away first"
            ) from None
        moves.append(_destination(root, keep, other, rel, data))
    return moves


def _files(folder: Path, shown: str) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames:
            if os.path.islink(os.path.join(dirpath, name)):
                where = Path(dirpath, name).relative_to(folder).as_posix()
                raise MergeRefused(f"{shown}/{where} is a symbolic link; move it away first")
        yield from (Path(dirpath, name) for name in filenames)


def _destination(root: Path, keep: str, other: str, rel: str, data: bytes) -> Move:
    old = f"{DOCUMENTS_DIR}/{other}/{rel}"
    for new in (f"{DOCUMENTS_DIR}/{keep}/{rel}", f"{DOCUMENTS_DIR}/{keep}/{other}/{rel}"):
        try:
            there = read_regular(root / new, _NO_LIMIT)
        except NotRegular:
            if not os.path.lexists(root / new):
                return Move(old, new, data)
            continue  # a link or a folder there: never written through, try the next place
        if there == data:
            return Move(old, new, None)
    raise MergeRefused(
        f"{old} cannot move: {DOCUMENTS_DIR}/{keep}/{rel} and {DOCUMENTS_DIR}/{keep}/{other}/{rel} "
        "both hold other files; rename one first"
    )


def renamed_documents(data: Any, renamed: dict[str, str]) -> list[tuple[int, str]]:
    """(agreement index, new path) for each agreement whose document is one that moves."""
    out = []
    for i, agreement in items(data, "agreements"):
        value = agreement.get("document")
        if isinstance(value, str) and _normal(value) in renamed:
            out.append((i, renamed[_normal(value)]))
    return out


def _normal(value: str) -> str:
    return PurePosixPath(value).as_posix()


def records_naming(root: Path, renamed: dict[str, str], skip: set[str]) -> list[tuple[str, bytes]]:
    """(file, bytes) of the other client files whose text names a document that moves.

    Files are searched as bytes first; the caller reads the few that hold a name."""
    needles = [old.encode() for old in renamed]
    found = []
    for name in client_names(root):
        file = f"{CLIENTS_DIR}/{name}"
        if file in skip or not needles:
            continue
        try:
            raw = read_regular(root / file, _NO_LIMIT)
        except NotRegular:
            continue  # lint reports it; nothing of it is rewritten
        if any(n in raw for n in needles):
            found.append((file, raw))
    return found
