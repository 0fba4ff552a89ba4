"""The working tree's look: uncommitted changes to client files as a version of their own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from clientbook.core.repo import CLIENTS_DIR
from clientbook.history.blobparse import parse_blob
from clientbook.history.fielddiff import diff
from clientbook.history.gitlog import NULL_SHA, Commit, Placement, read_blobs
from clientbook.history.gitprobe import GitWhere
from clientbook.history.types import WORKING_TREE, History, RecordHistory, make_version
from clientbook.util.regularfile import regular_file_bytes


def add_working_tree(
    where: GitWhere,
    root: Path,
    placement: Placement,
    history: History,
    only: list[str] | None = None,
) -> None:
    """Uncommitted changes to client files appear as a 'working tree' version, never silently dropped.

    `only` (git paths) limits the look to those files.
    """
    changed = working_changes(where, only or [placement.to_git(CLIENTS_DIR)])
    if not changed:
        return
    by_path = {r.path: r for r in history.records.values()}
    now = Commit(
        WORKING_TREE,
        (history.head,) if history.head else (),
        "",
        "",
        "",
        "",
        "",
        "",
        "uncommitted changes",
    )
    for name in sorted(changed):
        if not name.endswith((".yaml", ".yml")):
            continue
        rel = placement.from_git(name)
        record = by_path.get(rel) or history.records.setdefault(rel, RecordHistory(rel, rel))
        last = next((v for v in record.versions if v.status != "deleted"), None)
        base = _committed_data(where, last.blob) if last and last.blob != NULL_SHA else None
        raw = _working_bytes(root / rel)
        if raw is not None:
            current = parse_blob(raw)
            changes = (
                tuple(diff(base if base is not None else {}, current.data))
                if current.data is not None
                else ()
            )
            record.versions.insert(
                0, make_version(now, rel, rel, "working", "", changes, current.error)
            )
        else:
            changes = tuple(diff(base, {})) if base is not None else ()
            record.versions.insert(0, make_version(now, rel, rel, "working", NULL_SHA, changes, ""))


def _working_bytes(path: Path) -> bytes | None:
    """The file's bytes; None when it is gone or no regular file (a FIFO is never waited on)."""
    try:
        return regular_file_bytes(path)
    except OSError:
        return None


def working_changes(where: GitWhere, scope: list[str]) -> set[str]:
    """Git paths under `scope` that differ from HEAD or are not tracked (not ignored ones).

    Before the first commit there is no HEAD to differ from: every file in the index
    (added, not yet committed) is a change, as are the untracked ones.
    NUL-separated, so that a name git would quote (core.quotePath) comes back as it is.
    """
    listed = ("--others",) if where.head else ("--others", "--cached")
    commands = [("ls-files", *listed, "--exclude-standard", "-z", "--", *scope)]
    if where.head:
        commands.append(("diff", "HEAD", "--name-only", "-z", "--", *scope))
    return {name for output in where.run_together(*commands) for name in _names(output)}


def _names(output: bytes) -> list[str]:
    return [n for n in output.decode("utf-8", "surrogateescape").split("\0") if n]


def _committed_data(where: GitWhere, blob: str) -> Any:
    raw = read_blobs(where.git_dir, [blob]).get(blob)
    return parse_blob(raw).data if raw is not None else None
