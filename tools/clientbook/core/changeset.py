"""The write layer: every change clientbook makes to a user's files goes through a change set.

A command describes its change first — the files to write and to delete, each in the
folder it belongs to (records under clients/, documents under documents/, the
repository's own files at its top, outputs under --out) — and nothing is touched until
every path has been checked: inside its folder and the repository, no symbolic link on
the way out, nothing but regular files, no name git or a file system would misread.
Then, under the repository's lock, each new file is written beside its target and
fsynced, the old one kept aside, the new renamed over it, and the change committed when
the command commits. On any failure every step already taken is undone and the error
says what was left as it was. A journal records each step before it is taken, so a run
killed at any point is rolled back (or, if its commit landed, finished) by the next one:
a kill leaves the previous state recoverable, never a half-applied change.
"""

from __future__ import annotations

import contextlib
import stat
import subprocess
from pathlib import Path

from clientbook.core import gitwrite
from clientbook.core.journal import JOURNALS, Journal, locked
from clientbook.core.ownfiles import own_file, own_files_refusal
from clientbook.core.writes import Applied, Area, Commit, Op, WriteRefused, lstat_or_none
from clientbook.util.interrupts import held

# The layer's entry point: commands need nothing else from writes.py, journal.py, gitwrite.py.
__all__ = ["Applied", "Area", "ChangeSet", "Commit", "WriteRefused", "locked"]


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


