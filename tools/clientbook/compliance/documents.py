"""The documents a record's agreements reference, read only from documents/, and the ZIP.

A referenced document is read only when core/documents.py says it is one: a regular
file under documents/, reached through no symbolic link (so never another client's
record, the config, .git, or a file outside the repository). A refused or missing
document is listed with a note, never read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from clientbook.core.documents import document_ref
from clientbook.core.obligations import items

ARCHIVE_JSON = "export.json"
ARCHIVE_DOCUMENTS = "documents"

_CHUNK = 1 << 20


@dataclass(frozen=True)
class DocumentFile:
    """A referenced document: its entry in the export and, for a ZIP, its bytes."""

    entry: dict[str, Any]
    content: bytes | None = None
    archive_name: str = ""


def referenced_documents(
    data: Any, root: Path, *, keep_content: bool = False
) -> list[DocumentFile]:
    """What `agreements[].document` names, in agreement order.

    An http(s) address is listed as such. A path is read (hashed, and its
    bytes kept for a ZIP with `keep_content`) only when it is a regular file
    inside the repository; anything else is listed with a note saying why it
    was not read. `zip_path` says where the file is in a `--zip` export:
    under documents/, at its repository path (documents/acme/msa.pdf stays
    documents/acme/msa.pdf; contracts/msa.pdf becomes documents/contracts/msa.pdf).
    """
    out = []
    taken: dict[str, str] = {}  # zip path -> the repository path stored there
    for index, agreement in items(data, "agreements"):
        if "document" not in agreement:
            continue
        ref = agreement["document"]
        where = {"agreement": agreement.get("id"), "field": f"agreements/{index}/document"}
        if isinstance(ref, str) and ref.lower().startswith(("https://", "http://")):
            note = "held outside the repository at this address; it is not part of the export"
            out.append(DocumentFile({**where, "url": ref, "note": note}))
            continue
        path, refusal = _repo_file(root, ref)
        entry: dict[str, Any] = {
            **where,
            "path": ref if isinstance(ref, str) else json.dumps(ref),
            "in_repository": False,
            "sha256": None,
            "size": None,
            "zip_path": None,
            "note": refusal or None,
        }
        if path is None:
            out.append(DocumentFile(entry))
            continue
        try:
            digest, size, content = _read(path, keep_content)
        except OSError as err:
            out.append(DocumentFile({**entry, "note": f"cannot be read: {err.strerror or err}"}))
            continue
        name = _zip_path(PurePosixPath(str(ref)).as_posix(), taken)
        entry.update(in_repository=True, sha256=digest, size=size, zip_path=name)
        out.append(DocumentFile(entry, content, name))
    return out


def _zip_path(repo_path: str, taken: dict[str, str]) -> str:
    prefix = ARCHIVE_DOCUMENTS + "/"
    base = repo_path if repo_path.startswith(prefix) else prefix + repo_path
    stem, dot, suffix = base.rpartition(".")
    if not dot or "/" in suffix:
        stem, suffix = base, ""
    name, n = base, 1
    while taken.setdefault(name, repo_path) != repo_path:  # both documents/x and x are named
        n += 1
        name = f"{stem}-{n}.{suffix}" if suffix else f"{stem}-{n}"
    return name


def _repo_file(root: Path, ref: object) -> tuple[Path | None, str]:
    """(the document a reference names, "") or (None, why it is not read): core/documents.py
    decides, as for erasure, so only regular files under documents/ ever leave the repository."""
    found = document_ref(ref, "", root)
    if found.path:
        return root / found.path, ""
    if found.missing:
        return None, "not found: no such file in the repository"
    return None, f"refused: {found.problem}; documents are read only from documents/"


def _read(path: Path, keep: bool) -> tuple[str, int, bytes | None]:
    digest = hashlib.sha256()
    size = 0
    chunks: list[bytes] = []
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
            if keep:
                chunks.append(chunk)
    return digest.hexdigest(), size, b"".join(chunks) if keep else None


def archive(export_json: str, files: Sequence[DocumentFile], generated: str) -> bytes:
    """A ZIP: export.json, then each document read from the repository under documents/.

    Every entry has the export's timestamp, mode 0644 and Unix as its
    system, and entries are in name order, so the bytes depend on nothing
    but the content and `generated`.
    """
    when = max(dt.datetime.fromisoformat(generated).replace(tzinfo=None), dt.datetime(1980, 1, 1))
    stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    contents = {f.archive_name: f.content for f in files if f.content is not None}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        _add(zf, ARCHIVE_JSON, export_json.encode("utf-8"), stamp)
        for name in sorted(contents):
            _add(zf, name, contents[name] or b"", stamp)
    return buffer.getvalue()


def _add(
    zf: zipfile.ZipFile, name: str, data: bytes, stamp: tuple[int, int, int, int, int, int]
) -> None:
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix, whatever the platform
    info.external_attr = 0o100644 << 16
    zf.writestr(info, data, compresslevel=9)
