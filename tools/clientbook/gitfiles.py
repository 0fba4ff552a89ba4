"""What git says about the working tree: files changed since a ref."""

from __future__ import annotations

from pathlib import Path

import git


class GitUnavailable(Exception):
    """Not a git repository, git missing, or an unknown ref; the message says which."""


def changed_since(root: Path, ref: str, folder: str = "clients") -> set[str]:
    """Repository-relative paths under `folder` changed since `ref`, staged, unstaged or untracked."""
    try:
        repo = git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError) as err:
        raise GitUnavailable(
            f"{root} is not inside a git repository, so --changed-since cannot be used"
        ) from err
    except git.GitCommandNotFound as err:
        raise GitUnavailable("git is not installed") from err
    top = Path(repo.working_tree_dir or root).resolve()
    prefix = root.resolve().relative_to(top).as_posix()
    scope = f"{prefix}/{folder}" if prefix != "." else folder
    try:
        repo.git.rev_parse("--verify", f"{ref}^{{commit}}")
    except git.GitCommandError as err:
        raise GitUnavailable(
            f"'{ref}' is not a commit in this repository (in a shallow CI checkout, fetch it first: "
            "actions/checkout with fetch-depth: 0)"
        ) from err
    names = repo.git.diff(
        "--name-only", "--no-renames", "--diff-filter=d", ref, "--", scope
    ).splitlines()
    names += repo.git.ls_files("--others", "--exclude-standard", "--", scope).splitlines()
    strip = len(prefix) + 1 if prefix != "." else 0
    return {name[strip:] for name in names if name}
