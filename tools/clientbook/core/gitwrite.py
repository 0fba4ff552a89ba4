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
    paths = [str(t) for t in targets]
    git(root, "add", "-A", "--", *paths)
    message = ["-m", commit.message] + (["-m", commit.body] if commit.body else [])
    git(root, "commit", "-q", "--no-verify", *message, "--", *paths)
    return head(root)


def unstage(root: Path, targets: list[Path], head: str) -> None:
    paths = [str(t) for t in targets]
    with contextlib.suppress(OSError, subprocess.CalledProcessError):
        if head:
            git(root, "reset", "-q", head, "--", *paths)
        else:
            git(root, "rm", "-q", "--cached", "--ignore-unmatch", "--", *paths)
