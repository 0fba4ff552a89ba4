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
import json
import os
import re
import secrets
import stat
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from clientbook.util.cachedir import CACHE_DIR, ensure_cache_dir
from clientbook.util.fsmodes import new_file_mode

# beside the caches, not in them: an erasure drops the caches while it holds the lock
JOURNALS = CACHE_DIR.parent / "journal"
OUTPUT_JOURNAL = ".clientbook-journal-"  # an output folder's own journals, beside what they write
TEMP_TAG = ".clientbook-"  # in every temporary name: what a killed run left is recognised by it
LOCK_WAIT = 10.0  # seconds a second writer waits for the first before it refuses


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


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return path.lstat()
    except (FileNotFoundError, NotADirectoryError):
        return None


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


class ChangeSet:
    """Files to write and delete in one repository, checked as they are added, applied together."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.ops: list[Op] = []
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
        found = _lstat(target)
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
        if _lstat(target) is not None:
            raise WriteRefused(f"{self.shown[target]} already exists; it is never overwritten")
        raw = data.encode("utf-8") if isinstance(data, str) else data
        self._add(Op("write", target, raw))

    def delete(self, path: Path, area: Area) -> None:
        target = self.place(path, area)
        if _lstat(target) is None:
            raise WriteRefused(f"{self.shown[target]} does not exist; nothing to delete")
        self._add(Op("delete", target))

    def _add(self, op: Op) -> None:
        if any(o.target == op.target for o in self.ops):
            raise WriteRefused(f"{self.shown[op.target]} is changed twice in one change")
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

    def lock_folders(self) -> list[Path]:
        """Folders whose lock the change needs: the repository, or each output folder."""
        if self.journal_home() == self.root / JOURNALS:
            return [self.root]
        folders = sorted({self.areas[op.target].folder.resolve() for op in self.ops})
        for folder in folders:  # an output folder is made for what goes in it (a form's)
            folder.mkdir(parents=True, exist_ok=True)
        return folders

    def apply(self, commit: Commit | None = None) -> Applied:
        """Write, delete and commit everything, or nothing: raises WriteRefused after undoing.

        Takes the locks the change needs (unless this process holds them already) and
        first finishes or undoes what a killed run left there.
        """
        done = Applied()
        with contextlib.ExitStack() as stack:
            for folder in self.lock_folders():
                done.recovered += stack.enter_context(locked(folder))
            if commit is not None:
                _check_git_writable(self.root)
            try:
                journal = _Journal.start(self.journal_home(), self.root, self.ops, commit)
            except OSError as err:
                raise WriteRefused(f"{_reason(err)}; nothing was changed") from err
            try:
                journal.stage()  # every new file written and fsynced beside its target
                journal.swap()  # old files kept aside, new ones renamed in, deletions moved aside
                if commit is not None:
                    done.commit = _commit(self.root, [o.target for o in self.ops], commit)
                    journal.mark("committed")
            except BaseException as err:  # a kill (KeyboardInterrupt) must be undone too
                kept = journal.undo()
                if isinstance(err, Exception):
                    raise WriteRefused(f"{_reason(err)}; {kept}") from err
                raise
            journal.finish()
        for op in self.ops:
            (done.written if op.kind == "write" else done.deleted).append(self.shown[op.target])
        return done


def _resolve_existing(path: Path) -> Path:
    """`path` with its symbolic links resolved as far as it exists; the rest appended as named."""
    missing: list[str] = []
    current = path
    while _lstat(current) is None and current != current.parent:
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


def _git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=root, check=True, capture_output=True, text=True
    ).stdout


def _git_dir(root: Path) -> Path:
    return Path(_git(root, "rev-parse", "--absolute-git-dir").strip())


def _head(root: Path) -> str:
    done = subprocess.run(
        ["git", "rev-parse", "--verify", "-q", "HEAD"], cwd=root, capture_output=True, text=True
    )
    return done.stdout.strip() if done.returncode == 0 else ""


def _check_git_writable(root: Path) -> None:
    try:
        git_dir = _git_dir(root)
    except (OSError, subprocess.CalledProcessError) as err:
        raise WriteRefused(f"{root} is not a git repository; nothing was changed") from err
    if (git_dir / "index.lock").exists():
        raise WriteRefused(
            f"git's index is locked ({git_dir / 'index.lock'}): another git command is running, "
            "or one crashed. Wait for it, or remove the lock file if none is running; nothing was changed"
        )
    if not os.access(git_dir, os.W_OK) or not os.access(git_dir / "objects", os.W_OK):
        raise WriteRefused(f"git's folder {git_dir} cannot be written; nothing was changed")


def _commit(root: Path, targets: list[Path], commit: Commit) -> str:
    paths = [str(t) for t in targets]
    _git(root, "add", "-A", "--", *paths)
    message = ["-m", commit.message] + (["-m", commit.body] if commit.body else [])
    _git(root, "commit", "-q", "--no-verify", *message, "--", *paths)
    return _head(root)


def _unstage(root: Path, targets: list[Path], head: str) -> None:
    paths = [str(t) for t in targets]
    with contextlib.suppress(OSError, subprocess.CalledProcessError):
        if head:
            _git(root, "reset", "-q", head, "--", *paths)
        else:
            _git(root, "rm", "-q", "--cached", "--ignore-unmatch", "--", *paths)


class _Journal:
    """One change's steps on disk, so that the next run can undo what a killed one did."""

    def __init__(self, root: Path, path: Path, record: dict[str, object], ops: list[Op]) -> None:
        self.root, self.path, self.record, self.ops = root, path, record, ops

    @classmethod
    def start(cls, home: Path, root: Path, ops: list[Op], commit: Commit | None) -> _Journal:
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
                    "existed": _lstat(op.target) is not None,
                }
            )
        record: dict[str, object] = {
            "state": "staging",
            "head": _head(root) if commit is not None else "",
            "commit": commit is not None,
            "steps": steps,
        }
        journal = cls(root, path, record, ops)
        journal._save()
        return journal

    def _save(self) -> None:
        temp = self.path.with_suffix(".tmp")
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
        for op, step in zip(self.ops, self.steps(), strict=True):
            if op.kind == "write":
                op.target.parent.mkdir(parents=True, exist_ok=True)
                _write_synced(Path(str(step["temp"])), op.data, op.target)
        self.mark("swapping")

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

    def finish(self) -> None:
        self.mark("done")
        _remove_leftovers(self.record)
        self.path.unlink(missing_ok=True)