class ChangeSet:
    """Files to write and delete in one repository, checked as they are added, applied together."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.ops: list[Op] = []
        self.targets: set[Path] = set()  # a set: an import of 10,000 files checks each once
        self.shown: dict[Path, str] = {}  # target -> the path as messages show it
        self.areas: dict[Path, Area] = {}

    def place(self, path: Path, area: Area) -> Path:
        """`path` checked to lie in `area`, with every folder on the way resolved; raises WriteRefused."""
        shown = self._shown(path)
        if "\0" in str(path):
            raise WriteRefused(f"{shown!r}: a file name cannot hold a NUL byte")
        folder = area.folder.resolve()
        if area.in_repository and not _inside(folder, self.root):
            raise WriteRefused(
                f"{area.label} resolves to {folder}, outside the repository {self.root}"
            )
        absolute = path if path.is_absolute() else self.root / path
        if ".." in absolute.parts or absolute.name in ("", ".", ".."):
            raise WriteRefused(f"{shown}: a path with '..' could leave {area.label}")
        parent = _resolve_existing(absolute.parent)
        if not _inside(parent, folder):
            raise WriteRefused(
                f"{shown} is outside {area.label} (it resolves to {parent / absolute.name})"
            )
        target = parent / absolute.name
        if target == folder:
            raise WriteRefused(f"{shown} is the folder {area.label} itself, not a file in it")
        own = "" if area.in_repository else own_file(target, self.root)
        if own:
            raise WriteRefused(own_files_refusal(shown, own))
        found = lstat_or_none(target)
        # an output's link is replaced by the file, never written through; a record's is refused
        if found is not None and stat.S_ISLNK(found.st_mode) and area.in_repository:
            raise WriteRefused(
                f"{shown} is a symbolic link; clientbook writes and deletes only regular files"
            )
        if (
            found is not None
            and not stat.S_ISREG(found.st_mode)
            and not stat.S_ISLNK(found.st_mode)
        ):
            raise WriteRefused(
                f"{shown} is not a regular file (a folder, FIFO or device); left as it is"
            )
        self.shown[target] = shown
        self.areas[target] = area
        return target

    def write(self, path: Path, data: bytes | str, area: Area) -> None:
        target = self.place(path, area)
        raw = data.encode("utf-8") if isinstance(data, str) else data
        self._add(Op("write", target, raw))

    def create(self, path: Path, data: bytes | str, area: Area) -> None:
        """Like `write`, for a file that must not exist yet: an existing one is never overwritten."""
        target = self.place(path, area)
        if lstat_or_none(target) is not None:
            raise WriteRefused(f"{self.shown[target]} already exists; it is never overwritten")
        raw = data.encode("utf-8") if isinstance(data, str) else data
        self._add(Op("write", target, raw))

    def delete(self, path: Path, area: Area) -> None:
        target = self.place(path, area)
        if lstat_or_none(target) is None:
            raise WriteRefused(f"{self.shown[target]} does not exist; nothing to delete")
        self._add(Op("delete", target))

    def _add(self, op: Op) -> None:
        if op.target in self.targets:
            raise WriteRefused(f"{self.shown[op.target]} is changed twice in one change")
        self.targets.add(op.target)
        self.ops.append(op)

    def _shown(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix() if path.is_absolute() else path.as_posix()
        except ValueError:
            return str(path)

    def journal_home(self) -> Path:
        """The repository's journal folder; for a change of outputs only, the first output's folder.

        An export or a form written outside the repository leaves nothing in it.
        """
        outputs = [op for op in self.ops if not self.areas[op.target].in_repository]
        if outputs and len(outputs) == len(self.ops):
            return outputs[0].target.parent
        return self.root / JOURNALS

    def lock_folders(self, made: list[Path]) -> list[Path]:
        """Folders whose lock the change needs: the repository, or each output folder (made
        if it is missing, and added to `made`, for a failure to remove)."""
        if self.journal_home() == self.root / JOURNALS:
            return [self.root]
        folders = sorted({self.areas[op.target].folder.resolve() for op in self.ops})
        for folder in folders:
            if _make_output_folder(folder):
                made.append(folder)
        return folders

    def apply(self, commit: Commit | None = None) -> Applied:
        """Write, delete and commit everything, or nothing: raises WriteRefused after undoing.

        Takes the locks the change needs (unless this process holds them already) and
        first finishes or undoes what a killed run left there.
        """
        made: list[Path] = []
        try:
            return self._apply(commit, made)
        except BaseException:
            for folder in reversed(made):  # an output folder made for this change, still empty
                with contextlib.suppress(OSError):
                    folder.rmdir()
            raise

    def _apply(self, commit: Commit | None, made: list[Path]) -> Applied:
        done = Applied()
        with contextlib.ExitStack() as stack:
            for folder in self.lock_folders(made):
                done.recovered += stack.enter_context(locked(folder))
            for op in self.ops:  # again under the lock: nothing swapped in since the plan
                self.place(op.target, self.areas[op.target])
            if commit is not None:
                gitwrite.check_writable(self.root)
            try:
                journal = Journal.start(self.journal_home(), self.root, self.ops, commit)
            except OSError as err:
                raise WriteRefused(f"{_reason(err)}; nothing was changed") from err
            try:
                journal.stage()  # every new file written and fsynced beside its target
                journal.swap()  # old files kept aside, new ones renamed in, deletions moved aside
                if commit is not None:
                    done.commit = gitwrite.commit(self.root, [o.target for o in self.ops], commit)
            except BaseException as err:  # a kill (KeyboardInterrupt) must be undone too
                if commit is None or not journal.landed():
                    kept = journal.undo()
                    if isinstance(err, Exception):
                        raise WriteRefused(f"{_reason(err)}; {kept}") from err
                    raise
                # interrupted while git made the commit, which it finished: the change stands
                done.commit = gitwrite.head(self.root)
                done.interrupted = not isinstance(err, Exception)
            with held() as came:
                self._tidy(journal, done)
            done.interrupted = done.interrupted or bool(came)
        for op in self.ops:
            (done.written if op.kind == "write" else done.deleted).append(self.shown[op.target])
        return done

    def _tidy(self, journal: Journal, done: Applied) -> None:
        """The made change's kept copies removed; if that fails (a full disk), the change
        stands all the same, and the next command that writes removes them."""
        try:
            journal.finish()
            self._drop_emptied_folders()
        except OSError as err:
            done.recovered.append(
                f"the change was made, but {_reason(err)} while removing the copies it kept "
                "aside; the next clientbook command that writes here removes them"
            )

    def _drop_emptied_folders(self) -> None:
        """Folders a deletion left empty inside its area (clients/ac/ after its last file
        moved out), never the area's own folder: git keeps no empty folders, and the next
        listing of a sharded clients/ need not walk them."""
        for op in self.ops:
            if op.kind != "delete":
                continue
            top = self.areas[op.target].folder.resolve()
            folder = op.target.parent
            while folder != top and _inside(folder, top):
                try:
                    folder.rmdir()  # only ever succeeds on an empty folder
                except OSError:
                    break
                folder = folder.parent


def _make_output_folder(folder: Path) -> bool:
    """An output folder made for what goes in it (a form's), one level only: a chain of missing
    folders is more likely a mistyped path than a wish, and is refused as nothing written.
    Whether it was made."""
    found = lstat_or_none(folder)
    if found is not None and stat.S_ISDIR(found.st_mode):
        return False
    if found is not None:
        raise WriteRefused(
            f"{folder} is not a folder (a file, FIFO or device); nothing was written"
        )
    if lstat_or_none(folder.parent) is None:
        raise WriteRefused(
            f"the folder {folder.parent} does not exist; create it first (nothing was written)"
        )
    try:
        folder.mkdir()
    except OSError as err:
        raise WriteRefused(f"{_reason(err)}; nothing was written") from err
    return True


def _resolve_existing(path: Path) -> Path:
    """`path` with its symbolic links resolved as far as it exists; the rest appended as named."""
    missing: list[str] = []
    current = path
    while lstat_or_none(current) is None and current != current.parent:
        missing.insert(0, current.name)
        current = current.parent
    return current.resolve().joinpath(*missing)


def _reason(err: Exception) -> str:
    if isinstance(err, WriteRefused):
        return str(err)
    if isinstance(err, OSError):
        where = f" ({err.filename})" if err.filename else ""
        return f"could not write{where}: {err.strerror or err}"
    if isinstance(err, subprocess.CalledProcessError):
        said = (err.stderr or "").strip().splitlines()
        return f"git refused the commit: {said[-1] if said else err.returncode}"
    return f"{type(err).__name__}: {err}"
