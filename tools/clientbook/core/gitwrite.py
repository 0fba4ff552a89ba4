"""The write layer's git: is the repository writable, commit a change's paths, take them back."""

from __future__ import annotations

import contextlib
import os
import subprocess
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


def check_writable(root: Path) -> None:
    try:
        folder = git_dir(root)
    except (OSError, subprocess.CalledProcessError) as err:
        raise WriteRefused(f"{root} is not a git repository; nothing was changed") from err
    if (folder / "index.lock").exists():
        raise WriteRefused(
            f"git's index is locked ({folder / 'index.lock'}): another git command is running, "
            "or one crashed. Wait for it, or remove the lock file if none is running; nothing was changed"
        )
    if not os.access(folder, os.W_OK) or not os.access(folder / "objects", os.W_OK):
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


def start_branch(root: Path, name: str) -> None:
    """Check out a new branch `name` at HEAD; the working tree and index stay as they are."""
    git(root, "checkout", "-q", "-b", name)


def leave_branch(root: Path, name: str, back: str) -> None:
    """Back on `back`, and the branch `name` (which holds no commit of its own) removed."""
    with contextlib.suppress(OSError, subprocess.CalledProcessError):
        git(root, "symbolic-ref", "HEAD", f"refs/heads/{back}")
    with contextlib.suppress(OSError, subprocess.CalledProcessError):
        git(root, "branch", "-q", "-D", name)


def changed_paths(root: Path, *pathspecs: str) -> list[str]:
    """Files under `pathspecs` that differ from HEAD or are untracked (git status --porcelain),
    sorted. Raises OSError or CalledProcessError outside git."""
    out = git(root, "status", "--porcelain", "--untracked-files=all", "--", *pathspecs)
    return sorted({line[3:].strip() for line in out.splitlines() if line.strip()})