def _beside(target: Path, tag: str, what: str) -> Path:
    return target.with_name(f".{target.name}{TEMP_TAG}{tag}.{what}")


def _write_synced(path: Path, data: bytes, target: Path) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)
    found = _lstat(target)
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
        if _lstat(kept) is not None:
            os.replace(kept, target)
        elif step["kind"] == "write" and not step["existed"] and record["state"] != "staging":
            _gone(target)
        _gone(temp)
    if record.get("commit"):
        _unstage(root, [Path(str(s["target"])) for s in steps], str(record.get("head", "")))


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
    head = _head(root)
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
        if name.endswith(".json.tmp") and (
            name.startswith(OUTPUT_JOURNAL) or folder.name == "journal"
        ):
            (folder / name).unlink(missing_ok=True)
    return notes


_LEFTOVER = re.compile(r"^\..+\.clientbook-[0-9A-Za-z_]+\.(?:new|old|tmp)$")
SWEPT = ("clients", "documents")  # where a killed run of an older clientbook left its temporaries


def sweep(root: Path) -> list[str]:
    """Remove temporaries a killed run left with no journal to say what they were (under the lock)."""
    removed = []
    for name in SWEPT:
        for folder, _, files in os.walk(root / name):
            for file in files:
                if _LEFTOVER.match(file):
                    Path(folder, file).unlink(missing_ok=True)
                    removed.append(Path(folder, file).relative_to(root).as_posix())
    return [f"removed {name}, left by a stopped run" for name in removed]


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
    import fcntl

    here = folder.resolve()
    if here in _HELD:
        yield []
        return
    fd = os.open(here, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise WriteRefused(
                        f"another clientbook command is writing in {here}; try again when it "
                        "has finished. Nothing was changed"
                    ) from None
                time.sleep(0.05)
        _HELD.add(here)
        try:
            repository = (here / JOURNALS).is_dir()
            notes = recover(here / JOURNALS if repository else here, here)
            yield notes + sweep(here)
        finally:
            _HELD.discard(here)
    finally:
        os.close(fd)
