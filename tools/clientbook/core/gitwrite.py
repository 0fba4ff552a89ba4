"""The write layer's git: is the repository writable, commit a change's paths, take them back."""

from __future__ import annotations

import contextlib
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from clientbook.core.writes import Commit, WriteRefused


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=root, check=True, capture_output=True, text=True
    ).stdout


def git_dir(root: Path) -> Path:
    return Path(git(root, "rev-parse", "--absolute-git-dir").strip())


def head(root: Path) -> str:
    done = subprocess.run(
        ["git", "rev-parse", "--verify", "-q", "HEAD"], cwd=root, capture_output=True, text=True
    )
    return done.stdout.strip() if done.returncode == 0 else ""


def git_paths(root: Path, *names: str) -> list[Path]:
    """Where git keeps each of `names` for this working tree (`git rev-parse --git-path`):
    a linked worktree has its own index and MERGE_HEAD, and shares objects/ with the others."""
    args = [arg for name in names for arg in ("--git-path", name)]
    return [root / line for line in git(root, "rev-parse", *args).splitlines()]


# What git is in the middle of, by the file or folder it keeps while it is, and the command
# that finishes or aborts it. Rebases first: one stopped on a merge commit also has MERGE_HEAD.
_UNDER_WAY = (
    ("rebase-merge", "a rebase", "git rebase"),
    ("rebase-apply", "a rebase", "git rebase"),  # or `git am`: see _under_way
    ("MERGE_HEAD", "a merge", "git merge"),
    ("CHERRY_PICK_HEAD", "a cherry-pick", "git cherry-pick"),
    ("REVERT_HEAD", "a revert", "git revert"),
    ("sequencer", "a cherry-pick", "git cherry-pick"),  # a series, between two of its commits
)


def operation_in_progress(root: Path) -> str:
    """Why a commit now would be wrong: it would conclude, or land inside, the merge, rebase,
    cherry-pick, revert or am git is in the middle of ('' when there is none).

    Raises OSError or CalledProcessError outside git."""
    found = git_paths(root, *(name for name, _, _ in _UNDER_WAY))
    for (_, what, command), path in zip(_UNDER_WAY, found, strict=True):
        if os.path.lexists(path):
            what, command = _under_way(path, what, command)
            return (
                f"{what} is in progress ({command}): finish it with `{command} --continue` "
                f"or abort it with `{command} --abort`, then run clientbook again; "
                "nothing was changed"
            )
    return ""


def _under_way(path: Path, what: str, command: str) -> tuple[str, str]:
    """The operation a shared state folder belongs to, as git status tells them apart."""
    if path.name == "rebase-apply" and (path / "applying").exists():
        return "an am session", "git am"
    if path.name == "sequencer" and _first_word(path / "todo") == "revert":
        return "a revert", "git revert"
    return what, command


def _first_word(path: Path) -> str:
    with contextlib.suppress(OSError, UnicodeDecodeError):
        words = path.read_text(encoding="utf-8").split(maxsplit=1)
        return words[0] if words else ""
    return ""


def check_writable(root: Path) -> None:
    """Refuse (WriteRefused) a commit git would refuse, or one that would finish or join an
    operation of the user's: called under the lock before anything is written."""
    try:
        folder = git_dir(root)
        index, objects = git_paths(root, "index", "objects")
        doing = operation_in_progress(root)
    except (OSError, subprocess.CalledProcessError) as err:
        raise WriteRefused(f"{root} is not a git repository; nothing was changed") from err
    if doing:
        raise WriteRefused(doing)
    lock = index.with_name(index.name + ".lock")
    if lock.exists():
        raise WriteRefused(
            f"git's index is locked ({lock}): another git command is running, "
            "or one crashed. Wait for it, or remove the lock file if none is running; nothing was changed"
        )
    if not os.access(folder, os.W_OK) or not os.access(objects, os.W_OK):
        raise WriteRefused(f"git's folder {folder} cannot be written; nothing was changed")


def commit(root: Path, targets: list[Path], commit: Commit) -> str:
    """Commit exactly `targets`, as they are on disk (written or deleted).

    When nothing else is staged, they are staged by `git update-index` and the index is
    committed as it is; a commit naming 10,000 paths (an import) matched every path
    against every index entry, seconds of git's time. Otherwise only the paths are
    committed, and what the user had staged stays staged.
    """
    paths = [str(t) for t in targets]
    message = ["-m", commit.message] + (["-m", commit.body] if commit.body else [])
    if _staged_elsewhere(root):
        git(root, "add", "-A", "--", *paths)
        git(root, "commit", "-q", "--no-verify", *message, "--", *paths)
        return head(root)
    names = "".join(os.path.relpath(t, root) + "\0" for t in targets)
    subprocess.run(
        ["git", "update-index", "--add", "--remove", "-z", "--stdin"],
        cwd=root,
        input=names,
        check=True,
        capture_output=True,
        text=True,
    )
    git(root, "commit", "-q", "--no-verify", *message)
    return head(root)


