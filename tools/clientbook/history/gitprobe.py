"""Where a records repository's git is, and the few git commands a site build needs beyond the log.

A site build whose history cache is current needs only HEAD, whether the
clone is shallow, and which client files differ from HEAD. That is three
`git` processes and no GitPython, whose import and repository object cost an
update in place about 60 ms of its half second (gitlog.py keeps GitPython for
reading the log).
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from clientbook.history.gitlog import GitUnavailable, tree_items


@dataclass(frozen=True, slots=True)
class GitWhere:
    """A git working tree: its top folder and git folder, HEAD, and whether it is shallow."""

    top: str
    git_dir: str
    head: str | None  # None before the first commit
    shallow: bool

    def run_together(self, *commands: tuple[str, ...]) -> list[bytes]:
        """Several git commands' outputs, run in the top folder (so paths are the top's) at the
        same time (each is mostly git starting and reading its index: 6-9 ms apiece on a
        10,000-file repository)."""
        try:
            procs = [
                subprocess.Popen(
                    ["git", "-C", self.top, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE
                )
                for args in commands
            ]
        except FileNotFoundError as err:
            raise GitUnavailable("git is not installed") from err
        done = [proc.communicate() for proc in procs]  # every one waited for, failed or not
        for args, proc, (_, errors) in zip(commands, procs, done, strict=True):
            if proc.returncode != 0:
                message = errors.decode("utf-8", "replace").strip()
                raise GitUnavailable(f"git {' '.join(args)} failed: {message}")
        return [out for out, _ in done]

    def is_ancestor(self, older: str, newer: str) -> bool:
        """Whether `older` is an ancestor of `newer` (or the same commit)."""
        command = ["git", "-C", self.top, "merge-base", "--is-ancestor", older, newer]
        try:
            done = subprocess.run(command, capture_output=True, check=False)
        except FileNotFoundError as err:
            raise GitUnavailable("git is not installed") from err
        return done.returncode == 0

    def client_blobs(self, commit: str, scope: str) -> list[str]:
        """The blob ids of the YAML files under `scope` (a path from the top) in `commit`'s
        tree."""
        (listing,) = self.run_together(("ls-tree", "-r", "-z", commit, "--", scope))
        items = tree_items(listing.decode("utf-8", "surrogateescape"))
        return [i.sha for i in items if i.kind == "blob" and i.path.endswith((".yaml", ".yml"))]


def probe(root: Path) -> GitWhere:
    """The git working tree `root` is in, with one `git rev-parse`; raises GitUnavailable outside git."""
    command = [
        "git",
        "-C",
        str(root),
        "rev-parse",
        "--show-toplevel",
        "--absolute-git-dir",
        "--is-shallow-repository",
        "--verify",
        "-q",
        "HEAD^{commit}",
    ]
    try:
        done = subprocess.run(command, capture_output=True, check=False)
    except FileNotFoundError as err:
        raise GitUnavailable("git is not installed") from err
    lines = done.stdout.decode("utf-8", "surrogateescape").splitlines()
    # with no commit yet, the --verify part fails alone (status 1) after the other three
    if done.returncode not in (0, 1) or len(lines) < 3:
        message = done.stderr.decode("utf-8", "replace").strip()
        raise GitUnavailable(
            f"{root} is not inside a git repository" + (f" ({message})" if message else "")
        )
    head = lines[3] if done.returncode == 0 and len(lines) > 3 else None
    return GitWhere(lines[0], lines[1], head, lines[2] == "true")
