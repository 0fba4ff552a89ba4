"""The write layer's journal and lock: each step recorded before it is taken, so the next run
undoes (or, if its commit landed, finishes) what a killed one began; one writer at a time.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

from clientbook.core import gitwrite
from clientbook.core.writes import Commit, Op, WriteRefused, lstat_or_none
from clientbook.util.cachedir import CACHE_DIR, ensure_cache_dir
from clientbook.util.flock import LOCK_WAIT, Busy, exclusive
from clientbook.util.fsmodes import new_file_mode

# beside the caches, not in them: an erasure drops the caches while it holds the lock
JOURNALS = CACHE_DIR.parent / "journal"
OUTPUT_JOURNAL = ".clientbook-journal-"  # an output folder's own journals, beside what they write
TEMP_TAG = ".clientbook-"  # in every temporary name: what a killed run left is recognised by it
SYNC_EACH_UP_TO = 32  # files staged with an fsync each; more are synced by one sync()


class Journal:
    """One change's steps on disk, so that the next run can undo what a killed one did."""

    def __init__(self, root: Path, path: Path, record: dict[str, object], ops: list[Op]) -> None:
        self.root, self.path, self.record, self.ops = root, path, record, ops

    @classmethod
    def start(cls, home: Path, root: Path, ops: list[Op], commit: Commit | None) -> Journal:
        tag = secrets.token_hex(6)
        if home == root / JOURNALS:
            ensure_cache_dir(root)
            home.mkdir(parents=True, exist_ok=True)
            path = home / f"{tag}.json"
        else:
            path = home / f"{OUTPUT_JOURNAL}{tag}.json"
        steps = []
        for op in ops:
            steps.append(
                {
                    "kind": op.kind,
                    "target": str(op.target),
                    "temp": str(_beside(op.target, tag, "new")),
                    "kept": str(_beside(op.target, tag, "old")),
                    "existed": lstat_or_none(op.target) is not None,
                }
            )
        record: dict[str, object] = {
            "state": "staging",
            "head": gitwrite.head(root) if commit is not None else "",
            "commit": commit is not None,
            "steps": steps,
        }
        journal = cls(root, path, record, ops)
        journal._save()
        return journal

    def _save(self) -> None:
        temp = self.path.with_name(self.path.name + ".tmp")  # what recover() knows to remove
        with open(temp, "w", encoding="utf-8") as handle:
            json.dump(self.record, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, self.path)
        _fsync_folder(self.path.parent)

    def mark(self, state: str) -> None:
        self.record["state"] = state
        self._save()

    def steps(self) -> list[dict[str, object]]:
        return self.record["steps"]  # type: ignore[return-value]

    def stage(self) -> None:
        """Every new file written beside its target and on disk before any target changes.

        Many files are synced by one sync() after all are written: an fsync each cost an
        import of 10,000 records a minute on a disk that takes 5 ms a flush, one sync()
        under a second, with the same promise (all on disk before the first rename).
        """
        pairs = zip(self.ops, self.steps(), strict=True)
        writes = [(op, step) for op, step in pairs if op.kind == "write"]
        each = len(writes) <= SYNC_EACH_UP_TO
        self._make_folders({op.target.parent for op, _ in writes})
        for op, step in writes:
            _write_new(Path(str(step["temp"])), op.data, op.target, sync=each)
        if not each:
            os.sync()
        self.mark("swapping")

    def _make_folders(self, folders: set[Path]) -> None:
        """The folders missing on the way to `folders` made, journaled first (in one save: a
        reshard makes hundreds), so that an undo, or the next run after a kill, removes them
        again if they are empty."""
        missing: set[Path] = set()
        for folder in folders:
            while folder not in missing and lstat_or_none(folder) is None:
                missing.add(folder)
                folder = folder.parent
        if not missing:
            return
        ordered = sorted(missing, key=lambda f: len(f.parts))  # each after its parent
        self.record["made"] = [str(f) for f in ordered]
        self._save()
        for folder in ordered:
            folder.mkdir(exist_ok=True)

    def swap(self) -> None:
        for op, step in zip(self.ops, self.steps(), strict=True):
            kept = Path(str(step["kept"]))
            if step["existed"]:
                if op.kind == "write":
                    # the old file (or link) stays reachable until the end
                    os.link(op.target, kept, follow_symlinks=False)
                else:
                    os.replace(op.target, kept)
            if op.kind == "write":
                os.replace(Path(str(step["temp"])), op.target)
        for folder in {op.target.parent for op in self.ops}:
            _fsync_folder(folder)
        self.mark("applied")

    def undo(self) -> str:
        """Put every target back as it was; says what was left as it was."""
        rolled_back(self.root, self.record)
        self.path.unlink(missing_ok=True)
        return "every file was left as it was"

    def landed(self) -> bool:
        """Whether the change's commit was made (git may finish one its caller was interrupted in)."""
        return _landed(self.root, self.record)

    def finish(self) -> None:
        self.mark("done")
        _remove_leftovers(self.record)
        self.path.unlink(missing_ok=True)


def _beside(target: Path, tag: str, what: str) -> Path:
    return target.with_name(f".{target.name}{TEMP_TAG}{tag}.{what}")


def _write_new(path: Path, data: bytes, target: Path, *, sync: bool) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        if sync:
            os.fsync(fd)
    finally:
        os.close(fd)
    found = lstat_or_none(target)
    os.chmod(path, stat.S_IMODE(found.st_mode) if found else new_file_mode())


