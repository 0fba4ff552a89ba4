"""The right to erasure: remove a record, keep a tombstone, and (optionally) purge git history.

A tombstone in erasures.yaml holds the date, the request reference, who
erased, and salted SHA-256 hashes of the client's id and contact emails:
enough for lint to recognise a re-created client, never the personal data
itself. The salt is made once per repository. Reading erasures.yaml and
hashing a record are in core/tombstones.py, where lint reads them too.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from clientbook.core.areas import documents_area, records_area, repository_area
from clientbook.core.changeset import ChangeSet, Commit
from clientbook.core.config import Config
from clientbook.core.documents import agreement_documents
from clientbook.core.merges import MERGES, load_merges, merged_into, merges_yaml
from clientbook.core.obligations import items
from clientbook.core.records import load_records
from clientbook.core.repo import CLIENTS_DIR, DOCUMENTS_DIR
from clientbook.core.tombstones import ERASURES, fingerprints, id_fingerprints, load_erasures
from clientbook.history.gitlog import Placement

if TYPE_CHECKING:  # GitPython is imported where a repository is opened (gitlog.open_repo)
    import git

BACKUP_PREFIX = "refs/clientbook-backup/"


class ErasureRefused(Exception):
    """The erasure cannot go ahead; nothing was changed. The message says why and what to do."""


@dataclass(frozen=True)
class Plan:
    client: str
    record: str  # repository-relative path
    documents: tuple[str, ...]  # referenced by this record alone: removed
    shared: tuple[str, ...]  # also referenced by other records: kept
    missing: tuple[str, ...]  # under documents/ but not there: nothing to remove
    refused: tuple[tuple[str, str], ...]  # (what the record names, why it is not touched)
    history_paths: tuple[str, ...]  # every path the record had, for --purge-history
    hashes: frozenset[str]
    needles: tuple[str, ...]  # the id and emails the verification looks for afterwards
    merged: tuple[str, ...] = ()  # ids merged into the client: its history, erased with it


def plan(root: Path, client: str, repo: git.Repo) -> Plan:
    """What erasing `client` removes; refuses when the tree is dirty or the client unknown.

    Only regular files under documents/ (core/documents.py) are ever removed on the
    record's behalf; whatever else an agreement names is listed as refused, untouched.
    """
    if repo.is_dirty(untracked_files=True):
        raise ErasureRefused(
            "the working tree has uncommitted changes; commit or stash them first, "
            "so the erasure commit holds nothing else"
        )
    records = load_records(root)
    target = next((r for r in records if r.id == client or Path(r.file).stem == client), None)
    if target is None or target.data is None:
        raise ErasureRefused(
            f"no readable client '{client}' in clients/ (run 'clientbook lint' if the file exists)"
        )
    refs = agreement_documents(target.data, root)
    mine = {ref.path for ref in refs if ref.path}
    gone = {str(ref.value) for ref in refs if ref.missing}
    others = {
        ref.path or str(ref.value)
        for r in records
        if r is not target and r.data
        for ref in agreement_documents(r.data, root)
        if ref.path or ref.missing
    }
    salt = load_erasures(root).salt or "pending"
    own = mine - others
    merged = merged_ids(root, target.id)
    stem = PurePosixPath(target.file).stem
    paths = _history_paths(repo, root, target.file) | _named_paths(repo, root, stem)
    paths |= own | (gone - others)
    for other in sorted(merged):  # the same client under the ids merged into it
        paths |= _named_paths(repo, root, other)
        paths |= _history_names(repo, root, f"{DOCUMENTS_DIR}/{other}")
    return Plan(
        client=target.id,
        record=target.file,
        documents=tuple(sorted(own)),
        shared=tuple(sorted(mine & others)),
        missing=tuple(sorted(gone)),
        refused=tuple((str(r.value), r.problem) for r in refs if r.problem and not r.missing),
        history_paths=tuple(sorted(paths)),
        hashes=frozenset(fingerprints(target.data, salt) | id_fingerprints(merged, salt)),
        needles=tuple(sorted({*_needles(target.id, target.data), *merged})),
        merged=tuple(sorted(merged)),
    )


def merged_ids(root: Path, client: str) -> set[str]:
    """Every id merged into `client`, and into those (merges.yaml, followed to the end)."""
    entries = load_merges(root)
    found: set[str] = set()
    wanted = {client}
    while wanted:
        new = {m.id for m in merged_into(entries, wanted)} - found - {client}
        found |= new
        wanted = new
    return found


def _needles(client: str, data: Any) -> tuple[str, ...]:
    """What must appear nowhere after the erasure: the id and every contact email."""
    emails = {str(c.get("email")).strip() for _, c in items(data, "contacts") if c.get("email")}
    return tuple(sorted({client, *emails}))


def _history_names(repo: git.Repo, root: Path, folder: str) -> set[str]:
    """Every file that was ever under `folder`, as paths from the repository's top."""
    full = Placement.of(repo, root).to_git(folder)
    names = repo.git.log("--all", "--name-only", "--format=", "--", full).splitlines()
    return {n for n in names if n}


def _history_paths(repo: git.Repo, root: Path, file: str) -> set[str]:
    """Every name the record's file had (renames followed), as paths from the repository's top."""
    full = Placement.of(repo, root).to_git(file)
    names = repo.git.log("--follow", "--name-only", "--format=", "--", full).splitlines()
    return {n for n in names if n} | {full}


