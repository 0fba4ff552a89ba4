"""What an agreement's `document:` names, decided once: an address, one of the repository's
documents, or something clientbook must never touch on a record's behalf.

Only a regular file under documents/, reached without passing through a symbolic
link, is a document: erasure and anonymisation delete only these, a history purge
removes only these, lint flags every other path. Another client's record, the
config, a schema, a path that climbs out with `..`, or a link into clients/ is
refused with the reason.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from clientbook.core.obligations import items
from clientbook.core.repo import DOCUMENTS_DIR


@dataclass(frozen=True, slots=True)
class DocumentRef:
    pointer: str  # agreements/0/document
    value: Any  # as written
    path: str  # the repository path of a document, "" when it is not one
    problem: str  # why it is not one of the repository's documents ("" when it is, or an address)
    missing: bool = False  # a path under documents/ to a file that does not exist
    address: bool = False  # https://… : held elsewhere


_UNSAFE = re.compile(r"[\\\x00-\x1f\x7f]")  # a backslash, or a control character
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")  # https:, file:, C: (a drive letter)


def is_address(value: str) -> bool:
    """An http(s) address: a document held outside the repository, never read or deleted."""
    return value.lower().startswith(("https://", "http://"))


def document_ref(
    value: Any, pointer: str, root: Path, folders: dict[str, str] | None = None
) -> DocumentRef:
    """Where `value` points, and whether clientbook may treat it as the record's document.

    `folders` keeps what was found of each folder on the way, for a run that looks up many
    records' documents at one moment (lint): most share documents/ and their client's folder.
    """
    if not isinstance(value, str) or not value.strip():
        return DocumentRef(pointer, value, "", "it is not a path")
    if is_address(value):
        return DocumentRef(pointer, value, "", "", address=True)
    parts = _parts(value)
    problem = _path_problem(value, parts)
    if problem:
        return DocumentRef(pointer, value, "", problem)
    # each folder on the way, then the file, by lstat of its path as text: a link anywhere
    # is refused, and no Path is made (a record's documents are looked up on every lint)
    current = os.fspath(root)
    found = None
    for depth, part in enumerate(parts, 1):
        current = f"{current}/{part}"  # a part holds no '/': os.path.join's checks cost more
        if depth < len(parts) and folders is not None:
            state = folders.get(current)
            if state is None:
                state = folders[current] = _lstat(current)[0]
        else:
            state, found = _lstat(current)
        if state == _MISSING:
            return DocumentRef(pointer, value, "", "the file does not exist", missing=True)
        if state == _LINK:
            where = "/".join(parts[:depth])
            return DocumentRef(pointer, value, "", f"{where} is a symbolic link")
    assert found is not None  # the file itself is always looked at
    if not stat.S_ISREG(found.st_mode):
        return DocumentRef(pointer, value, "", "it is not a regular file")
    return DocumentRef(pointer, value, "/".join(parts), "")


_MISSING, _LINK, _THERE = "missing", "link", "there"


def _lstat(path: str) -> tuple[str, os.stat_result | None]:
    try:
        found = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return _MISSING, None
    return (_LINK if stat.S_ISLNK(found.st_mode) else _THERE), found


def _parts(value: str) -> tuple[str, ...]:
    """`PurePosixPath(value).parts` of a path that is not absolute (which `_path_problem`
    refuses): the names between slashes, without empty ones and '.'."""
    if value.startswith("/"):
        return PurePosixPath(value).parts
    return tuple(p for p in value.split("/") if p and p != ".")


def _path_problem(value: str, parts: tuple[str, ...]) -> str:
    if _UNSAFE.search(value):
        return "a path with a backslash or a control character"
    if _SCHEME.match(value):
        return "neither an http(s) address nor a path under documents/"
    if value.startswith("/") or os.path.isabs(value):
        return "an absolute path; write it from the repository's top, under documents/"
    if ".." in parts:
        return "a path with '..', which could lead out of documents/"
    if parts[:1] != (DOCUMENTS_DIR,) or len(parts) < 2:
        return f"not under {DOCUMENTS_DIR}/, where agreement documents are kept"
    return ""


def agreement_documents(
    data: Any, root: Path, folders: dict[str, str] | None = None
) -> list[DocumentRef]:
    """Every `agreements[].document` the record holds, in order, each decided by `document_ref`."""
    return [
        document_ref(agreement["document"], f"agreements/{i}/document", root, folders)
        for i, agreement in items(data, "agreements")
        if "document" in agreement
    ]