def _gone(path: Path) -> None:
    """`path` removed if it is there (its folder may be gone or be a file by now)."""
    with contextlib.suppress(FileNotFoundError, NotADirectoryError):
        path.unlink()


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def rolled_back(root: Path, record: dict[str, object]) -> None:
    """Undo a journal's steps, from wherever it stopped (safe to run twice)."""
    steps: list[dict[str, object]] = record["steps"]  # type: ignore[assignment]
    for step in reversed(steps):
        target, kept, temp = (Path(str(step[k])) for k in ("target", "kept", "temp"))
        if lstat_or_none(kept) is not None:
            os.replace(kept, target)
        elif step["kind"] == "write" and not step["existed"] and record["state"] != "staging":
            _gone(target)
        _gone(temp)
    for folder in reversed(record.get("made", [])):  # type: ignore[call-overload]
        with contextlib.suppress(OSError):  # only ever succeeds on an empty folder
            Path(str(folder)).rmdir()
    if record.get("commit"):
        gitwrite.unstage(root, [Path(str(s["target"])) for s in steps], str(record.get("head", "")))


def _remove_leftovers(record: dict[str, object]) -> None:
    for step in record["steps"]:  # type: ignore[attr-defined]
        for key in ("kept", "temp"):
            _gone(Path(str(step[key])))


def _landed(root: Path, record: dict[str, object]) -> bool:
    """Whether a killed run's commit was made: HEAD moved on by one commit from where it began."""
    if not record.get("commit"):  # applied is all a change without a commit does
        return record.get("state") in ("applied", "done")
    if record.get("state") not in ("applied", "committed"):
        return record.get("state") == "done"
    head = gitwrite.head(root)
    before = str(record.get("head", ""))
    if not head or head == before:
        return False
    parent = subprocess.run(
        ["git", "rev-parse", "--verify", "-q", f"{head}^"], cwd=root, capture_output=True, text=True
    ).stdout.strip()
    return parent == before


def _journals(folder: Path) -> list[Path]:
    """The journals a folder holds: the repository's journal folder, or an output folder's own."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    if folder.name == JOURNALS.name and folder.parent.name == JOURNALS.parent.name:
        return [folder / n for n in sorted(names) if n.endswith(".json")]
    return [
        folder / n for n in sorted(names) if n.startswith(OUTPUT_JOURNAL) and n.endswith(".json")
    ]


def recover(folder: Path, root: Path) -> list[str]:
    """Finish or undo what killed runs left in `folder`'s journals; one line per change."""
    notes: list[str] = []
    for path in _journals(folder):
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
            if _landed(root, record):
                _remove_leftovers(record)
                notes.append("finished a change a stopped run had made (its leftovers removed)")
            else:
                rolled_back(root, record)
                notes.append("undid a change a stopped run had begun: its files are as they were")
        except (OSError, ValueError, KeyError, TypeError) as err:
            notes.append(f"could not read {path} ({err}); it was set aside")
            path.rename(path.with_suffix(".unreadable"))
            continue
        path.unlink(missing_ok=True)
    for name in os.listdir(folder) if folder.is_dir() else []:
        if _journal_temp(name, folder):
            (folder / name).unlink(missing_ok=True)
    return notes


# A journal being saved: TAG.json.tmp (and TAG.tmp, as earlier versions named it).
_JOURNAL_TEMP = re.compile(r"^(?:[0-9a-f]{12}\.json|[0-9a-f]{12})\.tmp$")


def _journal_temp(name: str, folder: Path) -> bool:
    if name.startswith(OUTPUT_JOURNAL):
        return name.endswith(".tmp")
    return folder.name == JOURNALS.name and _JOURNAL_TEMP.match(name) is not None


_LEFTOVER = re.compile(r"^\..+\.clientbook-[0-9A-Za-z_]+\.(?:new|old|tmp)$")
SWEPT = ("clients", "documents")  # where a killed run of an older clientbook left its temporaries


def sweep(root: Path) -> list[str]:
    """Remove temporaries a killed run left with no journal to say what they were (under the lock)."""
    removed: list[str] = []
    for name in SWEPT:
        _sweep_folder(root / name, f"{name}/", removed)
    for name in removed:
        (root / name).unlink(missing_ok=True)
    return [f"removed {name}, left by a stopped run" for name in removed]


def _sweep_folder(folder: Path, shown: str, found: list[str]) -> None:
    """The leftovers under `folder` (os.scandir, not os.walk: this runs before every write,
    and os.walk costs 0.2 s over 100,000 client files; leftovers are hidden files)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.name[0] == "." and _LEFTOVER.match(entry.name):
            found.append(shown + entry.name)
        elif entry.is_dir(follow_symlinks=False):
            _sweep_folder(Path(entry.path), f"{shown}{entry.name}/", found)


# Folders this process holds the lock of: apply() inside locked() must not wait on itself.
_HELD: set[Path] = set()


@contextlib.contextmanager
def locked(folder: Path, wait: float = LOCK_WAIT) -> Iterator[list[str]]:
    """`folder`'s write lock, held for the block; yields what recovery did first.

    For the repository (the folder holding clientbook.yaml) recovery reads its journal
    folder; for an output folder, the journals beside its files. A second clientbook
    command waits up to `wait` seconds, then refuses. The lock is the kernel's (flock
    on the folder itself): a killed holder releases it, and no lock file is left.
    """
    here = folder.resolve()
    if here in _HELD:
        yield []
        return
    try:
        with exclusive(here, wait):
            _HELD.add(here)
            try:
                repository = (here / JOURNALS).is_dir()
                notes = recover(here / JOURNALS if repository else here, here)
                yield notes + sweep(here)
            finally:
                _HELD.discard(here)
    except Busy:
        raise WriteRefused(
            f"another clientbook command is writing in {here}; try again when it "
            "has finished. Nothing was changed"
        ) from None