def _named_paths(repo: git.Repo, root: Path, other: str) -> set[str]:
    """Every path a client file named `other` had: whichever folder of clients/ it was in (a
    sharded layout, a reshard since — whose thousands of moves git's --follow may not pair),
    with the renames of each followed."""
    placement = Placement.of(repo, root)
    folder = placement.to_git(CLIENTS_DIR)
    specs = [f":(glob){folder}/**/{other}.yaml", f":(glob){folder}/**/{other}.yml"]
    found = repo.git.log("--all", "--name-only", "--format=", "--", *specs).splitlines()
    paths = {f"{folder}/{other}.yaml"}
    for name in sorted({n for n in found if n}):
        paths |= _history_paths(repo, root, placement.from_git(name))
    return paths


def erase(config: Config, chosen: Plan, request: str, by: str, today: dt.date) -> str:
    """Remove the record and its own documents and append the tombstone, in one commit
    through the write layer (all or nothing). Returns the commit id."""
    root = config.root
    erasures = load_erasures(root)
    salt = erasures.salt or secrets.token_hex(16)
    record = next(r for r in load_records(root) if r.file == chosen.record)
    hashes = sorted(fingerprints(record.data, salt) | id_fingerprints(set(chosen.merged), salt))
    entries = [
        *erasures.entries,
        {"date": today.isoformat(), "request": request, "by": by, "hashes": hashes},
    ]
    changes = ChangeSet(root)
    changes.write(root / ERASURES, _erasures_yaml(salt, entries), repository_area(config))
    changes.delete(root / chosen.record, records_area(config))
    gone = {chosen.client, *chosen.merged}
    merges = load_merges(root)
    if any(m.id in gone or m.into in gone for m in merges):
        # the merged ids were the client's too: the tombstone's hashes flag them from now on
        kept = [m for m in merges if m.id not in gone and m.into not in gone]
        changes.write(root / MERGES, merges_yaml(kept), repository_area(config))
    for document in chosen.documents:
        changes.delete(root / document, documents_area(config))
    # The message names the request, not the client: an id can be a person's name.
    done = changes.apply(
        Commit(
            f"Erase a client record (request {request})",
            f"Erased by {by} under request {request}. The tombstone in {ERASURES} holds salted hashes only.",
        )
    )
    return done.commit


def _erasures_yaml(salt: str, entries: list[dict[str, Any]]) -> str:
    lines = [
        "# Tombstones of erased clients (right to erasure). Salted hashes only, never personal data:",
        "# lint uses them to flag a client who is re-created. Written by clientbook erase; do not edit.",
        f"salt: {json.dumps(salt)}",
        "erasures:",
    ]
    for entry in entries:
        lines += [
            f"  - date: {json.dumps(entry['date'])}",
            f"    request: {json.dumps(entry['request'])}",
            f"    by: {json.dumps(entry['by'])}",
            "    hashes:",
        ]
        lines += [f"      - {json.dumps(h)}" for h in entry.get("hashes", [])]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Purged:
    backup: str
    rewritten: tuple[str, ...]


def purge_history(repo: git.Repo, paths: tuple[str, ...], stamp: str) -> Purged:
    """Rewrite every commit to drop `paths` (git filter-repo), after taking a backup ref of every ref.

    On success the backup refs are deleted, reflogs expired and unreachable
    objects pruned, so no commit or object in this clone holds the data. If
    anything fails the backup refs stay, and the exception says how to restore.
    """
    if repo.is_dirty(untracked_files=True):
        raise ErasureRefused(
            "the working tree has uncommitted changes; --purge-history refuses to run"
        )
    refs = [
        r
        for r in repo.git.for_each_ref("--format=%(refname)").splitlines()
        if r and not r.startswith(BACKUP_PREFIX)
    ]
    backup = f"{BACKUP_PREFIX}{stamp}/"
    for ref in refs:
        repo.git.update_ref(backup + ref.removeprefix("refs/"), ref)
    command = [
        sys.executable,
        "-m",
        "git_filter_repo",
        "--force",
        "--invert-paths",
        "--refs",
        *refs,
    ]
    for path in paths:
        command += ["--path", path]
    done = subprocess.run(command, cwd=repo.working_tree_dir, capture_output=True, text=True)
    if done.returncode != 0:
        raise ErasureRefused(
            f"git filter-repo failed ({done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode}). "
            f"Nothing is lost: every ref was saved under {backup}. To restore, for each ref R run "
            f"'git update-ref R {backup}<R without refs/>', e.g. git update-ref refs/heads/main {backup}heads/main"
        )
    for ref in repo.git.for_each_ref("--format=%(refname)", backup.rstrip("/")).splitlines():
        repo.git.update_ref("-d", ref)
    repo.git.reflog("expire", "--expire=now", "--all")
    repo.git.gc("--prune=now", "--quiet")
    return Purged(backup, tuple(refs))


def leftovers(repo: git.Repo, paths: tuple[str, ...]) -> list[str]:
    """Commits in any ref that still touch one of `paths` (empty after a successful purge)."""
    found = repo.git.log("--all", "--format=%H", "--", *paths).splitlines() if paths else []
    return [c for c in found if c]
