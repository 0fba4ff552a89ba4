"""What every export shares: the error that stops one, why a record cannot be read, where it may write.

Both the subject access export (subject_access.py) and the bulk exports
(export.py) refuse the same places and report an unreadable record the same way.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from clientbook.core.ownfiles import own_file, own_files_refusal
from clientbook.core.records import Record


class ExportError(Exception):
    """An export that must not run (unknown client, a place it may not write): exit 2."""


def problem_text(record: Record) -> str:
    """The first load problem of an unreadable record, as `file:line:column: message`."""
    if not record.problems:
        return f"{record.file}: it cannot be read"
    first = record.problems[0]
    where = f"{record.file}:{first.line}:{first.column}" if first.line else record.file
    return f"{where}: {first.message}"


def contacts_path(out: Path) -> Path:
    """The contacts file written beside a CSV export: clients.csv -> clients-contacts.csv."""
    return out.with_name(f"{out.stem}-contacts{out.suffix}")


@dataclass(frozen=True)
class Targets:
    """The files an export writes (nothing else), and warnings about where they are."""

    paths: tuple[Path, ...]
    warnings: tuple[str, ...] = ()


def check_targets(out: str, root: Path, *, contacts: bool = False) -> Targets:
    """The file(s) `--out OUT` writes; ExportError when any of them must not be written.

    Refused: an empty name or one that names a folder (it ends in a slash, or
    is an existing folder); a folder that does not exist (exports never
    create folders); an existing path that is not a regular file; any of the
    repository's own files (core/ownfiles.py). With
    `contacts`, the contacts file beside OUT is checked the same way and must
    be in the same folder.
    """
    if not out:
        raise ExportError("--out needs a file name")
    separators = tuple(s for s in (os.sep, os.altsep, "/") if s)
    if out.endswith(separators):
        raise ExportError(f"--out {out} names a folder; give a file name")
    path = Path(out)
    if path.name in ("", ".", ".."):
        raise ExportError(f"--out {out} names a folder; give a file name")
    paths = [path]
    if contacts:
        sibling = contacts_path(path)
        if sibling.parent != path.parent or PurePosixPath(sibling.name).name != sibling.name:
            raise ExportError(f"the contacts file {sibling} would not be beside {path}")
        paths.append(sibling)
    warnings = []
    for target in paths:
        if target.is_dir():
            raise ExportError(f"{target} is a folder; give a file name")
        if not target.parent.is_dir():
            raise ExportError(
                f"the folder {target.parent} does not exist; create it first "
                "(an export never creates folders)"
            )
        if (target.exists() or target.is_symlink()) and not target.is_file():
            raise ExportError(f"{target} exists and is not a regular file; choose another name")
        warning = _where(target, root)
        if warning and warning not in warnings:
            warnings.append(warning)
    return Targets(tuple(paths), tuple(warnings))


def check_folder(out: str, root: Path) -> Targets:
    """The folder `--out DIR` names for a vdir export; ExportError when it must not be written.

    It must exist and be a folder (an export never creates folders), and lie outside the
    repository's own files (core/ownfiles.py).
    """
    if not out:
        raise ExportError("--out needs a folder")
    folder = Path(out)
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist; create it first"
        raise ExportError(f"--out {out} {what} (a vdir export writes one card a file into it)")
    warning = _where(folder / "card.vcf", root)
    return Targets((folder,), (warning,) if warning else ())


def _where(target: Path, root: Path) -> str:
    """Refuse a target among the records or git's own files; warn about one inside the repository."""
    written = target.parent.resolve() / target.name  # a symlink at target is replaced, not followed
    top = root.resolve()
    own = own_file(written, top)
    if own or ".git" in written.parts:
        raise ExportError(own_files_refusal(str(target), own or ".git"))
    if top not in written.parents:
        return ""
    return (
        f"{target} is inside the records repository; it holds personal data, so do not commit "
        "it (list it in .gitignore, or write it outside the repository)"
    )