def _staged_elsewhere(root: Path) -> bool:
    """The index differs from HEAD already (or, before the first commit, holds anything)."""
    if not head(root):
        return bool(git(root, "ls-files", "-z").strip("\0"))
    return subprocess.run(["git", "diff", "--cached", "--quiet"], cwd=root).returncode != 0


def unstage(root: Path, targets: list[Path], head: str) -> None:
    paths = [str(t) for t in targets]
    with contextlib.suppress(OSError, subprocess.CalledProcessError):
        if head:
            git(root, "reset", "-q", head, "--", *paths)
        else:
            git(root, "rm", "-q", "--cached", "--ignore-unmatch", "--", *paths)


# Branches: `clientbook import` commits on a new branch, for a pull request.


def current_branch(root: Path) -> str:
    """The branch checked out ('' when HEAD is detached)."""
    done = subprocess.run(
        ["git", "symbolic-ref", "--short", "-q", "HEAD"], cwd=root, capture_output=True, text=True
    )
    return done.stdout.strip() if done.returncode == 0 else ""


def branch_problem(root: Path, name: str) -> str:
    """Why a new branch `name` cannot be made here ('' when it can)."""
    valid = subprocess.run(
        ["git", "check-ref-format", "--branch", name], cwd=root, capture_output=True, text=True
    )
    if valid.returncode != 0 or name.startswith("-"):
        return f"{name!r} is not a name git allows for a branch"
    exists = subprocess.run(
        ["git", "rev-parse", "--verify", "-q", f"refs/heads/{name}"],
        cwd=root,
        capture_output=True,
        text=True,
    )
    if exists.returncode == 0:
        return f"the branch {name} exists already; give another with --branch"
    return ""


@dataclass(frozen=True)
class Place:
    """Where HEAD was: a branch (perhaps without commits yet), or a commit, detached."""

    branch: str
    commit: str

    def shown(self) -> str:
        return self.branch or f"the detached commit {self.commit[:10]}"


def start_branch(root: Path, name: str) -> Place:
    """Check out a new branch `name` at HEAD; the working tree and index stay as they are.

    Returns where HEAD was, for leave_branch. Refuses (WriteRefused) as check_writable does,
    and with git's own words when git cannot make or switch to the branch."""
    check_writable(root)
    back = Place(current_branch(root), head(root))
    try:
        git(root, "checkout", "-q", "-b", name)
    except (OSError, subprocess.CalledProcessError) as err:
        raise WriteRefused(
            f"git could not create the branch {name}: {_said(err)}; nothing was changed"
        ) from err
    return back


def leave_branch(root: Path, name: str, back: Place) -> str:
    """HEAD back at `back`, the branch `name` deleted unless it holds a commit of its own.

    Says what could not be done ('' when all was): this runs while a failure is reported."""
    try:
        if back.branch:
            git(root, "symbolic-ref", "HEAD", f"refs/heads/{back.branch}")
        else:
            # HEAD itself rewritten, as symbolic-ref does for a branch: no file is touched
            git(root, "update-ref", "--no-deref", "HEAD", back.commit)
    except (OSError, subprocess.CalledProcessError) as err:
        return f"could not go back to {back.shown()} ({_said(err)}); HEAD is on the branch {name}"
    tip = _tip(root, name)
    if tip and tip != back.commit:
        return (
            f"the branch {name} was kept: it holds the commit {tip[:10]}, made before the failure"
        )
    if tip:
        with contextlib.suppress(OSError, subprocess.CalledProcessError):
            git(root, "branch", "-q", "-D", name)
    return ""


def _tip(root: Path, name: str) -> str:
    done = subprocess.run(
        ["git", "rev-parse", "--verify", "-q", f"refs/heads/{name}"],
        cwd=root,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip() if done.returncode == 0 else ""


def _said(err: Exception, lines: int = 3) -> str:
    """git's own words for a failure (the last few lines of its stderr), on one line."""
    if isinstance(err, subprocess.CalledProcessError):
        said = [line.strip() for line in (err.stderr or "").splitlines() if line.strip()]
        if said:
            return "; ".join(said[-lines:])
        return f"git exited with {err.returncode}"
    return str(err)


def changed_paths(root: Path, *pathspecs: str) -> list[str]:
    """Files under `pathspecs` that differ from HEAD or are untracked (git status --porcelain),
    sorted. Raises OSError or CalledProcessError outside git."""
    out = git(root, "status", "--porcelain", "--untracked-files=all", "--", *pathspecs)
    return sorted({line[3:].strip() for line in out.splitlines() if line.strip()})
