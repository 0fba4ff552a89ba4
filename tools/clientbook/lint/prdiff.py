"""What a change (a pull request, or uncommitted work) does to each record.

Compares the records at the merge base of BASE and HEAD with HEAD (or with
the working tree): which records were added, deleted or renamed, their field
changes, and the lint findings the change introduces or fixes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import git

from clientbook.core.diagnostics import Diagnostic
from clientbook.core.records import Record, record_from_bytes
from clientbook.core.repo import CLIENTS_DIR
from clientbook.history.fielddiff import Change, diff
from clientbook.history.gitlog import (
    RENAMES,
    Entry,
    GitUnavailable,
    Placement,
    ls_tree,
    moves_paired,
    open_repo,
    read_blobs,
    status_word,
)
from clientbook.lint.checkfile import Checker
from clientbook.util.regularfile import regular_file_bytes


@dataclass
class RecordDiff:
    status: str  # added, deleted, renamed, modified (gitlog.status_word)
    path: str
    old_path: str
    changes: list[Change] = field(default_factory=list)
    introduced: list[Diagnostic] = field(default_factory=list)
    fixed: list[Diagnostic] = field(default_factory=list)
    old_data: Any = None  # the record before and after (None: absent or unreadable)
    new_data: Any = None

    @property
    def id(self) -> str:
        return PurePosixPath(self.path).stem


@dataclass
class ChangeSet:
    base: str
    head: str  # a commit, or "working tree"
    records: list[RecordDiff]


def compare(root: Path, checker: Checker, base_ref: str, head_ref: str | None) -> ChangeSet:
    """Diff the records between merge-base(base_ref, head) and head (None: the working tree)."""
    repo = open_repo(root)
    placement = Placement.of(repo, root)
    scope = placement.to_git(CLIENTS_DIR)
    head_commit = _commit(repo, head_ref or "HEAD")
    base = _merge_base(repo, _commit(repo, base_ref), head_commit)
    args = (
        ["--name-status", "-z", RENAMES, base] + ([head_commit] if head_ref else []) + ["--", scope]
    )
    tokens = repo.git.diff(*args).split("\x00")
    entries: list[tuple[str, str, str]] = []
    i = 0
    while i < len(tokens) and tokens[i]:
        letter = tokens[i][0]
        if letter in "RC":
            entries.append((letter, tokens[i + 1], tokens[i + 2]))
            i += 3
        else:
            entries.append((letter, tokens[i + 1], tokens[i + 1]))
            i += 2
    if head_ref is None:
        # NUL-separated: a name git would quote (a backslash, a quote, non-ASCII) comes as it is
        untracked = repo.git.ls_files("--others", "--exclude-standard", "-z", "--", scope)
        entries += [("A", name, name) for name in untracked.split("\x00") if name]
    entries = [e for e in entries if e[2].endswith((".yaml", ".yml"))]
    # a reshard's moves, past git's rename limit, are still moves (a file name is an id)
    paired = moves_paired([Entry(letter, new, old, "", "") for letter, old, new in entries])
    entries = [(e.status, e.old_path, e.path) for e in paired]
    old_blobs = _blob_ids(repo, base, [old for letter, old, _ in entries if letter != "A"])
    new_blobs = (
        _blob_ids(repo, head_commit, [new for letter, _, new in entries if letter != "D"])
        if head_ref
        else {}
    )
    contents = read_blobs(str(repo.git_dir), [*old_blobs.values(), *new_blobs.values()])
    out = []
    for letter, old_name, new_name in entries:
        old_path, new_path = placement.from_git(old_name), placement.from_git(new_name)
        old = (
            _record(old_path, contents.get(old_blobs.get(old_name, ""))) if letter != "A" else None
        )
        if letter == "D":
            new = None
        elif head_ref:
            new = _record(new_path, contents.get(new_blobs.get(new_name, "")))
        else:
            new = _record(new_path, _working_bytes(root / new_path))
        out.append(_compare_records(status_word(letter), old_path, new_path, old, new, checker))
    return ChangeSet(base, head_commit if head_ref else "working tree", out)


def _working_bytes(path: Path) -> bytes | None:
    """The working tree's file, or None when it is gone or no regular file (never a FIFO's wait)."""
    try:
        return regular_file_bytes(path)
    except OSError:
        return None


def _commit(repo: git.Repo, ref: str) -> str:
    try:
        return str(repo.git.rev_parse("--verify", f"{ref}^{{commit}}"))
    except git.GitCommandError as err:
        raise GitUnavailable(
            f"'{ref}' is not a commit in this repository (in a shallow CI checkout, fetch it: "
            "actions/checkout with fetch-depth: 0)"
        ) from err


def _merge_base(repo: git.Repo, base: str, head: str) -> str:
    try:
        return str(repo.git.merge_base(base, head))
    except git.GitCommandError:
        return base  # unrelated histories: compare the two commits directly


def _blob_ids(repo: git.Repo, commit: str, names: list[str]) -> dict[str, str]:
    return {item.path: item.sha for item in ls_tree(repo, commit, names)} if names else {}


def _record(path: str, raw: bytes | None) -> Record | None:
    return record_from_bytes(path, raw) if raw is not None else None


def _key(d: Diagnostic) -> tuple[str, str, str]:
    return (d.rule, d.pointer, d.message)


def _compare_records(
    status: str,
    old_path: str,
    new_path: str,
    old: Record | None,
    new: Record | None,
    checker: Checker,
) -> RecordDiff:
    old_data = old.data if old is not None else None
    new_data = new.data if new is not None else None
    result = RecordDiff(status, new_path, old_path, old_data=old_data, new_data=new_data)
    if old_data is not None or new_data is not None:
        result.changes = diff(old_data or {}, new_data or {})
    # a deleted record's findings are gone, not fixed
    before = checker.check_record(old).diagnostics if old is not None and new is not None else []
    after = checker.check_record(new).diagnostics if new is not None else []
    before_keys = {_key(d) for d in before}
    after_keys = {_key(d) for d in after}
    result.introduced = [d for d in after if _key(d) not in before_keys]
    result.fixed = [d for d in before if _key(d) not in after_keys]
    return result
